import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { withinRedisTimeout } from './redis';

/** One job per delivery attempt; the schedule of retries lives in WebhookService. */
export const WEBHOOK_DELIVERIES_QUEUE = 'webhook-deliveries';

export interface DeliveryJobData {
  deliveryId: string;
}

export type WebhookDeliveriesQueue = Queue<DeliveryJobData, unknown, 'deliver'>;

export function createWebhookDeliveriesQueue(connection: Redis, prefix: string): WebhookDeliveriesQueue {
  return new Queue(WEBHOOK_DELIVERIES_QUEUE, { connection, prefix });
}

/**
 * Attempt `attempt` of a delivery, at `at`; a repeated call for the same attempt adds one job.
 * `reason` distinguishes a manual redelivery from the scheduled retry of the same attempt.
 * Fails within about a second while Redis is away; the delivery row and the sweep back it.
 */
export async function scheduleDelivery(queue: WebhookDeliveriesQueue, deliveryId: string, attempt: number, at: Date = new Date(), reason = 'scheduled'): Promise<void> {
  const jobId = deliveryJobId(deliveryId, attempt, reason);
  const added = queue.add(
    'deliver',
    { deliveryId },
    {
      jobId,
      delay: Math.max(0, at.getTime() - Date.now()),
      // Retries are scheduled by the service (it honours Retry-After); BullMQ retries only crashes.
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  );
  await withinRedisTimeout(added, `scheduling ${jobId}`);
}

function deliveryJobId(deliveryId: string, attempt: number, reason: string): string {
  return `delivery-${deliveryId}-${attempt}-${reason}`;
}

// States in which a job will still run: a second job for the same attempt would only be skipped.
const LIVE_STATES = new Set(['waiting', 'delayed', 'prioritized', 'active', 'waiting-children']);

/**
 * For the sweep: gives attempt `attempt` of a due delivery a job, unless one is still queued
 * (the scheduled job, or an earlier sweep's). A sweep job that already ran (it found the
 * delivery leased by an attempt that then died) is removed first, since BullMQ ignores a job
 * ID it still remembers. Returns whether a job was added.
 */
export async function requeueDelivery(queue: WebhookDeliveriesQueue, deliveryId: string, attempt: number): Promise<boolean> {
  const scheduled = deliveryJobId(deliveryId, attempt, 'scheduled');
  const sweep = deliveryJobId(deliveryId, attempt, 'sweep');
  const [scheduledState, sweepState] = await Promise.all([queue.getJobState(scheduled), queue.getJobState(sweep)]);
  if (LIVE_STATES.has(scheduledState) || LIVE_STATES.has(sweepState)) return false;
  if (sweepState !== 'unknown') await queue.remove(sweep);
  await scheduleDelivery(queue, deliveryId, attempt, new Date(), 'sweep');
  return true;
}
