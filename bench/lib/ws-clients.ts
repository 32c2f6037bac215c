import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriptionHandlers<T> {
  next(data: T): void;
  error?(error: unknown): void;
  /** The server ended the subscription (graphql-ws `complete`). */
  complete?(): void;
}

/** A graphql-ws connection signed in with a bearer token, opened eagerly. */
export interface WsConnection {
  client: Client;
  subscribe<T>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>): () => void;
  close(): Promise<void>;
}

/** Opens one graphql-ws connection and resolves once the server acknowledged it. */
export function connect(port: number, token: string, timeoutMs = 30_000): Promise<WsConnection> {
  return new Promise((resolveConnection, reject) => {
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      // A refused connection must fail the row, not be retried silently.
      onNonLazyError: (error) => reject(error instanceof Error ? error : new Error(`websocket closed: ${describeClose(error)}`)),
    });
    const timer = setTimeout(() => reject(new Error(`websocket to :${port} not acknowledged within ${timeoutMs} ms`)), timeoutMs);
    const off = client.on('connected', () => {
      clearTimeout(timer);
      off();
      resolveConnection({
        client,
        subscribe<T>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>) {
          return client.subscribe<T>(
            { query, variables },
            {
              next: (value) => {
                if (value.errors?.length) handlers.error?.(new Error(JSON.stringify(value.errors)));
                else if (value.data) handlers.next(value.data as T);
              },
              error: (error) => handlers.error?.(error),
              complete: () => handlers.complete?.(),
            },
          );
        },
        close: () => client.dispose() as Promise<void>,
      });
    });
  });
}

function describeClose(event: unknown): string {
  const close = event as { code?: number; reason?: string };
  return close && typeof close.code === 'number' ? `${close.code} ${close.reason ?? ''}` : String(event);
}

/** Opens many connections, `batch` at a time (bounded, so the server's accept queue never overflows). */
export async function connectMany(port: number, tokens: string[], batch = 50): Promise<WsConnection[]> {
  const connections: WsConnection[] = [];
  try {
    for (let start = 0; start < tokens.length; start += batch) {
      connections.push(...(await Promise.all(tokens.slice(start, start + batch).map((token) => connect(port, token)))));
    }
    return connections;
  } catch (error) {
    await closeAll(connections);
    throw error;
  }
}

export async function closeAll(connections: WsConnection[]): Promise<void> {
  await Promise.all(connections.map((connection) => connection.close().catch(() => undefined)));
}
