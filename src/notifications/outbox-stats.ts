/** How the outbox stands, for /healthz, the admin report and tests. */
import { countOutboxByState, type OutboxState } from '../store/outbox-repo';
import type { Queryable } from '../store/store-types';

/** Messages in each state: pending, sending (claimed), sent, failed (waiting to retry), dead (given up). */
export function outboxStats(store: Queryable): Promise<Record<OutboxState, number>> {
  return countOutboxByState(store);
}
