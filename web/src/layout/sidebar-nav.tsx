import type { ComponentType } from 'react';
import { NavLink } from 'react-router';
import { useChatAlerts } from '../alerts/chat-alerts';
import { useInbox } from '../inbox/inbox-context';
import { useViewer } from '../auth/viewer';
import { ActivityIcon, ChatIcon, FlowIcon, InboxIcon, KeyIcon, MessagesLeftIcon, ReportsIcon, SavedRepliesIcon, TeamIcon, UsersIcon, WebhookIcon } from '../ui/icons';

const LINKS: { to: string; label: string; Icon: ComponentType; isInbox?: boolean; isMyChats?: boolean; adminOnly?: boolean }[] = [
  { to: '/', label: 'Inbox', Icon: InboxIcon, isInbox: true },
  { to: '/my-chats', label: 'My chats', Icon: ChatIcon, isMyChats: true },
  { to: '/team', label: 'Team', Icon: TeamIcon },
  { to: '/activity', label: 'Activity', Icon: ActivityIcon },
  { to: '/reports', label: 'Reports', Icon: ReportsIcon },
  { to: '/flows', label: 'Flows', Icon: FlowIcon },
  { to: '/saved-replies', label: 'Saved replies', Icon: SavedRepliesIcon },
  { to: '/messages-left', label: 'Messages left', Icon: MessagesLeftIcon },
  // Agents are not shown the admin pages (the API refuses them anyway).
  { to: '/users', label: 'Users', Icon: UsersIcon, adminOnly: true },
  { to: '/api-keys', label: 'API keys', Icon: KeyIcon, adminOnly: true },
  { to: '/webhooks', label: 'Webhooks', Icon: WebhookIcon, adminOnly: true },
];

export function SidebarNav() {
  const { chats, accepting } = useInbox();
  const waiting = accepting ? chats.length : 0;
  const { totalUnread } = useChatAlerts();
  const admin = useViewer().role === 'ADMIN';
  return (
    <nav className="sidebar" aria-label="Main">
      <ul className="sidebar__list">
        {LINKS.filter((link) => admin || !link.adminOnly).map(({ to, label, Icon, isInbox, isMyChats }) => (
          <li key={to}>
            {/* `end`: the inbox link is active on "/" only, not on every page below it. */}
            <NavLink to={to} end={isInbox} className="nav-link">
              <Icon />
              <span className="nav-link__text">{label}</span>
              {isInbox && waiting > 0 && (
                <span className="badge" data-testid="waiting-count" aria-label={`${waiting} waiting`}>
                  {waiting}
                </span>
              )}
              {isMyChats && totalUnread > 0 && (
                <span className="badge badge--unread" data-testid="my-chats-unread" aria-label={unreadLabel(totalUnread)}>
                  {totalUnread}
                </span>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
      {/* Read out by screen readers whenever the count changes; the badge alone is only seen. */}
      <p className="visually-hidden" role="status" data-testid="waiting-announcement">
        {waiting === 0 ? 'No chats waiting' : waiting === 1 ? '1 chat waiting in the inbox' : `${waiting} chats waiting in the inbox`}
      </p>
      <p className="visually-hidden" role="status" data-testid="unread-announcement">
        {totalUnread === 0 ? 'No unread messages' : `${unreadLabel(totalUnread)} in My chats`}
      </p>
    </nav>
  );
}

export function unreadLabel(count: number): string {
  return count === 1 ? '1 unread message' : `${count} unread messages`;
}
