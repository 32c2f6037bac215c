import type { Job } from 'bullmq';
import { metrics } from '../api/src/metrics/metrics';
import type { Runtime } from '../api/src/server/runtime';
import type { RoutingJobData, RoutingJobName } from './routing.queue';

/**
 * Thin: the routing service re-checks everything under the chat's row lock. An expiry job acts
 * only while its round is the chat's current offer, so a job run twice, late, or after the
 * sweep moves an offer on once.
 */
export function createRoutingProcessor({ orm, services }: Runtime) {
  return async (job: Job<RoutingJobData, unknown, RoutingJobName>): Promise<unknown> => {
    const em = orm.em.fork();
    switch (job.name) {
      case 'offer-expiry':
        metrics.timerLateness.observe({ timer: job.name }, Math.max(0, Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000);
        return { moved: await services.routing.expireOffer(em, job.data.conversationId!, job.data.round!) };
      case 'agent-availability':
        return { routed: await services.routing.agentAvailabilityChanged(em, job.data.userId!) };
      default:
        throw new Error(`unknown job ${String(job.name)}`);
    }
  };
}
