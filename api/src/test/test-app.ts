import { takeUndeclaredUserErrors } from '../errors/user-error-catalogue';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../config/config';
import { migrateToLatest } from '../db/database';
import { createLogger } from '../logging/logger';
import { createHttpServer, type HttpServer } from '../server/http-server';
import { startRuntime, type Runtime } from '../server/runtime';
import { startWorkers, type Workers } from '../../../jobs/worker';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  url: string;
  wsUrl: string;
  runtime: Runtime;
  http: HttpServer;
  database: TestDatabase;
  /** Set when started with `{ workers: true }`; tests may stop and restart them. */
  workers?: Workers;
  startWorkers(): Promise<Workers>;
  /** POSTs one operation to /graphql, with `token` as the bearer token when given. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** A graphql-ws client; closed by `close()`. */
  wsClient(authorization?: string, options?: { onClose?: (code: number) => void }): Client;
  /** `keepDatabase` when another app still uses the same database. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * A complete API on a free port over its own database and Redis prefix, as `npm start` wires
 * it. Every test file starts one in `beforeAll` and closes it in `afterAll`.
 */
/** `redisPrefix`: share another app's topics and queues, as two processes of one deployment do. */
export async function startTestApp(env: Record<string, string> = {}, options: { workers?: boolean; database?: TestDatabase; redisPrefix?: string } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'chatonce-test-')),
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(database.poolMax),
    REDIS_URL: process.env.REDIS_URL,
    RUN_WORKER: 'off',
    // Every test visitor comes from 127.0.0.1; the limit itself has its own test.
    CONVERSATIONS_PER_IP_PER_10_MIN: '1000000',
    VISITOR_MESSAGES_PER_MINUTE: '1000000',
    ...env,
  });
  const runtime = await startRuntime(config, createLogger(config.LOG_LEVEL), { redisPrefix: options.redisPrefix ?? `test-${randomBytes(4).toString('hex')}` });
  await migrateToLatest(runtime.orm, { singleConnection: database.embedded });
  const http = await createHttpServer(runtime);
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];

  const app: TestApp = {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    runtime,
    http,
    database,
    async gql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    wsClient(authorization, options = {}) {
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: authorization ? { authorization } : {},
        retryAttempts: 0,
        lazy: true,
        on: { closed: (event) => options.onClose?.((event as { code: number }).code) },
      });
      clients.push(client);
      return client;
    },
    async startWorkers() {
      app.workers = await startWorkers(runtime);
      return app.workers;
    },
    async close({ keepDatabase = false } = {}) {
      await Promise.all(clients.map((client) => client.dispose()));
      await http.close();
      await app.workers?.close();
      await runtime.close();
      if (!keepDatabase) await database.drop();
      // A userErrors code this file's tests produced that the catalogue does not list.
      const missing = takeUndeclaredUserErrors();
      if (missing.length && !process.env.USER_ERRORS_RECORD) {
        throw new Error(`userErrors codes missing from MUTATION_USER_ERRORS (api/src/errors/user-error-catalogue.ts): ${[...new Set(missing.map(({ mutation, code }) => `${mutation}: ${code}`))].join(', ')}`);
      }
    },
  };
  if (options.workers) await app.startWorkers();
  return app;
}

/** Runs one operation over a graphql-ws client and returns its single result. */
export function wsExecute<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = { status: 200, ...(value as object) }),
        error: reject,
        complete: () => (result ? resolve(result) : reject(new Error('completed without a result'))),
      },
    );
  });
}

/** The SQL statements the app sends while `run` runs (queries-per-request tests). */
export async function sqlStatementsOf(app: TestApp, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const knex = app.runtime.orm.em.getConnection().getKnex();
  const listener = (query: { sql: string }) => seen.push(query.sql);
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  return seen;
}
