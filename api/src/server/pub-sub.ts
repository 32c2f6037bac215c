import type { PubSub } from 'type-graphql';
import { closeRedis, createRequestRedis, type RedisErrorLogger } from '../../../jobs/redis';

export interface RedisBackedPubSub {
  /** `publish` never waits and never throws: a lost event is caught up by cursors or a refetch. */
  pubSub: PubSub;
  /**
   * Subscribes and resolves once Redis confirmed it: nothing published after that is missed.
   * Rejects within about a second while Redis is away.
   */
  listen<T>(routingKey: string, dynamicId: string): Promise<AsyncIterableIterator<T>>;
  close(): Promise<void>;
}

// A subscriber this far behind is cut off; it resumes with its cursor or a refetch.
const MAX_BUFFERED_EVENTS = 1000;

type Handler = (message: unknown) => void;

/**
 * Subscription events travel through Redis, so an event published by any API process or by
 * the worker reaches subscribers connected to every API process. Topics are prefixed, so
 * several deployments (or test files) can share one Redis. One SUBSCRIBE per channel, shared
 * by every local listener; ioredis subscribes again by itself after a reconnect.
 */
export function createPubSub(redisUrl: string, prefix: string, logger?: RedisErrorLogger): RedisBackedPubSub {
  const publisher = createRequestRedis(redisUrl, {}, logger);
  const subscriber = createRequestRedis(redisUrl, {}, logger);
  const topic = (routingKey: string, dynamicId?: unknown) => `${prefix}:${routingKey}${dynamicId === undefined ? '' : `:${String(dynamicId)}`}`;

  const handlers = new Map<string, Set<Handler>>();
  const confirmed = new Set<string>();
  const subscribing = new Map<string, Promise<unknown>>();
  subscriber.on('message', (channel: string, raw: string) => {
    const listeners = handlers.get(channel);
    if (!listeners?.size) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    for (const handler of listeners) handler(message);
  });

  const removeHandler = (channel: string, handler: Handler) => {
    const listeners = handlers.get(channel);
    if (!listeners?.delete(handler) || listeners.size) return;
    handlers.delete(channel);
    confirmed.delete(channel);
    subscriber.unsubscribe(channel).catch(() => undefined);
  };
  const addHandler = async (channel: string, handler: Handler) => {
    const listeners = handlers.get(channel) ?? new Set<Handler>();
    handlers.set(channel, listeners.add(handler));
    if (confirmed.has(channel)) return;
    let pending = subscribing.get(channel);
    if (!pending) {
      pending = subscriber
        .subscribe(channel)
        .then(() => (handlers.has(channel) ? confirmed.add(channel) : undefined))
        .finally(() => subscribing.delete(channel));
      subscribing.set(channel, pending);
    }
    try {
      await pending;
    } catch (error) {
      removeHandler(channel, handler);
      throw error;
    }
  };

  const listenTo = async <T>(channel: string): Promise<AsyncIterableIterator<T>> => {
    const buffered: T[] = [];
    const waiting: ((result: IteratorResult<T>) => void)[] = [];
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      removeHandler(channel, handler);
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    };
    const handler: Handler = (message) => {
      if (finished) return;
      const resolve = waiting.shift();
      if (resolve) resolve({ value: message as T, done: false });
      else if (buffered.push(message as T) > MAX_BUFFERED_EVENTS) finish();
    };
    await addHandler(channel, handler);
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
  };

  return {
    pubSub: {
      publish(routingKey, ...args) {
        const [first, second] = args;
        // type-graphql calls publish(topic, payload) or publish(topic, id, payload).
        const [id, payload] = args.length > 1 ? [first, second] : [undefined, first];
        publisher.publish(topic(routingKey, id), JSON.stringify(payload)).catch((error: Error) => logger?.warn({ err: error.message, routingKey }, 'could not publish an event'));
      },
      subscribe(routingKey, dynamicId) {
        return {
          [Symbol.asyncIterator]: () => {
            const started = listenTo<unknown>(topic(routingKey, dynamicId));
            return {
              next: async () => (await started).next(),
              return: async () => (await started).return!(),
            };
          },
        };
      },
    },
    listen: (routingKey, dynamicId) => listenTo(topic(routingKey, dynamicId)),
    async close() {
      await Promise.all([closeRedis(publisher), closeRedis(subscriber)]);
    },
  };
}
