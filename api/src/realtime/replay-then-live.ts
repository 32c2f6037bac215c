// Waits between reads while an announced item is not readable yet.
const FIRST_RETRY_MS = 5;
const LAST_RETRY_MS = 500;

/**
 * A stream that first yields what the caller missed, then follows live notifications. The
 * notifications only say "something new exists up to position n"; the items themselves are
 * always read from the database after the last position yielded. So a notification that
 * arrives late or out of order (two API processes publishing) can neither lose an item nor
 * repeat one. Should an announced item not be readable yet, the stream reads again after a
 * short, growing wait until it has reached the announced position.
 */
export function replayThenLive<T, N extends { position: number } = { position: number }>(options: {
  /** Notifications carrying a position; subscribed before the first read. */
  notifications: AsyncIterator<N>;
  /** Items after `position`, in order; `cause` is the notification that prompted a live read (none for the replay). */
  readAfter: (position: number, cause?: N) => Promise<T[]>;
  positionOf: (item: T) => number;
  after: number;
}): AsyncIterableIterator<T> {
  const { notifications, readAfter, positionOf } = options;
  let last = options.after;
  let pending: T[] = [];
  // False until a read came back empty: a replay longer than one read's limit keeps reading.
  let drained = false;
  let cause: N | undefined;
  // The highest position a notification announced: the stream reads until it has yielded it.
  let announced = options.after;
  let retryMs = FIRST_RETRY_MS;
  // Set by return(): a next() already waiting on the database must not start another read.
  let closed = false;

  return {
    async next() {
      for (;;) {
        if (closed) return { value: undefined, done: true };
        if (pending.length) {
          const item = pending.shift()!;
          last = positionOf(item);
          return { value: item, done: false };
        }
        if (!drained) {
          pending = await readAfter(last, cause);
          drained = pending.length === 0;
          if (drained && last < announced) {
            // Announced but not readable yet. The retry reads on its own: a shared read of this
            // notification would answer from memory.
            await new Promise((resolve) => setTimeout(resolve, retryMs));
            retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
            drained = false;
            cause = undefined;
          } else if (pending.length) retryMs = FIRST_RETRY_MS;
          continue;
        }
        const notification = await notifications.next();
        if (notification.done) return { value: undefined, done: true };
        if (notification.value.position > last) {
          drained = false;
          cause = notification.value;
          announced = Math.max(announced, notification.value.position);
        }
      }
    },
    async return() {
      closed = true;
      pending = [];
      await notifications.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      closed = true;
      await notifications.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
