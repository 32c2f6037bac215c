import type { EntityManager } from '@mikro-orm/core';
import { generateApiKeySecret, hashApiKeySecret } from '../auth/tokens';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import { fail, userError, UserErrorsException, type UserError } from '../errors/user-error';
import { ALL_SCOPES } from './api-key-scopes';
import { MAX_KEY_LIFETIME_DAYS, type CreateApiKeyInput } from './api-key.types';
import type { EventDispatcher } from '../realtime/dispatcher';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { ApiKey } from './api-key.entity';

export const ApiKeyErrorCode = {
  INVALID_NAME: 'INVALID_NAME',
  NO_SCOPES: 'NO_SCOPES',
  EXPIRY_IN_PAST: 'EXPIRY_IN_PAST',
  EXPIRY_TOO_FAR: 'EXPIRY_TOO_FAR',
  API_KEY_NOT_FOUND: 'API_KEY_NOT_FOUND',
} as const;

const VISIBLE_PREFIX_LENGTH = 10;

/** API keys: created with a secret shown once, stored as a hash, revocable. */
export class ApiKeyService {
  constructor(private readonly dispatcher: EventDispatcher) {}

  async create(em: EntityManager, viewer: MemberViewer, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    const { name, scopes, expiresAt } = input;
    const errors: UserError[] = [];
    if (!name.trim()) errors.push(userError(ApiKeyErrorCode.INVALID_NAME, 'Name the key after what will use it.', ['input', 'name']));
    if (scopes && !scopes.length) errors.push(userError(ApiKeyErrorCode.NO_SCOPES, 'Give the key at least one scope (or omit scopes for all of them).', ['input', 'scopes']));
    const now = Date.now();
    if (expiresAt && expiresAt.getTime() <= now) errors.push(userError(ApiKeyErrorCode.EXPIRY_IN_PAST, 'expiresAt must be in the future.', ['input', 'expiresAt']));
    if (expiresAt && expiresAt.getTime() > now + MAX_KEY_LIFETIME_DAYS * 86_400_000) {
      errors.push(userError(ApiKeyErrorCode.EXPIRY_TOO_FAR, `A key expires at most ${MAX_KEY_LIFETIME_DAYS} days ahead; omit expiresAt for a key that lasts until revoked.`, ['input', 'expiresAt']));
    }
    if (errors.length) throw new UserErrorsException(errors);
    const secret = generateApiKeySecret();
    const apiKey = em.create(ApiKey, {
      account: viewer.accountId,
      createdBy: actingUserId(viewer),
      name: name.trim(),
      prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
      secretHash: hashApiKeySecret(secret),
      // Stored in a fixed order, once each: the key's scopes read back the same way however they were given.
      scopes: scopes ? ALL_SCOPES.filter((scope) => scopes.includes(scope)) : null,
      expiresAt: expiresAt ?? null,
    });
    await em.flush();
    return { apiKey, secret };
  }

  list(em: EntityManager, viewer: MemberViewer, args: ConnectionArgs) {
    return paginate(em, ApiKey, { account: viewer.accountId }, args);
  }

  /** Revokes at once: requests look the key up every time, and open websockets are closed. */
  async revoke(em: EntityManager, viewer: MemberViewer, apiKeyId: string): Promise<{ apiKey: ApiKey }> {
    const apiKey = await em.findOne(ApiKey, { id: apiKeyId, account: viewer.accountId });
    if (!apiKey) fail(ApiKeyErrorCode.API_KEY_NOT_FOUND, 'No API key with this ID in your account.', ['id']);
    apiKey.revokedAt ??= new Date();
    await em.flush();
    this.dispatcher.apiKeyRevoked(apiKey.id);
    return { apiKey };
  }
}
