import { startEmbeddedRedis } from '../embedded/embedded-redis';

/**
 * Runs once before all test files. Tests use REDIS_URL / DATABASE_URL when set (CI points them
 * at the real services); without REDIS_URL one embedded Redis serves every worker (each test
 * file uses its own key prefix). Without DATABASE_URL each test file starts its own PGlite.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.REDIS_URL) {
    const redis = await startEmbeddedRedis();
    process.env.REDIS_URL = redis.url;
    (globalThis as { __embeddedRedis?: typeof redis }).__embeddedRedis = redis;
  }
}
