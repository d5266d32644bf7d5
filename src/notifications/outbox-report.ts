/**
 * How the outbox stands, per priority, for operators (`GET /api/outbox`): what is queued, in flight, sent,
 * dead, and how many throttling answers Teams gave in the last minute (every instance's, from the store).
 */
import { countRecentThrottles } from '../store/delivery-budget-repo';
import { countOutboxByPriority } from '../store/outbox-repo';
import type { Queryable } from '../store/store-types';
import { deliveryPriorities, priorityName, type DeliveryPriority } from './priorities';

export interface PriorityReport {
  /** Waiting to be sent: pending, or failed and waiting to retry. */
  queued: number;
  /** Claimed by a worker: being sent now or about to be. */
  inFlight: number;
  sent: number;
  dead: number;
  /** 429s (and 5xx with Retry-After) in the last minute. */
  throttledLastMinute: number;
}

export type OutboxReport = Record<DeliveryPriority | `p${number}`, PriorityReport> & { total: PriorityReport };

const empty = (): PriorityReport => ({ queued: 0, inFlight: 0, sent: 0, dead: 0, throttledLastMinute: 0 });

export async function outboxReport(db: Queryable): Promise<OutboxReport> {
  const report: Record<string, PriorityReport> = {};
  for (const name of Object.keys(deliveryPriorities)) report[name] = empty();
  const total = empty();
  const entry = (priority: number): PriorityReport => (report[priorityName(priority)] ??= empty());
  for (const row of await countOutboxByPriority(db)) {
    const field = row.state === 'pending' || row.state === 'failed' ? 'queued' : row.state === 'sending' ? 'inFlight' : row.state;
    entry(row.priority)[field] += row.count;
    total[field] += row.count;
  }
  for (const [priority, n] of await countRecentThrottles(db, 60_000)) {
    entry(priority).throttledLastMinute += n;
    total.throttledLastMinute += n;
  }
  return { ...report, total } as OutboxReport;
}
