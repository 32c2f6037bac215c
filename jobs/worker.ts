import { Worker } from 'bullmq';
import type { Runtime } from '../api/src/server/runtime';
import { createLiveChatTimersProcessor } from './live-chat-timers.processor';
import { ensureSweepScheduler, LIVE_CHAT_TIMERS_QUEUE } from './live-chat-timers.queue';
import { createRedis, closeRedis } from './redis';

export interface Workers {
  close(): Promise<void>;
}

/** Starts every queue's worker and the sweep; used by `npm run worker` and, inline, by `npm start`. */
export async function startWorkers(runtime: Runtime): Promise<Workers> {
  const { config, logger, queues, redisUrl } = runtime;
  const connection = createRedis(redisUrl, {}, logger);
  const worker = new Worker(LIVE_CHAT_TIMERS_QUEUE, createLiveChatTimersProcessor(runtime), {
    connection,
    prefix: queues.prefix,
    concurrency: config.WORKER_CONCURRENCY,
  });
  worker.on('failed', (job, error) => logger.error({ err: error, job: job?.name, jobId: job?.id }, 'job failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'worker error'));
  await worker.waitUntilReady();
  await ensureSweepScheduler(queues.liveChatTimers, config.SWEEP_INTERVAL_SECONDS * 1000);
  logger.info({ queue: LIVE_CHAT_TIMERS_QUEUE, concurrency: config.WORKER_CONCURRENCY }, 'worker started');
  return {
    async close() {
      // Lets running jobs finish; delayed jobs stay in Redis for the next worker.
      await worker.close();
      await closeRedis(connection);
    },
  };
}
