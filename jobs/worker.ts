import { Worker } from 'bullmq';
import type { Runtime } from '../api/src/server/runtime';
import { createLiveChatTimersProcessor } from './live-chat-timers.processor';
import { LIVE_CHAT_TIMERS_QUEUE } from './live-chat-timers.queue';
import { createRoutingProcessor } from './routing.processor';
import { ROUTING_QUEUE } from './routing.queue';
import { createWebhookDeliveriesProcessor } from './webhook-deliveries.processor';
import { WEBHOOK_DELIVERIES_QUEUE } from './webhook-deliveries.queue';
import { createRedis, closeRedis } from './redis';
import { startHeartbeat } from './worker-heartbeat';

export interface Workers {
  close(): Promise<void>;
}

/**
 * Starts every queue's worker, the sweep and the heartbeat; used by `npm run worker` and,
 * inline, by `npm start` (unless RUN_WORKER=off). The sweep is a timer in this process rather than a BullMQ job, because it
 * exists for the case where Redis lost its jobs, and a job scheduler would be lost with them.
 */
export async function startWorkers(runtime: Runtime): Promise<Workers> {
  const { config, logger, queues, redisUrl } = runtime;
  const connection = createRedis(redisUrl, {}, logger);
  const options = { connection, prefix: queues.prefix, concurrency: config.WORKER_CONCURRENCY };
  const workers = [
    new Worker(LIVE_CHAT_TIMERS_QUEUE, createLiveChatTimersProcessor(runtime), options),
    new Worker(ROUTING_QUEUE, createRoutingProcessor(runtime), options),
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
    sweeping = sweepOnce(runtime).finally(() => (sweeping = undefined));
  }, config.SWEEP_INTERVAL_SECONDS * 1000);
  const heartbeat = await startHeartbeat(runtime.redis, config.WORKER_HEARTBEAT_SECONDS * 1000, () => workers.every((worker) => worker.isRunning()));
  logger.info({ queues: workers.map((worker) => worker.name), concurrency: config.WORKER_CONCURRENCY, sweepSeconds: config.SWEEP_INTERVAL_SECONDS }, 'worker started');
  return {
    async close() {
      heartbeat.stop();
      clearInterval(sweep);
      await sweeping;
      // Lets running jobs finish; delayed jobs stay in Redis for the next worker.
      await Promise.all(workers.map((worker) => worker.close()));
      await closeRedis(connection);
    },
  };
}

/**
 * Acts on what Redis may have lost: deadlines passed without their job, and webhook deliveries
 * due (or leased by an attempt that died) without a job to send them.
 */
async function sweepOnce({ logger, orm, services }: Runtime): Promise<void> {
  try {
    const swept = await services.chatEndings.sweep(orm.em.fork());
    if (swept.timedOut || swept.idleEnded) logger.warn(swept, 'sweep acted on deadlines whose jobs had not');
  } catch (error) {
    logger.error({ err: error }, 'sweep of deadlines failed');
  }
  try {
    const moved = await services.routing.sweep(orm.em.fork());
    if (moved) logger.warn({ moved }, 'sweep moved on offers whose expiry jobs had not');
  } catch (error) {
    logger.error({ err: error }, 'sweep of offers failed');
  }
  try {
    const requeued = await services.webhooks.sweep(orm.em.fork());
    if (requeued) logger.warn({ requeued }, 'sweep re-enqueued webhook deliveries whose jobs were gone');
  } catch (error) {
    logger.error({ err: error }, 'sweep of webhook deliveries failed');
  }
}
