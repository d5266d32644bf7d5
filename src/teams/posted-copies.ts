/**
 * Rewriting messages the bot posted earlier, in place, outside any turn: a workstream card after a status
 * update, a concern's alert after someone acted on it. Best effort: a copy that cannot be updated (deleted,
 * bot removed) is skipped and logged, and Teams' card refresh catches it when someone views it.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

/** The part of the Teams adapter needed to reach a conversation outside a turn. */
export interface ContinueAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** A posted message: where it is and the conversation's stored reference. */
export interface PostedMessage {
  conversationId: string;
  activityId: string;
  reference: Record<string, unknown>;
}

/** The copy the current turn has already updated itself. */
export interface SkipCopy {
  conversationId: string;
  activityId?: string;
}

/** Rewrites each copy with the activity `activityFor(copy)` returns; returns how many were updated. */
export async function rewritePostedCopies<C extends PostedMessage>(
  target: { adapter: ContinueAdapter; botAppId: string; logger: Logger },
  copies: readonly C[],
  activityFor: (copy: C) => Partial<Activity> | Promise<Partial<Activity>>,
  skip?: SkipCopy,
): Promise<number> {
  let updated = 0;
  for (const copy of copies) {
    if (skip && copy.conversationId === skip.conversationId && copy.activityId === skip.activityId) continue;
    try {
      const activity = await activityFor(copy);
      await target.adapter.continueConversationAsync(target.botAppId, { ...(copy.reference as Partial<ConversationReference>), activityId: undefined }, async (ctx) => {
        await ctx.updateActivity({ type: 'message', ...activity, id: copy.activityId });
      });
      updated += 1;
    } catch (err) {
      target.logger.warn({ err, conversationId: copy.conversationId, activityId: copy.activityId }, 'could not update a posted card in place');
    }
  }
  return updated;
}
