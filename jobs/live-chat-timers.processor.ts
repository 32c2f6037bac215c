import type { Job } from 'bullmq';
import { metrics } from '../api/src/metrics/metrics';
import type { Runtime } from '../api/src/server/runtime';
import type { TimerJobData, TimerJobName } from './live-chat-timers.queue';

/**
 * Thin: each job calls the conversation service, which checks the deadline and the status
 * under a row lock, so a job that runs late, twice, or after the sweep acts at most once.
 * A timeout job stands for every chat due in its slot (see scheduleTimer): it times out all
 * chats due by now, in batches. A reminder job reads without a lock: see ReminderService.
 */
export function createLiveChatTimersProcessor({ orm, services }: Runtime) {
  return async (job: Job<TimerJobData, unknown, TimerJobName>): Promise<unknown> => {
    const em = orm.em.fork();
    // The job's due time is its deadline (or its slot's): how late BullMQ handed it over.
    metrics.timerLateness.observe({ timer: job.name }, Math.max(0, Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000);
    switch (job.name) {
      case 'waiting-timeout':
        return { timedOut: await services.chatEndings.timeOutDue(em) };
      case 'waiting-reminder':
        return { reminded: await services.reminders.remind(em, job.data.conversationId, new Date(job.data.at ?? Date.now())) };
      case 'idle-check':
        return { ended: await services.chatEndings.checkIdle(em, job.data.conversationId) };
      default:
        throw new Error(`unknown job ${String(job.name)}`);
    }
  };
}
