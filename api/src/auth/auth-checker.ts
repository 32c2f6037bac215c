import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/graphql-errors';
import type { GraphQLContext } from '../server/context';
import { UserRole } from '../users/user.entity';
import { isMember } from './viewer';

/** Who may call an operation; used as `@Authorized(Access.ADMIN)`. */
export enum Access {
  /** Any user of the account, or an API key. */
  MEMBER = 'MEMBER',
  /** An ADMIN user, or an API key (which acts with admin scope). */
  ADMIN = 'ADMIN',
  /** An ADMIN signed in as a user, not an API key: keys must not mint or revoke keys. */
  ADMIN_USER = 'ADMIN_USER',
  /** The platform operator (PLATFORM_ADMIN_TOKEN). */
  OPERATOR = 'OPERATOR',
  /** A member or the visitor of a conversation; the resolver narrows to what each may see. */
  PARTICIPANT = 'PARTICIPANT',
}

/** Throws UNAUTHENTICATED without credentials and FORBIDDEN with the wrong ones. */
export const authChecker: AuthChecker<GraphQLContext, Access> = ({ context: { viewer } }, roles) => {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  const allowed = roles.length === 0 ? [Access.MEMBER] : roles;
  const granted = allowed.some((access) => {
    switch (access) {
      case Access.MEMBER:
        return isMember(viewer);
      case Access.ADMIN:
        return isMember(viewer) && viewer.role === UserRole.ADMIN;
      case Access.ADMIN_USER:
        return viewer.kind === 'user' && viewer.role === UserRole.ADMIN;
      case Access.OPERATOR:
        return viewer.kind === 'operator';
      case Access.PARTICIPANT:
        return isMember(viewer) || viewer.kind === 'visitor';
    }
  });
  if (!granted) throw forbidden(describe(allowed));
  return true;
};

function describe(allowed: Access[]): string {
  if (allowed.includes(Access.ADMIN_USER)) return 'Only an admin signed in as a user can do this; API keys cannot manage API keys.';
  if (allowed.includes(Access.ADMIN)) return 'Only an admin of the account (or an API key) can do this.';
  if (allowed.includes(Access.OPERATOR)) return 'Only the platform operator can do this.';
  return 'You are not allowed to do this.';
}
