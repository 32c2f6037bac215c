import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { PubSub } from 'type-graphql';
import { closeRedis, createRedis, type RedisErrorLogger } from '../../../jobs/redis';

export interface RedisBackedPubSub {
  pubSub: PubSub;
  /** Subscribes and resolves once Redis confirmed it: nothing published after that is missed. */
  listen<T>(routingKey: string, dynamicId: string): Promise<AsyncIterableIterator<T>>;
  close(): Promise<void>;
}

// A subscriber this far behind is cut off; it resumes with its cursor or a refetch.
const MAX_BUFFERED_EVENTS = 1000;

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
    async listen<T>(routingKey: string, dynamicId: string): Promise<AsyncIterableIterator<T>> {
      const buffered: T[] = [];
      const waiting: ((result: IteratorResult<T>) => void)[] = [];
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        redisPubSub.unsubscribe(subscriptionId);
        for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
      };
      const subscriptionId = await redisPubSub.subscribe(topic(routingKey, dynamicId), (message: T) => {
        if (finished) return;
        const resolve = waiting.shift();
        if (resolve) resolve({ value: message, done: false });
        else if (buffered.push(message) > MAX_BUFFERED_EVENTS) finish();
      });
      const iterator: AsyncIterableIterator<T> = {
        next: () =>
          buffered.length
            ? Promise.resolve({ value: buffered.shift()!, done: false })
            : finished
              ? Promise.resolve({ value: undefined, done: true })
              : new Promise((resolve) => waiting.push(resolve)),
        return: async () => {
          finish();
          return { value: undefined, done: true };
        },
        throw: async (error: unknown) => {
          finish();
          throw error;
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
    async close() {
      await Promise.all([closeRedis(publisher), closeRedis(subscriber)]);
    },
  };
}
