import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { PubSub } from 'type-graphql';
import { closeRedis, createRedis, type RedisErrorLogger } from '../../../jobs/redis';

export interface RedisBackedPubSub {
  pubSub: PubSub;
  close(): Promise<void>;
}

/**
 * Subscription events travel through Redis, so an event published by any API process or by
 * the worker reaches subscribers connected to every API process. Topics are prefixed, so
 * several deployments (or test files) can share one Redis.
 */
export function createPubSub(redisUrl: string, prefix: string, logger?: RedisErrorLogger): RedisBackedPubSub {
  const publisher = createRedis(redisUrl, {}, logger);
  const subscriber = createRedis(redisUrl, {}, logger);
  const redisPubSub = new RedisPubSub({ publisher, subscriber });
  const topic = (routingKey: string, dynamicId?: unknown) => `${prefix}:${routingKey}${dynamicId === undefined ? '' : `:${String(dynamicId)}`}`;
  return {
    pubSub: {
      publish(routingKey, ...args) {
        const [first, second] = args;
        // type-graphql calls publish(topic, payload) or publish(topic, id, payload).
        const [id, payload] = args.length > 1 ? [first, second] : [undefined, first];
        void redisPubSub.publish(topic(routingKey, id), payload);
      },
      subscribe(routingKey, dynamicId) {
        return redisPubSub.asyncIterableIterator(topic(routingKey, dynamicId)) as AsyncIterable<unknown>;
      },
    },
    async close() {
      await Promise.all([closeRedis(publisher), closeRedis(subscriber)]);
    },
  };
}
