import { resolve } from 'node:path';
import { DataloaderType } from '@mikro-orm/core';
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from '../logging/logger';
import { ActivityPositions } from '../activity/activity-positions';
import { entities } from './entities';

/** Where generated migration sources live (also when running compiled code from dist/). */
export const MIGRATIONS_SOURCE_DIR = resolve(__dirname, __filename.endsWith('.ts') ? 'migrations' : '../../../../api/src/db/migrations');

export interface OrmOptionsInput {
  databaseUrl: string;
  /** Connections in the pool; 1 on the embedded PGlite, which runs one query at a time. */
  poolMax: number;
  logger?: Logger;
  /** Overrides where migrations are read from and written to (`migration:create` writes sources). */
  migrationsPath?: string;
}

/** The one MikroORM configuration used by the server, the worker, the CLIs and the tests. */
export function ormOptions({ databaseUrl, poolMax, logger, migrationsPath }: OrmOptionsInput): ReturnType<typeof defineConfig> {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    // Bounded waits, so a request answers SERVICE_UNAVAILABLE instead of queueing forever: a
    // connection that cannot be opened fails at once (refused) or after 1.5 s (no answer), and
    // a request waits at most 5 s for a free connection of a busy pool.
    pool: { min: 0, max: poolMax, acquireTimeoutMillis: 5000 },
    driverOptions: { connection: { connectionTimeoutMillis: 1500, keepAlive: true } },
    forceUtcTimezone: true,
    // Every request and job forks its own EntityManager; using the global one is a bug.
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    // Reference.load() calls made in the same tick become one query: field resolvers of a list
    // (a conversation's contact, a message's sender) do not query once per item.
    dataloader: DataloaderType.REFERENCE,
    extensions: [Migrator],
    subscribers: [new ActivityPositions()],
    migrations: {
      path: migrationsPath ?? resolve(__dirname, 'migrations'),
      glob: '!(*.d).{js,ts}',
      snapshotName: '.snapshot-chatonce',
      // Only `migration:create` (which names the source directory) diffs against the snapshot. Elsewhere
      // every `up` would rewrite it from the migrated database, in another style: tests churned the file.
      snapshot: migrationsPath !== undefined,
      transactional: true,
      allOrNothing: true,
      // FK checks are kept: disabling them needs superuser rights a production role lacks.
      disableForeignKeys: false,
      emit: 'ts',
      // Our own code logs which migrations ran.
      silent: true,
    },
    // MikroORM formats every statement it logs: only when the log level would show it.
    debug: logger?.isLevelEnabled('debug') ? ['query'] : false,
    logger: logger ? (message) => logger.debug({ orm: true }, message) : undefined,
  });
}
