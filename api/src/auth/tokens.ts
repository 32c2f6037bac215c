import { createHash, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isUuid } from '../relay/global-id';

const ISSUER = 'chatonce';
const USER_AUDIENCE = 'chatonce:user';
const VISITOR_AUDIENCE = 'chatonce:visitor';
export const VISITOR_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface UserTokenClaims {
  userId: string;
  accountId: string;
}

export interface VisitorTokenClaims {
  conversationId: string;
  accountId: string;
}

// jsonwebtoken given a string secret first tries crypto.createPublicKey on it, which throws:
// 0.67 ms per verify against 0.016 ms with a KeyObject. Secrets are few (one per process, tests add some).
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    if (secretKeys.size >= 16) secretKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

export function signUserToken(claims: UserTokenClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign({ acc: claims.accountId }, secretKey(secret), {
    algorithm: 'HS256',
    subject: claims.userId,
    issuer: ISSUER,
    audience: USER_AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

export function signVisitorToken(claims: VisitorTokenClaims, secret: string): string {
  return jwt.sign({ acc: claims.accountId }, secretKey(secret), {
    algorithm: 'HS256',
    subject: claims.conversationId,
    issuer: ISSUER,
    audience: VISITOR_AUDIENCE,
    expiresIn: VISITOR_TOKEN_TTL_SECONDS,
  });
}

/** A user token also says when it was issued (`iat`, whole seconds since the epoch), for `User.tokensValidFrom`. */
export type VerifiedToken = ({ kind: 'user'; issuedAt: number } & UserTokenClaims) | ({ kind: 'visitor' } & VisitorTokenClaims);

/**
 * Verifies a signed token (signature, issuer, audience, expiry, and that subject and account
 * are UUIDs, so a token signed with a leaked secret cannot make a query fail in the database);
 * null when any check fails.
 */
export function verifySignedToken(token: string, secret: string): VerifiedToken | null {
  try {
    const payload = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: [USER_AUDIENCE, VISITOR_AUDIENCE] });
    if (typeof payload === 'string' || !isUuid(payload.sub) || !isUuid(payload.acc)) return null;
    if (payload.aud === USER_AUDIENCE) return { kind: 'user', userId: payload.sub, accountId: payload.acc, issuedAt: typeof payload.iat === 'number' ? payload.iat : 0 };
    if (payload.aud === VISITOR_AUDIENCE) return { kind: 'visitor', conversationId: payload.sub, accountId: payload.acc };
    return null;
  } catch {
    return null;
  }
}

export const API_KEY_PREFIX = 'ck_';

/** A new API key secret: 256 random bits, recognisable by its prefix. */
export function generateApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** API key secrets are random, so a fast hash is enough (and lets lookups use an index). */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
