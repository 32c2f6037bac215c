import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded/embedded-postgres';
import { ormOptions } from './orm-options';

export interface Database {
  orm: MikroORM;
  /** Set when PostgreSQL is the embedded PGlite rather than DATABASE_URL. */
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** Opens DATABASE_URL, or the embedded PGlite kept under DATA_DIR when it is not set. */
export async function openDatabase(config: Config, logger?: Logger): Promise<Database> {
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(join(config.dataDir, 'pglite'));
  try {
    const orm = await MikroORM.init(
      ormOptions({ databaseUrl: config.DATABASE_URL ?? embedded!.url, poolMax: embedded ? 1 : config.DATABASE_POOL_MAX, logger }),
    );
    return {
      orm,
      embedded,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 4_202_611;

/**
 * Applies pending migrations in one transaction that holds an advisory lock, so API replicas
 * starting together migrate once and the others wait for it. The embedded PGlite has a single
 * connection and a single process, so there it migrates without the lock (which would need a
 * second connection and deadlock).
 */
export async function migrateToLatest(orm: MikroORM, { singleConnection = false } = {}): Promise<string[]> {
  const migrator = orm.getMigrator();
  if (singleConnection) return (await migrator.up()).map((migration) => migration.name);
  const knex = orm.em.getConnection().getKnex();
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    const applied = await migrator.up({ transaction: trx });
    return applied.map((migration) => migration.name);
  });
}
