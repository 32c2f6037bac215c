import 'reflect-metadata';
import { ConfigError, loadConfig } from '../api/src/config/config';
import { createLogger } from '../api/src/logging/logger';
import { startRuntime } from '../api/src/server/runtime';
import { startWorkers } from './worker';

/** `npm run worker`: the BullMQ workers as their own process (production). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'chatonce-worker');
  if (config.embedded.postgres) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required for `npm run worker` (the embedded database belongs to `npm start`, which runs the workers itself)');
  }
  const runtime = await startRuntime(config, logger, { redisPrefix: config.REDIS_PREFIX });
  const workers = await startWorkers(runtime);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    setTimeout(() => process.exit(1), 30_000).unref();
    await workers.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
