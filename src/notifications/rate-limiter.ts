/**
 * Sliding-window rate limits for proactive sends, matching how Teams counts: "at most N requests in any
 * window of W ms", per bot overall and per conversation (thread).
 *
 * Why not a token bucket (or `bottleneck`/`p-limit`): a bucket of capacity N refilled at N/s lets 2N
 * through in the first second (full bucket + refill), which Teams answers with 429s. A sliding-window
 * log is exact for the limit Teams enforces, needs one short timestamp list per key, and tells us how
 * long to wait, which a concurrency limiter (p-limit) does not; bottleneck's keyed groups are
 * reservoir/interval based and would need the same care plus a dependency.
 */

/** At most `limit` sends in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Teams' documented per-thread limits beyond the per-second one (per bot, per conversation):
 * 8 per 2 s and 60 per 30 s. The hourly 1 800 is left to Retry-After handling.
 */
export const TEAMS_LONGER_THREAD_WINDOWS: readonly RateWindow[] = [
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
];

/** Timestamps of recent sends for one key, oldest first, trimmed to the longest window. */
class WindowLog {
  private readonly times: number[] = [];
  private blockedUntil = 0;

  constructor(private readonly windows: readonly RateWindow[]) {}

  /** Milliseconds until one more send fits every window (0 = now). */
  waitMs(now: number): number {
    let wait = Math.max(0, this.blockedUntil - now);
    for (const w of this.windows) {
      // The send `limit` places back must have left the window.
      const oldestInWindow = this.times[this.times.length - w.limit];
      if (oldestInWindow === undefined) continue;
      wait = Math.max(wait, oldestInWindow + w.windowMs - now);
    }
    return wait;
  }

  record(now: number): void {
    this.times.push(now);
    this.trim(now);
  }

  /** Moves a recorded send from `from` to the later moment `to` (keeping the log sorted). */
  restamp(from: number, to: number): void {
    const i = this.times.lastIndexOf(from);
    if (i >= 0) this.times.splice(i, 1);
    let j = this.times.length;
    while (j > 0 && (this.times[j - 1] ?? -Infinity) > to) j--;
    this.times.splice(j, 0, to);
    this.trim(to);
  }

  private trim(now: number): void {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    const keep = Math.max(...this.windows.map((w) => w.limit));
    while (this.times.length > keep || (this.times[0] ?? Infinity) <= now - longest) this.times.shift();
  }

  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  idle(now: number): boolean {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    return this.blockedUntil <= now && (this.times.at(-1) ?? -Infinity) <= now - longest;
  }
}

export interface DeliveryLimiterOptions {
  /** Overall limit for this bot (Teams: 50 per second per app per tenant). */
  overall: readonly RateWindow[];
  /** Limits per conversation (Teams: 7 per second per thread, and the longer windows). */
  perConversation: readonly RateWindow[];
}

/** Decides when the next proactive send may go, overall and per conversation. */
export class DeliveryLimiter {
  private readonly overall: WindowLog;
  private readonly conversations = new Map<string, WindowLog>();
  private sweeps = 0;

  constructor(private readonly options: DeliveryLimiterOptions, private readonly clock: () => number = Date.now) {
    this.overall = new WindowLog(options.overall);
  }

  /** Milliseconds to wait before the overall limit allows one more send. */
  overallWaitMs(): number {
    return this.overall.waitMs(this.clock());
  }

  /** Milliseconds to wait before this conversation may receive one more send. */
  conversationWaitMs(conversationId: string): number {
    return this.conversations.get(conversationId)?.waitMs(this.clock()) ?? 0;
  }

  /**
   * Takes a slot for one send to `conversationId` if both limits allow it now; returns undefined (and
   * takes nothing) otherwise. Call the returned `sending()` just before the request leaves: the slot is
   * then counted from that moment, because Teams counts arrivals and the work before the request (a
   * proactive turn, a token, a cold start) can take from a few to hundreds of milliseconds.
   */
  tryTake(conversationId: string): { sending: () => void } | undefined {
    const now = this.clock();
    if (this.overall.waitMs(now) > 0) return undefined;
    let log = this.conversations.get(conversationId);
    if (log && log.waitMs(now) > 0) return undefined;
    if (!log) {
      log = new WindowLog(this.options.perConversation);
      this.conversations.set(conversationId, log);
    }
    const taken = log;
    this.overall.record(now);
    taken.record(now);
    if (++this.sweeps % 1000 === 0) this.sweep(now);
    return {
      sending: () => {
        const later = this.clock();
        if (later === now) return;
        this.overall.restamp(now, later);
        taken.restamp(now, later);
      },
    };
  }

  /** Holds sends to a conversation until `until` (a 429's Retry-After). */
  blockConversation(conversationId: string, until: number): void {
    let log = this.conversations.get(conversationId);
    if (!log) {
      log = new WindowLog(this.options.perConversation);
      this.conversations.set(conversationId, log);
    }
    log.block(until);
  }

  /** Holds every send until `until` (a 429 that names no conversation-specific cause). */
  blockOverall(until: number): void {
    this.overall.block(until);
  }

  /** Number of conversations with recent sends tracked (for tests and memory checks). */
  trackedConversations(): number {
    return this.conversations.size;
  }

  private sweep(now: number): void {
    for (const [id, log] of this.conversations) if (log.idle(now)) this.conversations.delete(id);
  }
}
