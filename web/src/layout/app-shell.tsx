import { Outlet } from 'react-router';
import { ViewerProvider } from '../auth/viewer';
import { InboxProvider } from '../inbox/inbox-context';
import { useAssignedChatsSync } from '../my-chats/assigned-chats-sync';
import { AppHeader } from './app-header';
import { SidebarNav } from './sidebar-nav';

function Shell() {
  useAssignedChatsSync();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader />
      <SidebarNav />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** Everything a signed-in user sees: header, navigation and the current page. */
export function AppShell() {
  return (
    <ViewerProvider>
      <InboxProvider>
        <Shell />
      </InboxProvider>
    </ViewerProvider>
  );
}
