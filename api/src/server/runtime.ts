import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { closeRedis, createRequestRedis } from '../../../jobs/redis';
import type { Config } from '../config/config';
import { openDatabase } from '../db/database';
import { startEmbeddedRedis, type EmbeddedRedis } from '../embedded/embedded-redis';
import type { Logger } from '../logging/logger';
import { createPubSub, follow, type RedisBackedPubSub } from './pub-sub';
import { Topic } from '../realtime/topics';
import { UserCache, UserChanges } from '../users/user-cache';
import { createServices, type Services } from './services';
import { createQueues, type Queues } from '../../../jobs/queues';

/** The connections and services one process (API or worker) runs on. */
export interface Runtime {
  config: Config;
  logger: Logger;
  orm: MikroORM;
  redis: Redis;
  redisUrl: string;
  /** Prefix of this deployment's Redis keys, topics and queues. */
  redisPrefix: string;
  pubSub: RedisBackedPubSub['pubSub'];
  listen: RedisBackedPubSub['listen'];
  queues: Queues;
  services: Services;
  /** Users recently authenticated by this process, kept in step with every process's changes. */
  userCache: UserCache;
  close(): Promise<void>;
}

// The bound on a stale user should an announcement be lost (see UserCache); clients re-send within it.
const USER_CACHE_TTL_MS = 10_000;
const USER_CACHE_SIZE = 20_000;

export interface RuntimeOptions {
  /** Prefix of Redis keys and topics; tests give each file its own. */
  redisPrefix?: string;
}

/**
 * Connects to PostgreSQL and Redis, starting the embedded ones where DATABASE_URL or
 * REDIS_URL is not set. `close()` releases everything in reverse order.
 */
export async function startRuntime(config: Config, logger: Logger, { redisPrefix = 'chatonce' }: RuntimeOptions = {}): Promise<Runtime> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error) => logger.error({ err: error }, 'error during shutdown'));
  };
  try {
    let embeddedRedis: EmbeddedRedis | undefined;
    if (!config.REDIS_URL) {
      embeddedRedis = await startEmbeddedRedis();
      closers.push(() => embeddedRedis!.stop());
      logger.info({ url: embeddedRedis.url }, 'REDIS_URL not set: started an embedded Redis');
    }
    const redisUrl = config.REDIS_URL ?? embeddedRedis!.url;
    const database = await openDatabase(config, logger.child({ component: 'orm' }));
    closers.push(() => database.close());
    if (database.embedded) logger.info({ dataDir: config.dataDir }, 'DATABASE_URL not set: using the embedded PGlite database');
    const redis = createRequestRedis(redisUrl, { keyPrefix: `${redisPrefix}:` }, logger);
    closers.push(() => closeRedis(redis));
    const pubSub = createPubSub(redisUrl, redisPrefix, logger);
    closers.push(() => pubSub.close());
    const queues = createQueues(redisUrl, redisPrefix, logger);
    closers.push(() => queues.close());
    const services = createServices({ config, logger, redis, pubSub: pubSub.pubSub, queues });
    const userCache = new UserCache({ ttlMs: USER_CACHE_TTL_MS, max: USER_CACHE_SIZE });
    database.orm.em.getEventManager().registerSubscriber(
      new UserChanges((userIds) => {
        userCache.forget(userIds);
        pubSub.pubSub.publish(Topic.USERS_CHANGED, 'all', { userIds });
      }),
    );
    pubSub.watchConnection({ down: () => userCache.suspend(), up: () => userCache.resume() });
    // Not awaited: the cache stays off until the announcements are being received.
    const stopFollowing = follow<{ userIds: string[] }>(pubSub.listen, Topic.USERS_CHANGED, 'all', ({ userIds }) => userCache.forget(userIds), { onListening: () => userCache.resume(), logger });
    closers.push(stopFollowing);
    return { config, logger, orm: database.orm, redis, redisUrl, redisPrefix, pubSub: pubSub.pubSub, listen: pubSub.listen, queues, services, userCache, close };
  } catch (error) {
    await close();
    throw error;
  }
}
