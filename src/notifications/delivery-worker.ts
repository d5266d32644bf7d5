/**
 * The delivery worker: claims due outbox rows under a lease, books each send on Teams' budgets in the
 * database, sends it at its booked moment through the Bot Connector, and records the outcome. Any number
 * of instances may run against one PostgreSQL: the claim (`FOR UPDATE SKIP LOCKED`) hands each row to one
 * of them, and the budgets (src/store/delivery-budget-repo.ts) keep all of them together within every
 * window Teams counts. See docs/decisions/0009-shared-delivery-budgets.md.
 *
 * Pace. Each tenant has one schedule of evenly spaced moments, `(1000 + windowMarginMs) / ratePerSecond`
 * ms apart, shared by every instance: a worker books the next few moments (one statement), pairs them with
 * its best queued messages, and books each message's conversation at its moment (one statement for all,
 * refused where a conversation window is full or paused). The send then leaves at that moment; one that
 * would leave more than `lateToleranceMs` late is not made (the message is booked again), since a late
 * send bunched with the next ones is what would draw a 429.
 *
 * Order. Concern alerts, then status updates, then card refreshes, then digests (priorities.ts): claims
 * and bookings both go best first, and a worker whose queue is full of digests still claims alerts. One
 * conversation has at most one message booked or in flight per worker, and a claim takes at most two rows
 * of one conversation and none of a conversation another worker is sending to, so a busy channel gets its
 * turn without holding up anyone else, and its messages arrive in order.
 *
 * 429s. A Retry-After pauses the conversation for every instance (`pauseScope`); 429s from three or more
 * conversations within a second pause the whole tenant. Every throttling answer is logged for /api/outbox.
 *
 * Exactly once, and where it can fail. A row is queued once per (conversation, dedupe key); it is claimed
 * by one worker; a send starts only while the claim's lease still has more than the send timeout to run;
 * the row is marked sent as soon as the connector answers (successes that arrive together share one
 * statement). Two gaps remain, both "at least once" rather than "lost": a send that times out may have
 * been delivered even so (the retry waits longer and carries the same `clientActivityId`), and a process
 * that dies between the connector's 2xx and recording it sends that row again.
 *
 * A killed worker's claims do not wait out their lease: every worker writes a heartbeat
 * (`delivery_workers`) every `heartbeatMs`; another worker takes over the claims of one silent for
 * `staleAfterMs`, and a worker on the embedded store takes over every other claim as it starts. A worker
 * whose own heartbeat cannot be written starts no new sends.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Logger } from '../logger';
import { listConversations, markConversationInactive } from '../store/conversations-repo';
import { Coalescer } from '../store/coalescer';
import { conversationScope, pauseScope, recordThrottle, reserveConversationSlots, takeTenantSlots, tenantScope } from '../store/delivery-budget-repo';
import { beat, forgetWorker, takeOverAllClaims } from '../store/delivery-workers-repo';
import { claimOutbox, markOutboxDead, markOutboxRetry, markOutboxSentMany, releaseOutboxClaims, type OutboxMessage } from '../store/outbox-repo';
import type { Store } from '../store/store-types';
import { assignSlots, conversationWindows, DatabaseClock, pickCandidates, tenantInterval } from './delivery-schedule';
import { outboxActivitySchema } from './enqueue';
import type { OutboxSignal } from './outbox-signal';
import { outboxStats } from './outbox-stats';
import { classifySendFailure, sendProactive, type ProactiveAdapter, type SendFailure } from './proactive-send';
import { defaultRetryPolicy, nextRetryDelay, type RetryPolicy } from './retry-policy';

export interface DeliveryWorkerOptions {
  store: Store;
  adapter: ProactiveAdapter;
  /** MicrosoftAppId ('' in anonymous local mode). */
  botAppId: string;
  logger: Logger;
  /** Sends per second per tenant, all instances together (Teams: 50). Default 50. */
  ratePerSecond?: number;
  /** Sends per second to one conversation (Teams: 7). Default 7. */
  ratePerConversation?: number;
  /** Also keep Teams' longer per-thread windows (8 per 2 s, 60 per 30 s, 1 800 per hour). Default true. */
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
   * Added to the tenant's second: sends are spaced `(1000 + margin) / rate` ms apart, so arrivals may vary
   * by up to this much without two seconds' worth landing in one. Default 30 ms (~2.9% of the rate).
   */
  windowMarginMs?: number;
  /** Added to every conversation window, for the same reason. Default 250 ms. */
  conversationMarginMs?: number;
  /** A send whose moment passed longer ago than this is not made, and is booked again. Default 40% of windowMarginMs. */
  lateToleranceMs?: number;
  /** How far ahead this worker books moments on the tenant's schedule. Default 250 ms. */
  horizonMs?: number;
  /** A posted copy Teams no longer has (404 on a rewrite): forget it, so it is not rewritten again. */
  onCopyGone?: (copy: { conversationId: string; activityId: string }) => Promise<void>;
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
  /** What this worker has done since it started (benchmarks, logs). */
  counts(): DeliveryCounts;
}

export interface DeliveryCounts {
  /** Sends the connector accepted. */
  sent: number;
  /** Booked moments not used: the send would have left too late, or the conversation was full then. */
  missed: number;
  /** Throttling answers (429, or 5xx with Retry-After). */
  throttled: number;
}

interface Queued {
  message: OutboxMessage;
  conversationId: string;
  tenant: string;
  priority: number;
  seq: number;
  /** Local time before which the conversation cannot take it (window or pause); 0 when free. */
  notBefore: number;
  /** Local time by which the lease has surely run out (measured from before the claim). */
  leaseEndsAt: number;
}

interface Booked {
  q: Queued;
  /** Local time the send leaves. */
  at: number;
}

interface Target {
  reference: Partial<ConversationReference>;
  tenant: string;
}

/** A conversation held longer than this by its limits goes back to the queue, freeing the claim. */
const HOLD_LIMIT_MS = 3_000;
/** Sends start this long before their moment, so the turn is set up when the moment comes. */
const PREPARE_MS = 15;
/** 429s from this many conversations within a second are taken as the tenant's limit, not theirs. */
const TENANT_THROTTLE_CONVERSATIONS = 3;

class SlotMissed extends Error {}

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
  const windowMarginMs = options.windowMarginMs ?? 30;
  // The rest of the margin is left for what happens after the check: the request's way to Teams, a
  // garbage collection on either side, Teams' own reading of the time.
  const lateToleranceMs = options.lateToleranceMs ?? windowMarginMs * 0.4;
  const horizonMs = options.horizonMs ?? 250;
  const interval = tenantInterval(ratePerSecond, windowMarginMs);
  const windows = conversationWindows({
    perSecond: options.ratePerConversation ?? 7,
    longer: options.teamsThreadWindows !== false,
    marginMs: options.conversationMarginMs ?? 250,
  });
  const slotsPerRound = Math.max(1, Math.ceil(horizonMs / interval));
  // Enough to keep the schedule full between polls, few enough to send long before the lease ends.
  const batchSize = Math.max(10, Math.min(500, 2 * ratePerSecond));
  if (leaseMs < sendTimeoutMs * 2) throw new Error('leaseMs must be at least twice sendTimeoutMs');
  if (staleAfterMs < heartbeatMs * 3) throw new Error('staleAfterMs must be at least three heartbeats');

  const clock = new DatabaseClock();
  const queue: Queued[] = [];
  const booked: Booked[] = [];
  /** Conversations with a message being booked, booked, or in flight here. */
  const busy = new Set<string>();
  /** Conversation references and tenants of queued rows; null = unknown or inactive (never send there). */
  const targets = new Map<string, Target | null>();
  /** Local time until which each conversation is known to be full or paused. */
  const holds = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  /** Recent 429s: conversation and local time, to tell a tenant's limit from a conversation's. */
  const recent429s: { conversationId: string; at: number }[] = [];
  let seq = 0;
  const counts: DeliveryCounts = { sent: 0, missed: 0, throttled: 0 };
  let stopping = false;
  let nextPollAt = 0;
  let nextPriorityPollAt = 0;
  let claiming: Promise<void> | undefined;
  let booking: Promise<void> | undefined;
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
  // Successes that arrive together are recorded together: a burst of answers is on record within one
  // round trip, so a kill -9 repeats at most the sends in flight. The 2 ms window lets answers that
  // reached the socket together be read before the first statement holds the embedded engine.
  const marks = new Coalescer<{ id: number; activityId?: string; version?: number }, true>(
    async (batch) => {
      await markOutboxSentMany(store, batch);
      return batch.map(() => true as const);
    },
    undefined,
    2,
  );

  /**
   * Runs the loop again soon. Always through the event loop, never straight from a promise callback: on the
   * embedded store a statement resolves without touching I/O, so a loop woken from its own callbacks could
   * run on microtasks alone and starve the sockets its sends are waiting on.
   */
  const nudge = () => void setImmediate(() => wakeResolve?.());
  const wake = () => {
    nextPollAt = 0;
    nextPriorityPollAt = 0;
    nudge();
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

  const requeue = (q: Queued) => {
    queue.push(q);
  };

  const holdConversation = (conversationId: string, until: number) => holds.set(conversationId, Math.max(holds.get(conversationId) ?? 0, until));

  /** A Retry-After: pause the conversation everywhere, and the tenant when several conversations hit at once. */
  const throttled = async (message: OutboxMessage, target: Target, failure: SendFailure & { kind: 'retry' }, waitMs: number) => {
    const now = Date.now();
    counts.throttled += 1;
    holdConversation(message.conversationId, now + waitMs);
    recent429s.push({ conversationId: message.conversationId, at: now });
    while ((recent429s[0]?.at ?? now) < now - 1_000) recent429s.shift();
    const spread = new Set(recent429s.map((r) => r.conversationId)).size;
    await persist('pause', message.id, () => pauseScope(store, conversationScope(message.conversationId), waitMs));
    if (spread >= TENANT_THROTTLE_CONVERSATIONS) {
      logger.warn({ tenant: target.tenant, waitMs, conversations: spread }, 'throttled across conversations: pausing the tenant');
      await persist('pause', message.id, () => pauseScope(store, target.tenant, waitMs));
      // This worker's own booked moments in the pause are given back.
      for (const b of booked.splice(0)) {
        busy.delete(b.q.conversationId);
        requeue(b.q);
      }
    }
    await persist('throttle', message.id, () =>
      recordThrottle(store, {
        scope: conversationScope(message.conversationId),
        priority: message.priority,
        status: failure.status ?? 429,
        retryAfterMs: failure.retryAfterMs,
      }),
    );
  };

  const deliver = async (b: Booked, target: Target) => {
    const { message } = b.q;
    const parsed = outboxActivitySchema.safeParse(message.payload);
    if (!parsed.success) {
      return persist('dead', message.id, () => markOutboxDead(store, message.id, `malformed activity: ${parsed.error.issues[0]?.message}`));
    }
    const activity = { ...parsed.data, channelData: { ...parsed.data.channelData, clientActivityId: `outbox-${message.id}` } };
    const replacing = message.kind === 'replace' ? message.targetActivityId : undefined;
    const version = message.kind === 'replace' ? message.version : undefined;
    const onTime = async () => {
      const wait = b.at - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (Date.now() - b.at > lateToleranceMs || !alive()) throw new SlotMissed();
    };
    try {
      const activityId = await sendProactive(adapter, botAppId, target.reference, activity, sendTimeoutMs, onTime, replacing);
      counts.sent += 1;
      await persist('sent', message.id, () => marks.run({ id: message.id, activityId, version }));
    } catch (err) {
      if (err instanceof SlotMissed) {
        counts.missed += 1;
        return requeue(b.q);
      }
      const failure = classifySendFailure(err);
      const log = { id: message.id, conversationId: message.conversationId, attempts: message.attempts, kind: message.kind, failure };
      if (failure.kind === 'gone' && replacing && failure.status === 404) {
        logger.info(log, 'a posted copy is gone: no longer rewriting it');
        await persist('dead', message.id, () => markOutboxDead(store, message.id, `copy gone: ${failure.status} ${failure.message}`));
        return persist('copy-gone', message.id, async () => options.onCopyGone?.({ conversationId: message.conversationId, activityId: replacing }));
      }
      if (failure.kind === 'gone') {
        logger.warn(log, 'conversation gone: marking it inactive');
        targets.set(message.conversationId, null);
        await persist('inactive', message.id, () => markConversationInactive(store, message.conversationId));
        return persist('dead', message.id, () => markOutboxDead(store, message.id, `${failure.status}: the bot can no longer post here`));
      }
      if (failure.kind === 'rejected') {
        logger.error(log, 'the connector refused the message');
        return persist('dead', message.id, () => markOutboxDead(store, message.id, `${failure.status}: ${failure.message}`, version));
      }
      const delay = nextRetryDelay(retry, message.attempts, failure);
      if (failure.status === 429 || (failure.retryAfterMs !== undefined && failure.status !== undefined && failure.status >= 500)) {
        await throttled(message, target, failure, failure.retryAfterMs ?? delay ?? 1_000);
      }
      if (delay === undefined) {
        logger.error(log, 'giving up on a message after its last attempt');
        return persist('dead', message.id, () =>
          markOutboxDead(store, message.id, `gave up after ${message.attempts} attempts: ${failure.message}`, version),
        );
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
      nudge();
    });
  };

  /** Conversations this worker holds two or more rows of: the next claim leaves them alone. */
  const saturated = (): string[] => {
    const counts = new Map<string, number>();
    for (const c of [...queue.map((q) => q.conversationId), ...booked.map((b) => b.q.conversationId), ...busy])
      counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts].filter(([, n]) => n >= 2).map(([c]) => c);
  };

  const claim = async (limit: number, maxPriority?: number) => {
    const claimedAt = Date.now();
    const claimed = await claimOutbox(store, workerId, limit, leaseMs, { staleAfterMs, maxPriority, skipConversations: saturated() });
    // Fresh references for every claim (a reinstall may have changed one); keep only what the queue needs.
    const ids = [...new Set(claimed.map((m) => m.conversationId))];
    const found = new Map((await listConversations(store, ids)).map((c) => [c.conversationId, c]));
    for (const id of ids) {
      const c = found.get(id);
      targets.set(id, c?.active ? { reference: c.reference as Partial<ConversationReference>, tenant: tenantScope(c.tenantId) } : null);
    }
    for (const message of claimed) {
      const target = targets.get(message.conversationId);
      queue.push({
        message,
        conversationId: message.conversationId,
        tenant: target?.tenant ?? tenantScope(undefined),
        priority: message.priority,
        seq: seq++,
        notBefore: 0,
        leaseEndsAt: claimedAt + leaseMs,
      });
    }
    const needed = new Set([...queue, ...booked.map((b) => b.q)].map((q) => q.conversationId));
    for (const id of targets.keys()) if (!needed.has(id) && !busy.has(id)) targets.delete(id);
    for (const id of holds.keys()) if (!needed.has(id) && (holds.get(id) ?? 0) < Date.now()) holds.delete(id);
    // A full batch means more is probably due: look again as soon as there is room.
    if (maxPriority === undefined) nextPollAt = claimed.length === limit ? 0 : Date.now() + (claimed.length ? Math.min(pollMs, 200) : pollMs);
  };

  /** Books the next moments on one tenant's schedule for the best queued messages. */
  const book = async () => {
    const now = Date.now();
    for (const q of queue) q.notBefore = holds.get(q.conversationId) ?? 0;
    const room = Math.min(slotsPerRound, maxInFlight - inFlight.size - booked.length);
    const lead = Math.min(200, Math.max(10, 3 * clock.lastRoundTrip() + PREPARE_MS));
    // Only conversations free by the first moment: one free later would leave its moment unused.
    const candidates = pickCandidates(queue, busy, now + lead, room).filter((q) => q.leaseEndsAt - (now + horizonMs) > sendTimeoutMs + 2_000);
    const tenant = candidates[0]?.tenant;
    if (tenant === undefined) return;
    for (const c of candidates) busy.add(c.conversationId);
    try {
      const t0 = Date.now();
      const { slots, dbNowMs } = await takeTenantSlots(store, tenant, candidates.length, interval, lead);
      clock.observe(t0, Date.now(), dbNowMs);
      const pairs = assignSlots(
        candidates,
        slots.map((s) => clock.toLocal(s)),
      );
      const outcome = await reserveConversationSlots(
        store,
        pairs.map((p) => ({ scope: conversationScope(p.candidate.conversationId), atMs: clock.toDatabase(p.at) })),
        windows,
      );
      for (const p of pairs) {
        const scope = conversationScope(p.candidate.conversationId);
        if (outcome.accepted.has(scope)) {
          const i = queue.indexOf(p.candidate);
          if (i < 0) continue; // released meanwhile (stopping)
          queue.splice(i, 1);
          booked.push({ q: p.candidate, at: p.at });
        } else {
          counts.missed += 1;
          holdConversation(p.candidate.conversationId, clock.toLocal(outcome.refused.get(scope) ?? 0));
        }
      }
      booked.sort((a, b) => a.at - b.at);
      logger.trace(
        {
          slots: slots.map((s) => Math.round(clock.toLocal(s) - now)),
          accepted: outcome.accepted.size,
          refused: [...outcome.refused.values()].map((v) => Math.round(clock.toLocal(v) - now)),
        },
        'booked',
      );
    } finally {
      const bookedHere = new Set(booked.map((b) => b.q.conversationId));
      for (const c of candidates) if (!bookedHere.has(c.conversationId)) busy.delete(c.conversationId);
    }
  };

  /** Starts what is due now and returns how long to wait before looking again. */
  const dispatch = (): number => {
    const now = Date.now();
    let wait = claiming || booking ? pollMs : Math.max(0, nextPollAt - now);
    if (!alive()) return pollMs;
    // Sends whose moment has come (or nearly: the turn takes a moment to set up).
    for (let b = booked[0]; b && b.at - PREPARE_MS <= now && inFlight.size < maxInFlight; b = booked[0]) {
      booked.shift();
      const target = targets.get(b.q.conversationId);
      if (!target) {
        busy.delete(b.q.conversationId);
        track(markOutboxDead(store, b.q.message.id, 'the conversation is unknown or the bot was removed from it'));
        continue;
      }
      track(
        deliver(b, target).finally(() => {
          busy.delete(b.q.conversationId);
        }),
      );
    }
    const next = booked[0];
    if (next) wait = Math.min(wait, next.at - PREPARE_MS - now);
    // Messages that cannot go: unknown conversations, leases running out, conversations held for long.
    const release: { id: number; at: number }[] = [];
    for (const q of queue.splice(0)) {
      const held = (holds.get(q.conversationId) ?? 0) - now;
      if (targets.get(q.conversationId) === null) {
        track(markOutboxDead(store, q.message.id, 'the conversation is unknown or the bot was removed from it'));
      } else if (q.leaseEndsAt - now < sendTimeoutMs + 2_000 + horizonMs || held > HOLD_LIMIT_MS) {
        release.push({ id: q.message.id, at: now + Math.max(0, held) });
      } else {
        queue.push(q);
      }
    }
    for (const r of release) track(releaseOutboxClaims(store, workerId, [r.id], new Date(r.at)));
    // More moments once less than half the horizon is booked ahead.
    const bookedAhead = (booked.at(-1)?.at ?? now) - now;
    if (!booking && queue.length && bookedAhead < horizonMs / 2 && !stopping) {
      booking = book()
        .catch((err: unknown) => void logger.error({ err }, 'booking sends failed; retrying'))
        .finally(() => {
          booking = undefined;
          nudge();
        });
    } else if (queue.length && !booking) {
      wait = Math.min(wait, bookedAhead - horizonMs / 2);
    }
    // A conversation's hold ending may let a queued message be booked.
    const soonest = Math.min(...queue.map((q) => holds.get(q.conversationId) ?? Infinity));
    if (Number.isFinite(soonest)) wait = Math.min(wait, soonest - now);
    return Math.max(1, Math.min(wait, pollMs));
  };

  const maybeClaim = () => {
    if (claiming || !alive() || stopping) return;
    const now = Date.now();
    const held = queue.length + booked.length;
    if (held < batchSize / 2 && now >= nextPollAt) {
      claiming = claim(batchSize - held);
    } else if (held >= batchSize / 2 && now >= nextPriorityPollAt) {
      // A full queue still lets better messages in: an alert is not stuck behind a digest's batch.
      const worst = Math.max(...queue.map((q) => q.priority), ...booked.map((b) => b.q.priority));
      nextPriorityPollAt = now + pollMs;
      if (worst > 0) claiming = claim(20, worst - 1);
    }
    claiming = claiming
      ?.catch((err: unknown) => {
        logger.error({ err }, 'claiming due messages failed; retrying');
        nextPollAt = Date.now() + pollMs;
      })
      .finally(() => {
        claiming = undefined;
        nudge();
      });
  };

  const loop = async () => {
    await heartbeat();
    if (options.exclusive) {
      const taken = await takeOverAllClaims(store, workerId).catch(
        (err: unknown) => void logger.error({ err }, 'could not take over abandoned claims'),
      );
      if (taken) logger.info({ taken }, 'took over claims left by a worker that stopped without handing them back');
    }
    while (!stopping) {
      try {
        maybeClaim();
        await sleep(dispatch());
      } catch (err) {
        logger.error({ err }, 'delivery loop failed; retrying');
        await sleep(pollMs);
      }
    }
    await claiming;
    await booking;
  };
  const running = loop();
  const unlisten = options.signal?.listen(wake);

  return {
    workerId,
    wake,
    counts: () => ({ ...counts }),
    async stop() {
      if (stopping) return running;
      stopping = true;
      unlisten?.();
      clearInterval(heartbeatTimer);
      wakeResolve?.();
      await running;
      // Claims go back first, while sends in flight finish: if the platform's grace period runs out
      // during a slow send, another instance can already take over what this one will not send.
      const unsent = [...queue.splice(0), ...booked.splice(0).map((b) => b.q)].map((q) => q.message.id);
      const released = releaseOutboxClaims(store, workerId, unsent, new Date()).catch((err: unknown) =>
        logger.warn({ err }, 'could not release claims; they wait for their lease'),
      );
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      // A send that missed its moment while stopping came back to the queue: hand it back too.
      await releaseOutboxClaims(
        store,
        workerId,
        queue.splice(0).map((q) => q.message.id),
        new Date(),
      ).catch(() => undefined);
      await released;
      await forgetWorker(store, workerId).catch((err: unknown) => logger.warn({ err }, 'could not remove the delivery heartbeat; it goes stale'));
    },
    async drain(timeoutMs = 30_000) {
      const t0 = Date.now();
      for (;;) {
        // Counting the outbox blocks an embedded store's event loop for a moment: only ask when idle here.
        if (!queue.length && !booked.length && !inFlight.size && !booking) {
          const counts = await outboxStats(store);
          if (counts.pending + counts.failed + counts.sending === 0) return;
          if (Date.now() - t0 > timeoutMs) throw new Error(`outbox not drained after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        } else if (Date.now() - t0 > timeoutMs) {
          throw new Error(`outbox not drained after ${timeoutMs} ms: ${queue.length} queued, ${booked.length} booked, ${inFlight.size} in flight`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
