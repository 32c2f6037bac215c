import type { EntityManager, EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';

/** What a committed transaction changed: the users, and the accounts whose data it touched. */
export interface CommittedChange {
  userIds: string[];
  accountIds: string[];
}

/**
 * Calls `announce` once a transaction that created, changed or deleted entities has committed
 * (then another process reading them sees the new rows): the users it changed and the accounts
 * of every entity it wrote. Flushes outside an explicit transaction commit their own.
 *
 * It sees what goes through the unit of work. Raw SQL writes bypass it: the last use of an API
 * key and the claim of a webhook delivery, neither of which a read cache holds (see caching/),
 * and the one-statement live message, which announces itself with `announceCommitted`.
 */
export class CommittedChanges implements EventSubscriber {
  private readonly pending = new WeakMap<EntityManager, { users: Set<string>; accounts: Set<string> }>();

  constructor(readonly announce: (change: CommittedChange) => void) {}

  onFlush({ em, uow }: FlushEventArgs): void {
    const changeSets = uow.getChangeSets();
    if (!changeSets.length) return;
    const pending = this.pending.get(em) ?? { users: new Set<string>(), accounts: new Set<string>() };
    for (const { entity, type } of changeSets) {
      if (entity instanceof User && type !== 'create') pending.users.add(entity.id);
      const accountId = entity instanceof Account ? entity.id : (entity as { account?: { id?: unknown } }).account?.id;
      if (typeof accountId === 'string') pending.accounts.add(accountId);
    }
    this.pending.set(em, pending);
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
    const pending = this.pending.get(em);
    if (!pending) return;
    this.pending.delete(em);
    if (pending.users.size || pending.accounts.size) this.announce({ userIds: [...pending.users], accountIds: [...pending.accounts] });
  }
}

/** For a write committed outside the unit of work: tells the read caches as a flush would have. */
export function announceCommitted(em: EntityManager, change: CommittedChange): void {
  for (const subscriber of em.getEventManager().getSubscribers()) if (subscriber instanceof CommittedChanges) subscriber.announce(change);
}
