import type { EntityManager } from '@mikro-orm/core';
import { uuidv7 } from 'uuidv7';

/**
 * Brings the user's accepting periods in line with their `acceptingChats` flag as committed:
 * opens a period when they accept and none is open, closes the open one when they do not.
 * Called after every `setAcceptingChats`, in its own transaction that locks the user's row
 * first, so calls racing from two tabs are applied one after the other and the last one reads
 * the last flag: the periods always end up matching it. Times are `clock_timestamp()`, taken
 * under the lock, so one user's periods never overlap.
 */
export async function syncAcceptingPeriod(em: EntityManager, userId: string): Promise<void> {
  await em.transactional(async (tem) => {
    // The transaction's own connection: a second pooled one would not see the lock.
    const run = <T>(sql: string, params: unknown[]) => tem.getConnection().execute<T>(sql, params, 'all', tem.getTransactionContext());
    const [user] = await run<{ account_id: string; accepting_chats: boolean }[]>('select account_id, accepting_chats from users where id = ? for update', [userId]);
    if (!user) return;
    if (user.accepting_chats) {
      await run(
        `insert into accepting_periods (id, account_id, user_id, started_at) values (?, ?, ?, clock_timestamp())
         on conflict (user_id) where ended_at is null do nothing`,
        [uuidv7(), user.account_id, userId],
      );
    } else {
      await run('update accepting_periods set ended_at = clock_timestamp() where user_id = ? and ended_at is null', [userId]);
    }
  });
}
