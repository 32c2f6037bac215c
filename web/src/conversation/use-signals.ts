import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useConnection } from '../auth/use-connection';
import { ConversationSignalsDocument, SignalledStateDocument } from './signals.documents';

/** A typing indicator without a fresh signal for this long is stale (the server's TTL). */
const TYPING_TTL_MS = 6_000;

export interface VisitorTyping {
  /** The visitor's draft, when the account shows previews. */
  preview: string | null;
}

/**
 * Follows a conversation's ephemeral signals: presence and read cursors go into the Apollo
 * cache (so the header, My chats and the transcript's "Seen" follow them), the visitor's typing
 * is returned. Signals are never replayed: after a reconnect the cache is refetched elsewhere.
 */
export function useConversationSignals(conversationId: string, { typing = true }: { typing?: boolean } = {}): VisitorTyping | null {
  const client = useApolloClient();
  const { status, epoch } = useConnection();
  const [visitorTyping, setVisitorTyping] = useState<VisitorTyping | null>(null);
  const subscribedBefore = useRef(false);

  useEffect(() => {
    if (status !== 'connected') return;
    // Signals missed while the socket was down are not replayed: read the state they carry afresh.
    if (subscribedBefore.current) client.query({ query: SignalledStateDocument, variables: { id: conversationId }, fetchPolicy: 'network-only' }).catch(() => undefined);
    subscribedBefore.current = true;
    let expiry: ReturnType<typeof setTimeout> | undefined;
    const id = client.cache.identify({ __typename: 'Conversation', id: conversationId });
    const subscription = client.subscribe({ query: ConversationSignalsDocument, variables: { conversationId } }).subscribe({
      next: ({ data }) => {
        const signal = data?.conversationSignals;
        if (!signal) return;
        if (signal.kind === 'PRESENCE' && signal.presence) {
          client.cache.modify({ id, fields: { visitorPresence: () => signal.presence, visitorLastSeenAt: () => signal.lastSeenAt ?? null } });
        } else if (signal.kind === 'READ' && signal.cursor) {
          const field = signal.by === 'VISITOR' ? 'visitorReadCursor' : 'agentReadCursor';
          client.cache.modify({ id, fields: { [field]: () => signal.cursor } });
        } else if (signal.kind === 'TYPING' && signal.by === 'VISITOR' && typing) {
          clearTimeout(expiry);
          if (signal.typing) {
            setVisitorTyping({ preview: signal.preview ?? null });
            expiry = setTimeout(() => setVisitorTyping(null), TYPING_TTL_MS);
          } else setVisitorTyping(null);
        }
      },
    });
    return () => {
      clearTimeout(expiry);
      subscription.unsubscribe();
      setVisitorTyping(null);
    };
  }, [client, conversationId, status, epoch, typing]);

  return visitorTyping;
}

/** The `seq` inside a message cursor (`base64url("seq:<n>")`), for comparing cursors; 0 for none. */
export function cursorSeq(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  try {
    const match = /^seq:(\d+)$/.exec(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The last item matching `test` (Array.prototype.findLast is newer than the inbox's target). */
export function lastWhere<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return items[index];
  return undefined;
}
