import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/graphql-errors';
import type { GraphQLContext } from '../server/context';
import { UserRole } from '../users/user.entity';
import { NODE_TYPE_SCOPES, NO_SCOPE_NEEDED, ROOT_FIELD_SCOPES, type ApiKeyScope } from '../api-keys/api-key-scopes';
import { hasScope, isMember, type Viewer } from './viewer';

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

/** An API key calls a root field only with the scope it needs; fields without one are refused to keys. */
function requireScopeForRootField(viewer: Viewer, fieldName: string): void {
  if (NO_SCOPE_NEEDED.has(fieldName)) return;
  const scope = ROOT_FIELD_SCOPES[fieldName];
  if (!scope) throw forbidden(`API keys cannot use \`${fieldName}\`.`);
  requireScope(viewer, scope);
}

/**
 * The root fields' scopes of a whole operation, checked before it runs (HTTP: apiKeyScopesPlugin;
 * websockets: onSubscribe), for every root field whether or not it has `@Authorized` (type-graphql
 * checks that when a field resolves, which for a subscription is at each event, not when it starts).
 */
export function requireScopesForOperation(viewer: Viewer, document: DocumentNode, operation: OperationDefinitionNode): void {
  if (viewer.kind !== 'apiKey') return;
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const visit = (selections: readonly SelectionNode[], seen: Set<string>): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) requireScopeForRootField(viewer, selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet.selections, new Set(seen).add(selection.name.value));
      }
    }
  };
  visit(operation.selectionSet.selections, new Set());
}

/** `node(id:)` returns an object to a key only with the read scope of its type. */
export function requireScopeForNode(viewer: Viewer, typeName: string): void {
  if (viewer.kind !== 'apiKey') return;
  const scope = NODE_TYPE_SCOPES[typeName];
  if (!scope) throw forbidden(`API keys cannot read ${typeName} objects.`);
  requireScope(viewer, scope);
}

/** FORBIDDEN naming the scope, for an API key without it. */
export function requireScope(viewer: Viewer, scope: ApiKeyScope): void {
  if (!hasScope(viewer, scope)) throw forbidden(`This API key lacks the scope ${scope}: create a key with it.`, { missingScope: scope });
}

function describe(allowed: Access[]): string {
  if (allowed.includes(Access.ADMIN_USER)) return 'Only an admin signed in as a user can do this; API keys cannot manage API keys.';
  if (allowed.includes(Access.ADMIN)) return 'Only an admin of the account (or an API key) can do this.';
  if (allowed.includes(Access.OPERATOR)) return 'Only the platform operator can do this.';
  return 'You are not allowed to do this.';
}

/** Refuses, before it runs, an HTTP operation an API key lacks a scope for. */
export function apiKeyScopesPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (operation) requireScopesForOperation(contextValue.viewer, document, operation);
        },
      };
    },
  };
}
