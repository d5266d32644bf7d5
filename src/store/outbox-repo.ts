/**
 * The notification outbox. Alerts are enqueued in the same transaction as the change that caused them, at
 * most once per (conversation, dedupe key); delivery workers on any instance claim due rows under a lease
 * with `FOR UPDATE SKIP LOCKED`, so no row is handed to two workers, and a worker that dies mid-send only
 * delays its rows until the lease runs out.
 *
 * States: pending → sending (claimed) → sent | failed (retry at next_attempt_at) → … → dead (gave up).
 *
 * Two kinds of row: a `post` is a new message, queued once per (conversation, dedupe key); a `replace`
 * rewrites a message already posted (`target_activity_id`), one row per copy, its payload replaced by each
 * newer card (`version` counts them), so only the latest card of a copy is ever sent. Lower `priority`
 * goes first (see src/notifications/priorities.ts).
 */
import type { ConversationReferenceJson } from './conversations-repo';
import { json, optional, timestamp, toDate, toNumber } from './sql-values';
import type { Queryable } from './store-types';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

export type OutboxKind = 'post' | 'replace';

export interface OutboxMessage {
  id: number;
  conversationId: string;
  dedupeKey: string;
  payload: unknown;
  state: OutboxState;
  /** Lower goes first. */
  priority: number;
  kind: OutboxKind;
  /** For `replace`: the posted message to rewrite. */
  targetActivityId?: string;
  /** For `replace`: which card this payload is (each newer card bumps it). */
  version: number;
  /** How many times it has been claimed (including the current claim). */
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  claimedBy?: string;
  claimedUntil?: Date;
  sentActivityId?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewOutboxMessage {
  conversationId: string;
  /** Identifies the alert, e.g. `status:ws-3:2025-04-07T09:00`; the same key is never queued twice per conversation. */
  dedupeKey: string;
  payload: unknown;
  /** Not before this moment (default now). */
  notBefore?: Date;
  /** Lower goes first; default 1. */
  priority?: number;
}

export interface NewReplacement {
  conversationId: string;
  /** The id Teams gave the posted message. */
  targetActivityId: string;
  payload: unknown;
  priority: number;
}

interface OutboxRow {
  id: number | string;
  conversation_id: string;
  dedupe_key: string;
  payload: unknown;
  state: OutboxState;
  priority: number | string;
  kind: OutboxKind;
  target_activity_id: string | null;
  version: number | string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: Date | null;
  sent_activity_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, conversation_id, dedupe_key, payload, state, priority, kind, target_activity_id, version, attempts,
  next_attempt_at, last_error, claimed_by, claimed_until, sent_activity_id, created_at, updated_at`;

const toMessage = (row: OutboxRow): OutboxMessage => ({
  id: toNumber(row.id),
  conversationId: row.conversation_id,
  dedupeKey: row.dedupe_key,
  payload: row.payload,
  state: row.state,
  priority: toNumber(row.priority),
  kind: row.kind,
  targetActivityId: optional(row.target_activity_id),
  version: toNumber(row.version),
  attempts: toNumber(row.attempts),
  nextAttemptAt: toDate(row.next_attempt_at),
  lastError: optional(row.last_error),
  claimedBy: optional(row.claimed_by),
  claimedUntil: row.claimed_until ? toDate(row.claimed_until) : undefined,
  sentActivityId: optional(row.sent_activity_id),
  createdAt: toDate(row.created_at),
  updatedAt: toDate(row.updated_at),
});

/**
 * Queues messages, skipping any (conversation, dedupe key) already queued. Call it with the caller's `tx`
 * so the alert exists exactly when the change that raised it does. Returns how many were new.
 */
export async function enqueueOutbox(db: Queryable, messages: readonly NewOutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  // One statement for the whole batch: a digest to hundreds of conversations is one round trip.
  const rows = await db.query(
    `INSERT INTO outbox (conversation_id, dedupe_key, payload, next_attempt_at, priority)
     SELECT m.conversation_id, m.dedupe_key, m.payload, coalesce(m.not_before, now()), coalesce(m.priority, 1)
     FROM jsonb_to_recordset($1::jsonb) AS m(conversation_id text, dedupe_key text, payload jsonb, not_before timestamptz, priority smallint)
     ON CONFLICT (conversation_id, dedupe_key) DO NOTHING
     RETURNING 1`,
    [
      json(
        messages.map((m) => ({
          conversation_id: m.conversationId,
          dedupe_key: m.dedupeKey,
          payload: m.payload ?? null,
          not_before: m.notBefore?.toISOString() ?? null,
          priority: m.priority ?? null,
        })),
      ),
    ],
  );
  return rows.length;
}

/**
 * Queues a rewrite of each posted copy, coalesced: a copy has one replace row, and a newer card replaces
 * the payload of one not yet sent (or, while it is being sent, is sent after it: the worker sees the
 * version moved on). A copy found gone (`markOutboxDead` with a `copy gone` error) is not revived.
 * Returns how many copies were queued or refreshed.
 */
export async function enqueueReplacements(db: Queryable, replacements: readonly NewReplacement[]): Promise<number> {
  // The latest card per copy: one statement may not touch a row twice.
  const latest = new Map(replacements.map((r) => [`${r.conversationId}\u0000${r.targetActivityId}`, r]));
  if (latest.size === 0) return 0;
  const rows = await db.query(
    `INSERT INTO outbox (conversation_id, dedupe_key, payload, priority, kind, target_activity_id)
     SELECT m.conversation_id, 'replace:' || m.target, m.payload, m.priority, 'replace', m.target
     FROM jsonb_to_recordset($1::jsonb) AS m(conversation_id text, target text, payload jsonb, priority smallint)
     ON CONFLICT (conversation_id, dedupe_key) DO UPDATE SET
       payload = excluded.payload,
       priority = excluded.priority,
       version = outbox.version + 1,
       state = CASE WHEN outbox.state IN ('sending', 'failed') THEN outbox.state ELSE 'pending' END,
       attempts = CASE WHEN outbox.state IN ('sending', 'failed') THEN outbox.attempts ELSE 0 END,
       next_attempt_at = CASE WHEN outbox.state IN ('sending', 'failed') THEN outbox.next_attempt_at ELSE now() END,
       updated_at = now()
     WHERE NOT (outbox.state = 'dead' AND starts_with(coalesce(outbox.last_error, ''), 'copy gone'))
     RETURNING 1`,
    [
      json(
        [...latest.values()].map((r) => ({
          conversation_id: r.conversationId,
          target: r.targetActivityId,
          payload: r.payload ?? null,
          priority: r.priority,
        })),
      ),
    ],
  );
  return rows.length;
}

export interface ClaimOptions {
  /** With it, also take over `sending` rows of workers whose heartbeat is older than this. */
  staleAfterMs?: number;
  /** Only rows of this priority or better (a worker with a full queue still takes alerts). */
  maxPriority?: number;
  /** At most this many rows of one conversation per claim (default 2), so a busy one cannot fill a batch. */
  perConversation?: number;
  /** Conversations to leave alone (this worker already holds enough of theirs). */
  skipConversations?: readonly string[];
}

/** How many due rows one claim looks at before ranking them per conversation. */
const CLAIM_SCAN = 2_000;

/**
 * Claims up to `limit` due messages for `workerId` for `leaseMs`: pending or failed ones whose time has
 * come, and sending ones whose lease has run out (their worker died) or, with `staleAfterMs`, whose worker
 * registered a heartbeat (`delivery_workers`) and has not renewed it for that long.
 *
 * Best priority first, then oldest due; at most `perConversation` rows of one conversation, and none of a
 * conversation another live worker is sending to (its sends stay in order and in one place). Rows locked
 * by another claimer at this moment are skipped, never waited for, never shared.
 */
export async function claimOutbox(
  db: Queryable,
  workerId: string,
  limit: number,
  leaseMs: number,
  options: ClaimOptions | number = {},
): Promise<OutboxMessage[]> {
  const o: ClaimOptions = typeof options === 'number' ? { staleAfterMs: options } : options;
  const due = (t: string) => `((${t}.state IN ('pending', 'failed') AND ${t}.next_attempt_at <= now())
          OR (${t}.state = 'sending' AND ${t}.claimed_until < now())
          OR ($4::double precision IS NOT NULL AND ${t}.state = 'sending' AND EXISTS (
                SELECT 1 FROM delivery_workers w
                WHERE w.worker_id = ${t}.claimed_by AND w.seen_at < now() - make_interval(secs => $4::double precision / 1000))))`;
  const eligible = (t: string) => `${t}.priority <= $5 AND NOT (${t}.conversation_id = ANY($6::text[]))
          AND NOT EXISTS (
            SELECT 1 FROM outbox s
            WHERE s.conversation_id = ${t}.conversation_id AND s.state = 'sending' AND s.claimed_by <> $1 AND s.claimed_until >= now()
              AND NOT EXISTS (
                SELECT 1 FROM delivery_workers w
                WHERE $4::double precision IS NOT NULL AND w.worker_id = s.claimed_by
                  AND w.seen_at < now() - make_interval(secs => $4::double precision / 1000)))`;
  const rows = await db.query<OutboxRow>(
    `UPDATE outbox SET state = 'sending', claimed_by = $1,
       claimed_until = now() + make_interval(secs => $3::double precision / 1000),
       attempts = attempts + 1, updated_at = now()
     WHERE id IN (
       SELECT o.id FROM outbox o
       WHERE o.id IN (
         SELECT id FROM (
           SELECT d.id, d.priority, d.next_attempt_at,
                  row_number() OVER (PARTITION BY d.conversation_id ORDER BY d.priority, d.next_attempt_at, d.id) AS rank
           FROM (
             (SELECT q.id, q.conversation_id, q.priority, q.next_attempt_at FROM outbox q
              WHERE q.state IN ('pending', 'failed') AND q.next_attempt_at <= now() AND ${eligible('q')}
              ORDER BY q.priority, q.next_attempt_at, q.id LIMIT $7)
             UNION ALL
             (SELECT q.id, q.conversation_id, q.priority, q.next_attempt_at FROM outbox q
              WHERE q.state = 'sending' AND ${due('q')} AND ${eligible('q')}
              ORDER BY q.priority, q.next_attempt_at, q.id LIMIT $7)
           ) d
         ) ranked
         WHERE rank <= $8
         ORDER BY priority, next_attempt_at, id
         LIMIT $2)
       AND ${due('o')}
       FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [workerId, limit, leaseMs, o.staleAfterMs ?? null, o.maxPriority ?? 32_767, [...(o.skipConversations ?? [])], CLAIM_SCAN, o.perConversation ?? 2],
  );
  return rows.map(toMessage).sort((a, b) => a.priority - b.priority || a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
}

/**
 * Returns `ids` still claimed by `workerId` to the queue, due at `dueAt`, without counting the claim as an
 * attempt: the worker releases a row when it is stopping, when the row's lease would run out before it
 * could be sent, or when Teams' limits hold its conversation for long. Returns how many were released.
 */
export async function releaseOutboxClaims(db: Queryable, workerId: string, ids: readonly number[], dueAt: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.query(
    `UPDATE outbox SET
       state = CASE WHEN attempts > 1 THEN 'failed' ELSE 'pending' END,
       attempts = greatest(attempts - 1, 0),
       next_attempt_at = $3::timestamptz,
       claimed_by = NULL, claimed_until = NULL, updated_at = now()
     WHERE id = ANY($1::bigint[]) AND state = 'sending' AND claimed_by = $2
     RETURNING 1`,
    [[...ids], workerId, timestamp(dueAt)],
  );
  return rows.length;
}

/** Delivered; `activityId` is the id Teams gave the sent message (for later updates). */
export async function markOutboxSent(db: Queryable, id: number, activityId?: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE outbox SET state = 'sent', sent_activity_id = $2, claimed_until = NULL, last_error = NULL, updated_at = now()
     WHERE id = $1 AND state <> 'sent' RETURNING 1`,
    [id, activityId ?? null],
  );
  return rows.length > 0;
}

/**
 * Several deliveries recorded in one statement: what the worker uses, so that a burst of answers from the
 * connector is on record within one round trip instead of queueing one statement each (a kill -9 in that
 * queue would send them all again). Returns the ids newly marked sent.
 */
export async function markOutboxSentMany(
  db: Queryable,
  sent: readonly { id: number; activityId?: string; version?: number }[],
): Promise<Set<number>> {
  if (sent.length === 0) return new Set();
  // A replace row whose card moved on while this one was sent goes back to the queue with the newer card.
  const rows = await db.query<{ id: number | string; state: OutboxState }>(
    `UPDATE outbox o SET
       state = CASE WHEN s.version IS NULL OR o.version = s.version THEN 'sent' ELSE 'pending' END,
       attempts = CASE WHEN s.version IS NULL OR o.version = s.version THEN o.attempts ELSE 0 END,
       next_attempt_at = CASE WHEN s.version IS NULL OR o.version = s.version THEN o.next_attempt_at ELSE now() END,
       claimed_by = CASE WHEN s.version IS NULL OR o.version = s.version THEN o.claimed_by ELSE NULL END,
       sent_activity_id = coalesce(s.activity_id, o.sent_activity_id), claimed_until = NULL, last_error = NULL, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS s(id bigint, activity_id text, version integer)
     WHERE o.id = s.id AND o.state <> 'sent' RETURNING o.id, o.state`,
    [json(sent.map((s) => ({ id: s.id, activity_id: s.activityId ?? null, version: s.version ?? null })))],
  );
  return new Set(rows.filter((r) => r.state === 'sent').map((r) => toNumber(r.id)));
}

/** Failed this time; try again at `nextAttemptAt`. Only a message being sent can be marked for retry. */
export async function markOutboxRetry(db: Queryable, id: number, nextAttemptAt: Date, error: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE outbox SET state = 'failed', next_attempt_at = $2::timestamptz, last_error = $3,
       claimed_by = NULL, claimed_until = NULL, updated_at = now()
     WHERE id = $1 AND state = 'sending' RETURNING 1`,
    [id, timestamp(nextAttemptAt), error],
  );
  return rows.length > 0;
}

/**
 * Given up (e.g. the conversation is gone, or too many attempts); kept for the record, never retried. With
 * `version`, a replace row whose card has moved on since goes back to the queue instead (the newer card
 * deserves its own attempts), unless the error says the copy is gone (`copy gone…`).
 */
export async function markOutboxDead(db: Queryable, id: number, error: string, version?: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE outbox SET
       state = CASE WHEN $3::integer IS NULL OR version = $3 OR starts_with($2, 'copy gone') THEN 'dead' ELSE 'pending' END,
       attempts = CASE WHEN $3::integer IS NULL OR version = $3 OR starts_with($2, 'copy gone') THEN attempts ELSE 0 END,
       next_attempt_at = now(), last_error = $2, claimed_until = NULL, updated_at = now()
     WHERE id = $1 AND state NOT IN ('sent', 'dead') RETURNING 1`,
    [id, error, version ?? null],
  );
  return rows.length > 0;
}

export interface DeadLetter {
  id: number;
  conversationId: string;
  dedupeKey: string;
  kind: OutboxKind;
  priority: number;
  attempts: number;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Dead letters, newest first; `beforeId` pages on. */
export async function listDeadLetters(db: Queryable, limit: number, beforeId?: number): Promise<DeadLetter[]> {
  const rows = await db.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE state = 'dead' AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $1`,
    [limit, beforeId ?? null],
  );
  return rows.map(toMessage).map((m) => ({
    id: m.id,
    conversationId: m.conversationId,
    dedupeKey: m.dedupeKey,
    kind: m.kind,
    priority: m.priority,
    attempts: m.attempts,
    lastError: m.lastError,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  }));
}

/**
 * Puts dead letters back in the queue, due now, with their attempts reset. Returns the ids requeued (ids
 * that are not dead letters are left alone). A conversation marked inactive is made active again: an
 * admin retrying says the bot is back there.
 */
export async function retryDeadLetters(db: Queryable, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: number | string; conversation_id: string }>(
    `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL,
       claimed_by = NULL, claimed_until = NULL, updated_at = now()
     WHERE state = 'dead' AND id = ANY($1::bigint[]) RETURNING id, conversation_id`,
    [[...ids]],
  );
  if (rows.length) {
    await db.query(`UPDATE conversations SET active = true, updated_at = now() WHERE conversation_id = ANY($1::text[]) AND NOT active`, [
      [...new Set(rows.map((r) => r.conversation_id))],
    ]);
  }
  return rows.map((r) => toNumber(r.id)).sort((a, b) => a - b);
}

/** Messages in each state for each priority (only the pairs that exist). */
export async function countOutboxByPriority(db: Queryable): Promise<{ priority: number; state: OutboxState; count: number }[]> {
  const rows = await db.query<{ priority: unknown; state: OutboxState; n: unknown }>(
    'SELECT priority, state, count(*) AS n FROM outbox GROUP BY priority, state',
  );
  return rows.map((r) => ({ priority: toNumber(r.priority), state: r.state, count: toNumber(r.n) }));
}

export async function getOutboxMessage(db: Queryable, id: number): Promise<OutboxMessage | undefined> {
  const [row] = await db.query<OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE id = $1`, [id]);
  return row ? toMessage(row) : undefined;
}

/** How many messages are in each state (every state present, zero when none). */
export async function countOutboxByState(db: Queryable): Promise<Record<OutboxState, number>> {
  const rows = await db.query<{ state: OutboxState; n: unknown }>('SELECT state, count(*) AS n FROM outbox GROUP BY state');
  const counts: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0 };
  for (const row of rows) counts[row.state] = toNumber(row.n);
  return counts;
}

/**
 * Whether a message whose dedupe key starts with `dedupePrefix` was delivered to the conversation: e.g.
 * whether a concern's alert card (`concern:<id>:`) was posted there, so its members may refresh it.
 */
export async function deliveredTo(db: Queryable, conversationId: string, dedupePrefix: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM outbox WHERE conversation_id = $1 AND starts_with(dedupe_key, $2) AND state = 'sent' LIMIT 1`, [
    conversationId,
    dedupePrefix,
  ]);
  return rows.length > 0;
}

/** A message the outbox posted, where it went: enough to rewrite it in place. */
export interface PostedCopy {
  conversationId: string;
  /** The id the connector gave the posted message. */
  activityId: string;
  /** The conversation's stored reference (conversations table). */
  reference: ConversationReferenceJson;
}

/** Every posted copy of the message queued as `dedupeKey`, in conversations the bot can still reach. */
export async function postedCopies(db: Queryable, dedupeKey: string): Promise<PostedCopy[]> {
  const rows = await db.query<{ conversation_id: string; sent_activity_id: string; reference: ConversationReferenceJson }>(
    `SELECT o.conversation_id, o.sent_activity_id, c.reference FROM outbox o JOIN conversations c ON c.conversation_id = o.conversation_id
     WHERE o.dedupe_key = $1 AND o.sent_activity_id IS NOT NULL AND c.active`,
    [dedupeKey],
  );
  return rows.map((r) => ({ conversationId: r.conversation_id, activityId: r.sent_activity_id, reference: r.reference }));
}
