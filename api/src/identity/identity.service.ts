import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { raw, type EntityManager } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import type { MemberViewer } from '../auth/viewer';
import { Contact } from '../contacts/contact.entity';
import { lockContactEmail } from '../contacts/contact-merge';
import { fail } from '../errors/user-error';
import { isValidEmail, normalizeEmail } from '../users/user.rules';
import { open, seal } from '../webhooks/secret-box';
import type { VisitorIdentityInput } from './identity.types';

export const IdentityErrorCode = {
  IDENTITY_NOT_CONFIGURED: 'IDENTITY_NOT_CONFIGURED',
  INVALID_IDENTITY: 'INVALID_IDENTITY',
  INVALID_EMAIL: 'INVALID_EMAIL',
} as const;
const Code = IdentityErrorCode;

// pg_advisory_xact_lock(int, int): this namespace, then a hash of (account, user ID).
const USER_LOCK_NAMESPACE = 7302;

/** The signature a site's server computes for one of its users: hex HMAC-SHA256 of the user ID. */
export function identitySignature(userId: string, secret: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/**
 * Identity verification, as Intercom's: the customer's server signs its user's ID with the
 * account's secret, the widget passes it to `startConversation`, and a valid signature lets the
 * visitor join their contact. Without it nobody can claim a known person's contact, whatever
 * email they type (contact-merge.ts keeps verified contacts out of email joins).
 */
export class IdentityService {
  constructor(private readonly config: { SECRET_ENCRYPTION_KEY: string }) {}

  /** A new secret, shown once; the previous one stops verifying at once. */
  async rotate(em: EntityManager, viewer: MemberViewer): Promise<{ secret: string; account: Account }> {
    const account = await em.findOneOrFail(Account, viewer.accountId);
    const secret = `cis_${randomBytes(32).toString('base64url')}`;
    account.identitySecretSealed = seal(secret, this.config.SECRET_ENCRYPTION_KEY);
    account.identitySecretRotatedAt = new Date();
    await em.flush();
    return { secret, account };
  }

  /** Refuses an identity whose signature is not the account's (or when the account has no secret). */
  verify(account: Account, identity: VisitorIdentityInput): void {
    const { identitySecretSealed } = account;
    if (!identitySecretSealed) fail(Code.IDENTITY_NOT_CONFIGURED, 'Identity verification is not set up for this account: an admin creates its secret with rotateIdentitySecret.', ['input', 'identity']);
    const expected = Buffer.from(identitySignature(identity.userId, open(identitySecretSealed, this.config.SECRET_ENCRYPTION_KEY)), 'hex');
    const given = /^[0-9a-f]{64}$/i.test(identity.signature) ? Buffer.from(identity.signature, 'hex') : Buffer.alloc(0);
    if (!identity.userId.trim() || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      fail(Code.INVALID_IDENTITY, 'The identity signature does not match: sign the user ID with the account’s current identity secret, on your server.', ['input', 'identity', 'signature']);
    }
    if (identity.email && !isValidEmail(normalizeEmail(identity.email))) fail(Code.INVALID_EMAIL, 'The identity’s email is not an email address.', ['input', 'identity', 'email']);
  }

  /**
   * The contact of a verified visitor: theirs by user ID; else the unverified contact with their
   * (verified) email, which becomes theirs; else a new one. Serialised per user ID and email, so
   * two first visits at once make one contact.
   */
  async contactFor(tem: EntityManager, account: Account, identity: VisitorIdentityInput): Promise<{ contact: Contact; created: boolean }> {
    const userId = identity.userId.trim();
    const email = identity.email ? normalizeEmail(identity.email) : null;
    await tem.getConnection().execute('select pg_advisory_xact_lock(?, hashtext(?))', [USER_LOCK_NAMESPACE, `${account.id}:${userId}`], 'all', tem.getTransactionContext());
    if (email) await lockContactEmail(tem, account.id, email);
    let contact = await tem.findOne(Contact, { account: account.id, externalUserId: userId, erasedAt: null });
    if (!contact && email) {
      contact = await tem.findOne(Contact, { account: account.id, externalUserId: null, erasedAt: null, [raw((alias) => `lower(${alias}.email)`)]: email }, { orderBy: { id: 'asc' } });
      if (contact) contact.externalUserId = userId;
    }
    const created = !contact;
    contact ??= tem.create(Contact, { account, externalUserId: userId });
    if (identity.name?.trim()) contact.name = identity.name.trim().slice(0, 200);
    if (email) contact.email = email;
    return { contact, created };
  }
}
