import type { PubSub } from 'type-graphql';
import { closeRedis, createRequestRedis, type RedisErrorLogger } from '../../../jobs/redis';

export interface RedisBackedPubSub {
  /** `publish` never waits and never throws: a lost event is caught up by cursors or a refetch. */
  pubSub: PubSub;
  /**
   * Subscribes and resolves once Redis confirmed it: nothing published after that is missed.
   * Rejects within about a second while Redis is away. With several ids, one stream of all
   * their events in the order Redis delivered them (one connection: publish order).
   */
  listen<T>(routingKey: string, dynamicId: string | readonly string[]): Promise<AsyncIterableIterator<T>>;
  /**
   * `down` when the subscribing connection drops (events published meanwhile are missed) and
   * `up` once it is back with every channel subscribed again. Not called for the first connect.
   */
  watchConnection(listener: { down(): void; up(): void }): void;
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
    // A listener that joined another's SUBSCRIBE tries once more on its own when that one timed
    // out: with many listeners on one channel (an account's inbox), one slow reply must not fail
    // them all. The first SUBSCRIBE still fails within the command timeout while Redis is away.
    for (let attempt = 0; ; attempt++) {
      if (confirmed.has(channel)) return;
      let pending = subscribing.get(channel);
      const joined = pending !== undefined;
      if (!pending) {
        pending = subscriber
          .subscribe(channel)
          .then(() => (handlers.has(channel) ? confirmed.add(channel) : undefined))
          .finally(() => subscribing.delete(channel));
        subscribing.set(channel, pending);
      }
      try {
        await pending;
        return;
      } catch (error) {
        if (joined && attempt === 0) continue;
        removeHandler(channel, handler);
        throw error;
      }
    }
  };

  const listenTo = async <T>(channels: readonly string[]): Promise<AsyncIterableIterator<T>> => {
    const buffered: T[] = [];
    const waiting: ((result: IteratorResult<T>) => void)[] = [];
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      for (const channel of channels) removeHandler(channel, handler);
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    };
    const handler: Handler = (message) => {
      if (finished) return;
      const resolve = waiting.shift();
      if (resolve) resolve({ value: message as T, done: false });
      else if (buffered.push(message as T) > MAX_BUFFERED_EVENTS) finish();
    };
    try {
      // In order: a caller that waits for the last channel (tests do) knows the others are live.
      for (const channel of channels) await addHandler(channel, handler);
    } catch (error) {
      finish();
      throw error;
    }
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
            const started = listenTo<unknown>([topic(routingKey, dynamicId)]);
            return {
              next: async () => (await started).next(),
              return: async () => (await started).return!(),
            };
          },
        };
      },
    },
    watchConnection(listener) {
      let dropped = false;
      subscriber.on('close', () => {
        if (!dropped) listener.down();
        dropped = true;
      });
      // ioredis resubscribes after 'ready' without saying when it is done: subscribing again
      // (a no-op for Redis) tells us when every channel is live.
      subscriber.on('ready', () => {
        if (!dropped) return;
        const channels = [...confirmed];
        (channels.length ? subscriber.subscribe(...channels) : Promise.resolve())
          .then(() => {
            if (subscriber.status !== 'ready' || !dropped) return;
            dropped = false;
            listener.up();
          })
          .catch(() => undefined);
      });
    },
    listen: (routingKey, dynamicId) => listenTo((typeof dynamicId === 'string' ? [dynamicId] : dynamicId).map((id) => topic(routingKey, id))),
    async close() {
      await Promise.all([closeRedis(publisher), closeRedis(subscriber)]);
    },
  };
}

/**
 * Listens to a topic for as long as the process runs, subscribing again after a failure (Redis
 * away at start, a subscriber cut off), with `onListening` each time the subscription is live.
 * Returns a function that stops listening.
 */
export function follow<T>(
  listen: RedisBackedPubSub['listen'],
  routingKey: string,
  dynamicId: string,
  onMessage: (message: T) => void,
  { onListening, logger }: { onListening?: () => void; logger?: RedisErrorLogger } = {},
): () => Promise<void> {
  let stopped = false;
  let stream: AsyncIterableIterator<T> | undefined;
  let wake = () => {};
  const run = async (): Promise<void> => {
    while (!stopped) {
      try {
        stream = await listen<T>(routingKey, dynamicId);
        if (stopped) break;
        onListening?.();
        for await (const message of stream) onMessage(message);
      } catch (error) {
        logger?.warn({ err: (error as Error).message, routingKey }, 'cannot listen to a topic yet; retrying');
        await new Promise<void>((resolveWait) => {
          const timer = setTimeout(resolveWait, 1000);
          wake = () => {
            clearTimeout(timer);
            resolveWait();
          };
        });
      }
    }
    await stream?.return?.();
  };
  const running = run();
  return async () => {
    stopped = true;
    wake();
    await stream?.return?.();
    await running;
  };
}
