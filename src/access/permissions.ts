/**
 * Who may do what. Admins are named in `BOT_ADMINS`; everyone else holds the roles an admin granted in
 * chat (kept in the store). One table of rules, used by the workstreams and concerns features alike.
 */

/** Roles an admin can grant. `lead` is per workstream; the others are partnership-wide. */
export const grantableRoles = ['executive', 'officer', 'lead'] as const;
export type GrantableRole = (typeof grantableRoles)[number];
export type Role = 'admin' | GrantableRole;

/** One role held by one person; `scope` is the workstream slug for `lead`, absent otherwise. */
export interface RoleGrant {
  role: GrantableRole;
  scope?: string;
}

/** A person as the permission rules see them: their AAD object id, whether they are an admin, their grants. */
export interface Principal {
  userId: string;
  admin: boolean;
  grants: RoleGrant[];
}

export type Action =
  /** Post a status update for the workstream named in `scope`. */
  | 'workstream:update'
  /** Grant and revoke roles. */
  | 'roles:manage'
  /** Raise a concern. */
  | 'concern:raise'
  /** Acknowledge, assign, resolve concerns. */
  | 'concern:act'
  /** See concerns raised by others. */
  | 'concern:view'
  /** Generate and download the SEND Executive's meeting paper. */
  | 'paper:make';

/** With a scope, an unscoped grant of the role counts too (a lead without a workstream leads them all). */
const hasRole = (user: Principal, role: GrantableRole, scope?: string): boolean =>
  user.grants.some((g) => g.role === role && (scope === undefined || g.scope === undefined || g.scope === scope));

/**
 * The single permission rule. Admins may do everything; the SEND Executive and officers may raise, see
 * and act on concerns; a workstream's leads may update that workstream only; the
 * Executive (and admins) make the meeting paper.
 */
export function can(user: Principal, action: Action, scope?: string): boolean {
  if (user.admin) return true;
  switch (action) {
    case 'workstream:update':
      return scope !== undefined && hasRole(user, 'lead', scope);
    case 'roles:manage':
      return false;
    case 'concern:raise':
    case 'concern:act':
    case 'concern:view':
      return hasRole(user, 'executive') || hasRole(user, 'officer');
    case 'paper:make':
      return hasRole(user, 'executive');
  }
}

/** The highest role a person holds, for messages ("you are an officer"). */
export function primaryRole(user: Principal): Role | undefined {
  if (user.admin) return 'admin';
  for (const role of ['executive', 'officer', 'lead'] as const) if (hasRole(user, role)) return role;
  return undefined;
}
