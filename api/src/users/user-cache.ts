import type { EntityManager } from '@mikro-orm/core';
import { InvalidatedCache } from '../caching/invalidated-cache';
import { User, type UserRole } from './user.entity';

/** The columns of a user as read from PostgreSQL (no password hash: it is lazy and never cached). */
interface UserRow {
  id: string;
  account: string;
  name: string;
  email: string;
  role: UserRole;
  acceptingChats: boolean;
  maxConcurrentChats: number | null;
  createdAt: Date;
  deactivatedAt: Date | null;
  tokensValidFrom: Date | null;
}

/**
 * The users this process authenticated lately, so a request signed by a user token needs no
 * query: the user is merged into the request's EntityManager as if it had been read. A user is
 * dropped at every committed change of it, here or in any process (see InvalidatedCache for
 * the guarantees). API keys are never cached: a revocation must take effect at once.
 */
export class UserCache {
  /** Also what the change feed tells (change-feed.ts). */
  readonly rows: InvalidatedCache<UserRow>;

  constructor(options: { ttlMs: number; max: number }) {
    this.rows = new InvalidatedCache({ name: 'users', ...options, ownersOf: (change) => change.userIds });
  }

  /** Call before reading a user from PostgreSQL; pass the result to `remember`. */
  beginRead(): number {
    return this.rows.beginRead();
  }

  /** Keeps a user read since `beginRead` returned `readAt`, unless it changed meanwhile. */
  remember(user: User, readAt: number): void {
    this.rows.set(user.id, user.id, { id: user.id, account: user.account.id, name: user.name, email: user.email, role: user.role, acceptingChats: user.acceptingChats, maxConcurrentChats: user.maxConcurrentChats ?? null, createdAt: user.createdAt, deactivatedAt: user.deactivatedAt ?? null, tokensValidFrom: user.tokensValidFrom ?? null }, readAt);
  }

  /** The cached user of this account, merged into `em` as a loaded entity, or undefined. */
  recall(em: EntityManager, userId: string, accountId: string): User | undefined {
    const row = this.rows.get(userId, userId);
    if (!row || row.account !== accountId) return undefined;
    return em.merge(User, { ...row });
  }


  get size(): number {
    return this.rows.size;
  }
}
