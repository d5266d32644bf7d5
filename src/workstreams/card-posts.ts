/**
 * Remembers where workstream and dashboard cards were posted, and rewrites them in place after a status
 * update so a channel's copy shows the new status without anyone opening it. Best effort: a copy that
 * cannot be updated (deleted, bot removed) is skipped, and Teams' card refresh catches it when viewed.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import type { Queryable } from '../store/store-types';

/** Only recent copies are rewritten: old ones are far up the chat and refresh themselves when viewed. */
const maxAgeDays = 30;
const maxCopies = 50;

/** `slug` is a workstream's, or '' for the dashboard. */
export async function rememberCardPost(db: Queryable, post: { conversationId: string; activityId: string; slug: string }): Promise<void> {
  await db.query(
    `INSERT INTO workstream_card_posts (conversation_id, activity_id, slug) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [post.conversationId, post.activityId, post.slug],
  );
}

export interface CardCopy {
  conversationId: string;
  activityId: string;
  slug: string;
  reference: Partial<ConversationReference>;
}

/** Recent copies of the given cards (slugs; '' = dashboard) in conversations the bot can still reach. */
export async function recentCardPosts(db: Queryable, slugs: readonly string[]): Promise<CardCopy[]> {
  const rows = await db.query<{ conversation_id: string; activity_id: string; slug: string; reference: Partial<ConversationReference> }>(
    `SELECT p.conversation_id, p.activity_id, p.slug, c.reference FROM workstream_card_posts p
     JOIN conversations c ON c.conversation_id = p.conversation_id
     WHERE p.slug = ANY($1::text[]) AND c.active AND p.posted_at > now() - ($2::int * interval '1 day')
     ORDER BY p.posted_at DESC LIMIT $3`,
    [[...slugs], maxAgeDays, maxCopies],
  );
  return rows.map((r) => ({ conversationId: r.conversation_id, activityId: r.activity_id, slug: r.slug, reference: r.reference }));
}

/** The part of the Teams adapter needed to reach a conversation outside a turn. */
export interface ContinueAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** Rewrites each copy with the card `cardFor(slug)` returns; skips the copy the current turn already updated. */
export async function updateCopiesInPlace(
  adapter: ContinueAdapter,
  botAppId: string,
  copies: readonly CardCopy[],
  cardFor: (slug: string) => Promise<Partial<Activity>>,
  logger: Logger,
  skip?: { conversationId: string; activityId?: string },
): Promise<number> {
  let updated = 0;
  for (const copy of copies) {
    if (skip && copy.conversationId === skip.conversationId && copy.activityId === skip.activityId) continue;
    try {
      const activity = await cardFor(copy.slug);
      await adapter.continueConversationAsync(botAppId, { ...copy.reference, activityId: undefined }, async (ctx) => {
        await ctx.updateActivity({ ...activity, id: copy.activityId });
      });
      updated += 1;
    } catch (err) {
      logger.warn({ err, conversationId: copy.conversationId, activityId: copy.activityId }, 'could not update a posted workstream card in place');
    }
  }
  return updated;
}
