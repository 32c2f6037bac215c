import { replayThenLive } from './replay-then-live';

/** Notifications pushed by the test, in whatever order it likes. */
function notifier() {
  const queue: number[] = [];
  const waiting: ((result: IteratorResult<{ position: number }>) => void)[] = [];
  let closed = false;
  return {
    push(position: number) {
      const resolve = waiting.shift();
      if (resolve) resolve({ value: { position }, done: false });
      else queue.push(position);
    },
    iterator: {
      next: () =>
        queue.length
          ? Promise.resolve({ value: { position: queue.shift()! }, done: false as const })
          : closed
            ? Promise.resolve({ value: undefined, done: true as const })
            : new Promise<IteratorResult<{ position: number }>>((resolve) => waiting.push(resolve)),
      return: async () => {
        closed = true;
        for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
        return { value: undefined, done: true as const };
      },
    },
  };
}

describe('replay then live', () => {
  it('replays past the read limit, then follows notifications without losing or repeating', async () => {
    const stored = Array.from({ length: 12 }, (_, index) => index + 1);
    const reads: number[] = [];
    const live = notifier();
    const stream = replayThenLive<number>({
      notifications: live.iterator,
      // A read returns at most 5 items, like the database query with its limit.
      readAfter: async (position) => (reads.push(position), stored.filter((n) => n > position).slice(0, 5)),
      positionOf: (n) => n,
      after: 2,
    });
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) seen.push((await stream.next()).value);
    expect(seen).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    // 14 is notified before 13 (two processes publishing): both arrive, in order, once.
    stored.push(13, 14);
    live.push(14);
    live.push(13);
    expect((await stream.next()).value).toBe(13);
    expect((await stream.next()).value).toBe(14);
    live.push(12); // stale: nothing new
    stored.push(15);
    live.push(15);
    expect((await stream.next()).value).toBe(15);
    await stream.return!();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});

describe('closing a replay', () => {
  it('reads nothing more once closed, even with a read in flight', async () => {
    let reads = 0;
    let release: (items: number[]) => void = () => undefined;
    const never = { next: () => new Promise<IteratorResult<{ position: number }>>(() => undefined), return: async () => ({ value: undefined, done: true as const }) };
    const stream = replayThenLive<number>({
      notifications: never,
      readAfter: () => {
        reads++;
        return new Promise<number[]>((resolve) => (release = resolve));
      },
      positionOf: (n) => n,
      after: 0,
    });
    const inFlight = stream.next();
    await stream.return!();
    release([1, 2, 3]);
    expect(await inFlight).toEqual({ value: undefined, done: true });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(reads).toBe(1);
  });
});

describe('reads prompted by a notification', () => {
  it('name that notification, so subscribers of one process can share the read', async () => {
    const causes: ({ position: number } | undefined)[] = [];
    const stored = [1];
    const live = notifier();
    const stream = replayThenLive<number>({
      notifications: live.iterator,
      readAfter: async (position, cause) => (causes.push(cause), stored.filter((n) => n > position)),
      positionOf: (n) => n,
      after: 0,
    });
    expect((await stream.next()).value).toBe(1);
    const second = stream.next(); // reads nothing new, then waits for a notification
    await new Promise((resolve) => setImmediate(resolve));
    stored.push(2);
    live.push(2);
    expect((await second).value).toBe(2);
    expect(causes).toEqual([undefined, undefined, { position: 2 }]);
    await stream.return!();
  });
});
