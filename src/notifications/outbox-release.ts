/**
 * Handing claimed-but-unsent outbox rows back, without counting the claim as an attempt.
 *
 * This belongs in `src/store/outbox-repo.ts` (asked of the store's owner); it lives here until then.
 * The worker releases a row when it is stopping, when the row's lease would run out before it could
 * be sent, or when Teams' per-conversation limits hold it for long: none of those is a failed send, so
 * it must not use up one of the row's attempts (claimOutbox counts claims).
 */
import type { Queryable } from '../store/store-types';
import { timestamp } from '../store/sql-values';

/** Returns `ids` still claimed by `workerId` to the queue, due at `dueAt`. Returns how many were released. */
export async function releaseOutboxClaims(db: Queryable, workerId: string, ids: readonly number[], dueAt: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.query(
    `UPDATE outbox SET
       state = CASE WHEN attempts > 1 THEN 'failed' ELSE 'pending' END,
       attempts = greatest(attempts - 1, 0),
       next_attempt_at = $3::timestamptz,
       claimed_by = NULL, claimed_until = NULL, updated_at = now()
     WHERE id = ANY($1::bigint[]) AND state = 'sending' AND claimed_by = $2
     RETURNING 1`,
    [[...ids], workerId, timestamp(dueAt)],
  );
  return rows.length;
}
