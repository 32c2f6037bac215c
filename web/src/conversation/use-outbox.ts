import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { newClientMessageId } from './client-message-id';
import { SendAgentMessageDocument } from './conversation.documents';
import type { PendingMessage } from './transcript';
import type { TranscriptMessage } from './use-transcript';

/** A send that never got an answer from the server (fetch's TypeError: offline, connection dropped). */
function isConnectionLost(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error) || ServerError.is(error)) return false;
  return !navigator.onLine || error instanceof TypeError;
}

/**
 * Messages the agent sent that the transcript does not show yet. Each keeps its
 * clientMessageId, so a retry after a failure can never store the message twice.
 */
export function useOutbox(conversationId: string, transcript: TranscriptMessage[]) {
  const [sendMessage] = useMutation(SendAgentMessageDocument);
  const [outbox, setOutbox] = useState<PendingMessage[]>([]);

  const update = (clientMessageId: string, patch: Partial<PendingMessage>) =>
    setOutbox((items) => items.map((item) => (item.clientMessageId === clientMessageId ? { ...item, ...patch } : item)));

  const deliver = useCallback(
    async (clientMessageId: string, body: string) => {
      update(clientMessageId, { state: 'sending', error: undefined, connectionLost: false });
      try {
        const { data } = await sendMessage({ variables: { input: { conversationId, body, clientMessageId } } });
        const userError = data?.sendMessage.userErrors[0];
        if (userError) update(clientMessageId, { state: 'failed', error: userError.message });
        else update(clientMessageId, { state: 'sent' });
      } catch (error) {
        // "Failed to fetch" tells the agent nothing: say the connection is lost (other failures keep the server's words).
        update(clientMessageId, isConnectionLost(error) ? { state: 'failed', connectionLost: true, error: undefined } : { state: 'failed', error: (error as Error).message });
      }
    },
    [conversationId, sendMessage],
  );

  const send = useCallback(
    (body: string) => {
      const clientMessageId = newClientMessageId();
      setOutbox((items) => [...items, { clientMessageId, body, state: 'sending' }]);
      void deliver(clientMessageId, body);
    },
    [deliver],
  );

  const retry = useCallback(
    (clientMessageId: string) => {
      const item = outbox.find((m) => m.clientMessageId === clientMessageId);
      if (item) void deliver(clientMessageId, item.body);
    },
    [deliver, outbox],
  );

  // Once the live transcript carries a message, its pending copy disappears.
  const pending = useMemo(() => {
    const delivered = new Set(transcript.map((m) => m.clientMessageId).filter(Boolean));
    return outbox.filter((item) => !delivered.has(item.clientMessageId));
  }, [outbox, transcript]);

  return { pending, send, retry };
}
