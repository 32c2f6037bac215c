import { useEffect, useRef } from 'react';
import { formatTime } from '../ui/format';
import type { TranscriptMessage } from './use-transcript';
import { cursorSeq, lastWhere } from './use-signals';

/** A message the agent wrote that the server has not echoed back yet. */
export interface PendingMessage {
  clientMessageId: string;
  body: string;
  state: 'sending' | 'sent' | 'failed';
  error?: string;
  /** The request never reached the server (offline, connection dropped): Retry may well work. */
  connectionLost?: boolean;
}

const AUTHOR_LABELS = { VISITOR: 'Visitor', BOT: 'Bot', AGENT: 'Agent', SYSTEM: 'ChatOnce', NOTE: 'Note' } as const;

function MessageItem({ message, seen }: { message: TranscriptMessage; seen: boolean }) {
  const who = message.senderName || AUTHOR_LABELS[message.author];
  return (
    <li className={`message message--${message.author.toLowerCase()}`} data-testid="message" data-author={message.author} data-message-id={message.id}>
      {message.author !== 'SYSTEM' && (
        <span className="message__meta">
          <span className="message__who">{who}</span>
          {message.author === 'NOTE' && <span className="message__note-tag"> · Internal note</span>} <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        </span>
      )}
      <p className="message__body">{message.body}</p>
      {seen && (
        <span className="message__seen" data-testid="seen">
          Seen
        </span>
      )}
    </li>
  );
}

interface Props {
  messages: TranscriptMessage[];
  pending?: PendingMessage[];
  onRetry?: (clientMessageId: string) => void;
  /** Keep the newest message in view as messages arrive (the live conversation). */
  follow?: boolean;
  label: string;
  /** The visitor's read cursor: "Seen" goes under the last agent message at or before it. */
  visitorReadCursor?: string | null;
}

/**
 * The transcript, oldest first: the bot part muted, the visitor on the left, agents on the
 * right, ChatOnce notices centred.
 */
export function Transcript({ messages, pending = [], onRetry, follow = false, label, visitorReadCursor }: Props) {
  const readSeq = cursorSeq(visitorReadCursor);
  const seenId = readSeq ? lastWhere(messages, (message) => message.author === 'AGENT' && cursorSeq(message.cursor) <= readSeq)?.id : undefined;
  const listRef = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);

  useEffect(() => {
    const list = listRef.current;
    if (follow && list && stickToBottom.current) list.scrollTop = list.scrollHeight;
  }, [follow, messages.length, pending.length]);

  // A banner appearing above (chat ended) shrinks the list: keep the newest message in view.
  useEffect(() => {
    const list = listRef.current;
    if (!follow || !list || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [follow]);

  const onScroll = () => {
    const list = listRef.current;
    if (list) stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  };

  return (
    <ol className={`transcript${follow ? ' transcript--live' : ''}`} data-testid="transcript" aria-label={label} ref={listRef} onScroll={onScroll} tabIndex={follow ? 0 : undefined}>
      {messages.map((message) => (
        <MessageItem key={message.id} message={message} seen={message.id === seenId} />
      ))}
      {pending.map((message) => (
        <li key={message.clientMessageId} className={`message message--agent message--${message.state}`} data-testid="pending-message" data-state={message.state}>
          <p className="message__body">{message.body}</p>
          <span className="message__status">
            {message.state === 'failed' ? (
              <>
                {message.connectionLost ? 'Not sent: connection lost — ' : `Not sent${message.error ? `: ${message.error}` : ''}. `}
                <button type="button" className="link-button" onClick={() => onRetry?.(message.clientMessageId)}>
                  Retry
                </button>
              </>
            ) : message.state === 'sending' ? (
              'Sending…'
            ) : (
              'Sent'
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
