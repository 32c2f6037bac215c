import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { createConnectionStore, type ConnectionStore } from './connection-store';

/** What one signed-in (or signed-out) session talks to the API with. */
export interface ApolloSession {
  client: ApolloClient;
  connection: ConnectionStore;
  dispose(): void;
}

/** graphql-ws closes with 4403 when the connection's token is refused. */
const WS_FORBIDDEN = 4403;
/** How long a ping may wait for its pong before the socket counts as dead. */
const PONG_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_MS = 10_000;

/** Why the API stopped accepting the token: deactivated by an admin, or anything else (expired, signed with an old secret). */
export type SignedOutReason = 'expired' | 'deactivated';

function unauthenticatedReason(error: unknown): SignedOutReason | null {
  if (CombinedGraphQLErrors.is(error)) {
    const refused = error.errors.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
    return refused ? (refused.extensions?.reason === 'USER_DEACTIVATED' ? 'deactivated' : 'expired') : null;
  }
  return ServerError.is(error) && error.statusCode === 401 ? 'expired' : null;
}

/** Backoff capped at 10 s: with unlimited retries the default doubling would reach minutes. */
async function cappedBackoff(retries: number): Promise<void> {
  const seconds = Math.min(2 ** retries, 10);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + Math.floor(Math.random() * 700) + 300));
}

function createWsClient(token: string, connection: ConnectionStore, onUnauthenticated: (reason: SignedOutReason) => void): Client {
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let hasConnected = false;
  return createClient({
    url,
    lazy: false,
    keepAlive: KEEP_ALIVE_MS,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: cappedBackoff,
    connectionParams: () => ({ authorization: 'Bearer ' + token }),
    on: {
      connecting: () => connection.set(hasConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        hasConnected = true;
        connection.connected();
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        connection.set(hasConnected ? 'reconnecting' : 'connecting');
        const closed = event as CloseEvent | undefined;
        // The API closes the sockets of a user an admin deactivated with 4403 "User deactivated".
        if (closed?.code === WS_FORBIDDEN) onUnauthenticated(/deactivated/i.test(closed.reason) ? 'deactivated' : 'expired');
      },
      // A socket can die silently (sleep, network switch): no pong in time means reconnect.
      ping: (received) => {
        if (received) return;
        pongTimer = setTimeout(() => connection.dropSocket(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      opened: (socket) => {
        connection.dropSocket = () => {
          const ws = socket as WebSocket;
          if (ws.readyState === WebSocket.OPEN) ws.close(4408, 'Ping timed out');
        };
      },
    },
  });
}

function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          activityStream: relayStylePagination(['filter']),
          // Both are replaced whole (subscription updates write the full new list).
          liveChatInbox: { merge: (_existing, incoming) => incoming },
          conversations: { merge: (_existing, incoming) => incoming },
        },
      },
    },
  });
}

/**
 * An Apollo client for one token: HTTP for queries and mutations, graphql-ws for
 * subscriptions. Without a token (the login page) there is no websocket.
 */
export function createApolloSession(token: string | null, onUnauthenticated: (reason: SignedOutReason) => void): ApolloSession {
  const connection = createConnectionStore();
  const httpLink = new HttpLink({
    uri: '/graphql',
    headers: token ? { authorization: 'Bearer ' + token } : {},
  });
  const errorLink = new ErrorLink(({ error }) => {
    const reason = token ? unauthenticatedReason(error) : null;
    if (reason) onUnauthenticated(reason);
  });

  let wsClient: Client | undefined;
  let transport: ApolloLink = httpLink;
  if (token) {
    wsClient = createWsClient(token, connection, onUnauthenticated);
    transport = ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, new GraphQLWsLink(wsClient), httpLink);
  }

  const client = new ApolloClient({ cache: createCache(), link: ApolloLink.from([errorLink, transport]) });
  // The browser knows first when the network is gone: show "reconnecting" now, not after a ping times out.
  const offline = () => connection.dropSocket();
  window.addEventListener('offline', offline);
  return {
    client,
    connection,
    dispose() {
      window.removeEventListener('offline', offline);
      // dispose() awaits a pending connection attempt, which rejects when the socket is refused.
      Promise.resolve(wsClient?.dispose()).catch(() => {});
      client.stop();
      client.clearStore().catch(() => {});
    },
  };
}
