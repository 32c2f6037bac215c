import { Worker } from 'bullmq';
import type { Runtime } from '../api/src/server/runtime';
import { createLiveChatTimersProcessor } from './live-chat-timers.processor';
import { LIVE_CHAT_TIMERS_QUEUE } from './live-chat-timers.queue';
import { createWebhookDeliveriesProcessor } from './webhook-deliveries.processor';
import { WEBHOOK_DELIVERIES_QUEUE } from './webhook-deliveries.queue';
import { createRedis, closeRedis } from './redis';

export interface Workers {
  close(): Promise<void>;
}

/**
 * Starts every queue's worker and the deadline sweep; used by `npm run worker` and, inline,
 * by `npm start`. The sweep is a timer in this process rather than a BullMQ job, because it
 * exists for the case where Redis lost its jobs, and a job scheduler would be lost with them.
 */
export async function startWorkers(runtime: Runtime): Promise<Workers> {
  const { config, logger, orm, queues, redisUrl, services } = runtime;
  const connection = createRedis(redisUrl, {}, logger);
  const options = { connection, prefix: queues.prefix, concurrency: config.WORKER_CONCURRENCY };
  const workers = [
    new Worker(LIVE_CHAT_TIMERS_QUEUE, createLiveChatTimersProcessor(runtime), options),
    // Deliveries wait on other people's servers (up to WEBHOOK_TIMEOUT_SECONDS): more at once.
    new Worker(WEBHOOK_DELIVERIES_QUEUE, createWebhookDeliveriesProcessor(runtime), { ...options, concurrency: config.WORKER_CONCURRENCY * 2 }),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) => logger.error({ err: error, queue: worker.name, job: job?.name, jobId: job?.id }, 'job failed'));
    worker.on('error', (error) => logger.error({ err: error, queue: worker.name }, 'worker error'));
    await worker.waitUntilReady();
  }

  let sweeping: Promise<unknown> | undefined;
  const sweep = setInterval(() => {
    if (sweeping) return; // the previous sweep is still running
    sweeping = services.conversations
      .sweep(orm.em.fork())
      .then(
      (swept) => (swept.timedOut || swept.idleEnded ? logger.warn(swept, 'sweep acted on deadlines whose jobs had not') : undefined),
        (error: unknown) => logger.error({ err: error }, 'sweep failed'),
      )
      .finally(() => (sweeping = undefined));
  }, config.SWEEP_INTERVAL_SECONDS * 1000);
  logger.info({ queues: workers.map((worker) => worker.name), concurrency: config.WORKER_CONCURRENCY, sweepSeconds: config.SWEEP_INTERVAL_SECONDS }, 'worker started');
  return {
    async close() {
      clearInterval(sweep);
      await sweeping;
      // Lets running jobs finish; delayed jobs stay in Redis for the next worker.
      await Promise.all(workers.map((worker) => worker.close()));
      await closeRedis(connection);
    },
  };
}
