import type { Redis } from 'ioredis';
import { closeRedis, createRequestRedis, type RedisErrorLogger } from './redis';
import { createLiveChatTimersQueue, type LiveChatTimersQueue } from './live-chat-timers.queue';
import { createRoutingQueue, type RoutingQueue } from './routing.queue';
import { createWebhookDeliveriesQueue, type WebhookDeliveriesQueue } from './webhook-deliveries.queue';

/** Every queue the API enqueues to, on one connection that fails fast (Queue commands do not block). */
export interface Queues {
  liveChatTimers: LiveChatTimersQueue;
  webhookDeliveries: WebhookDeliveriesQueue;
  routing: RoutingQueue;
  /** The BullMQ key prefix, shared with the workers. */
  prefix: string;
  connection: Redis;
  close(): Promise<void>;
}

export function createQueues(redisUrl: string, prefix: string, logger?: RedisErrorLogger): Queues {
  const connection = createRequestRedis(redisUrl, {}, logger);
  const bullPrefix = `${prefix}:bull`;
  const liveChatTimers = createLiveChatTimersQueue(connection, bullPrefix);
  const webhookDeliveries = createWebhookDeliveriesQueue(connection, bullPrefix);
  const routing = createRoutingQueue(connection, bullPrefix);
  // Connection errors are already logged by createRedis; without a listener BullMQ prints them again.
  for (const queue of [liveChatTimers, webhookDeliveries, routing]) queue.on('error', () => undefined);
  return {
    liveChatTimers,
    webhookDeliveries,
    routing,
    prefix: bullPrefix,
    connection,
    async close() {
      await liveChatTimers.close();
      await webhookDeliveries.close();
      await routing.close();
      await closeRedis(connection);
    },
  };
}
