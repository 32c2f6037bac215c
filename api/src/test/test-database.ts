import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { ormOptions } from '../db/orm-options';

export interface TestDatabase {
  url: string;
  /** 1 on PGlite (one query at a time), more on a real server. */
  poolMax: number;
  embedded: boolean;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a fresh database on DATABASE_URL's server, or a
 * fresh in-memory PGlite when DATABASE_URL is not set.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, poolMax: 1, embedded: true, drop: () => embedded.stop() };
  }
  const name = `chatonce_test_${randomBytes(6).toString('hex')}`;
  const admin = await MikroORM.init(ormOptions({ databaseUrl: serverUrl, poolMax: 1 }));
  await admin.em.getConnection().execute(`create database ${name}`);
  await admin.close(true);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolMax: 10,
    embedded: false,
    async drop() {
      const again = await MikroORM.init(ormOptions({ databaseUrl: serverUrl, poolMax: 1 }));
      await again.em.getConnection().execute(`drop database if exists ${name} with (force)`);
      await again.close(true);
    },
  };
}
