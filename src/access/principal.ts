/** Looks a person up: admin by configuration (`BOT_ADMINS`) or by a stored grant, plus their other roles. */
import { listRoles } from '../store/roles-repo';
import type { Queryable } from '../store/store-types';
import type { GrantableRole, Principal } from './permissions';

/**
 * `userId` is the person's AAD object id (Teams `from.aadObjectId`); without one (undefined) the person
 * holds no roles at all, whatever else the activity says about them.
 */
export async function roleOf(db: Queryable, admins: readonly string[], userId: string | undefined): Promise<Principal> {
  if (!userId) return { userId: '', admin: false, grants: [] };
  const stored = await listRoles(db, userId);
  return {
    userId,
    admin: admins.includes(userId) || stored.some((g) => g.role === 'admin'),
    grants: stored.filter((g) => g.role !== 'admin').map((g) => ({ role: g.role as GrantableRole, scope: g.scope })),
  };
}
