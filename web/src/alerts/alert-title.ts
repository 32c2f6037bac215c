import { useEffect } from 'react';
import { useInbox } from '../inbox/inbox-context';
import { useChatAlerts } from './chat-alerts';

const BASE_TITLE = 'ChatOnce inbox';

/** "(3) ChatOnce inbox": waiting chats not yet seen plus unread visitor messages in my chats. */
export function useAlertTitle(): void {
  const { unreadCount } = useInbox();
  const { totalUnread } = useChatAlerts();
  const count = unreadCount + totalUnread;
  useEffect(() => {
    document.title = count ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
  }, [count]);
  useEffect(() => () => void (document.title = BASE_TITLE), []);
}
