import type { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { ActivityEvent } from './activity-event.entity';

/**
 * Numbers new activity events 1, 2, 3… within their account, at the start of the flush that
 * inserts them: one counter update per account per flush (a batch of 100 timeouts takes it
 * once). The update locks the account's row until commit, so positions follow commit order and
 * a feed reading "after n" never skips a late commit. Taken at flush rather than when an event
 * is recorded, the lock is held for the final inserts and the commit only, not for the rest of
 * the transaction, which other writers of the account would wait through. Accounts are locked
 * in a fixed order, so two transactions spanning the same accounts cannot deadlock.
 */
export class ActivityPositions implements EventSubscriber {
  async beforeFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const unnumbered = [...uow.getPersistStack()].filter((entity): entity is ActivityEvent => entity instanceof ActivityEvent && entity.position === undefined);
    if (!unnumbered.length) return;
    // Outside a transaction the lock would end before the insert, and positions could leave commit order.
    if (!em.isInTransaction()) throw new Error('Activity events are recorded inside a transaction (em.transactional).');
    const byAccount = new Map<string, ActivityEvent[]>();
    for (const event of unnumbered) {
      if (!byAccount.has(event.account.id)) byAccount.set(event.account.id, []);
      byAccount.get(event.account.id)!.push(event);
    }
    for (const accountId of [...byAccount.keys()].sort()) {
      const events = byAccount.get(accountId)!;
      const rows = await em
        .getConnection()
        .execute<{ activity_position: string }[]>('update accounts set activity_position = activity_position + ? where id = ? returning activity_position', [events.length, accountId], 'all', em.getTransactionContext());
      const first = Number(rows[0].activity_position) - events.length + 1;
      events.forEach((event, index) => (event.position = first + index));
    }
  }
}
