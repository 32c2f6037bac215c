import { createBrowserRouter, Link } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { LoginPage } from './auth/login-page';
import { RequireAuth } from './auth/require-auth';
import { SessionProvider } from './auth/session';
import { ActivityPage } from './activity/activity-page';
import { BusinessHoursPage } from './business-hours/business-hours-page';
import { ContactPage } from './contacts/contact-page';
import { ConversationPage } from './conversation/conversation-page';
import { FlowsPage } from './flows/flows-page';
import { InboxPage } from './inbox/inbox-page';
import { AppShell } from './layout/app-shell';
import { MessagesLeftPage } from './messages-left/messages-left-page';
import { MyChatsPage } from './my-chats/my-chats-page';
import { SavedRepliesPage } from './saved-replies/saved-replies-page';
import { TeamPage } from './team/team-page';
import { UsersPage } from './users/users-page';
import { ApiKeysPage } from './api-keys/api-keys-page';
import { WebhooksPage } from './webhooks/webhooks-page';
import { WebhookDeliveriesPage } from './webhooks/webhook-deliveries-page';
import { EmptyState } from './ui/states';

function NotFound() {
  return (
    <section className="page">
      <EmptyState title="Page not found">
        <p>
          <Link to="/">Back to the inbox</Link>
        </p>
      </EmptyState>
    </section>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <InboxPage /> },
      { path: 'chats/:id', element: <ConversationPage /> },
      { path: 'my-chats', element: <MyChatsPage /> },
      { path: 'team', element: <TeamPage /> },
      { path: 'activity', element: <ActivityPage /> },
      // Its own chunk: the charting library loads with the page that draws charts.
      { path: 'reports', lazy: async () => ({ Component: (await import('./reports/reports-page')).ReportsPage }) },
      { path: 'contacts/:id', element: <ContactPage /> },
      { path: 'flows', element: <FlowsPage /> },
      { path: 'saved-replies', element: <SavedRepliesPage /> },
      { path: 'messages-left', element: <MessagesLeftPage /> },
      { path: 'business-hours', element: <BusinessHoursPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'webhooks', element: <WebhooksPage /> },
      { path: 'webhooks/:id', element: <WebhookDeliveriesPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** The agents' inbox: one Apollo session per sign-in, and the routes. */
export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
