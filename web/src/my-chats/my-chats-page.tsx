import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useChatAlerts } from '../alerts/chat-alerts';
import { useViewer } from '../auth/viewer';
import { unreadLabel } from '../layout/sidebar-nav';
import { contactLabel, formatRelative } from '../ui/format';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/use-now';
import { MyChatsDocument } from './my-chats.documents';
import { chatPath } from '../ui/paths';
import { LivePresenceDot } from '../conversation/visitor-presence';
import '../team/team.css';

/** The viewer's active chats, kept live by useAssignedChatsSync. */
export function MyChatsPage() {
  const viewer = useViewer();
  const now = useNow(30_000);
  const { data, loading, error, refetch } = useQuery(MyChatsDocument, { variables: { assigneeId: viewer.id }, fetchPolicy: 'cache-and-network' });
  const chats = data?.conversations.edges.map((edge) => edge.node) ?? [];
  const { unreadByChat } = useChatAlerts();

  let body;
  if (!data && loading) body = <Loading label="Loading your chats…" />;
  else if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (chats.length === 0)
    body = (
      <EmptyState title="No active chats">
        <p>Chats you accept appear here until they end.</p>
      </EmptyState>
    );
  else
    body = (
      <ul className="chat-list" data-testid="my-chats-list">
        {chats.map((chat) => {
          const unread = unreadByChat.get(chat.id) ?? 0;
          return (
            <li key={chat.id} className={`chat-list__item${unread ? ' chat-list__item--unread' : ''}`} data-testid="my-chat-item" data-conversation-id={chat.id}>
              <Link to={chatPath(chat.id)} className="chat-list__link">
                <span className="chat-list__name">
                  <LivePresenceDot conversationId={chat.id} /> {contactLabel(chat.contact)}
                  {unread > 0 && (
                    <span className="badge badge--unread" data-testid="chat-unread" aria-label={unreadLabel(unread)}>
                      {unread}
                    </span>
                  )}
                </span>
                {chat.lastMessage && (
                  <span className="chat-list__preview">
                    {chat.lastMessage.author === 'AGENT' ? 'You: ' : ''}
                    {chat.lastMessage.body}
                  </span>
                )}
                <span className="chat-list__time">{formatRelative(chat.lastMessage?.createdAt ?? chat.updatedAt, now)}</span>
                {chat.transferredBy && chat.transferredBy.id !== viewer.id && (
                  <span className="transfer-note" data-testid="transfer-note">
                    From {chat.transferredBy.name}
                    {chat.transferNote ? `: ${chat.transferNote}` : ''}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    );

  return (
    <section className="page" aria-labelledby="my-chats-title">
      <header className="page__header">
        <div>
          <h1 id="my-chats-title">My chats</h1>
          <p className="page__lead">Live chats you accepted and that are still going on.</p>
        </div>
      </header>
      {body}
    </section>
  );
}
