import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams } from '@graphiql/toolkit';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { GRAPHQL_URL, GRAPHQL_WS_URL, isUnauthenticated } from './chatonce-api';

/** graphql-ws close code the API uses when it refuses a connection's token. */
const WS_FORBIDDEN = 4403;

export interface SessionFetcher {
  fetcher: Fetcher;
  /** Closes the websocket; call when the token changes or the user signs out. */
  dispose(): void;
}

/**
 * GraphiQL's fetcher for one token: queries and mutations over HTTP with
 * `Authorization: Bearer`, subscriptions over one lazy graphql-ws connection carrying the
 * same token in its connection params. `onUnauthenticated` runs when the API refuses it.
 */
export function createSessionFetcher(token: string, onUnauthenticated: () => void): SessionFetcher {
  const own = fetcherFor('Bearer ' + token, onUnauthenticated);
  // An Authorization typed into the headers editor (an API key, say) is used for subscriptions
  // too: each such value gets its own websocket, with it in the connection params.
  const typed = new Map<string, ReturnType<typeof fetcherFor>>();

  const fetcher: Fetcher = async (params, options) => {
    const header = Object.entries(options?.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    const authorization = typeof header === 'string' && header.trim() ? header.trim() : null;
    let chosen = own;
    if (authorization) {
      if (!typed.has(authorization)) typed.set(authorization, fetcherFor(authorization, () => undefined));
      chosen = typed.get(authorization)!;
    }
    const result = await chosen.fetcher(...withCurrentOperation(params, options));
    if (!authorization && isUnauthenticated(result)) onUnauthenticated();
    return result;
  };
  return {
    fetcher,
    dispose: () => {
      own.wsClient.dispose();
      for (const other of typed.values()) void other.wsClient.dispose();
    },
  };
}

/** HTTP with `Authorization`, and one lazy graphql-ws connection carrying the same value. */
function fetcherFor(authorization: string, onRefused: () => void) {
  const wsClient = createClient({
    url: GRAPHQL_WS_URL,
    connectionParams: { authorization },
    // Connect on the first subscription, close shortly after the last one stops.
    lazy: true,
    lazyCloseTimeout: 3_000,
    // A refused token (4403) is final: retrying would only be refused again.
    retryAttempts: 3,
    shouldRetry: (event) => (event as CloseEvent | undefined)?.code !== WS_FORBIDDEN,
    on: {
      closed: (event) => {
        if ((event as CloseEvent | undefined)?.code === WS_FORBIDDEN) onRefused();
      },
    },
  });
  const fetcher = createGraphiQLFetcher({
    url: GRAPHQL_URL,
    headers: { Authorization: authorization },
    wsClient,
    // The API answers plain JSON (no @defer/@stream with graphql 16).
    enableIncrementalDelivery: false,
  });
  return { fetcher, wsClient };
}

/**
 * GraphiQL works out the operation name and document 100 ms after the editor changes, so
 * running right after switching tabs sent the previous tab's name ("Unknown operation
 * named …"), and could send a subscription over HTTP. The query text is always current:
 * derive both from it.
 */
function withCurrentOperation(params: FetcherParams, options?: FetcherOpts): [FetcherParams, FetcherOpts | undefined] {
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    return [params, options]; // The API reports the syntax error.
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const names = operations.map((operation) => operation.name?.value);
  let operationName = params.operationName;
  if (operationName && !names.includes(operationName) && operations.length === 1) operationName = names[0] ?? null;
  return [{ ...params, operationName }, { ...options, documentAST: document }];
}
