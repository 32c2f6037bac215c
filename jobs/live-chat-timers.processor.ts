import type { Job } from 'bullmq';
import type { Runtime } from '../api/src/server/runtime';
import { SWEEP_JOB_NAME, type TimerJobData } from './live-chat-timers.queue';

/**
 * Thin: each job calls the conversation service, which checks the deadline and the status
 * under a row lock, so a job that runs late, twice, or after the sweep acts at most once.
 */
export function createLiveChatTimersProcessor({ orm, services, logger }: Runtime) {
  return async (job: Job<TimerJobData | Record<string, never>>): Promise<unknown> => {
    const em = orm.em.fork();
    switch (job.name) {
      case 'waiting-timeout':
        return { timedOut: await services.conversations.timeOutWaiting(em, (job.data as TimerJobData).conversationId) };
      case 'idle-check':
        return { ended: await services.conversations.checkIdle(em, (job.data as TimerJobData).conversationId) };
      case SWEEP_JOB_NAME: {
        const swept = await services.conversations.sweep(em);
        if (swept.timedOut || swept.idleEnded) logger.warn(swept, 'sweep acted on deadlines whose jobs had not');
        return swept;
      }
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  };
}
