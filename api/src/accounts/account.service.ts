import type { EntityManager } from '@mikro-orm/core';
import type { Config } from '../config/config';
import { fail, userError, UserErrorsException, type UserError } from '../errors/user-error';
import { decodeGlobalId } from '../relay/global-id';
import { AssignmentMode, MAX_OFFER_SECONDS } from '../routing/assignment-mode';
import { Account } from './account.entity';
import { businessHoursErrors, normalizeBusinessHours, type BusinessHours } from './business-hours';

export const AccountErrorCode = {
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  INVALID_REMINDER_SECONDS: 'INVALID_REMINDER_SECONDS',
  INVALID_OFFER_SECONDS: 'INVALID_OFFER_SECONDS',
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
  /** null: unchanged. */
  assignment?: AssignmentMode | null;
  /** null: unchanged. */
  offerSeconds?: number | null;
}

/** What changing the assignment mode needs of routing (see routing.service.ts). */
export interface AssignmentHooks {
  assignmentChanged(em: EntityManager, accountId: string): Promise<unknown>;
}

/** Accounts and the operator's per-account switches. */
export class AccountService {
  constructor(
    private readonly config: Pick<Config, 'REMINDER_MIN_SECONDS' | 'OFFER_MIN_SECONDS'>,
    private readonly routing?: AssignmentHooks,
  ) {}

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
    const { offerSeconds } = change;
    const minOffer = this.config.OFFER_MIN_SECONDS;
    if (offerSeconds != null && (!Number.isInteger(offerSeconds) || offerSeconds < minOffer || offerSeconds > MAX_OFFER_SECONDS)) {
      errors.push(userError(AccountErrorCode.INVALID_OFFER_SECONDS, `The accept window can be ${minOffer} to ${MAX_OFFER_SECONDS} seconds.`, ['input', 'offerSeconds']));
    }
    if (errors.length) throw new UserErrorsException(errors);
    const account = await em.findOneOrFail(Account, accountId);
    if (reminderSeconds !== undefined) account.reminderSeconds = reminderSeconds || null;
    if (change.typingPreview !== undefined && change.typingPreview !== null) account.typingPreview = change.typingPreview;
    if (change.businessHours !== undefined) account.businessHours = change.businessHours && normalizeBusinessHours(change.businessHours);
    if (offerSeconds != null) account.offerSeconds = offerSeconds;
    const assignmentChanged = change.assignment != null && change.assignment !== account.assignment;
    if (change.assignment != null) account.assignment = change.assignment;
    await em.flush();
    // Committed first: the chats already waiting then follow the new mode (offered, or pooled), each under its own lock.
    if (assignmentChanged) await this.routing?.assignmentChanged(em, accountId);
    return { account };
  }
}
