import type { Job } from 'bullmq';
import { metrics } from '../api/src/metrics/metrics';
import type { Runtime } from '../api/src/server/runtime';
import type { DeliveryJobData } from './webhook-deliveries.queue';

/** Thin: one attempt per job; the service leases the delivery, so a duplicate job does nothing. */
export function createWebhookDeliveriesProcessor({ orm, services }: Runtime) {
  return async (job: Job<DeliveryJobData>): Promise<unknown> => {
    const outcome = await services.webhooks.attempt(orm.em.fork(), job.data.deliveryId);
    metrics.webhookDeliveries.inc({ outcome });
    return { outcome };
  };
}
