import type { EntityManager } from '@mikro-orm/core';
import { fail } from '../errors/user-error';
import { decodeGlobalId } from '../relay/global-id';
import { Account } from './account.entity';

export const AccountErrorCode = {
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
} as const;

/** Accounts and the operator's per-account switches. */
export class AccountService {
  get(em: EntityManager, accountId: string): Promise<Account | null> {
    return em.findOne(Account, accountId);
  }

  /** Rolls live chat out to an account (or back). Accepts a global ID or the raw UUID. */
  async setLiveChatEnabled(em: EntityManager, accountId: string, enabled: boolean): Promise<{ account: Account }> {
    const id = decodeGlobalId(accountId)?.id ?? accountId;
    const account = /^[0-9a-f-]{36}$/i.test(id) ? await em.findOne(Account, id) : null;
    if (!account) fail(AccountErrorCode.ACCOUNT_NOT_FOUND, `No account has the ID ${accountId}.`, ['input', 'accountId']);
    account.liveChatEnabled = enabled;
    await em.flush();
    return { account };
  }
}
