import type { ApolloCache } from '@apollo/client';
import type { InboxChatFragment } from '../graphql/generated/graphql';
import { LiveChatInboxDocument } from './inbox.documents';

const byWaitingSince = (a: InboxChatFragment, b: InboxChatFragment) => (a.waitingSince ?? a.createdAt).localeCompare(b.waitingSince ?? b.createdAt);

/**
 * Adds a waiting chat to the cached inbox (longest-waiting first). Says whether it was new:
 * 'present' when the list already had it, 'no-list' when the inbox is not loaded yet.
 */
export function addToInbox(cache: ApolloCache, chat: InboxChatFragment): 'added' | 'present' | 'no-list' {
  let outcome: 'added' | 'present' | 'no-list' = 'no-list';
  cache.updateQuery({ query: LiveChatInboxDocument }, (data) => {
    if (!data) return data;
    if (data.liveChatInbox.some((c) => c.id === chat.id)) {
      outcome = 'present';
      return data;
    }
    outcome = 'added';
    return { liveChatInbox: [...data.liveChatInbox, chat].sort(byWaitingSince) };
  });
  return outcome;
}

export function removeFromInbox(cache: ApolloCache, conversationId: string): void {
  cache.updateQuery({ query: LiveChatInboxDocument }, (data) =>
    data && data.liveChatInbox.some((c) => c.id === conversationId) ? { liveChatInbox: data.liveChatInbox.filter((c) => c.id !== conversationId) } : data,
  );
}

export function clearInbox(cache: ApolloCache): void {
  cache.writeQuery({ query: LiveChatInboxDocument, data: { liveChatInbox: [] } });
}
