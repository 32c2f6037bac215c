import { createSourceEventStream, execute, getOperationAST, Kind, print, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { scopesKey, type Viewer } from '../auth/viewer';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../server/context';
import type { Loaders } from '../server/loaders';
import { metrics } from '../metrics/metrics';
import { oncePerEvent } from './per-event';

/**
 * Everything the tenant rule (auth/tenant-access.ts) decides from: two subscribers with the same
 * scope see exactly the same fields of the same objects, so they may share one result.
 */
function scopeOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'user':
      return `${viewer.kind}:${viewer.accountId}:${viewer.role}`;
    case 'apiKey':
      return `${viewer.kind}:${viewer.accountId}:${viewer.role}:${scopesKey(viewer)}`;
    case 'visitor':
      return `visitor:${viewer.accountId}:${viewer.conversationId}`;
    default:
      return viewer.kind;
  }
}

/**
 * A subscription's context lives as long as its socket: its EntityManager and loaders are made
 * only if its `subscribe` resolver asks (each event gets fresh ones anyway), so an idle
 * subscriber holds no EntityManager.
 */
export function lazySubscriptionContext(fields: Omit<GraphQLContext, 'em' | 'loaders'>, fork: () => EntityManager, loadersFor: (em: EntityManager) => Loaders): GraphQLContext {
  let em: EntityManager | undefined;
  let loaders: Loaders | undefined;
  return {
    ...fields,
    get em() {
      return (em ??= fork());
    },
    set em(value) {
      em = value;
    },
    get loaders() {
      return (loaders ??= loadersFor(this.em));
    },
    set loaders(value) {
      loaders = value;
    },
  };
}

/** The context one event is executed with: the subscriber's caller, a fresh EntityManager and loaders. */
export function eventContext(context: GraphQLContext, fork: () => EntityManager, loadersFor: (em: EntityManager) => Loaders): GraphQLContext {
  const em = fork();
  return { viewer: context.viewer, ip: context.ip, logger: context.logger, services: context.services, listen: context.listen, em, loaders: loadersFor(em) };
}

const printed = new WeakMap<DocumentNode, string>();

/**
 * graphql-ws's `subscribe`: each subscriber keeps its own source stream (its `subscribe`
 * resolver authorises it and filters its events), but an event object that several
 * subscribers receive is executed once per distinct (document, operation, variables, scope)
 * in this process, and all of them get that one result. Each execution gets a fresh context
 * (`forEvent`), so nothing is cached from one event to the next.
 */
export function sharedSubscribe(forEvent: (context: GraphQLContext) => GraphQLContext) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const events = source[Symbol.asyncIterator]();
    const context = args.contextValue as GraphQLContext;
    if (!printed.has(args.document)) printed.set(args.document, print(args.document));
    const subscription = subscriptionName(args);
    const key = ['execute', scopeOf(context.viewer), printed.get(args.document), args.operationName ?? '', JSON.stringify(args.variableValues ?? {})].join('\0');
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const event = await events.next();
        if (event.done) return { value: undefined, done: true };
        const result = oncePerEvent(event.value, key, () => execute({ ...args, rootValue: event.value, contextValue: forEvent(context) }));
        const value = await result;
        metrics.subscriptionEventsFannedOut.inc({ subscription });
        return { value, done: false };
      },
      return: async () => {
        await events.return?.();
        return { value: undefined, done: true };
      },
      throw: async (error: unknown) => {
        await events.return?.();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };
}

/** The root field a subscription operation watches (its metrics label). */
function subscriptionName(args: ExecutionArgs): string {
  const selection = getOperationAST(args.document, args.operationName)?.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD ? selection.name.value : 'unknown';
}
