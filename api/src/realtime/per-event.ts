// Results keyed by the event object itself: the pub/sub parses each Redis message once and
// hands that object to every local subscriber, so "once per event per process" is one WeakMap.
const memos = new WeakMap<object, Map<string, unknown>>();

/** `load()` once per (event, key) in this process; later callers share its promise. */
export function oncePerEvent<T>(event: unknown, key: string, load: () => T): T {
  if (typeof event !== 'object' || event === null) return load();
  let memo = memos.get(event);
  if (!memo) memos.set(event, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, load());
  return memo.get(key) as T;
}

/**
 * A replay's `readAfter` whose live reads (prompted by a notification) are shared by this
 * process's subscribers at the same position; each gets its own copy, as a stream consumes it.
 * `scope` names what is read (the conversation, the account).
 */
export function sharedLiveRead<T>(scope: string, read: (position: number) => Promise<T[]>) {
  return async (position: number, cause?: object): Promise<T[]> => (cause ? [...(await oncePerEvent(cause, `read:${scope}:${position}`, () => read(position)))] : read(position));
}
