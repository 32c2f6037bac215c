import { Redis } from 'ioredis';
import { Topic } from '../realtime/topics';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { createTestDatabase } from './test-database';
import { startTestApp, type TestApp } from './test-app';

export interface CacheTestApp {
  app: TestApp;
  /** In front of the app's Redis: cutting it cuts the app's pub/sub without touching the shared Redis. */
  redisProxy: TcpProxy;
  /** Announces a change as another process's commit would (database ids). */
  announce(change: { userIds?: string[]; accountIds?: string[] }): Promise<unknown>;
  close(): Promise<void>;
}

/** An app for the read-cache tests: its Redis behind a proxy, and another process's voice on the change feed. */
export async function startCacheTestApp(): Promise<CacheTestApp> {
  const database = await createTestDatabase();
  const redisProxy = await startTcpProxy(process.env.REDIS_URL!);
  const app = await startTestApp({ REDIS_URL: redisProxy.url }, { database });
  const publisher = new Redis(process.env.REDIS_URL!);
  return {
    app,
    redisProxy,
    announce: ({ userIds = [], accountIds = [] }) => publisher.publish(`${app.runtime.redisPrefix}:${Topic.CHANGES}:all`, JSON.stringify({ userIds, accountIds })),
    async close() {
      redisProxy.restore();
      publisher.disconnect();
      await app.close({ keepDatabase: true });
      await redisProxy.close();
      await database.drop();
    },
  };
}
