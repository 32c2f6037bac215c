import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { isMember, scopesKey } from '../auth/viewer';
import type { GraphQLContext } from '../server/context';
import { User } from '../users/user.entity';
import { InvalidatedCache } from './invalidated-cache';

/**
 * Root fields whose result is the same for every member of an account with the same role and
 * accepting switch: nothing under them depends on who asks (members read everything of their
 * account; see tenant-access.ts). The inbox is the read every agent repeats: on opening it,
 * on every reconnect, all at once after a deploy.
 */
const SHARED_ROOT_FIELDS: ReadonlySet<string> = new Set(['liveChatInbox', '__typename']);

function readsSharedFieldsOnly(operation: OperationDefinitionNode): boolean {
  return operation.operation === 'query' && operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && SHARED_ROOT_FIELDS.has(selection.name.value));
}

// Operations whose result turned out to depend on who asked (see notShared).
const personal = new WeakSet<object>();

/**
 * Tells the cache that this operation's result is the caller's own: with AUTO assignment, a
 * chat on offer is in its offeree's inbox alone. Such a result is never kept; a shared one
 * kept before an offer was made is dropped by that offer's change, as by any other.
 */
export function notShared(context: object): void {
  personal.add(context);
}

/**
 * Whole results of such queries, shared by the members of an account and dropped at every
 * committed change to anything of that account (InvalidatedCache: never served after the
 * change was announced; off while announcements cannot arrive). Keyed by the document, its
 * variables, the account, the caller's kind, role and (for a key) scopes, and a user's accepting switch.
 */
export class SharedReads {
  /** Also what the change feed tells (change-feed.ts). */
  readonly results: InvalidatedCache<FormattedExecutionResult>;

  constructor(options: { ttlMs: number; max: number }) {
    this.results = new InvalidatedCache({ name: 'sharedReads', ...options, ownersOf: (change) => change.accountIds });
  }


  get size(): number {
    return this.results.size;
  }

  /** Answers eligible queries from the cache, and keeps the results of those it did not. */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    const results = this.results;
    return {
      async requestDidStart() {
        let pending: { key: string; accountId: string; readAt: number } | undefined;
        return {
          async responseForOperation({ operation, contextValue: { viewer, em }, request, source }) {
            if (!isMember(viewer) || !readsSharedFieldsOnly(operation)) return null;
            // Read through the request's identity map: authentication put the user there.
            const accepting = viewer.kind === 'user' ? ((await em.findOne(User, viewer.userId))?.acceptingChats ?? false) : true;
            const key = JSON.stringify([viewer.accountId, viewer.kind, viewer.role, scopesKey(viewer), accepting, request.operationName ?? null, request.variables ?? {}, source]);
            const cached = results.get(key, viewer.accountId);
            if (cached) return { http: { headers: new HeaderMap(), status: undefined }, body: { kind: 'single', singleResult: cached } };
            pending = { key, accountId: viewer.accountId, readAt: results.beginRead() };
            return null;
          },
          async willSendResponse({ response, contextValue }) {
            if (!pending || personal.has(contextValue) || response.body.kind !== 'single' || response.body.singleResult.errors) return;
            results.set(pending.key, pending.accountId, { data: response.body.singleResult.data }, pending.readAt);
          },
        };
      },
    };
  }
}
