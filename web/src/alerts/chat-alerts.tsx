import type { ApolloCache } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { useConnection } from '../auth/use-connection';
import { useViewer } from '../auth/viewer';
import { ConversationEventsDocument } from '../conversation/conversation.documents';
import type { ChatSummaryFragment, TranscriptMessageFragment } from '../graphql/generated/graphql';
import { MyChatsDocument } from '../my-chats/my-chats.documents';
import { showDesktopNotification } from '../notifications/desktop';
import { playSound } from '../notifications/sound';
import { contactLabel } from '../ui/format';
import { chatPath } from '../ui/paths';
import { useDocumentVisible } from '../ui/use-document-visible';
import { ChatLastMessageFragment } from './alerts.documents';

interface ChatAlerts {
  /** Visitor messages of each of the user's chats that arrived while that chat was not open and visible. */
  unreadByChat: ReadonlyMap<string, number>;
  totalUnread: number;
}

const ChatAlertsContext = createContext<ChatAlerts | null>(null);

/** The chat open (and visible) on this page, if any. */
function useChatInView(): string | null {
  const { pathname } = useLocation();
  const visible = useDocumentVisible();
  return visible ? (matchPath('/chats/:id', pathname)?.params.id ?? null) : null;
}

/**
 * New visitor messages in the user's own chats, on every page: a sound, a desktop notification
 * and an unread count per chat, unless that chat is open in a visible tab; opening it clears
 * its count. Counted in this tab (read state on the server is another feature's): each chat of
 * "My chats" is watched through `conversationEvents` from its last message on.
 */
export function ChatAlertsProvider({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const inView = useChatInView();
  const { data } = useQuery(MyChatsDocument, { variables: { assigneeId: viewer.id } });
  const chats = data?.conversations.edges.map((edge) => edge.node) ?? [];
  const [unread, setUnread] = useState<ReadonlyMap<string, number>>(new Map());

  const inViewNow = useRef(inView);
  useEffect(() => {
    inViewNow.current = inView;
    if (inView) setUnread((previous) => without(previous, (id) => id === inView));
  }, [inView]);

  // A chat that ended or left "My chats" has nothing left to read.
  const ids = chats.map((chat) => chat.id).join(' ');
  useEffect(() => {
    const mine = new Set(ids.split(' '));
    setUnread((previous) => without(previous, (id) => !mine.has(id)));
  }, [ids]);

  const onVisitorMessage = useCallback(
    (chat: ChatSummaryFragment, message: TranscriptMessageFragment) => {
      if (inViewNow.current === chat.id) return;
      setUnread((previous) => new Map(previous).set(chat.id, (previous.get(chat.id) ?? 0) + 1));
      playSound('message');
      showDesktopNotification(`New message from ${contactLabel(chat.contact)}`, {
        body: message.body ?? '',
        tag: `message-${chat.id}`,
        renotify: true,
        onClick: () => navigate(chatPath(chat.id)),
      });
    },
    [navigate],
  );

  let totalUnread = 0;
  for (const count of unread.values()) totalUnread += count;
  return (
    <ChatAlertsContext.Provider value={{ unreadByChat: unread, totalUnread }}>
      {chats.map((chat) => (
        <ChatWatcher key={chat.id} chat={chat} onVisitorMessage={onVisitorMessage} />
      ))}
      {children}
    </ChatAlertsContext.Provider>
  );
}

export function useChatAlerts(): ChatAlerts {
  const alerts = useContext(ChatAlertsContext);
  if (!alerts) throw new Error('useChatAlerts must be used inside <ChatAlertsProvider>');
  return alerts;
}

/**
 * One chat's new messages, from the last one "My chats" knows of. After a reconnect it resumes
 * from the last event received, so no message is missed or counted twice.
 */
function ChatWatcher({ chat, onVisitorMessage }: { chat: ChatSummaryFragment; onVisitorMessage: (chat: ChatSummaryFragment, message: TranscriptMessageFragment) => void }) {
  const client = useApolloClient();
  const { status, epoch } = useConnection();
  const after = useRef(chat.lastMessage?.cursor ?? null);
  // Without a cursor the subscription replays the whole transcript: what was there before is not news.
  const since = useRef(after.current ? null : Date.now());
  const seen = useRef(new Set<string>());
  const latest = useRef({ chat, onVisitorMessage });
  useEffect(() => {
    latest.current = { chat, onVisitorMessage };
  });

  useEffect(() => {
    if (status !== 'connected') return;
    const subscription = client
      .subscribe({ query: ConversationEventsDocument, variables: { conversationId: chat.id, after: after.current } })
      .subscribe({
        next: ({ data }) => {
          const event = data?.conversationEvents;
          if (!event) return;
          after.current = event.cursor;
          const { message } = event;
          if (seen.current.has(message.id)) return;
          seen.current.add(message.id);
          // As the server's `lastMessage`, the preview leaves internal notes out.
          if (message.author !== 'NOTE') writeLastMessage(client.cache, chat.id, message);
          const old = since.current !== null && new Date(message.createdAt).getTime() < since.current;
          if (message.author === 'VISITOR' && !old) latest.current.onVisitorMessage(latest.current.chat, message);
        },
        // The chat may have ended meanwhile: "My chats" drops it and this watcher with it.
        error: () => {},
      });
    return () => subscription.unsubscribe();
  }, [client, chat.id, status, epoch]);
  return null;
}

/** Keeps the "My chats" preview (the last message) current. */
function writeLastMessage(cache: ApolloCache, conversationId: string, message: TranscriptMessageFragment): void {
  cache.writeFragment({
    fragment: ChatLastMessageFragment,
    id: cache.identify({ __typename: 'Conversation', id: conversationId }),
    data: {
      __typename: 'Conversation',
      id: conversationId,
      lastMessage: { __typename: 'Message', id: message.id, author: message.author, body: message.body, createdAt: message.createdAt, cursor: message.cursor },
    },
  });
}

function without(map: ReadonlyMap<string, number>, drop: (id: string) => boolean): ReadonlyMap<string, number> {
  const kept = [...map].filter(([id]) => !drop(id));
  return kept.length === map.size ? map : new Map(kept);
}
