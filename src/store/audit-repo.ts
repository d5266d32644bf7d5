/** The audit log: who changed what, appended in the same transaction as the change itself. */
import { json, onlyRow, optional, toDate, toNumber } from './sql-values';
import type { Queryable } from './store-types';

export interface AuditEntry {
  id: number;
  /** AAD object id, `api:<key label>` or `system`. */
  actor: string;
  /** Dotted verb, e.g. `role.grant`, `concern.assign`. */
  action: string;
  target?: string;
  details: Record<string, unknown>;
  at: Date;
}

export interface NewAuditEntry {
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: number | string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  at: Date;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: toNumber(row.id),
  actor: row.actor,
  action: row.action,
  target: optional(row.target),
  details: row.details ?? {},
  at: toDate(row.at),
});

export async function appendAudit(db: Queryable, entry: NewAuditEntry): Promise<AuditEntry> {
  const rows = await db.query<AuditRow>(
    `INSERT INTO audit_log (actor, action, target, details) VALUES ($1, $2, $3, $4::jsonb)
     RETURNING id, actor, action, target, details, at`,
    [entry.actor, entry.action, entry.target ?? null, json(entry.details ?? {})],
  );
  return toEntry(onlyRow(rows));
}

export interface AuditFilter {
  actor?: string;
  /** Exact action, or a prefix ending in `.` (e.g. `role.`). */
  action?: string;
  target?: string;
  since?: Date;
  /** Default 100. */
  limit?: number;
}

/** Newest first. */
export async function listAudit(db: Queryable, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const action = filter.action?.endsWith('.') ? `${filter.action}%` : filter.action;
  const rows = await db.query<AuditRow>(
    `SELECT id, actor, action, target, details, at FROM audit_log
     WHERE ($1::text IS NULL OR actor = $1)
       AND ($2::text IS NULL OR action LIKE $2)
       AND ($3::text IS NULL OR target = $3)
       AND ($4::timestamptz IS NULL OR at >= $4)
     ORDER BY at DESC, id DESC LIMIT $5`,
    [filter.actor ?? null, action ?? null, filter.target ?? null, filter.since?.toISOString() ?? null, filter.limit ?? 100],
  );
  return rows.map(toEntry);
}
