/**
 * The delivery worker: claims due outbox rows under a lease, sends each through the Bot Connector at
 * Teams' pace, and records the outcome. Any number of instances may run against one PostgreSQL; the
 * claim (`FOR UPDATE SKIP LOCKED`) hands each row to one of them.
 *
 * Exactly once, and where it can fail. A row is queued once per (conversation, dedupe key); it is
 * claimed by one worker; a send starts only while the claim's lease still has more than the send
 * timeout to run, so no other worker can reclaim a row that is being sent; the row is marked sent as
 * soon as the connector answers. Two gaps remain, both "at least once" rather than "lost":
 *  1. A send that times out (or whose connection drops) may have been delivered even so. Teams gives no
 *     way to ask whether a message arrived nor honours a client-chosen id, so the retry can post a
 *     second copy. We mitigate: a generous per-send timeout, a longer wait before retrying a timed-out
 *     send (see RetryPolicy.minDelayAfterTimeoutMs), and a stable `channelData.clientActivityId`
 *     (`outbox-<row id>`) on every attempt, so a duplicate is at least recognisable in logs/transcripts.
 *  2. A process that dies between the connector's 2xx and recording it sends that row again. Each success
 *     is recorded at once, and successes that arrive together share one statement (a burst of answers
 *     used to queue one statement each, and a kill -9 in that queue repeated them all), so the window is
 *     about one database round trip: a kill repeats at most the sends in flight at that moment.
 *
 * A killed worker's claims do not wait out their lease. Every worker writes a heartbeat
 * (`delivery_workers`) every `heartbeatMs`; another worker takes over the claims of one silent for
 * `staleAfterMs`, and a worker on the embedded store (no other process can use it) takes over every
 * other claim as it starts. A worker whose own heartbeat cannot be written starts no new sends, so it
 * is not sending what others may have taken over.
 *
 * Rate limits are per worker: with several instances, divide `ratePerSecond` between them (Teams counts
 * per bot). A 429 still only delays, never loses, a message.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Logger } from '../logger';
import { listConversations, markConversationInactive } from '../store/conversations-repo';
import { Coalescer } from '../store/coalescer';
import { beat, forgetWorker, takeOverAllClaims } from '../store/delivery-workers-repo';
import { claimOutbox, markOutboxDead, markOutboxRetry, markOutboxSentMany, releaseOutboxClaims, type OutboxMessage } from '../store/outbox-repo';
import type { Store } from '../store/store-types';
import { outboxActivitySchema } from './enqueue';
import type { OutboxSignal } from './outbox-signal';
import { outboxStats } from './outbox-stats';
import { classifySendFailure, sendProactive, type ProactiveAdapter } from './proactive-send';
import { DeliveryLimiter, TEAMS_LONGER_THREAD_WINDOWS, type RateWindow } from './rate-limiter';
import { defaultRetryPolicy, nextRetryDelay, type RetryPolicy } from './retry-policy';

export interface DeliveryWorkerOptions {
  store: Store;
  adapter: ProactiveAdapter;
  /** MicrosoftAppId ('' in anonymous local mode). */
  botAppId: string;
  logger: Logger;
  /** Sends per second for this instance (Teams: 50 per app). Default 50. */
  ratePerSecond?: number;
  /** Sends per second to one conversation (Teams: 7). Default 7. */
  ratePerConversation?: number;
  /** Also keep Teams' longer per-thread windows (8 per 2 s, 60 per 30 s). Default true. */
  teamsThreadWindows?: boolean;
  /** Names this instance in claims; default host:pid:random. */
  workerId?: string;
  /** How often to look for due rows when idle. Default 1000 ms; `wake()` looks at once. */
  pollMs?: number;
  /** How long a claim holds a row. Default 60 s. */
  leaseMs?: number;
  /** Longest wait for the connector on one send. Default 15 s. */
  sendTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Sends in flight at once. Default 2 × ratePerSecond. */
  maxInFlight?: number;
  /** How often this worker records that it is alive. Default 2 s. */
  heartbeatMs?: number;
  /** A worker silent this long is taken for dead and its claims taken over. Default 10 s. */
  staleAfterMs?: number;
  /**
   * The store belongs to this process alone (the embedded store): any claim that is not this worker's was
   * left by a process that died, and is taken over at start.
   */
  exclusive?: boolean;
  /**
   * Added to every rate window: sends leave here evenly spaced but arrive with network jitter, and
   * Teams counts arrivals. Default 25 ms (costs ~2.5% of the nominal rate).
   */
  windowMarginMs?: number;
  /** Raised when something was queued: the worker then looks at once rather than at its next poll. */
  signal?: OutboxSignal;
}

export interface DeliveryWorker {
  readonly workerId: string;
  /** Stops claiming, lets sends in flight finish, hands unsent claims back. */
  stop(): Promise<void>;
  /** For tests: resolves once nothing is pending, failed-and-waiting or being sent; rejects after `timeoutMs`. */
  drain(timeoutMs?: number): Promise<void>;
  /** Looks for due rows now (call after committing an enqueue, to skip the poll delay). */
  wake(): void;
}

interface Claimed {
  message: OutboxMessage;
  /** Local time by which the lease has surely run out (measured from before the claim). */
  leaseEndsAt: number;
}

/** A conversation held longer than this by its rate limits goes back to the queue, freeing the slot. */
const HOLD_LIMIT_MS = 3_000;

export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, adapter, botAppId } = options;
  const logger = options.logger.child({ component: 'delivery' });
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ratePerSecond = options.ratePerSecond ?? 50;
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const sendTimeoutMs = options.sendTimeoutMs ?? 15_000;
  const maxInFlight = options.maxInFlight ?? 2 * ratePerSecond;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const staleAfterMs = options.staleAfterMs ?? 10_000;
  const margin = options.windowMarginMs ?? 25;
  const widen = (w: RateWindow): RateWindow => ({ limit: w.limit, windowMs: w.windowMs + margin });
  const limiter = new DeliveryLimiter({
    overall: [
      widen({ limit: ratePerSecond, windowMs: 1000 }),
      // Pace sends rather than firing the whole second's allowance at once: a burst of 50 requests
      // queues up on the way (measured: the 50th of a burst arrives ~80 ms after the 1st even on
      // loopback), so the next second's burst lands inside the previous window and draws 429s.
      // At most one send per 0.8/rate s keeps each request alone on the wire and costs nothing,
      // since the per-second window still caps the total.
      { limit: 1, windowMs: Math.floor(800 / ratePerSecond) },
    ],
    perConversation: [
      { limit: options.ratePerConversation ?? 7, windowMs: 1000 },
      ...(options.teamsThreadWindows === false ? [] : TEAMS_LONGER_THREAD_WINDOWS),
    ].map(widen),
  });
  // Enough to keep the pipe full between polls, few enough to send long before the lease ends.
  const batchSize = Math.max(10, Math.min(500, 2 * ratePerSecond));
  if (leaseMs < sendTimeoutMs * 2) throw new Error('leaseMs must be at least twice sendTimeoutMs');
  if (staleAfterMs < heartbeatMs * 3) throw new Error('staleAfterMs must be at least three heartbeats');

  const queue: Claimed[] = [];
  /** Conversation references of queued rows; null = unknown or inactive (never send there). */
  const references = new Map<string, Partial<ConversationReference> | null>();
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let nextPollAt = 0;
  // Claims run beside dispatching, not before it: on the embedded store a claim takes some
  // milliseconds, and a paced sender that waits for it loses those slots for good.
  let claiming: Promise<void> | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let wakeResolve: (() => void) | undefined;
  /** When this worker's heartbeat was last written (0: not yet). */
  let lastBeat = 0;
  const heartbeat = async () => {
    if (stopping) return;
    const at = Date.now();
    try {
      await beat(store, workerId);
      lastBeat = at;
    } catch (err) {
      logger.warn({ err }, 'could not record the delivery heartbeat');
    }
  };
  const heartbeatTimer = setInterval(() => void heartbeat(), heartbeatMs);
  /** Sends start only while others can see this worker is alive; half the stale time leaves a margin. */
  const alive = () => Date.now() - lastBeat < staleAfterMs / 2;
  // Successes that arrive together are recorded together (see the header, gap 2). The 2 ms window lets
  // answers that reached the socket together be read before the first statement holds the embedded
  // engine (which runs on this thread).
  const marks = new Coalescer<{ id: number; activityId?: string }, true>(
    async (batch) => {
      await markOutboxSentMany(store, batch);
      return batch.map(() => true as const);
    },
    undefined,
    2,
  );

  const wake = () => {
    nextPollAt = 0;
    wakeResolve?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeResolve = () => {
        clearTimeout(wakeTimer);
        wakeResolve = undefined;
        resolve();
      };
      wakeTimer = setTimeout(() => wakeResolve?.(), Math.max(1, ms));
    });

  /** Marks can fail on a database blip; a lost `sent` mark means a duplicate later, so try a few times. */
  const persist = async (what: string, id: number, fn: () => Promise<unknown>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await fn();
        return;
      } catch (err) {
        if (attempt >= 3) return void logger.error({ err, id, what }, 'could not record a delivery outcome');
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  };

  const deliver = async (message: OutboxMessage, reference: Partial<ConversationReference>, slot: { sending: () => void }) => {
    const parsed = outboxActivitySchema.safeParse(message.payload);
    if (!parsed.success) {
      return persist('dead', message.id, () => markOutboxDead(store, message.id, `malformed activity: ${parsed.error.issues[0]?.message}`));
    }
    const activity = { ...parsed.data, channelData: { ...parsed.data.channelData, clientActivityId: `outbox-${message.id}` } };
    try {
      const activityId = await sendProactive(adapter, botAppId, reference, activity, sendTimeoutMs, slot.sending);
      await persist('sent', message.id, () => marks.run({ id: message.id, activityId }));
    } catch (err) {
      const failure = classifySendFailure(err);
      const log = { id: message.id, conversationId: message.conversationId, attempts: message.attempts, failure };
      if (failure.kind === 'gone') {
        logger.warn(log, 'conversation gone: marking it inactive');
        references.set(message.conversationId, null);
        await persist('inactive', message.id, () => markConversationInactive(store, message.conversationId));
        return persist('dead', message.id, () => markOutboxDead(store, message.id, `${failure.status}: the bot can no longer post here`));
      }
      if (failure.kind === 'rejected') {
        logger.error(log, 'the connector refused the message');
        return persist('dead', message.id, () => markOutboxDead(store, message.id, `${failure.status}: ${failure.message}`));
      }
      const delay = nextRetryDelay(retry, message.attempts, failure);
      if (failure.status === 429) limiter.blockConversation(message.conversationId, Date.now() + (failure.retryAfterMs ?? delay ?? 1000));
      if (delay === undefined) {
        logger.error(log, 'giving up on a message after its last attempt');
        return persist('dead', message.id, () => markOutboxDead(store, message.id, `gave up after ${message.attempts} attempts: ${failure.message}`));
      }
      logger.debug({ ...log, delay }, 'send failed; will retry');
      const error = `${failure.status ?? (failure.timedOut ? 'timeout' : 'network')}: ${failure.message}`;
      await persist('retry', message.id, () => markOutboxRetry(store, message.id, new Date(Date.now() + delay), error));
    }
  };

  const track = (work: Promise<unknown>) => {
    const p = work.then(
      () => undefined,
      (err: unknown) => void logger.error({ err }, 'delivery step failed'),
    );
    inFlight.add(p);
    void p.finally(() => {
      inFlight.delete(p);
      wakeResolve?.();
    });
  };

  const claim = async () => {
    const room = batchSize - queue.length;
    const claimedAt = Date.now();
    const claimed = await claimOutbox(store, workerId, room, leaseMs, staleAfterMs);
    // Fresh references for every claim (a reinstall may have changed one); keep only what the queue needs.
    const ids = [...new Set(claimed.map((m) => m.conversationId))];
    const found = new Map((await listConversations(store, ids)).map((c) => [c.conversationId, c]));
    for (const id of ids) {
      const c = found.get(id);
      references.set(id, c?.active ? (c.reference as Partial<ConversationReference>) : null);
    }
    for (const message of claimed) queue.push({ message, leaseEndsAt: claimedAt + leaseMs });
    const needed = new Set(queue.map((c) => c.message.conversationId));
    for (const id of references.keys()) if (!needed.has(id)) references.delete(id);
    // A full batch means more is probably due: look again as soon as there is room.
    nextPollAt = claimed.length === room ? 0 : Date.now() + pollMs;
  };

  /** Starts every send the limits allow now; returns how long to wait before trying again. */
  const dispatch = (): number => {
    const now = Date.now();
    const release: { ids: number[]; at: number }[] = [];
    // While a claim runs, its end wakes the loop; otherwise the next poll is due at nextPollAt.
    let wait = claiming ? pollMs : nextPollAt - now;
    if (!alive()) return pollMs;
    for (let i = 0; i < queue.length && inFlight.size < maxInFlight; ) {
      const claimed = queue[i];
      if (!claimed) break;
      const { message, leaseEndsAt } = claimed;
      const reference = references.get(message.conversationId);
      if (!reference) {
        queue.splice(i, 1);
        track(markOutboxDead(store, message.id, 'the conversation is unknown or the bot was removed from it'));
        continue;
      }
      const held = limiter.conversationWaitMs(message.conversationId);
      if (leaseEndsAt - now < sendTimeoutMs + 2_000 || held > HOLD_LIMIT_MS) {
        queue.splice(i, 1);
        release.push({ ids: [message.id], at: now + held });
        continue;
      }
      const overall = limiter.overallWaitMs();
      if (overall > 0) {
        wait = Math.min(wait, overall);
        break;
      }
      const slot = limiter.tryTake(message.conversationId);
      if (slot) {
        queue.splice(i, 1);
        track(deliver(message, reference, slot));
      } else {
        wait = Math.min(wait, Math.max(1, limiter.conversationWaitMs(message.conversationId)));
        i++;
      }
    }
    for (const r of release) track(releaseOutboxClaims(store, workerId, r.ids, new Date(r.at)));
    return Math.max(1, Math.min(wait, pollMs));
  };

  const loop = async () => {
    await heartbeat();
    if (options.exclusive) {
      const taken = await takeOverAllClaims(store, workerId).catch((err: unknown) => void logger.error({ err }, 'could not take over abandoned claims'));
      if (taken) logger.info({ taken }, 'took over claims left by a worker that stopped without handing them back');
    }
    while (!stopping) {
      try {
        if (!claiming && alive() && queue.length < batchSize / 2 && Date.now() >= nextPollAt) {
          claiming = claim()
            .catch((err: unknown) => {
              logger.error({ err }, 'claiming due messages failed; retrying');
              nextPollAt = Date.now() + pollMs;
            })
            .finally(() => {
              claiming = undefined;
              wakeResolve?.();
            });
        }
        await sleep(inFlight.size >= maxInFlight ? pollMs : dispatch());
      } catch (err) {
        logger.error({ err }, 'delivery loop failed; retrying');
        await sleep(pollMs);
      }
    }
    await claiming;
  };
  const running = loop();
  const unlisten = options.signal?.listen(wake);

  return {
    workerId,
    wake,
    async stop() {
      if (stopping) return running;
      stopping = true;
      unlisten?.();
      clearInterval(heartbeatTimer);
      wakeResolve?.();
      await running;
      // Claims go back first, while sends in flight finish: if the platform's grace period runs out
      // during a slow send, another instance can already take over what this one will not send.
      const unsent = queue.splice(0).map((c) => c.message.id);
      const released = releaseOutboxClaims(store, workerId, unsent, new Date()).catch((err: unknown) =>
        logger.warn({ err }, 'could not release claims; they wait for their lease'),
      );
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      await released;
      await forgetWorker(store, workerId).catch((err: unknown) =>
        logger.warn({ err }, 'could not remove the delivery heartbeat; it goes stale'),
      );
    },
    async drain(timeoutMs = 30_000) {
      const t0 = Date.now();
      for (;;) {
        // Counting the outbox blocks an embedded store's event loop for a moment: only ask when idle here.
        if (!queue.length && !inFlight.size) {
          const counts = await outboxStats(store);
          if (counts.pending + counts.failed + counts.sending === 0) return;
          if (Date.now() - t0 > timeoutMs) throw new Error(`outbox not drained after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        } else if (Date.now() - t0 > timeoutMs) {
          throw new Error(`outbox not drained after ${timeoutMs} ms: ${queue.length} queued, ${inFlight.size} in flight`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
