import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { openDatabase, migrateToLatest } from './database';
import { MIGRATIONS_SOURCE_DIR, ormOptions } from './orm-options';

const USAGE = 'usage: migration-cli create | check | up';

/**
 * `create` writes a migration for the difference between the entities and the committed
 * snapshot; `check` applies every migration to an empty scratch database and fails if the
 * entities still differ from the result; `up` migrates DATABASE_URL (or the embedded default).
 */
async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'create':
      return withScratchDatabase(MIGRATIONS_SOURCE_DIR, async (orm) => {
        // The diff is taken against the committed snapshot, so nothing needs applying first.
        const result = await orm.getMigrator().createMigration();
        console.log(result.fileName ? `created ${result.fileName}` : 'no changes: entities match the migrations');
        return 0;
      });
    case 'check':
      return withScratchDatabase(undefined, async (orm) => {
        const applied = await orm.getMigrator().up();
        const pending = await orm.schema.getUpdateSchemaSQL({ wrap: false });
        const snapshotStale = await orm.getMigrator().checkMigrationNeeded();
        if (pending.trim() || snapshotStale) {
          console.error('Entities and migrations disagree. Run `npm run migration:create` and commit the result.');
          if (pending.trim()) console.error(pending);
          return 1;
        }
        console.log(`migrations ok: ${applied.length} applied to a scratch database, entities match`);
        return 0;
      });
    case 'up': {
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        const applied = await migrateToLatest(database.orm, { singleConnection: !!database.embedded });
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        return 0;
      } finally {
        await database.close();
      }
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

// A throwaway database: a fresh one on DATABASE_URL's server, or an in-memory PGlite.
async function withScratchDatabase(migrationsPath: string | undefined, run: (orm: MikroORM) => Promise<number>): Promise<number> {
  const { DATABASE_URL } = loadConfig();
  if (!DATABASE_URL) {
    const embedded = await startEmbeddedPostgres();
    const orm = await MikroORM.init(ormOptions({ databaseUrl: embedded.url, poolMax: 1, migrationsPath }));
    try {
      return await run(orm);
    } finally {
      await orm.close(true);
      await embedded.stop();
    }
  }
  const name = `chatonce_scratch_${randomBytes(4).toString('hex')}`;
  const admin = await MikroORM.init(ormOptions({ databaseUrl: DATABASE_URL, poolMax: 1 }));
  await admin.em.getConnection().execute(`create database ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const orm = await MikroORM.init(ormOptions({ databaseUrl: url.toString(), poolMax: 2, migrationsPath }));
  try {
    return await run(orm);
  } finally {
    await orm.close(true);
    await admin.em.getConnection().execute(`drop database if exists ${name}`);
    await admin.close(true);
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
