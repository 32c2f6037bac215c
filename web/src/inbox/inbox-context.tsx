import type { ErrorLike } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useConnection } from '../auth/use-connection';
import { useViewer } from '../auth/viewer';
import type { InboxChatFragment } from '../graphql/generated/graphql';
import { showDesktopNotification } from '../notifications/desktop';
import { playSound } from '../notifications/sound';
import { contactLabel, formatFieldValue, formatWaited } from '../ui/format';
import { useDocumentVisible } from '../ui/use-document-visible';
import { addToInbox, removeFromInbox } from './inbox-cache';
import { IncomingChatsDocument, LiveChatInboxDocument } from './inbox.documents';
import { inboxPath } from '../ui/paths';

interface InboxState {
  accepting: boolean;
  chats: InboxChatFragment[];
  loading: boolean;
  error: ErrorLike | undefined;
  refetch(): void;
  /** Chats that arrived while the inbox was not in view (part of the count in the tab title). */
  unreadCount: number;
}

const InboxContext = createContext<InboxState | null>(null);
const RESYNC_DELAY_MS = 1000;

function notificationBody(chat: InboxChatFragment): string {
  const firstAnswer = Object.values(chat.contact?.fields ?? {})[0];
  const who = chat.contact?.name || chat.contact?.email || 'A visitor';
  return firstAnswer === undefined ? who : `${who} · ${formatFieldValue(firstAnswer)}`;
}

/**
 * The live-chat inbox for the whole app: the waiting list kept live by `incomingChats`, the
 * count of chats not yet seen, the sound and desktop notifications (again at each REMINDER of
 * a chat still waiting). It sits above the routes so chats keep arriving (and ringing) on every page.
 */
export function InboxProvider({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const accepting = viewer.acceptingChats;
  const { status, epoch } = useConnection();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const visible = useDocumentVisible();
  const onInbox = pathname === '/';
  const [unread, setUnread] = useState<ReadonlySet<string>>(new Set());

  const query = useQuery(LiveChatInboxDocument, { skip: !accepting, fetchPolicy: 'cache-and-network' });
  const { refetch } = query;

  // Kept in a ref so the subscription callback always sees the current page and visibility.
  const inView = useRef(onInbox && visible);
  useEffect(() => {
    inView.current = onInbox && visible;
  }, [onInbox, visible]);

  useSubscription(IncomingChatsDocument, {
    skip: !accepting || status !== 'connected',
    onData: ({ client, data }) => {
      const event = data.data?.incomingChats;
      if (!event) return;
      const chat = event.conversation;
      if (event.kind === 'REMOVED') {
        removeFromInbox(client.cache, chat.id);
        setUnread((previous) => {
          if (!previous.has(chat.id)) return previous;
          const next = new Set(previous);
          next.delete(chat.id);
          return next;
        });
        return;
      }
      // AUTO assignment: an event that caught up with an offer made to someone else since (their REMOVED follows).
      if (chat.offer && chat.offer.user.id !== viewer.id) return;
      const added = addToInbox(client.cache, chat);
      if (event.kind === 'REMINDER') {
        // Still waiting: ring again, wherever the user is.
        playSound('chat');
        if (added === 'added' && !inView.current) setUnread((previous) => new Set(previous).add(chat.id));
        if (document.hidden || !inView.current) {
          const waited = event.waitedSeconds ?? Math.round((Date.now() - new Date(chat.waitingSince ?? chat.createdAt).getTime()) / 1000);
          showDesktopNotification('Chat still waiting', {
            body: `${contactLabel(chat.contact)} has waited ${formatWaited(waited * 1000)}`,
            tag: chat.id,
            renotify: true,
            onClick: () => navigate(inboxPath(chat.id)),
          });
        }
        return;
      }
      // A chat already listed is a repeat (after a resync): it rang the first time.
      if (added === 'present') return;
      playSound('chat');
      if (!inView.current) setUnread((previous) => new Set(previous).add(chat.id));
      if (document.hidden) {
        showDesktopNotification(chat.offer ? 'Chat offered to you' : 'New chat waiting', {
          body: notificationBody(chat),
          tag: chat.id,
          onClick: () => navigate(inboxPath(chat.id)),
        });
      }
    },
  });

  // Events published while the subscription was not yet (or no longer) registered are lost:
  // once it is (re)started — switch turned on, socket reconnected — reload the list. The
  // protocol has no acknowledgement for a subscription, so allow it a moment to register.
  useEffect(() => {
    if (!accepting || status !== 'connected') return;
    const timer = setTimeout(() => void refetch().catch(() => {}), RESYNC_DELAY_MS);
    return () => clearTimeout(timer);
  }, [accepting, status, epoch, refetch]);

  useEffect(() => {
    if (onInbox && visible) setUnread((previous) => (previous.size ? new Set() : previous));
  }, [onInbox, visible]);

  useEffect(() => {
    if (!accepting) setUnread(new Set());
  }, [accepting]);

  const retry = useCallback(() => void refetch().catch(() => {}), [refetch]);
  const value: InboxState = {
    accepting,
    chats: accepting ? (query.data?.liveChatInbox ?? []) : [],
    loading: accepting && query.loading && !query.data,
    error: query.error,
    refetch: retry,
    unreadCount: unread.size,
  };
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>;
}

export function useInbox(): InboxState {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox must be used inside <InboxProvider>');
  return inbox;
}

