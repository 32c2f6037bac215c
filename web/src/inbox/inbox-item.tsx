import type { InboxChatFragment } from '../graphql/generated/graphql';
import { LivePresenceDot } from '../conversation/visitor-presence';
import { contactLabel, formatDuration, formatFieldValue, formatWaited, humanizeKey } from '../ui/format';
import '../routing/routing.css';

/** The last seconds of an offer show in red. */
const OFFER_ENDING_MS = 10_000;

interface Props {
  chat: InboxChatFragment;
  now: number;
  highlighted: boolean;
  /** An accept is in flight (this chat or another). */
  busy: boolean;
  onAccept: (id: string) => void;
}

/** One waiting chat: who, what they answered, how long they have waited, and Accept. */
export function InboxItem({ chat, now, highlighted, busy, onAccept }: Props) {
  const { contact } = chat;
  const waitedMs = now - new Date(chat.waitingSince ?? chat.createdAt).getTime();
  const leftMs = chat.timeoutAt ? new Date(chat.timeoutAt).getTime() - now : null;
  const urgent = leftMs !== null && leftMs < 30_000;
  const fields = Object.entries(contact?.fields ?? {});
  const titleId = `chat-${chat.id}-title`;
  // AUTO assignment: the chat is this user's alone until the offer expires (the server moves it on).
  const offerLeftMs = chat.offer ? new Date(chat.offer.expiresAt).getTime() - now : null;

  return (
    <li
      className={`inbox-item${highlighted ? ' inbox-item--highlighted' : ''}`}
      data-testid="inbox-item"
      data-conversation-id={chat.id}
      data-highlighted={highlighted || undefined}
      aria-labelledby={titleId}
    >
      <div className="inbox-item__main">
        <h2 className="inbox-item__title" id={titleId}>
          <LivePresenceDot conversationId={chat.id} /> {contactLabel(contact)}
        </h2>
        {contact?.name && contact.email && <p className="inbox-item__email">{contact.email}</p>}
        {fields.length > 0 ? (
          <dl className="answers">
            {fields.map(([key, value]) => (
              <div key={key} className="answers__row">
                <dt>{humanizeKey(key)}</dt>
                <dd>{formatFieldValue(value)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="muted">No answers given.</p>
        )}
      </div>
      <div className="inbox-item__side">
        {offerLeftMs !== null && (
          <p className={`offer${offerLeftMs < OFFER_ENDING_MS ? ' offer--ending' : ''}`} data-testid="offer" role="status">
            Offered to you
            <span>
              {offerLeftMs > 0 ? (
                <>
                  · <span data-testid="offer-countdown">{formatDuration(offerLeftMs)}</span> to accept
                </>
              ) : (
                '· passing on…'
              )}
            </span>
          </p>
        )}
        <p className="inbox-item__waited" data-testid="waited">
          Waiting <strong>{formatWaited(waitedMs)}</strong>
        </p>
        {leftMs !== null && (
          <p className={`countdown${urgent ? ' countdown--urgent' : ''}`} data-testid="countdown">
            {leftMs > 0 ? (
              <>
                Times out in <strong>{formatDuration(leftMs)}</strong>
              </>
            ) : (
              'Timing out…'
            )}
          </p>
        )}
        <button type="button" className="button button--primary" onClick={() => onAccept(chat.id)} disabled={busy} aria-busy={busy || undefined} aria-describedby={titleId}>
          Accept
        </button>
      </div>
    </li>
  );
}
