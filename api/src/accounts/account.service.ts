import type { EntityManager } from '@mikro-orm/core';
import type { Config } from '../config/config';
import { fail, userError, UserErrorsException, type UserError } from '../errors/user-error';
import { decodeGlobalId } from '../relay/global-id';
import { Account } from './account.entity';
import { businessHoursErrors, normalizeBusinessHours, type BusinessHours } from './business-hours';

export const AccountErrorCode = {
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  INVALID_REMINDER_SECONDS: 'INVALID_REMINDER_SECONDS',
} as const;

/** The longest reminder interval an account may set (an hour); the shortest is REMINDER_MIN_SECONDS. */
export const MAX_REMINDER_SECONDS = 3600;

/** What `updateAccountSettings` may change: a setting left undefined stays as it is. */
export interface AccountSettingsChange {
  /** null (or 0) turns reminders off. */
  reminderSeconds?: number | null;
  typingPreview?: boolean | null;
  /** null: always open. */
  businessHours?: BusinessHours | null;
}

/** Accounts and the operator's per-account switches. */
export class AccountService {
  constructor(private readonly config: Pick<Config, 'REMINDER_MIN_SECONDS'>) {}

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

  /**
   * Changes the caller's account settings: each given one, all or none (every problem is
   * reported at once, and then nothing changes).
   */
  async updateSettings(em: EntityManager, accountId: string, change: AccountSettingsChange): Promise<{ account: Account }> {
    const errors: UserError[] = [];
    const { reminderSeconds } = change;
    const min = this.config.REMINDER_MIN_SECONDS;
    if (reminderSeconds !== undefined && reminderSeconds !== null && reminderSeconds !== 0 && (reminderSeconds < min || reminderSeconds > MAX_REMINDER_SECONDS)) {
      errors.push(userError(AccountErrorCode.INVALID_REMINDER_SECONDS, `Reminders can repeat every ${min} to ${MAX_REMINDER_SECONDS} seconds (or set null to turn them off).`, ['input', 'reminderSeconds']));
    }
    if (change.businessHours) errors.push(...businessHoursErrors(change.businessHours, ['input', 'businessHours']));
    if (errors.length) throw new UserErrorsException(errors);
    const account = await em.findOneOrFail(Account, accountId);
    if (reminderSeconds !== undefined) account.reminderSeconds = reminderSeconds || null;
    if (change.typingPreview !== undefined && change.typingPreview !== null) account.typingPreview = change.typingPreview;
    if (change.businessHours !== undefined) account.businessHours = change.businessHours && normalizeBusinessHours(change.businessHours);
    await em.flush();
    return { account };
  }
}
