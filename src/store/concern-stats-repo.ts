/**
 * Counts over the concern register for the Progress tab: how many unresolved concerns there are of each
 * kind and RAYG rating. Read-only; the concerns capability owns the table's writes.
 */
import { toNumber } from './sql-values';
import type { Queryable } from './store-types';

export interface ConcernCount {
  kind: string;
  /** Absent for concerns with no RAYG rating. */
  rating?: string;
  count: number;
}

export async function unresolvedConcernCounts(db: Queryable): Promise<ConcernCount[]> {
  const rows = await db.query<{ kind: string; rating: string | null; n: number | string }>(
    `SELECT kind, rating, count(*) AS n FROM concerns WHERE status <> 'resolved' GROUP BY kind, rating ORDER BY kind, rating`,
  );
  return rows.map((r) => ({ kind: r.kind, ...(r.rating ? { rating: r.rating } : {}), count: toNumber(r.n) }));
}
