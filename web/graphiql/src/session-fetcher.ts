import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
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
    const result = await graphiqlFetcher(params, options);
    if (isUnauthenticated(result)) onUnauthenticated();
    return result;
  };
  return { fetcher, dispose: () => void wsClient.dispose() };
}
