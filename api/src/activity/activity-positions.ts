import type { EntityManager } from '@mikro-orm/core';
import { raw } from '@mikro-orm/core';

/**
 * Positions of activity events: `transaction id × 65536 + n`, n = 0, 1, 2… in the order the
 * transaction records its events. No lock is taken: the writers of an account do not wait for
 * each other, as they did on a per-account counter row held until each commit.
 *
 * Readers see only events of transactions older than their snapshot's xmin (every transaction
 * below it has finished), in position order. A transaction that is still running has an id at
 * or above that xmin, and so do all that start later, so an event that commits later can never
 * land below a position a reader has already passed: resuming "after n" misses nothing and
 * repeats nothing. An event becomes readable once every older transaction has finished, usually
 * within milliseconds of its commit (readers poll until then, see replayThenLive).
 */
export const EVENTS_PER_TRANSACTION = 65536;

/** Only events at positions below this are read (see above). */
export const readablePositionBound = () => raw(`pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${EVENTS_PER_TRANSACTION}`);

/** What one transaction knows about its activity events: the next position, and its outbox lookups. */
export interface ActivityTransaction {
  nextPosition(): number;
  /** The first `record()` of the transaction asked the outbox once; its answer per account. */
  outbox: Map<string, unknown>;
}

const states = new WeakMap<object, ActivityTransaction>();

/**
 * The transaction's id (assigned now if it had none), read once per transaction, together with
 * what the outbox needs to know about the account (`outboxSql`, a scalar subquery with one `?`
 * for the account id): one round trip for both.
 */
export async function activityTransaction(tem: EntityManager, accountId: string, outboxSql: string): Promise<ActivityTransaction> {
  const context = tem.getTransactionContext();
  // Outside a transaction the id would be a statement's own, and positions could leave commit order.
  if (!tem.isInTransaction() || !context) throw new Error('Activity events are recorded inside a transaction (em.transactional).');
  let state = states.get(context);
  if (state?.outbox.has(accountId)) return state;
  const rows = await tem
    .getConnection()
    .execute<{ transaction_id: string; outbox: unknown }[]>(`select pg_current_xact_id()::text as transaction_id, ${outboxSql} as outbox`, [accountId], 'all', context);
  if (!state) {
    const base = Number(rows[0].transaction_id) * EVENTS_PER_TRANSACTION;
    let next = 0;
    state = {
      nextPosition: () => {
        if (next >= EVENTS_PER_TRANSACTION) throw new Error(`A transaction records at most ${EVENTS_PER_TRANSACTION} activity events.`);
        return base + next++;
      },
      outbox: new Map(),
    };
    states.set(context, state);
  }
  state.outbox.set(accountId, rows[0].outbox);
  return state;
}
