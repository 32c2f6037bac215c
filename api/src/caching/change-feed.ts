import type { EntityManager } from '@mikro-orm/core';
import type { RedisErrorLogger } from '../../../jobs/redis';
import { Topic } from '../realtime/topics';
import { follow, type RedisBackedPubSub } from '../server/pub-sub';
import { CommittedChanges, type CommittedChange } from './committed-changes';

/** What a read cache does with the feed of committed changes. */
export interface ChangeListener {
  forget(change: CommittedChange): void;
  /** Announcements may be missed from now on. */
  suspend(): void;
  /** Announcements are being received (again). */
  resume(): void;
}

/**
 * Tells every process's read caches what each commit changed: locally at once, and to the
 * other processes through Redis (`CHANGES`). Caches are off until the topic is subscribed and
 * whenever the pub/sub connection drops. Returns a function that stops listening.
 */
export function startChangeFeed(em: EntityManager, pubSub: RedisBackedPubSub, listeners: ChangeListener[], logger?: RedisErrorLogger): () => Promise<void> {
  em.getEventManager().registerSubscriber(
    new CommittedChanges((change) => {
      for (const listener of listeners) listener.forget(change);
      pubSub.pubSub.publish(Topic.CHANGES, 'all', change);
    }),
  );
  pubSub.watchConnection({
    down: () => listeners.forEach((listener) => listener.suspend()),
    up: () => listeners.forEach((listener) => listener.resume()),
  });
  return follow<CommittedChange>(pubSub.listen, Topic.CHANGES, 'all', (change) => listeners.forEach((listener) => listener.forget(change)), {
    onListening: () => listeners.forEach((listener) => listener.resume()),
    logger,
  });
}
