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
