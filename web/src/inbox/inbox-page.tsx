import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { NotificationPrompt } from '../notifications/notification-controls';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/use-now';
import { removeFromInbox } from './inbox-cache';
import { useInbox } from './inbox-context';
import { AcceptChatDocument } from './inbox.documents';
import { InboxItem } from './inbox-item';
import { chatPath } from '../ui/paths';
import { WaitingPresenceDocument } from '../conversation/signals.documents';

/** How long a failed accept's banner stays (it can also be dismissed). */
const ALERT_SECONDS = 6;

const ACCEPT_ERRORS: Record<string, string> = {
  ALREADY_ACCEPTED: 'Someone else accepted this chat first.',
  NOT_WAITING: 'This chat is no longer waiting.',
  NOT_OFFERED: 'This chat is being offered to a teammate now.',
};

export function InboxPage() {
  const inbox = useInbox();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const highlight = params.get('highlight');
  const now = useNow(1000);
  const [acceptChat] = useMutation(AcceptChatDocument);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  // Presence is not part of the shared inbox read (it is cached for the whole account): each
  // card's dot starts from this one query whenever the waiting chats change, then follows signals.
  const waitingIds = inbox.chats.map((chat) => chat.id).join(' ');
  useEffect(() => {
    if (waitingIds) client.query({ query: WaitingPresenceDocument, fetchPolicy: 'network-only' }).catch(() => undefined);
  }, [client, waitingIds]);

  // The chat it is about has already left the list: the banner says so, then clears itself.
  useEffect(() => {
    if (!alert) return;
    const timer = setTimeout(() => setAlert(null), ALERT_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [alert]);

  useEffect(() => {
    if (!highlight) return;
    const item = document.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(highlight)}"]`);
    item?.scrollIntoView({ block: 'center' });
    item?.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true });
  }, [highlight, inbox.chats.length]);

  const accept = async (conversationId: string) => {
    if (pendingId) return;
    setPendingId(conversationId);
    setAlert(null);
    try {
      const { data } = await acceptChat({ variables: { conversationId } });
      const payload = data?.acceptChat;
      const userError = payload?.userErrors[0];
      if (payload?.conversation && !userError) {
        // The agent's next move is to greet the visitor: the composer takes the focus.
        navigate(chatPath(conversationId), { state: { justAccepted: true } });
        return;
      }
      const code = userError?.code ?? '';
      setAlert(ACCEPT_ERRORS[code] ?? userError?.message ?? 'The chat could not be accepted.');
      if (code in ACCEPT_ERRORS) removeFromInbox(client.cache, conversationId);
    } catch (error) {
      setAlert(`The chat could not be accepted: ${(error as Error).message}`);
    } finally {
      setPendingId(null);
    }
  };

  let body;
  if (!inbox.accepting) {
    body = (
      <EmptyState title="You are not accepting chats">
        <p>
          Turn on <strong>Accepting chats</strong> at the top of the page to see visitors waiting for a person and to be
          notified when one arrives.
        </p>
      </EmptyState>
    );
  } else if (inbox.loading) {
    body = <Loading label="Loading waiting chats…" />;
  } else if (inbox.error && inbox.chats.length === 0) {
    body = <ErrorState error={inbox.error} onRetry={inbox.refetch} />;
  } else {
    body = (
      <>
        <ul className="inbox-list" data-testid="inbox-list" aria-label="Waiting chats">
          {inbox.chats.map((chat) => (
            <InboxItem key={chat.id} chat={chat} now={now} highlighted={chat.id === highlight} busy={pendingId !== null} onAccept={(id) => void accept(id)} />
          ))}
        </ul>
        {inbox.chats.length === 0 && (
          <EmptyState title="No one is waiting right now">
            <p>New chats appear here the moment a visitor asks for a person.</p>
          </EmptyState>
        )}
      </>
    );
  }

  return (
    <section className="page" aria-labelledby="inbox-title">
      <header className="page__header">
        <div>
          <h1 id="inbox-title">Inbox</h1>
          <p className="page__lead">Visitors waiting for a person, longest-waiting first.</p>
        </div>
      </header>
      {inbox.accepting && <NotificationPrompt />}
      {alert && (
        <div className="banner banner--warning" role="alert">
          <p>{alert}</p>
          <button type="button" className="button button--quiet" onClick={() => setAlert(null)}>
            Dismiss
          </button>
        </div>
      )}
      {body}
    </section>
  );
}
