/**
 * Where workstream and dashboard cards were posted (table `workstream_card_posts`, migration 002), so a
 * status update can rewrite the copies in place.
 */
import type { ConversationReferenceJson } from './conversations-repo';
import type { Queryable } from './store-types';

/** Only recent copies are rewritten: old ones are far up the chat and refresh themselves when viewed. */
const maxAgeDays = 30;
const maxCopies = 50;

/** `slug` is a workstream's, or '' for the dashboard. */
export async function rememberCardPost(db: Queryable, post: { conversationId: string; activityId: string; slug: string }): Promise<void> {
  await db.query(`INSERT INTO workstream_card_posts (conversation_id, activity_id, slug) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    post.conversationId,
    post.activityId,
    post.slug,
  ]);
}

export interface CardCopy {
  conversationId: string;
  activityId: string;
  slug: string;
  reference: ConversationReferenceJson;
}

/** Recent copies of the given cards (slugs; '' = dashboard) in conversations the bot can still reach. */
export async function recentCardPosts(db: Queryable, slugs: readonly string[]): Promise<CardCopy[]> {
  const rows = await db.query<{ conversation_id: string; activity_id: string; slug: string; reference: ConversationReferenceJson }>(
    `SELECT p.conversation_id, p.activity_id, p.slug, c.reference FROM workstream_card_posts p
     JOIN conversations c ON c.conversation_id = p.conversation_id
     WHERE p.slug = ANY($1::text[]) AND c.active AND p.posted_at > now() - ($2::int * interval '1 day')
     ORDER BY p.posted_at DESC LIMIT $3`,
    [[...slugs], maxAgeDays, maxCopies],
  );
  return rows.map((r) => ({ conversationId: r.conversation_id, activityId: r.activity_id, slug: r.slug, reference: r.reference }));
}

/** A copy Teams no longer has (deleted): not rewritten again. */
export async function forgetCardPost(db: Queryable, copy: { conversationId: string; activityId: string }): Promise<void> {
  await db.query(`DELETE FROM workstream_card_posts WHERE conversation_id = $1 AND activity_id = $2`, [copy.conversationId, copy.activityId]);
}
