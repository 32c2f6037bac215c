import { Redis, type RedisOptions } from 'ioredis';

/** Where connection errors go; ioredis retries by itself, so they are logged, not thrown. */
export interface RedisErrorLogger {
  warn(details: object, message: string): void;
}

/**
 * A Redis connection as BullMQ requires it: `maxRetriesPerRequest: null` so blocking commands
 * wait through a reconnect instead of failing.
 */
export function createRedis(url: string, options: RedisOptions = {}, logger?: RedisErrorLogger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
  let lastLogged = 0;
  redis.on('error', (error: Error) => {
    // One line per 10 s while Redis is unreachable, instead of one per retry.
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    logger?.warn({ err: error.message }, 'redis connection error');
  });
  return redis;
}

/** Closes a connection politely, or at once if Redis is already gone (quit would wait forever). */
export async function closeRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([redis.quit().catch(() => undefined), timer]);
  redis.disconnect();
}
