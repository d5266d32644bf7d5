/**
 * The notification outbox. Alerts are enqueued in the same transaction as the change that caused them, at
 * most once per (conversation, dedupe key); delivery workers on any instance claim due rows under a lease
 * with `FOR UPDATE SKIP LOCKED`, so no row is handed to two workers, and a worker that dies mid-send only
 * delays its rows until the lease runs out.
 *
 * States: pending → sending (claimed) → sent | failed (retry at next_attempt_at) → … → dead (gave up).
 */
import type { ConversationReferenceJson } from './conversations-repo';
import { json, optional, timestamp, toDate, toNumber } from './sql-values';
import type { Queryable } from './store-types';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

export interface OutboxMessage {
  id: number;
  conversationId: string;
  dedupeKey: string;
  payload: unknown;
  state: OutboxState;
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
}

interface OutboxRow {
  id: number | string;
  conversation_id: string;
  dedupe_key: string;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: Date | null;
  sent_activity_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, conversation_id, dedupe_key, payload, state, attempts, next_attempt_at, last_error, claimed_by,
  claimed_until, sent_activity_id, created_at, updated_at`;

const toMessage = (row: OutboxRow): OutboxMessage => ({
  id: toNumber(row.id),
  conversationId: row.conversation_id,
  dedupeKey: row.dedupe_key,
  payload: row.payload,
  state: row.state,
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
    `INSERT INTO outbox (conversation_id, dedupe_key, payload, next_attempt_at)
     SELECT m.conversation_id, m.dedupe_key, m.payload, coalesce(m.not_before, now())
     FROM jsonb_to_recordset($1::jsonb) AS m(conversation_id text, dedupe_key text, payload jsonb, not_before timestamptz)
     ON CONFLICT (conversation_id, dedupe_key) DO NOTHING
     RETURNING 1`,
    [
      json(
        messages.map((m) => ({
          conversation_id: m.conversationId,
          dedupe_key: m.dedupeKey,
          payload: m.payload ?? null,
          not_before: m.notBefore?.toISOString() ?? null,
        })),
      ),
    ],
  );
  return rows.length;
}

/**
 * Claims up to `limit` due messages for `workerId` for `leaseMs`: pending or failed ones whose time has
 * come, and sending ones whose lease has run out (their worker died). With `staleAfterMs`, also sending
 * ones whose worker registered a heartbeat (`delivery_workers`) and has not renewed it for that long: a
 * killed worker's claims are taken over within seconds rather than at the end of the lease. Oldest due
 * first. Rows locked by another claimer at this moment are skipped, never waited for, never shared.
 */
export async function claimOutbox(db: Queryable, workerId: string, limit: number, leaseMs: number, staleAfterMs?: number): Promise<OutboxMessage[]> {
  const rows = await db.query<OutboxRow>(
    `UPDATE outbox SET state = 'sending', claimed_by = $1,
       claimed_until = now() + make_interval(secs => $3::double precision / 1000),
       attempts = attempts + 1, updated_at = now()
     WHERE id IN (
       SELECT id FROM outbox o
       WHERE (state IN ('pending', 'failed') AND next_attempt_at <= now())
          OR (state = 'sending' AND claimed_until < now())
          OR ($4::double precision IS NOT NULL AND state = 'sending' AND EXISTS (
                SELECT 1 FROM delivery_workers w
                WHERE w.worker_id = o.claimed_by AND w.seen_at < now() - make_interval(secs => $4::double precision / 1000)))
       ORDER BY next_attempt_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [workerId, limit, leaseMs, staleAfterMs ?? null],
  );
  return rows.map(toMessage).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
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
export async function markOutboxSentMany(db: Queryable, sent: readonly { id: number; activityId?: string }[]): Promise<Set<number>> {
  if (sent.length === 0) return new Set();
  const rows = await db.query<{ id: number | string }>(
    `UPDATE outbox o SET state = 'sent', sent_activity_id = s.activity_id, claimed_until = NULL, last_error = NULL, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS s(id bigint, activity_id text)
     WHERE o.id = s.id AND o.state <> 'sent' RETURNING o.id`,
    [json(sent.map((s) => ({ id: s.id, activity_id: s.activityId ?? null })))],
  );
  return new Set(rows.map((r) => toNumber(r.id)));
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

/** Given up (e.g. the conversation is gone, or too many attempts); kept for the record, never retried. */
export async function markOutboxDead(db: Queryable, id: number, error: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE outbox SET state = 'dead', last_error = $2, claimed_until = NULL, updated_at = now()
     WHERE id = $1 AND state NOT IN ('sent', 'dead') RETURNING 1`,
    [id, error],
  );
  return rows.length > 0;
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
  const rows = await db.query(
    `SELECT 1 FROM outbox WHERE conversation_id = $1 AND starts_with(dedupe_key, $2) AND state = 'sent' LIMIT 1`,
    [conversationId, dedupePrefix],
  );
  return rows.length > 0;
}

/**
 * Returns `ids` still claimed by `workerId` to the queue, due at `dueAt`, without counting the claim as an
 * attempt. The worker releases a row when it is stopping, when the row's lease would run out before it
 * could be sent, or when Teams' per-conversation limits hold it for long: none of those is a failed send,
 * so it must not use up one of the row's attempts (claimOutbox counts claims). Returns how many were released.
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
