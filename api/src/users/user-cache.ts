import type { EntityManager, EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import { User, type UserRole } from './user.entity';

/** The columns of a user as read from PostgreSQL (no password hash: it is lazy and never cached). */
interface UserRow {
  id: string;
  account: string;
  name: string;
  email: string;
  role: UserRole;
  acceptingChats: boolean;
  createdAt: Date;
}

/**
 * The users this process authenticated lately, so a request signed by a user token needs no
 * query (the user is merged into the request's EntityManager as if it had been read).
 *
 * Stale entries are prevented rather than tolerated: every flush that changes or deletes a
 * user drops it here at once and, through Redis, in every other process (UserChanges). The
 * cache only answers while those announcements are being received: when the pub/sub
 * connection drops it empties itself and stops caching until it is back. A read that started
 * before an announcement arrived is not kept (a generation number), so a row read just before
 * another process committed cannot be cached after its announcement. Entries also expire after
 * `ttlMs`, the bound if an announcement is lost in some other way (a failed publish).
 */
export class UserCache {
  private readonly entries: LRUCache<string, UserRow>;
  private generation = 0;
  private live = false;

  constructor({ ttlMs, max }: { ttlMs: number; max: number }) {
    this.entries = new LRUCache({ max, ttl: ttlMs, ttlAutopurge: false });
  }

  /** Call before reading a user from PostgreSQL; pass the result to `remember`. */
  beginRead(): number {
    return this.generation;
  }

  /** Keeps a user read since `beginRead` returned `generation`, unless something changed meanwhile. */
  remember(user: User, generation: number): void {
    if (!this.live || generation !== this.generation) return;
    this.entries.set(user.id, { id: user.id, account: user.account.id, name: user.name, email: user.email, role: user.role, acceptingChats: user.acceptingChats, createdAt: user.createdAt });
  }

  /** The cached user of this account, merged into `em` as a loaded entity, or undefined. */
  recall(em: EntityManager, userId: string, accountId: string): User | undefined {
    if (!this.live) return undefined;
    const row = this.entries.get(userId);
    if (!row || row.account !== accountId) return undefined;
    return em.merge(User, { ...row });
  }

  /** These users changed or were deleted (here or in another process). */
  forget(userIds: Iterable<string>): void {
    this.generation++;
    for (const id of userIds) this.entries.delete(id);
  }

  /** Announcements are being received (again): caching may start. */
  resume(): void {
    this.generation++;
    this.live = true;
  }

  /** Announcements may be missed from now on: forget everything and stop caching. */
  suspend(): void {
    this.generation++;
    this.live = false;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Calls `announce` with the ids of the users a transaction changed or deleted, once it has
 * committed: at that point another process reading the user sees the new row. Flushes
 * outside an explicit transaction commit their own.
 */
export class UserChanges implements EventSubscriber {
  private readonly pending = new WeakMap<EntityManager, Set<string>>();

  constructor(private readonly announce: (userIds: string[]) => void) {}

  onFlush({ em, uow }: FlushEventArgs): void {
    const changed = uow
      .getChangeSets()
      .filter((changeSet) => changeSet.entity instanceof User && changeSet.type !== 'create')
      .map((changeSet) => (changeSet.entity as User).id);
    if (!changed.length) return;
    const ids = this.pending.get(em) ?? new Set<string>();
    for (const id of changed) ids.add(id);
    this.pending.set(em, ids);
  }

  afterTransactionCommit({ em }: TransactionEventArgs): void {
    this.release(em);
  }

  afterTransactionRollback({ em }: TransactionEventArgs): void {
    this.pending.delete(em);
  }

  // A flush that opened its own transaction has committed by now; inside an outer one, wait for it.
  afterFlush({ em }: FlushEventArgs): void {
    if (!em.isInTransaction()) this.release(em);
  }

  private release(em: EntityManager): void {
    const ids = this.pending.get(em);
    if (!ids) return;
    this.pending.delete(em);
    this.announce([...ids]);
  }
}
