/**
 * How a capability says who must be told what, without knowing how it looks: a notice names the topics
 * whose followers hear it, the alert it is (its dedupe key, see enqueue.ts) and what happened (`about`,
 * plain data). The capability's cards module renders `about` as a message; `announcer(render)` is
 * the function a service is given, so a domain service never builds a card or an activity itself.
 */
import type { Queryable } from '../store/store-types';
import { enqueueToTopic, type EnqueueResult, type OutboxActivity } from './enqueue';
import type { DeliveryPriority } from './priorities';

export interface Notice<T> {
  /** e.g. `concerns`, `workstream:<slug>`; an array reaches each follower of any of them once. */
  topic: string | readonly string[];
  /** Names the alert: queued at most once per conversation. */
  dedupeKey: string;
  about: T;
}

/** Queues a notice inside the caller's transaction, so it exists exactly when the change it is about does. */
export type Announce<T> = (tx: Queryable, notice: Notice<T>) => Promise<EnqueueResult>;

/**
 * An `Announce` that renders each notice with `render` and queues it in the outbox; `onQueued` wakes the
 * sender; `priority` says what goes first when Teams' limits make messages wait (default `update`).
 */
export function announcer<T>(render: (about: T) => OutboxActivity, onQueued?: () => void, priority?: (about: T) => DeliveryPriority): Announce<T> {
  return async (tx, notice) => {
    const result = await enqueueToTopic(tx, {
      topic: notice.topic,
      dedupeKey: notice.dedupeKey,
      activity: render(notice.about),
      priority: priority?.(notice.about),
    });
    onQueued?.();
    return result;
  };
}
