import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useConnection } from '../auth/use-connection';
import { useViewer } from '../auth/viewer';
import { removeFromInbox } from '../inbox/inbox-cache';
import { AssignedChatsDocument, MyChatsDocument } from './my-chats.documents';

/**
 * Keeps "My chats" live on every page: ASSIGNED and TRANSFERRED_IN add a chat to the cached
 * list, ENDED and TRANSFERRED_OUT remove it; after a reconnect the list is fetched again.
 */
export function useAssignedChatsSync(): void {
  const viewer = useViewer();
  const client = useApolloClient();
  const { status, epoch } = useConnection();
  const variables = { assigneeId: viewer.id };

  useSubscription(AssignedChatsDocument, {
    skip: status !== 'connected',
    onData: ({ client: { cache }, data }) => {
      const event = data.data?.assignedChats;
      if (!event) return;
      const chat = event.conversation;
      const mine = event.kind === 'ASSIGNED' || event.kind === 'TRANSFERRED_IN';
      if (event.kind === 'ASSIGNED') removeFromInbox(cache, chat.id);
      cache.updateQuery({ query: MyChatsDocument, variables }, (current) => {
        if (!current) return current;
        const others = current.conversations.edges.filter((edge) => edge.node.id !== chat.id);
        const edges = mine ? [{ __typename: 'ConversationEdge' as const, node: chat }, ...others] : others;
        return { conversations: { ...current.conversations, edges } };
      });
    },
  });

  const lastEpoch = useRef(epoch);
  useEffect(() => {
    if (epoch === lastEpoch.current) return;
    lastEpoch.current = epoch;
    if (epoch > 1) void client.refetchQueries({ include: [MyChatsDocument] }).catch(() => {});
  }, [epoch, client]);
}
