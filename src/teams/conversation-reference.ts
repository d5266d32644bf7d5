/** What the store keeps about a conversation so the bot can post there later, from any instance. */
import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationType, ConversationUpsert } from '../store/conversations-repo';

/** The conversation of an inbound activity, as the store's conversations table wants it. */
export function conversationFromActivity(activity: Partial<Activity>): ConversationUpsert {
  const type = (activity.conversation?.conversationType ?? 'personal') as ConversationType;
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  return {
    conversationId: activity.conversation!.id,
    conversationType: type,
    serviceUrl: activity.serviceUrl!,
    tenantId: activity.conversation?.tenantId,
    teamId: channelData.team?.id,
    channelId: channelData.channel?.id,
    userAadObjectId: type === 'personal' ? activity.from?.aadObjectId : undefined,
    reference: TurnContext.getConversationReference(activity) as Record<string, unknown>,
  };
}
