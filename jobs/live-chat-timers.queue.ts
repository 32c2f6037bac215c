import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { withinRedisTimeout } from './redis';

/** The live-chat timers: unanswered timeouts, idle endings, and the sweep that backs both. */
export const LIVE_CHAT_TIMERS_QUEUE = 'live-chat-timers';

export type TimerJobName = 'waiting-timeout' | 'idle-check';

export interface TimerJobData {
  conversationId: string;
}

const TIMER_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export type LiveChatTimersQueue = Queue<TimerJobData, unknown, TimerJobName>;

export function createLiveChatTimersQueue(connection: Redis, prefix: string): LiveChatTimersQueue {
  return new Queue(LIVE_CHAT_TIMERS_QUEUE, { connection, prefix });
}

/**
 * Schedules a timer as a delayed job. The job id names the conversation and the deadline, so
 * scheduling the same deadline twice (a retried request, the sweep) adds one job. Fails
 * within about a second while Redis is away: the deadline column and the sweep back it.
 */
export async function scheduleTimer(queue: LiveChatTimersQueue, name: TimerJobName, conversationId: string, at: Date): Promise<void> {
  const jobId = `${name}-${conversationId}-${at.getTime()}`;
  await withinRedisTimeout(queue.add(name, { conversationId }, { ...TIMER_JOB_OPTIONS, delay: Math.max(0, at.getTime() - Date.now()), jobId }), `scheduling ${jobId}`);
}
