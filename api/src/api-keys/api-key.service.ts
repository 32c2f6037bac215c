import type { EntityManager } from '@mikro-orm/core';
import { generateApiKeySecret, hashApiKeySecret } from '../auth/tokens';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import { fail } from '../errors/user-error';
import type { EventDispatcher } from '../realtime/dispatcher';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { ApiKey } from './api-key.entity';

export const ApiKeyErrorCode = {
  INVALID_NAME: 'INVALID_NAME',
  API_KEY_NOT_FOUND: 'API_KEY_NOT_FOUND',
} as const;

const VISIBLE_PREFIX_LENGTH = 10;

/** API keys: created with a secret shown once, stored as a hash, revocable. */
export class ApiKeyService {
  constructor(private readonly dispatcher: EventDispatcher) {}

  async create(em: EntityManager, viewer: MemberViewer, name: string): Promise<{ apiKey: ApiKey; secret: string }> {
    if (!name.trim()) fail(ApiKeyErrorCode.INVALID_NAME, 'Name the key after what will use it.', ['input', 'name']);
    const secret = generateApiKeySecret();
    const apiKey = em.create(ApiKey, {
      account: viewer.accountId,
      createdBy: actingUserId(viewer),
      name: name.trim(),
      prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
      secretHash: hashApiKeySecret(secret),
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
