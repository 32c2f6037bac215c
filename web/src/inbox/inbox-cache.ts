import type { ApolloCache } from '@apollo/client';
import type { InboxChatFragment } from '../graphql/generated/graphql';
import { LiveChatInboxDocument } from './inbox.documents';

const byWaitingSince = (a: InboxChatFragment, b: InboxChatFragment) => (a.waitingSince ?? a.createdAt).localeCompare(b.waitingSince ?? b.createdAt);

/** Adds a waiting chat to the cached inbox (longest-waiting first); false when it was already there. */
export function addToInbox(cache: ApolloCache, chat: InboxChatFragment): boolean {
  let added = false;
  cache.updateQuery({ query: LiveChatInboxDocument }, (data) => {
    if (!data || data.liveChatInbox.some((c) => c.id === chat.id)) return data;
    added = true;
    return { liveChatInbox: [...data.liveChatInbox, chat].sort(byWaitingSince) };
  });
  return added;
}

export function removeFromInbox(cache: ApolloCache, conversationId: string): void {
  cache.updateQuery({ query: LiveChatInboxDocument }, (data) =>
    data && data.liveChatInbox.some((c) => c.id === conversationId) ? { liveChatInbox: data.liveChatInbox.filter((c) => c.id !== conversationId) } : data,
  );
}

export function clearInbox(cache: ApolloCache): void {
  cache.writeQuery({ query: LiveChatInboxDocument, data: { liveChatInbox: [] } });
}
