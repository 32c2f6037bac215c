import { Link } from 'react-router';
import { contactLabel, formatDateTime, formatDuration, formatFieldValue, formatRelative, humanizeKey } from '../ui/format';
import { ACTIVITY_TYPE_LABELS, END_REASON_LABELS } from '../ui/labels';
import { chatPath, contactPath } from '../ui/paths';
import { routingSummary } from '../routing/routing-labels';

import type { ActivityEvent, ActivityRow } from './fold-messages';

function actorLabel(actor: ActivityEvent['actor']): string {
  switch (actor.kind) {
    case 'USER':
      return actor.user?.name ?? 'A user';
    case 'API_KEY':
      return actor.user ? `API key (${actor.user.name})` : 'An API key';
    case 'VISITOR':
      return 'Visitor';
    default:
      return 'ChatOnce';
  }
}

/** A one-line summary of `data`, which depends on the type. */
function details(event: ActivityEvent): string | null {
  const data = event.data;
  const text = (key: string) => (data[key] === undefined || data[key] === null ? null : formatFieldValue(data[key]));
  switch (event.type) {
    case 'CONTACT_QUALIFIED':
      return text('question') && text('answer') ? `${text('question')} → ${text('answer')}` : text('answer');
    case 'CONTACT_DETAILS_CAPTURED':
      return text('field') ? `${humanizeKey(text('field')!)}: ${text('value') ?? ''}` : null;
    case 'LIVE_CHAT_ENDED':
    case 'CONVERSATION_ENDED': {
      const reason = text('endReason');
      return reason ? (END_REASON_LABELS[reason as keyof typeof END_REASON_LABELS] ?? reason) : null;
    }
    case 'MESSAGE_CREATED':
      return data.author === 'AGENT' ? 'Written by an agent' : data.author === 'VISITOR' ? 'Written by the visitor' : data.author === 'NOTE' ? 'An internal note' : null;
    case 'LIVE_CHAT_ACCEPTED':
      return typeof data.waitedSeconds === 'number' ? `Accepted after waiting ${formatDuration(data.waitedSeconds * 1000)}` : null;
    case 'LIVE_CHAT_TRANSFERRED': {
      const to = text('toUserName');
      const handed = `${text('fromUserName') ?? 'Someone'} → ${to ?? 'a teammate'}`;
      return text('note') ? `${handed}: ${text('note')}` : handed;
    }
    case 'LIVE_CHAT_REQUEUED':
      return `${text('fromUserName') ?? 'Its assignee'} was deactivated: waiting again`;
    case 'LIVE_CHAT_OFFERED':
    case 'LIVE_CHAT_POOLED':
      return routingSummary(event.type, data);
    case 'LIVE_CHAT_REQUESTED':
      return typeof data.timeoutSeconds === 'number' ? `Waiting in the inbox (times out after ${formatDuration(data.timeoutSeconds * 1000)})` : null;
    case 'LIVE_CHAT_TIMED_OUT':
      return typeof data.waitedSeconds === 'number' ? `Nobody accepted within ${formatDuration(data.waitedSeconds * 1000)}` : null;
    case 'CONVERSATION_STARTED':
      return text('pageUrl') ? `On ${text('pageUrl')}` : null;
    case 'OFFLINE_MESSAGE_LEFT':
      return text('message') ? `“${text('message')}”` : null;
    default:
      return null;
  }
}

export function ActivityItem({ event, now }: { event: ActivityEvent; now: number }) {
  const summary = details(event);
  return (
    <li className={`activity-item activity-item--${event.type.toLowerCase()}`} data-testid="activity-item" data-type={event.type}>
      <div className="activity-item__head">
        <span className="activity-item__type">{ACTIVITY_TYPE_LABELS[event.type] ?? event.type}</span>
        <time className="activity-item__time" dateTime={event.occurredAt} title={formatDateTime(event.occurredAt)}>
          {formatRelative(event.occurredAt, now)}
        </time>
      </div>
      {summary && <p className="activity-item__summary">{summary}</p>}
      <p className="activity-item__meta">
        {event.contact ? (
          <Link to={contactPath(event.contact.id)}>{contactLabel(event.contact)}</Link>
        ) : (
          <span className="muted">No contact</span>
        )}
        <span aria-hidden="true"> · </span>
        <span>by {actorLabel(event.actor)}</span>
        {event.conversation && (
          <>
            <span aria-hidden="true"> · </span>
            <Link to={chatPath(event.conversation.id)}>Conversation</Link>
          </>
        )}
      </p>
    </li>
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The messages of one conversation, folded into a row (see foldMessages). */
export function FoldedMessagesItem({ row, now }: { row: Extract<ActivityRow, { kind: 'messages' }>; now: number }) {
  const { newest, oldest, count, byVisitor, byAgents, notes } = row;
  const parts = [byVisitor ? `${byVisitor} from the visitor` : null, byAgents ? `${byAgents} from ${byAgents === 1 ? 'an agent' : 'agents'}` : null, notes ? plural(notes, 'internal note') : null].filter(Boolean);
  return (
    <li className="activity-item activity-item--messages" data-testid="activity-item" data-type="MESSAGES" data-count={count}>
      <div className="activity-item__head">
        <span className="activity-item__type">{plural(count, 'message')}</span>
        <time className="activity-item__time" dateTime={newest.occurredAt} title={`${formatDateTime(oldest.occurredAt)} – ${formatDateTime(newest.occurredAt)}`}>
          {formatRelative(newest.occurredAt, now)}
        </time>
      </div>
      {parts.length > 0 && <p className="activity-item__summary">{parts.join(', ')}</p>}
      <p className="activity-item__meta">
        {newest.contact ? <Link to={contactPath(newest.contact.id)}>{contactLabel(newest.contact)}</Link> : <span className="muted">No contact</span>}
        {newest.conversation && (
          <>
            <span aria-hidden="true"> · </span>
            <Link to={chatPath(newest.conversation.id)}>Conversation</Link>
          </>
        )}
      </p>
    </li>
  );
}
