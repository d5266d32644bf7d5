/** What the store keeps about a conversation so the bot can post there later, from any instance. */
import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationType, ConversationUpsert } from '../store/conversations-repo';

/**
 * Activities whose `serviceUrl` was vouched for by the Bot Framework token (its serviceUrl claim matched).
 * In anonymous local mode nothing is: anyone who can post to the bot could name any serviceUrl, and a
 * stored conversation must not be redirected by that.
 */
const verifiedServiceUrls = new WeakSet<object>();

/** Called by the inbound pipeline once a request's token has been checked against its activity. */
export function markServiceUrlVerified(activity: Partial<Activity>): void {
  verifiedServiceUrls.add(activity);
}

/** The conversation of an inbound activity, as the store's conversations table wants it. */
export function conversationFromActivity(activity: Partial<Activity>): ConversationUpsert {
  const type = (activity.conversation?.conversationType ?? 'personal') as ConversationType;
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  const conversationId = activity.conversation?.id;
  const serviceUrl = activity.serviceUrl;
  // Every activity that reaches a route has passed checkActivity, which requires both.
  if (!conversationId || !serviceUrl) throw new Error('an activity without a conversation id and serviceUrl cannot be remembered');
  return {
    conversationId,
    conversationType: type,
    serviceUrl,
    serviceUrlVerified: verifiedServiceUrls.has(activity),
    tenantId: activity.conversation?.tenantId,
    teamId: channelData.team?.id,
    channelId: channelData.channel?.id,
    userAadObjectId: type === 'personal' ? activity.from?.aadObjectId : undefined,
    reference: TurnContext.getConversationReference(activity) as Record<string, unknown>,
  };
}
