import type { EntityManager } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';

/** The estimate looks at this many of the account's latest accepted chats… */
export const WAIT_ESTIMATE_SAMPLE = 20;
/** …accepted within this many days. */
export const WAIT_ESTIMATE_DAYS = 7;
// Widgets of a busy account ask often; an estimate a few seconds old is as true.
const CACHE_MS = 30_000;
const CACHE_MAX_ACCOUNTS = 10_000;

/**
 * How long a waiting chat of an account usually waits: the median time from entering the
 * inbox to being accepted, over its WAIT_ESTIMATE_SAMPLE latest accepted chats of the past
 * WAIT_ESTIMATE_DAYS days (one query on the (account, accepted_at) index), cached briefly per
 * account. Null when the account accepted no chat in that time.
 */
export class WaitEstimates {
  // Values are boxed: lru-cache stores no null.
  private readonly cache = new LRUCache<string, { seconds: number | null }>({ max: CACHE_MAX_ACCOUNTS, ttl: CACHE_MS });
  private readonly inFlight = new Map<string, Promise<number | null>>();

  async forAccount(em: EntityManager, accountId: string, now = Date.now()): Promise<number | null> {
    const cached = this.cache.get(accountId);
    if (cached) return cached.seconds;
    let read = this.inFlight.get(accountId);
    if (!read) {
      read = this.read(em, accountId, now).finally(() => this.inFlight.delete(accountId));
      this.inFlight.set(accountId, read);
    }
    const seconds = await read;
    this.cache.set(accountId, { seconds });
    return seconds;
  }

  /** Forgets the cached estimates (tests that set accept times themselves). */
  clear(): void {
    this.cache.clear();
  }

  private async read(em: EntityManager, accountId: string, now: number): Promise<number | null> {
    const since = new Date(now - WAIT_ESTIMATE_DAYS * 86_400_000);
    const [row]: { median: string | number | null }[] = await em.getConnection().execute(
      `select percentile_cont(0.5) within group (order by extract(epoch from (accepted_at - waiting_since))) as median
         from (select accepted_at, waiting_since from conversations
                where account_id = ? and accepted_at >= ? and waiting_since is not null
                order by accepted_at desc limit ?) recent`,
      [accountId, since, WAIT_ESTIMATE_SAMPLE],
    );
    return row?.median === null || row?.median === undefined ? null : Math.max(0, Math.round(Number(row.median)));
  }
}
