import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { withinRedisTimeout } from './redis';

/** AUTO assignment (api/src/routing/): offers that expire, and users whose availability changed. */
export const ROUTING_QUEUE = 'routing';

/**
 * `offer-expiry`: round `round` of a chat's offers is due to pass to the next user.
 * `agent-availability`: a user switched accepting chats on or off, or one of their chats ended
 * or was handed on; their live offers move on, or pooled chats may be offered to them.
 */
export type RoutingJobName = 'offer-expiry' | 'agent-availability';

export interface RoutingJobData {
  /** offer-expiry: the chat and the round of its offers the job is for. */
  conversationId?: string;
  round?: number;
  /** offer-expiry: when the offer expires (ms since the epoch). */
  at?: number;
  /** agent-availability: the user. */
  userId?: string;
}

const ROUTING_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export type RoutingQueue = Queue<RoutingJobData, unknown, RoutingJobName>;

export function createRoutingQueue(connection: Redis, prefix: string): RoutingQueue {
  return new Queue(ROUTING_QUEUE, { connection, prefix });
}

/** The id of round `round`'s expiry job: one job per offer however often it is scheduled. */
export function offerExpiryJobId(conversationId: string, round: number): string {
  return `offer-expiry-${conversationId}-${round}`;
}

/**
 * Schedules the expiry of an offer as a delayed job keyed by the chat and the offer's round,
 * so scheduling it twice (a retried dispatch, the sweep) adds one job, and a job for an
 * earlier round finds the chat moved on and does nothing. Fails within about a second while
 * Redis is away: `offerExpiresAt` and the sweep back it.
 */
export async function scheduleOfferExpiry(queue: RoutingQueue, conversationId: string, round: number, at: Date): Promise<void> {
  const jobId = offerExpiryJobId(conversationId, round);
  await withinRedisTimeout(queue.add('offer-expiry', { conversationId, round, at: at.getTime() }, { ...ROUTING_JOB_OPTIONS, delay: Math.max(0, at.getTime() - Date.now()), jobId }), `scheduling ${jobId}`);
}

/** Asks a worker to act on a user's changed availability (each job reads the state afresh, so duplicates are harmless). */
export async function enqueueAgentAvailability(queue: RoutingQueue, userId: string): Promise<void> {
  await withinRedisTimeout(queue.add('agent-availability', { userId }, ROUTING_JOB_OPTIONS), `enqueueing agent-availability for ${userId}`);
}
