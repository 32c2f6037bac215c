import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from '../auth/use-connection';
import type { ConversationMessagesQuery, TranscriptMessageFragment } from '../graphql/generated/graphql';
import { ConversationEventsDocument, ConversationMessagesDocument } from './conversation.documents';

export type TranscriptMessage = TranscriptMessageFragment;

interface TranscriptState {
  messages: TranscriptMessage[];
  loading: boolean;
  error: Error | null;
}

/** Appends what is new, by message id: a replay after a reconnect may repeat messages. */
function appendNew(messages: TranscriptMessage[], incoming: TranscriptMessage[]): TranscriptMessage[] {
  const seen = new Set(messages.map((m) => m.id));
  const fresh = incoming.filter((m) => !seen.has(m.id) && seen.add(m.id));
  return fresh.length ? [...messages, ...fresh] : messages;
}

/**
 * A conversation's whole transcript, in server order: every page of `messages`, then (when
 * `live`) `conversationEvents` from the last cursor. When the websocket drops, the
 * subscription is dropped with it and started again once reconnected, from the last cursor
 * received, so nothing is lost; de-duplication by id guarantees nothing shows twice.
 */
export function useTranscript(conversationId: string, live: boolean) {
  const client = useApolloClient();
  const { status, epoch } = useConnection();
  const [state, setState] = useState<TranscriptState>({ messages: [], loading: true, error: null });
  const [loaded, setLoaded] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [liveError, setLiveError] = useState<string | null>(null);
  const lastCursor = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    lastCursor.current = null;
    setLoaded(false);
    setState({ messages: [], loading: true, error: null });
    (async () => {
      let all: TranscriptMessage[] = [];
      let after: string | null = null;
      try {
        for (;;) {
          const result: { data?: ConversationMessagesQuery } = await client.query({
            query: ConversationMessagesDocument,
            variables: { id: conversationId, after },
            fetchPolicy: 'no-cache',
          });
          const page = result.data?.conversation?.messages;
          if (!page) throw new Error('This conversation does not exist or is not open to you.');
          all = appendNew(all, page.edges.map((edge) => edge.node));
          if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
          after = page.pageInfo.endCursor;
        }
      } catch (error) {
        if (!cancelled) setState({ messages: [], loading: false, error: error as Error });
        return;
      }
      if (cancelled) return;
      lastCursor.current = all.at(-1)?.cursor ?? null;
      setState({ messages: all, loading: false, error: null });
      setLoaded(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [client, conversationId, attempt]);

  useEffect(() => {
    if (!live || !loaded || status !== 'connected') return;
    const subscription = client
      .subscribe({ query: ConversationEventsDocument, variables: { conversationId, after: lastCursor.current } })
      .subscribe({
        next: ({ data, error }) => {
          if (error) setLiveError(error.message);
          const event = data?.conversationEvents;
          if (!event) return;
          lastCursor.current = event.cursor;
          setLiveError(null);
          setState((previous) => ({ ...previous, messages: appendNew(previous.messages, [event.message]) }));
        },
        error: (error: Error) => setLiveError(error.message),
      });
    return () => subscription.unsubscribe();
  }, [client, conversationId, live, loaded, status, epoch]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, liveError, retry };
}
