import { cpus, release, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';

/** One line naming the machine and the services the figures were measured on. */
export async function describeMachine(databaseUrl: string, redisUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version.split(' ')[0];
  await client.end();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  const info = await redis.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  const hz = /hz:(\d+)/.exec(info)?.[1] ?? '?';
  redis.disconnect();
  const processors = cpus();
  return `${processors.length} × ${processors[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}, PostgreSQL ${postgres}, Redis ${version} (hz ${hz})`;
}

/** Deletes this run's keys (`<prefix>:*`, nobody else's), in bounded batches. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
