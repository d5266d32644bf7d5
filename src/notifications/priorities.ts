/**
 * Which proactive messages go first when Teams' limits make them wait: a concern alert before a
 * status-update notice, before a refresh of a posted card, before the weekly digest. Stored as the
 * outbox row's `priority` (lower first); the delivery worker claims and sends in this order.
 */
export const deliveryPriorities = { alert: 0, update: 1, refresh: 2, digest: 3 } as const;

export type DeliveryPriority = keyof typeof deliveryPriorities;

/** The name of a stored priority (for reports); unknown numbers are shown as they are. */
export function priorityName(priority: number): DeliveryPriority | `p${number}` {
  const found = (Object.keys(deliveryPriorities) as DeliveryPriority[]).find((k) => deliveryPriorities[k] === priority);
  return found ?? `p${priority}`;
}
