import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import type { Logger } from '../logging/logger';
import type { Services } from './services';

/** What every resolver receives: its own EntityManager fork, the caller, and the services. */
export interface GraphQLContext {
  em: EntityManager;
  viewer: Viewer;
  logger: Logger;
  services: Services;
}
