import { NavLink } from 'react-router';
import { useInbox } from '../inbox/inbox-context';
import { ActivityIcon, ChatIcon, FlowIcon, InboxIcon } from '../ui/icons';

export function SidebarNav() {
  const { chats, accepting } = useInbox();
  const waiting = accepting ? chats.length : 0;
  return (
    <nav className="sidebar" aria-label="Main">
      <ul className="sidebar__list">
        <li>
          <NavLink to="/" end className="nav-link">
            <InboxIcon />
            <span className="nav-link__text">Inbox</span>
            {waiting > 0 && (
              <span className="badge" data-testid="waiting-count" aria-label={`${waiting} waiting`}>
                {waiting}
              </span>
            )}
          </NavLink>
        </li>
        <li>
          <NavLink to="/my-chats" className="nav-link">
            <ChatIcon />
            <span className="nav-link__text">My chats</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/activity" className="nav-link">
            <ActivityIcon />
            <span className="nav-link__text">Activity</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/flows" className="nav-link">
            <FlowIcon />
            <span className="nav-link__text">Flows</span>
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
