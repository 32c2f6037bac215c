import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { Transcript } from '../conversation/transcript';
import { useTranscript } from '../conversation/use-transcript';
import type { ContactPageQuery } from '../graphql/generated/graphql';
import { contactLabel, formatDateTime, formatFieldValue, humanizeKey } from '../ui/format';
import { END_REASON_LABELS, STATUS_LABELS } from '../ui/labels';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { ContactPageDocument } from './contact.documents';
import { chatPath } from '../ui/paths';

type ContactConversation = NonNullable<ContactPageQuery['contact']>['conversations']['edges'][number]['node'];

function ConversationHistory({ conversation }: { conversation: ContactConversation }) {
  const transcript = useTranscript(conversation.id, false);
  const headingId = `conversation-${conversation.id}`;
  return (
    <article className="history" aria-labelledby={headingId} data-testid="contact-conversation" data-conversation-id={conversation.id} data-status={conversation.status}>
      <header className="history__header">
        <h3 id={headingId}>
          <time dateTime={conversation.createdAt}>{formatDateTime(conversation.createdAt)}</time>
          {conversation.flow && <span className="muted"> · {conversation.flow.name}</span>}
        </h3>
        <p className="history__status">
          <span className={`pill pill--${conversation.status.toLowerCase()}`}>{STATUS_LABELS[conversation.status]}</span>
          {conversation.endReason && <span className="muted"> {END_REASON_LABELS[conversation.endReason]}</span>}
          {conversation.assignee && <span className="muted"> · with {conversation.assignee.name}</span>}
          {' · '}
          <Link to={chatPath(conversation.id)}>Open</Link>
        </p>
      </header>
      {transcript.loading ? (
        <Loading label="Loading transcript…" />
      ) : transcript.error ? (
        <ErrorState error={transcript.error} onRetry={transcript.retry} />
      ) : transcript.messages.length ? (
        <Transcript messages={transcript.messages} label={`Transcript of ${formatDateTime(conversation.createdAt)}`} />
      ) : (
        <p className="muted">No messages.</p>
      )}
    </article>
  );
}

export function ContactPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(ContactPageDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const contact = data?.contact;

  if (!data && error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data && loading) return <Loading label="Loading contact…" />;
  if (!contact) return <ErrorState error={{ message: 'This contact does not exist or is not in your account.' }} />;

  const fields = Object.entries(contact.fields);
  const conversations = contact.conversations.edges.map((edge) => edge.node);

  return (
    <section className="page contact-page" data-testid="contact-page" aria-labelledby="contact-title">
      <header className="page__header">
        <div>
          <h1 id="contact-title">{contactLabel(contact)}</h1>
          <p className="page__lead">Contact since {formatDateTime(contact.createdAt)}</p>
        </div>
      </header>
      <div className="contact-page__grid">
        <section className="card" aria-labelledby="contact-details-title">
          <h2 id="contact-details-title" className="card__title">
            Details
          </h2>
          <dl className="details">
            <div>
              <dt>Name</dt>
              <dd data-testid="contact-name">{contact.name ?? <span className="muted">Not given</span>}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd data-testid="contact-email">{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : <span className="muted">Not given</span>}</dd>
            </div>
            {fields.map(([key, value]) => (
              <div key={key}>
                <dt>{humanizeKey(key)}</dt>
                <dd>{formatFieldValue(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="contact-conversations-title">
          <h2 id="contact-conversations-title" className="section-title">
            Conversations
          </h2>
          {conversations.length === 0 ? (
            <EmptyState title="No conversations" />
          ) : (
            conversations.map((conversation) => <ConversationHistory key={conversation.id} conversation={conversation} />)
          )}
          {contact.conversations.pageInfo.hasNextPage && <p className="muted">Showing the {conversations.length} most recent conversations.</p>}
        </section>
      </div>
    </section>
  );
}
