import { Redis, type RedisOptions } from 'ioredis';

/** Where connection errors go; ioredis retries by itself, so they are logged, not thrown. */
export interface RedisErrorLogger {
  warn(details: object, message: string): void;
}

/** How long one command may wait on a request path (queued while reconnecting, or unanswered). */
export const REQUEST_COMMAND_TIMEOUT_MS = 1000;

/**
 * A Redis connection for BullMQ Workers only: `maxRetriesPerRequest: null` so their blocking
 * commands wait through a reconnect instead of failing. Anything that answers a request uses
 * `createRequestRedis`, whose commands would otherwise wait forever while Redis is down.
 */
export function createRedis(url: string, options: RedisOptions = {}, logger?: RedisErrorLogger): Redis {
  return withErrorLog(new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options }), logger);
}

/**
 * A Redis connection whose commands fail within REQUEST_COMMAND_TIMEOUT_MS while Redis is
 * down or silent, so a request can answer SERVICE_UNAVAILABLE. It keeps reconnecting by
 * itself: a silent socket is dropped (socketTimeout) and opened again.
 */
export function createRequestRedis(url: string, options: RedisOptions = {}, logger?: RedisErrorLogger): Redis {
  return withErrorLog(
    new Redis(url, {
      maxRetriesPerRequest: 1,
      commandTimeout: REQUEST_COMMAND_TIMEOUT_MS,
      socketTimeout: 2 * REQUEST_COMMAND_TIMEOUT_MS,
      enableReadyCheck: true,
      ...options,
    }),
    logger,
  );
}

function withErrorLog(redis: Redis, logger?: RedisErrorLogger): Redis {
  let lastLogged = 0;
  redis.on('error', (error: Error) => {
    // One line per 10 s while Redis is unreachable, instead of one per retry.
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    logger?.warn({ err: error.message }, 'redis connection error');
  });
  return redis;
}

/** Thrown when Redis does not answer in time; the API answers it as SERVICE_UNAVAILABLE. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`Redis did not answer in time (${what}).`, options);
  }
}

/**
 * Waits at most `timeoutMs` for a Redis operation that has no timeout of its own (BullMQ's
 * Queue waits for its connection to be ready before every command). The operation itself
 * goes on: a job added late is still the right job.
 */
export function withinRedisTimeout<T>(operation: Promise<T>, what: string, timeoutMs = REQUEST_COMMAND_TIMEOUT_MS + 500): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(what)), timeoutMs);
  });
  operation.catch(() => undefined); // a late failure after the timeout is not unhandled
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

/** Closes a connection politely, or at once if Redis is already gone (quit would wait forever). */
export async function closeRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([redis.quit().catch(() => undefined), timer]);
  redis.disconnect();
}
