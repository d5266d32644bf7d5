/**
 * Who follows what. A topic is a string such as `workstream:<slug>`, `workstreams:all` or `concerns`;
 * unsubscribing keeps the row (inactive) so re-subscribing is an update and the history of who asked stays.
 */
import { optional, toDate } from './sql-values';
import type { Queryable } from './store-types';

export interface Subscription {
  conversationId: string;
  topic: string;
  active: boolean;
  subscribedBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

interface SubscriptionRow {
  conversation_id: string;
  topic: string;
  active: boolean;
  subscribed_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const toSubscription = (row: SubscriptionRow): Subscription => ({
  conversationId: row.conversation_id,
  topic: row.topic,
  active: row.active,
  subscribedBy: optional(row.subscribed_by),
  createdAt: toDate(row.created_at),
  updatedAt: toDate(row.updated_at),
});

/**
 * Follows `topic` from a conversation (which must already be recorded with `upsertConversation`).
 * True when this changed something: a new follow, or an inactive one made active again.
 */
export async function subscribe(db: Queryable, conversationId: string, topic: string, subscribedBy?: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO subscriptions (conversation_id, topic, subscribed_by) VALUES ($1, $2, $3)
     ON CONFLICT (conversation_id, topic) DO UPDATE
       SET active = true, subscribed_by = EXCLUDED.subscribed_by, updated_at = now()
       WHERE NOT subscriptions.active
     RETURNING 1`,
    [conversationId, topic, subscribedBy ?? null],
  );
  return rows.length > 0;
}

/** Stops following; true when the conversation was following. */
export async function unsubscribe(db: Queryable, conversationId: string, topic: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE subscriptions SET active = false, updated_at = now()
     WHERE conversation_id = $1 AND topic = $2 AND active RETURNING 1`,
    [conversationId, topic],
  );
  return rows.length > 0;
}

/**
 * The conversations following any of `topics` that the bot can still reach (conversation active), each
 * once, in a stable order. Pass `['workstream:x', 'workstreams:all']` to reach everyone who cares about x.
 */
export async function listSubscribers(db: Queryable, topics: string | readonly string[]): Promise<string[]> {
  const list = typeof topics === 'string' ? [topics] : [...topics];
  if (list.length === 0) return [];
  const rows = await db.query<{ conversation_id: string }>(
    `SELECT DISTINCT s.conversation_id FROM subscriptions s
     JOIN conversations c ON c.conversation_id = s.conversation_id
     WHERE s.topic = ANY($1::text[]) AND s.active AND c.active
     ORDER BY s.conversation_id`,
    [list],
  );
  return rows.map((r) => r.conversation_id);
}

/** What a conversation follows (active follows only), by topic. */
export async function listTopics(db: Queryable, conversationId: string): Promise<Subscription[]> {
  const rows = await db.query<SubscriptionRow>(
    `SELECT conversation_id, topic, active, subscribed_by, created_at, updated_at FROM subscriptions
     WHERE conversation_id = $1 AND active ORDER BY topic`,
    [conversationId],
  );
  return rows.map(toSubscription);
}
