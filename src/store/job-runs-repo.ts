/**
 * Once-per-period jobs across instances: each instance's scheduler fires, and only the one that records
 * the run first goes ahead (the primary key on job and period decides).
 */
import type { Queryable } from './store-types';

/**
 * Claims the run of `job` for `periodKey` (e.g. `2025-W14`, `2025-04-07`). True only for the first caller
 * ever; everyone else, on any instance, gets false and must skip.
 */
export async function tryStartRun(db: Queryable, job: string, periodKey: string, startedBy?: string): Promise<boolean> {
  const rows = await db.query('INSERT INTO job_runs (job_name, period_key, started_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [
    job,
    periodKey,
    startedBy ?? null,
  ]);
  return rows.length > 0;
}
