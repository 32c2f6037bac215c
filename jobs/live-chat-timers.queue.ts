import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { withinRedisTimeout } from './redis';

/** The live-chat timers: unanswered timeouts, idle endings (with the sweep that backs both), and waiting reminders. */
export const LIVE_CHAT_TIMERS_QUEUE = 'live-chat-timers';

export type TimerJobName = 'waiting-timeout' | 'idle-check' | 'waiting-reminder';

export interface TimerJobData {
  /** The chat whose deadline scheduled the job (for a timeout slot: the first one). */
  conversationId: string;
  /** When the job is due (ms since the epoch): the deadline or reminder time it was scheduled for. */
  at?: number;
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

// Timeouts due within the same 100 ms share one job, which times out every chat due by then:
// a burst of chats due together is a few jobs, not one per chat, for at most 100 ms of delay.
const TIMEOUT_SLOT_MS = 100;

/**
 * Schedules a timer as a delayed job. The job id names the conversation and the deadline (or,
 * for a timeout, the slot), so scheduling the same deadline twice (a retried request, the
 * sweep) adds one job. A timeout already due when scheduled (its transaction outlasted it)
 * gets a job of its own: its slot's job may have run before the chat was committed. Fails
 * within about a second while Redis is away: the deadline column and the sweep back it.
 */
export async function scheduleTimer(queue: LiveChatTimersQueue, name: TimerJobName, conversationId: string, at: Date): Promise<void> {
  const now = Date.now();
  if (name === 'waiting-timeout' && at.getTime() > now) {
    const slot = Math.ceil(at.getTime() / TIMEOUT_SLOT_MS) * TIMEOUT_SLOT_MS;
    const jobId = `${name}-slot-${slot}`;
    await withinRedisTimeout(queue.add(name, { conversationId, at: at.getTime() }, { ...TIMER_JOB_OPTIONS, delay: slot - now, jobId }), `scheduling ${jobId}`);
    return;
  }
  const jobId = `${name}-${conversationId}-${at.getTime()}`;
  await withinRedisTimeout(queue.add(name, { conversationId, at: at.getTime() }, { ...TIMER_JOB_OPTIONS, delay: Math.max(0, at.getTime() - now), jobId }), `scheduling ${jobId}`);
}
