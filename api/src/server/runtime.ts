import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { closeRedis, createRequestRedis } from '../../../jobs/redis';
import type { Config } from '../config/config';
import { openDatabase } from '../db/database';
import { startEmbeddedRedis, type EmbeddedRedis } from '../embedded/embedded-redis';
import type { Logger } from '../logging/logger';
import { createPubSub, type RedisBackedPubSub } from './pub-sub';
import { startChangeFeed } from '../caching/change-feed';
import { UserCache } from '../users/user-cache';
import { SharedReads } from '../caching/shared-reads';
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
  /** Results of queries that every member of an account shares (the inbox). */
  sharedReads: SharedReads;
  close(): Promise<void>;
}

// The bound on a stale read should an announcement be lost (see InvalidatedCache).
const READ_CACHE_TTL_MS = 10_000;
const USER_CACHE_SIZE = 20_000;
const SHARED_READS_SIZE = 2_000;

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
    closers.push(async () => services.presence.close());
    const userCache = new UserCache({ ttlMs: READ_CACHE_TTL_MS, max: USER_CACHE_SIZE });
    // Not awaited: the caches stay off until the announcements are being received.
    const sharedReads = new SharedReads({ ttlMs: READ_CACHE_TTL_MS, max: SHARED_READS_SIZE });
    closers.push(startChangeFeed(database.orm.em, pubSub, [userCache.rows, sharedReads.results], logger));
    return { config, logger, orm: database.orm, redis, redisUrl, redisPrefix, pubSub: pubSub.pubSub, listen: pubSub.listen, queues, services, userCache, sharedReads, close };
  } catch (error) {
    await close();
    throw error;
  }
}
