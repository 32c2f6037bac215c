import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection as BullMQ requires it: `maxRetriesPerRequest: null` so blocking commands
 * wait through a reconnect instead of failing.
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
}
