/**
 * Who may do what. A role is global (`scope` empty) or scoped to a workstream (a lead's slug). Every grant
 * and revoke writes an audit row in the same transaction (a new one when given the store, the caller's when given a `tx`), so
 * the log can never disagree with the table.
 */
import { appendAudit } from './audit-repo';
import { toDate } from './sql-values';
import { inTransaction, type Queryable, type Store } from './store-types';

export const roleNames = ['admin', 'executive', 'officer', 'lead'] as const;
export type RoleName = (typeof roleNames)[number];

export interface RoleGrant {
  aadObjectId: string;
  role: RoleName;
  /** Workstream slug for a lead; undefined for a role that applies everywhere. */
  scope?: string;
  grantedBy: string;
  grantedAt: Date;
}

interface RoleRow {
  aad_object_id: string;
  role: RoleName;
  scope: string;
  granted_by: string;
  granted_at: Date;
}

const toGrant = (row: RoleRow): RoleGrant => ({
  aadObjectId: row.aad_object_id,
  role: row.role,
  scope: row.scope === '' ? undefined : row.scope,
  grantedBy: row.granted_by,
  grantedAt: toDate(row.granted_at),
});

const target = (aadObjectId: string, role: RoleName, scope: string): string => (scope ? `${aadObjectId}:${role}:${scope}` : `${aadObjectId}:${role}`);

/** Grants a role; true when it is new (re-granting an existing role changes nothing and audits nothing). */
export async function grantRole(
  db: Store | Queryable,
  grant: { aadObjectId: string; role: RoleName; scope?: string; grantedBy: string },
): Promise<boolean> {
  const scope = grant.scope ?? '';
  return inTransaction(db, async (tx) => {
    const rows = await tx.query(
      `INSERT INTO roles (aad_object_id, role, scope, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING role`,
      [grant.aadObjectId, grant.role, scope, grant.grantedBy],
    );
    if (rows.length === 0) return false;
    await appendAudit(tx, {
      actor: grant.grantedBy,
      action: 'role.grant',
      target: target(grant.aadObjectId, grant.role, scope),
      details: { aadObjectId: grant.aadObjectId, role: grant.role, scope: grant.scope ?? null },
    });
    return true;
  });
}

/** Revokes a role; true when there was one to revoke. */
export async function revokeRole(
  db: Store | Queryable,
  revoke: { aadObjectId: string; role: RoleName; scope?: string; revokedBy: string },
): Promise<boolean> {
  const scope = revoke.scope ?? '';
  return inTransaction(db, async (tx) => {
    const rows = await tx.query('DELETE FROM roles WHERE aad_object_id = $1 AND role = $2 AND scope = $3 RETURNING role', [
      revoke.aadObjectId,
      revoke.role,
      scope,
    ]);
    if (rows.length === 0) return false;
    await appendAudit(tx, {
      actor: revoke.revokedBy,
      action: 'role.revoke',
      target: target(revoke.aadObjectId, revoke.role, scope),
      details: { aadObjectId: revoke.aadObjectId, role: revoke.role, scope: revoke.scope ?? null },
    });
    return true;
  });
}

/** Every grant, or one person's, ordered by person, role and scope. */
export async function listRoles(db: Queryable, aadObjectId?: string): Promise<RoleGrant[]> {
  const rows = await db.query<RoleRow>(
    `SELECT aad_object_id, role, scope, granted_by, granted_at FROM roles
     WHERE ($1::text IS NULL OR aad_object_id = $1) ORDER BY aad_object_id, role, scope`,
    [aadObjectId ?? null],
  );
  return rows.map(toGrant);
}

/**
 * Whether the person holds `role`. With a `scope`, a global grant of the role also counts (an unscoped
 * lead leads everything); without one, any grant of the role counts.
 */
export async function hasRole(db: Queryable, aadObjectId: string, role: RoleName, scope?: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM roles WHERE aad_object_id = $1 AND role = $2 AND ($3::text IS NULL OR scope IN ($3, '')) LIMIT 1`, [
    aadObjectId,
    role,
    scope ?? null,
  ]);
  return rows.length > 0;
}
