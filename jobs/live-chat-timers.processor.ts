import type { Job } from 'bullmq';
import type { Runtime } from '../api/src/server/runtime';
import type { TimerJobData, TimerJobName } from './live-chat-timers.queue';

/**
 * Thin: each job calls the conversation service, which checks the deadline and the status
 * under a row lock, so a job that runs late, twice, or after the sweep acts at most once.
 * A timeout job times out every chat due by now, in batches (its own among them): of a burst
 * due together, the first jobs do the work and the rest find theirs done with one read.
 */
export function createLiveChatTimersProcessor({ orm, services }: Runtime) {
  return async (job: Job<TimerJobData, unknown, TimerJobName>): Promise<unknown> => {
    const em = orm.em.fork();
    switch (job.name) {
      case 'waiting-timeout':
        return { timedOut: await services.conversations.timeOutDue(em, new Date(), job.data.conversationId) };
      case 'idle-check':
        return { ended: await services.conversations.checkIdle(em, job.data.conversationId) };
      default:
        throw new Error(`unknown job ${String(job.name)}`);
    }
  };
}
