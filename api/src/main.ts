import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { migrateToLatest } from './db/database';
import { createLogger } from './logging/logger';
import { seedDemoAccount, type DemoCredentials } from './seed/demo-seed';
import { createHttpServer } from './server/http-server';
import { startRuntime } from './server/runtime';
import { startWorkers, type Workers } from '../../jobs/worker';
import { watchWorkers } from '../../jobs/worker-heartbeat';

/** `npm start`: the API, the inbox and (unless RUN_WORKER=off) the workers in one process. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, logger, { redisPrefix: config.REDIS_PREFIX });
  const applied = await migrateToLatest(runtime.orm, { singleConnection: config.embedded.postgres });
  if (applied.length) logger.info({ migrations: applied }, 'applied database migrations');
  if (config.SEED_DEMO) {
    const demo = await seedDemoAccount(runtime.orm.em.fork(), runtime.services, process.env.DEMO_PASSWORD);
    if (demo) printDemoCredentials(demo);
  }
  // The workers run in this process unless RUN_WORKER=off (docker-compose's api replicas, beside a worker service).
  const workers: Workers | undefined = config.RUN_WORKER === 'inline' ? await startWorkers(runtime) : undefined;
  const watch = watchWorkers(runtime.redis, logger, config.WORKER_HEARTBEAT_SECONDS * 1000);
  const http = await createHttpServer(runtime);
  const address = await http.listen(config.PORT, config.HOST);
  logger.info({ port: address.port }, `ChatOnce is listening on http://localhost:${address.port} (GraphQL at /graphql)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000).unref();
    watch.stop();
    await http.close();
    await workers?.close();
    await runtime.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printDemoCredentials(demo: DemoCredentials): void {
  const lines = [
    '',
    'Demo account created (live chat on). Sign in with:',
    ...demo.users.map((user) => `  ${user.role.padEnd(5)}  ${user.email}  password: ${user.password}`),
    `  Demo flow ID: ${demo.flowId}`,
    'These passwords are shown once; they are stored hashed.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`ChatOnce failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
