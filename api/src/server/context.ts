import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import type { Logger } from '../logging/logger';
import type { Loaders } from './loaders';
import type { Runtime } from './runtime';
import type { Services } from './services';

/** What every resolver receives: its own EntityManager fork, the caller, and the services. */
export interface GraphQLContext {
  em: EntityManager;
  viewer: Viewer;
  /** The client's address (behind TRUST_PROXY proxies), for per-visitor limits. */
  ip: string;
  logger: Logger;
  services: Services;
  /** Per-operation batching for list fields (see loaders.ts). */
  loaders: Loaders;
  /** Subscribes to a pub/sub topic, resolving once Redis confirmed the subscription. */
  listen: Runtime['listen'];
}

/**
 * A subscription keeps one context for its whole life; each event must read fresh data, so
 * its root resolver swaps in a new EntityManager that the event's field resolvers then use.
 */
export function freshEntityManagerForEvent(context: GraphQLContext): EntityManager {
  context.em = context.em.fork({ clear: true });
  return context.em;
}
