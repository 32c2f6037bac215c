import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Viewer } from '../auth/viewer';
import { ErrorCode } from '../errors/graphql-errors';

/** A budget's window: points spent are given back an hour after the first of them. */
export const BUDGET_WINDOW_SECONDS = 3600;

/**
 * What an operation costs against a budget: 1, plus one per 100 items its worst case could
 * return (the `complexity` that QUERY_TOO_COMPLEX bounds), as GitHub's GraphQL API counts.
 */
export function pointsFor(complexity: number): number {
  return 1 + Math.floor(complexity / 100);
}

/** `extensions.cost` of a response, and what `rateLimit` reads. */
export interface CostReport {
  /** Points this operation cost. */
  requested: number;
  /** Points left in the caller's budget (the smaller of the key's and the account's); null when not limited. */
  remaining: number | null;
  /** When the budget is whole again (ISO 8601); null when not limited. */
  resetAt: string | null;
  /** The budget of the key, in points per window; null when not limited. */
  limit: number | null;
}

/**
 * Per API key and per account budgets of query points, kept in Redis so that every API
 * process draws from the same ones. Users of the inbox and visitors are limited elsewhere
 * (sign-in and visitor limits) and get a report without a budget.
 */
export class QueryBudget {
  private readonly perKey: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(redis: Redis, private readonly limits: { API_KEY_POINTS_PER_HOUR: number; ACCOUNT_POINTS_PER_HOUR: number }) {
    this.perKey = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'chatonce:budget:key', points: limits.API_KEY_POINTS_PER_HOUR, duration: BUDGET_WINDOW_SECONDS });
    this.perAccount = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'chatonce:budget:account', points: limits.ACCOUNT_POINTS_PER_HOUR, duration: BUDGET_WINDOW_SECONDS });
  }

  /**
   * Charges an operation of `complexity` to the caller's budgets. Over either, it is refused
   * with RATE_LIMITED (HTTP 429, Retry-After) and charged nothing.
   */
  async charge(viewer: Viewer, complexity: number): Promise<CostReport> {
    const requested = pointsFor(complexity);
    if (viewer.kind !== 'apiKey') return { requested, remaining: null, resetAt: null, limit: null };
    const key = await this.consume(this.perKey, viewer.apiKeyId, requested);
    let account: RateLimiterRes;
    try {
      account = await this.consume(this.perAccount, viewer.accountId, requested);
    } catch (error) {
      await this.perKey.reward(viewer.apiKeyId, requested);
      throw error;
    }
    return this.report(requested, key, account);
  }

  /** The caller's budget as it stands, charging nothing (for `rateLimit`). */
  async peek(viewer: Viewer, requested: number): Promise<CostReport> {
    if (viewer.kind !== 'apiKey') return { requested, remaining: null, resetAt: null, limit: null };
    const [key, account] = await Promise.all([this.perKey.get(viewer.apiKeyId), this.perAccount.get(viewer.accountId)]);
    return this.report(requested, key, account);
  }

  private report(requested: number, key: RateLimiterRes | null, account: RateLimiterRes | null): CostReport {
    const left = (state: RateLimiterRes | null, points: number) => (state ? Math.max(0, state.remainingPoints) : points);
    const remaining = Math.min(left(key, this.limits.API_KEY_POINTS_PER_HOUR), left(account, this.limits.ACCOUNT_POINTS_PER_HOUR));
    const resetMs = Math.max(key?.msBeforeNext ?? 0, account?.msBeforeNext ?? 0);
    return { requested, remaining, resetAt: new Date(Date.now() + resetMs).toISOString(), limit: this.limits.API_KEY_POINTS_PER_HOUR };
  }

  /** Consumes `points`, or gives them back and refuses: a refused operation costs nothing. */
  private async consume(limiter: RateLimiterRedis, id: string, points: number): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(id, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      await limiter.reward(id, points);
      throw rateLimited(rejection.msBeforeNext, limiter === this.perKey ? 'this API key' : 'this account');
    }
  }
}

export function rateLimited(retryAfterMs: number, whose: string): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`The query budget of ${whose} is spent. Try again in ${seconds} seconds (see \`rateLimit\` and \`extensions.cost\`).`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: seconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) } },
  });
}
