import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useAlertTitle } from '../alerts/alert-title';
import { ChatAlertsProvider } from '../alerts/chat-alerts';
import { ViewerProvider } from '../auth/viewer';
import { InboxProvider } from '../inbox/inbox-context';
import { useAssignedChatsSync } from '../my-chats/assigned-chats-sync';
import { SoundHint } from '../notifications/notification-controls';
import { AppHeader } from './app-header';
import { SidebarNav } from './sidebar-nav';

function Shell() {
  useAssignedChatsSync();
  useAlertTitle();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const signedIn = (location.state as { signedIn?: boolean } | null)?.signedIn === true;
  useEffect(() => {
    if (signedIn) main.current?.focus();
  }, [signedIn, location.key]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader />
      <SidebarNav />
      <main id="main" className="main" tabIndex={-1} ref={main}>
        <SoundHint />
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
        <ChatAlertsProvider>
          <Shell />
        </ChatAlertsProvider>
      </InboxProvider>
    </ViewerProvider>
  );
}
