/**
 * Heartbeats of delivery workers (table `delivery_workers`, migration 003), and taking over the outbox
 * claims of workers that have stopped beating. See src/notifications/delivery-worker.ts for how they are used.
 */
import type { Queryable } from './store-types';

/** Records that `workerId` is alive now. */
export async function beat(db: Queryable, workerId: string): Promise<void> {
  await db.query(
    `INSERT INTO delivery_workers (worker_id, seen_at) VALUES ($1, now())
     ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
    [workerId],
  );
}

/** A worker that stopped in good order: no heartbeat to go stale. */
export async function forgetWorker(db: Queryable, workerId: string): Promise<void> {
  await db.query('DELETE FROM delivery_workers WHERE worker_id = $1', [workerId]);
}

/**
 * Hands back every claim held by a worker other than `workerId` and forgets those workers: for a store no
 * other process can use (the embedded one), where any claim not this worker's is a dead process's. The
 * rows are due at once; the abandoned claim is not counted as an attempt. Returns how many were released.
 */
export async function takeOverAllClaims(db: Queryable, workerId: string): Promise<number> {
  const rows = await db.query(
    `UPDATE outbox SET
       state = CASE WHEN attempts > 1 THEN 'failed' ELSE 'pending' END,
       attempts = greatest(attempts - 1, 0),
       next_attempt_at = now(), claimed_by = NULL, claimed_until = NULL, updated_at = now()
     WHERE state = 'sending' AND claimed_by IS DISTINCT FROM $1
     RETURNING 1`,
    [workerId],
  );
  await db.query('DELETE FROM delivery_workers WHERE worker_id <> $1', [workerId]);
  return rows.length;
}
