import { createClient } from 'graphql-ws';
import { CONVERSATION_EVENTS, CONVERSATION_SIGNALS, type ConversationEvent, type ConversationEventsData, type ConversationSignal, type ConversationSignalsData } from './operations';

export interface LiveHandlers {
  onEvent(event: ConversationEvent): void;
  /** An ephemeral signal (the team typing, reading); none are replayed after a reconnect. */
  onSignal(signal: ConversationSignal): void;
  /** The socket is up, or down and being retried. */
  onConnection(state: 'connected' | 'reconnecting'): void;
  /** The server refused the token or the conversation: retrying cannot help. */
  onRejected(): void;
}

/** A running subscription; `dispose` closes the socket for good. */
export interface LiveConversation {
  dispose(): void;
  /** Whether the page is hidden, told with every (re)subscription so presence is right from its start. */
  setAway(away: boolean): void;
}

// graphql-ws closes with 4403 when onConnect refuses the token (see api/src/server/http-server.ts).
const FORBIDDEN_CLOSE = 4403;
// Without a pong this long after our ping, the socket is presumed dead (sleep, lost network).
const PONG_TIMEOUT_MS = 5_000;
// A connection attempt on a stalled network can hang for minutes; give up and retry sooner.
const CONNECT_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_MS = 15_000;
const MAX_RETRY_WAIT_MS = 15_000;
const RESUBSCRIBE_WAIT_MS = 3_000;

/**
 * Follows one conversation over graphql-ws. The first subscription has `after: null`, so the
 * server replays the whole transcript before going live; every event moves `after` to its
 * cursor, and the client re-sends this same payload object when it reconnects, so a
 * reconnect replays exactly what was missed.
 */
export function followConversation(options: { wsUrl: string; conversationId: string; token: string; handlers: LiveHandlers }): LiveConversation {
  const { handlers } = options;
  const variables: { id: string; after: string | null } = { id: options.conversationId, after: null };
  const payload = { query: CONVERSATION_EVENTS, variables };
  let disposed = false;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let resubscribeTimer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};
  let unsubscribeSignals = () => {};
  let resubscribeSignalsTimer: ReturnType<typeof setTimeout> | undefined;

  const client = createClient({
    url: options.wsUrl,
    connectionParams: { authorization: `Bearer ${options.token}` },
    lazy: false,
    retryAttempts: Infinity,
    // Retry everything (network errors included) except a refused token, which would loop forever.
    shouldRetry: (errorOrClose) => !isRejection(errorOrClose),
    // The default backoff doubles without bound; a chat should come back within seconds.
    retryWait: (retries) => sleep(Math.min(1000 * 2 ** retries, MAX_RETRY_WAIT_MS) + Math.random() * 1000),
    keepAlive: KEEP_ALIVE_MS,
    onNonLazyError: () => {},
    on: {
      connecting: () => {
        clearTimeout(connectTimer);
        connectTimer = setTimeout(() => client.terminate(), CONNECT_TIMEOUT_MS);
      },
      connected: () => {
        clearTimeout(connectTimer);
        handlers.onConnection('connected');
      },
      closed: (event) => {
        clearTimeout(connectTimer);
        clearTimeout(pongTimer);
        if (!disposed && !isRejection(event)) handlers.onConnection('reconnecting');
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        // A dead network never completes a close handshake: drop the socket at once (4499,
        // retried) instead of waiting for the browser to give up on it.
        pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    clearTimeout(pongTimer);
    clearTimeout(connectTimer);
    clearTimeout(resubscribeTimer);
    clearTimeout(resubscribeSignalsTimer);
    unsubscribe();
    unsubscribeSignals();
    void client.dispose();
  };

  const subscribe = () => {
    unsubscribe = client.subscribe<ConversationEventsData>(payload, {
      next: (result) => {
        const event = result.data?.conversationEvents;
        if (!event || disposed) return;
        variables.after = event.cursor;
        handlers.onEvent(event);
      },
      error: (error) => {
        if (disposed) return;
        if (isRejection(error)) {
          dispose();
          handlers.onRejected();
          return;
        }
        // Any other failure ends this subscription: start again from the last cursor.
        resubscribeTimer = setTimeout(subscribe, RESUBSCRIBE_WAIT_MS);
      },
      complete: () => {
        if (!disposed) resubscribeTimer = setTimeout(subscribe, RESUBSCRIBE_WAIT_MS);
      },
    });
  };
  // On the same socket: while it is subscribed, the server counts the visitor as connected (presence).
  // Like `after` above, graphql-ws re-sends this very object on reconnect: `away` stays current.
  const signalsPayload = { query: CONVERSATION_SIGNALS, variables: { id: options.conversationId, away: document.hidden } };
  const subscribeSignals = () => {
    unsubscribeSignals = client.subscribe<ConversationSignalsData>(signalsPayload, {
      next: (result) => {
        const signal = result.data?.conversationSignals;
        if (signal && !disposed) handlers.onSignal(signal);
      },
      // A refusal shows through the transcript's subscription; anything else is retried.
      error: (error) => {
        if (!disposed && !isRejection(error)) resubscribeSignalsTimer = setTimeout(subscribeSignals, RESUBSCRIBE_WAIT_MS);
      },
      complete: () => {
        if (!disposed) resubscribeSignalsTimer = setTimeout(subscribeSignals, RESUBSCRIBE_WAIT_MS);
      },
    });
  };
  subscribe();
  subscribeSignals();

  return {
    dispose,
    setAway: (away) => {
      signalsPayload.variables.away = away;
    },
  };
}

/** A 4403 close, or GraphQL errors saying the token or conversation is not ours. */
function isRejection(errorOrClose: unknown): boolean {
  if (errorOrClose && typeof errorOrClose === 'object' && 'code' in errorOrClose && (errorOrClose as { code: unknown }).code === FORBIDDEN_CLOSE) return true;
  if (!Array.isArray(errorOrClose)) return false;
  return errorOrClose.some((e: { extensions?: { code?: unknown } }) => e?.extensions?.code === 'FORBIDDEN' || e?.extensions?.code === 'UNAUTHENTICATED');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
