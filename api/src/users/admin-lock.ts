import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { MemberViewer } from '../auth/viewer';
import { forbidden } from '../errors/graphql-errors';
import { User, UserRole } from './user.entity';

/**
 * Locks the account's active admins (in id order, so two callers cannot deadlock) before a
 * change of roles or activation, and returns them as they are once locked.
 *
 * Two admins demoting or deactivating each other at the same instant would otherwise each see
 * the other still there and both succeed, leaving no admin: the second waits for the first,
 * then PostgreSQL re-checks the rows it waited for, and the first's change is what it counts.
 * A signed-in caller who is no longer among them (deactivated or demoted meanwhile) is FORBIDDEN.
 */
export async function lockActiveAdmins(tem: EntityManager, viewer: MemberViewer): Promise<User[]> {
  const admins = await tem.find(
    User,
    { account: viewer.accountId, role: UserRole.ADMIN, deactivatedAt: null },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' }, refresh: true },
  );
  if (viewer.kind === 'user' && !admins.some((admin) => admin.id === viewer.userId)) throw forbidden('Only an active admin of the account can change users.');
  return admins;
}
