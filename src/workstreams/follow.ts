/**
 * Following workstreams from a chat or channel. Following stores the conversation's reference, so the
 * bot can post status updates and the weekly digest there later, from any instance.
 */
import { upsertConversation, type ConversationUpsert } from '../store/conversations-repo';
import type { Queryable } from '../store/store-types';
import { listTopics, subscribe, unsubscribe } from '../store/subscriptions-repo';
import type { Workstream } from './registry-schema';
import { allWorkstreamsTopic, workstreamTopic } from './workstream-notice';

/**
 * `target` is a workstream or 'all'; `conversation` is where to post (stored with its reference, so the
 * bot can post there later). True when it changed something.
 */
export async function follow(db: Queryable, conversation: ConversationUpsert, target: Workstream | 'all', by: string): Promise<boolean> {
  await upsertConversation(db, conversation);
  return subscribe(db, conversation.conversationId, target === 'all' ? allWorkstreamsTopic : workstreamTopic(target.slug), by);
}

/**
 * Stops following. `all` stops everything workstream-related in this conversation (the "all" topic and
 * each single workstream), since that is what a person typing "unfollow all" means.
 */
export async function unfollow(db: Queryable, conversationId: string, target: Workstream | 'all'): Promise<number> {
  if (target !== 'all') return (await unsubscribe(db, conversationId, workstreamTopic(target.slug))) ? 1 : 0;
  let count = 0;
  for (const s of await listTopics(db, conversationId)) {
    if (s.topic === allWorkstreamsTopic || s.topic.startsWith('workstream:')) count += (await unsubscribe(db, conversationId, s.topic)) ? 1 : 0;
  }
  return count;
}

/** What this conversation follows: 'all' and/or slugs. */
export async function followedBy(db: Queryable, conversationId: string): Promise<{ all: boolean; slugs: string[] }> {
  const topics = (await listTopics(db, conversationId)).map((s) => s.topic);
  return {
    all: topics.includes(allWorkstreamsTopic),
    slugs: topics.filter((t) => t.startsWith('workstream:')).map((t) => t.slice('workstream:'.length)),
  };
}
