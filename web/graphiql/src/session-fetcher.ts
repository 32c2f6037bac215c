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
  const wsClient = createClient({
    url: GRAPHQL_WS_URL,
    connectionParams: { authorization: 'Bearer ' + token },
    // Connect on the first subscription, close shortly after the last one stops.
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: 3,
    on: {
      closed: (event) => {
        if ((event as CloseEvent | undefined)?.code === WS_FORBIDDEN) onUnauthenticated();
      },
    },
  });
  const graphiqlFetcher = createGraphiQLFetcher({
    url: GRAPHQL_URL,
    headers: { Authorization: 'Bearer ' + token },
    wsClient,
    // The API answers plain JSON (no @defer/@stream with graphql 16).
    enableIncrementalDelivery: false,
  });

  const fetcher: Fetcher = async (params, options) => {
    const result = await graphiqlFetcher(...withCurrentOperation(params, options));
    // An Authorization typed into the headers editor (an API key, say) is not the session's.
    const ownToken = !Object.keys(options?.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
    if (ownToken && isUnauthenticated(result)) onUnauthenticated();
    return result;
  };
  return { fetcher, dispose: () => void wsClient.dispose() };
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
