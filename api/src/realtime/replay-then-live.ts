/**
 * A stream that first yields what the caller missed, then follows live notifications. The
 * notifications only say "something new exists up to position n"; the items themselves are
 * always read from the database after the last position yielded. So a notification that
 * arrives late or out of order (two API processes publishing) can neither lose an item nor
 * repeat one.
 */
export function replayThenLive<T>(options: {
  /** Notifications carrying a position; subscribed before the first read. */
  notifications: AsyncIterator<{ position: number }>;
  /** Items after `position`, in order. */
  readAfter: (position: number) => Promise<T[]>;
  positionOf: (item: T) => number;
  after: number;
}): AsyncIterableIterator<T> {
  const { notifications, readAfter, positionOf } = options;
  let last = options.after;
  let pending: T[] | undefined;

  const take = (): IteratorResult<T> => {
    const item = pending!.shift()!;
    last = positionOf(item);
    return { value: item, done: false };
  };

  return {
    async next() {
      if (!pending) pending = await readAfter(last);
      while (!pending.length) {
        const notification = await notifications.next();
        if (notification.done) return { value: undefined, done: true };
        if (notification.value.position > last) pending = await readAfter(last);
      }
      return take();
    },
    async return() {
      await notifications.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await notifications.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
