import { Link } from 'react-router';
import type { ConversationViewQuery } from '../graphql/generated/graphql';
import { contactLabel, formatFieldValue, humanizeKey } from '../ui/format';
import { contactPath } from '../ui/paths';

type ConversationView = NonNullable<ConversationViewQuery['conversation']>;

/** Who the agent is talking to: details, the bot answers, and where they came from. */
export function ContactPanel({ conversation }: { conversation: ConversationView }) {
  const { contact } = conversation;
  const fields = Object.entries(contact?.fields ?? {});
  return (
    <aside className="side-panel" aria-labelledby="contact-panel-title" data-testid="contact-panel">
      <h2 id="contact-panel-title" className="side-panel__title">
        {contactLabel(contact)}
      </h2>
      <dl className="details">
        <div>
          <dt>Name</dt>
          <dd>{contact?.name ?? <span className="muted">Not given</span>}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{contact?.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : <span className="muted">Not given</span>}</dd>
        </div>
      </dl>
      <h3 className="side-panel__heading">Answers</h3>
      {fields.length ? (
        <dl className="details">
          {fields.map(([key, value]) => (
            <div key={key}>
              <dt>{humanizeKey(key)}</dt>
              <dd>{formatFieldValue(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No answers yet.</p>
      )}
      <h3 className="side-panel__heading">Visit</h3>
      <dl className="details">
        <div>
          <dt>Page</dt>
          <dd className="break">
            {conversation.pageUrl ? (
              <a href={conversation.pageUrl} target="_blank" rel="noopener noreferrer">
                {conversation.pageUrl}
              </a>
            ) : (
              <span className="muted">Unknown</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Locale</dt>
          <dd>{conversation.locale ?? <span className="muted">Unknown</span>}</dd>
        </div>
        {conversation.flow && (
          <div>
            <dt>Flow</dt>
            <dd>{conversation.flow.name}</dd>
          </div>
        )}
      </dl>
      {contact && (
        <Link className="button button--secondary button--block" to={contactPath(contact.id)}>
          View contact
        </Link>
      )}
    </aside>
  );
}
