import type { EntityManager } from '@mikro-orm/core';
import { ApiKey } from '../api-keys/api-key.entity';
import type { Config } from '../config/config';
import { unauthenticated } from '../errors/graphql-errors';
import { AuthErrorCode } from './auth.errors';
import { User, UserRole } from '../users/user.entity';
import { API_KEY_PREFIX, hashApiKeySecret, safeEqual, verifySignedToken } from './tokens';
import type { UserCache } from '../users/user-cache';
import type { Viewer } from './viewer';

// Recording every use would write on every request; once a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves the bearer token of a request or websocket connection into a Viewer. No token is
 * an anonymous viewer; a token that is present but invalid, expired or revoked is
 * UNAUTHENTICATED, so clients notice instead of silently losing access.
 */
export async function authenticate(authorization: unknown, em: EntityManager, config: Config, users: UserCache): Promise<Viewer> {
  if (authorization === undefined || authorization === null || authorization === '') return { kind: 'anonymous' };
  if (typeof authorization !== 'string') throw unauthenticated('The authorization value must be a string "Bearer <token>".');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated('Use the form "Authorization: Bearer <token>".');
  const token = match[1];

  if (token.startsWith(API_KEY_PREFIX)) return authenticateApiKey(token, em);

  // Signed tokens first: they are nearly every request, and the operator comparison hashes twice.
  const verified = verifySignedToken(token, config.JWT_SECRET);
  if (!verified) {
    if (config.PLATFORM_ADMIN_TOKEN && safeEqual(token, config.PLATFORM_ADMIN_TOKEN)) return { kind: 'operator' };
    throw unauthenticated('The token is invalid or has expired. Sign in again.');
  }
  if (verified.kind === 'visitor') return verified;

  // The user stays in this request's identity map, so `me` and the inbox read it from there:
  // from the cache of recently seen users when it has them, else with one statement.
  let user = users.recall(em, verified.userId, verified.accountId);
  if (!user) {
    const generation = users.beginRead();
    user = (await em.findOne(User, { id: verified.userId, account: verified.accountId })) ?? undefined;
    if (!user) throw unauthenticated('This user no longer exists.');
    users.remember(user, generation);
  }
  if (!user.active) throw unauthenticated('This user has been deactivated by an admin of the account.', AuthErrorCode.USER_DEACTIVATED);
  if (user.tokensValidFrom && verified.issuedAt <= Math.floor(user.tokensValidFrom.getTime() / 1000)) throw unauthenticated('This token was issued before the user was deactivated. Sign in again.');
  return { kind: 'user', userId: user.id, accountId: user.account.id, role: user.role };
}

async function authenticateApiKey(secret: string, em: EntityManager): Promise<Viewer> {
  const apiKey = await em.findOne(ApiKey, { secretHash: hashApiKeySecret(secret) });
  if (!apiKey || apiKey.revokedAt) throw unauthenticated('The API key is invalid or has been revoked.');
  const now = new Date();
  if (apiKey.expiresAt && apiKey.expiresAt <= now) throw unauthenticated(`The API key expired at ${apiKey.expiresAt.toISOString()}. Create a new one.`);
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: now });
  }
  return {
    kind: 'apiKey',
    apiKeyId: apiKey.id,
    accountId: apiKey.account.id,
    actingUserId: apiKey.createdBy.id,
    role: UserRole.ADMIN,
    scopes: apiKey.scopes ? new Set(apiKey.scopes) : 'all',
    expiresAt: apiKey.expiresAt ?? null,
  };
}
