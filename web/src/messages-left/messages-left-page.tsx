import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { contactLabel, formatDateTime, formatRelative } from '../ui/format';
import { chatPath, contactPath } from '../ui/paths';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/use-now';
import { MessagesLeftDocument } from './messages-left.documents';
import './messages-left.css';

const PAGE_SIZE = 25;
/** New messages show up without a reload, at the cost of one small query now and then. */
const POLL_MS = 30_000;

/**
 * What visitors wrote while nobody was available (outside business hours, or nobody accepting
 * chats): the sales team's follow-up list, newest first, a page at a time.
 */
export function MessagesLeftPage() {
  const now = useNow(30_000);
  // Cursors of the pages before the one shown, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const after = cursors.length ? cursors[cursors.length - 1] : null;
  const { data, loading, error, refetch } = useQuery(MessagesLeftDocument, {
    variables: { first: PAGE_SIZE, after },
    fetchPolicy: 'cache-and-network',
    pollInterval: after ? 0 : POLL_MS,
  });
  const items = data?.conversations.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.conversations.pageInfo;
  const account = data?.account;

  let body;
  if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (!data && loading) body = <Loading label="Loading messages…" />;
  else if (items.length === 0)
    body = (
      <EmptyState title="No messages left">
        <p>When nobody is available, a live-chat step set to “leave a message” takes the visitor’s name, email and message. They appear here.</p>
      </EmptyState>
    );
  else
    body = (
      <ol className="messages-left" data-testid="messages-left">
        {items.map((item) => (
          <li key={item.id} className="message-left card" data-testid="message-left" data-conversation-id={item.id}>
            <div className="message-left__head">
              {item.contact ? (
                <Link to={contactPath(item.contact.id)} className="message-left__name">
                  {contactLabel(item.contact)}
                </Link>
              ) : (
                <span className="message-left__name">{contactLabel(null)}</span>
              )}
              {item.offlineMessage && (
                <time className="message-left__time muted" dateTime={item.offlineMessage.leftAt} title={formatDateTime(item.offlineMessage.leftAt)}>
                  {formatRelative(item.offlineMessage.leftAt, now)}
                </time>
              )}
            </div>
            {item.contact?.email && (
              <a className="message-left__email" href={`mailto:${item.contact.email}`}>
                {item.contact.email}
              </a>
            )}
            <p className="message-left__body">{item.offlineMessage?.body}</p>
            <p className="message-left__links">
              <Link to={chatPath(item.id)}>View conversation</Link>
            </p>
          </li>
        ))}
      </ol>
    );

  return (
    <section className="page" aria-labelledby="messages-left-title">
      <header className="page__header">
        <div>
          <h1 id="messages-left-title">Messages left</h1>
          <p className="page__lead">What visitors wrote while nobody was available to chat, newest first.</p>
        </div>
        <p className="messages-left__hours">
          {account?.businessHours && (
            <span className={`pill ${account.openNow ? 'pill--active' : 'pill--closed'}`} data-testid="open-now">
              {account.openNow ? 'Open now' : 'Closed now'} ({account.businessHours.timeZone})
            </span>
          )}
          <Link to="/business-hours">Business hours</Link>
        </p>
      </header>
      {body}
      {data && (cursors.length > 0 || pageInfo?.hasNextPage) && (
        <div className="messages-left__pages">
          {cursors.length > 0 && (
            <button type="button" className="button button--secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </button>
          )}
          {pageInfo?.hasNextPage && (
            <button type="button" className="button button--secondary" onClick={() => setCursors([...cursors, pageInfo.endCursor ?? null])}>
              Older
            </button>
          )}
        </div>
      )}
    </section>
  );
}
