import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { useViewer } from '../auth/viewer';
import { contactLabel } from '../ui/format';
import { END_REASON_LABELS, STATUS_LABELS } from '../ui/labels';
import { ErrorState, Loading } from '../ui/states';
import { useDocumentVisible } from '../ui/use-document-visible';
import { Composer } from './composer';
import { ContactPanel } from './contact-panel';
import { AddNoteDocument, ConversationViewDocument, EndChatDocument } from './conversation.documents';
import { EndChatDialog } from './end-chat-dialog';
import { TransferChat } from './transfer-chat';
import { Transcript } from './transcript';
import { TranscriptDownload } from './transcript-download';
import { MarkReadDocument } from './signals.documents';
import { useOutbox } from './use-outbox';
import { cursorSeq, lastWhere, useConversationSignals } from './use-signals';
import { useTypingSender } from './use-typing-sender';
import { PresenceLabel } from './visitor-presence';
import { useTranscript } from './use-transcript';

const OPEN = new Set(['BOT', 'WAITING', 'ACTIVE']);

export function ConversationPage() {
  const { id = '' } = useParams();
  // Keyed by id so every piece of state starts afresh for another chat.
  return <Conversation key={id} id={id} />;
}

function Conversation({ id }: { id: string }) {
  const viewer = useViewer();
  const location = useLocation();
  const query = useQuery(ConversationViewDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const transcript = useTranscript(id, true);
  const outbox = useOutbox(id, transcript.messages);
  const [confirming, setConfirming] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const [endChat, { loading: ending }] = useMutation(EndChatDocument);
  const [addNote] = useMutation(AddNoteDocument);
  // The note arrives in the transcript through conversationEvents, like every message.
  const note = async (body: string): Promise<string | null> => {
    try {
      const { data } = await addNote({ variables: { input: { conversationId: id, body } } });
      return data?.addNote.userErrors[0]?.message ?? null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const endButton = useRef<HTMLButtonElement>(null);
  const visitorTyping = useConversationSignals(id);
  const typingSender = useTypingSender(id);
  const visible = useDocumentVisible();
  const client = useApolloClient();
  const [markRead] = useMutation(MarkReadDocument);
  const conversationData = query.data?.conversation;
  const lastMessage = transcript.messages.at(-1);
  const lastVisitorSeq = cursorSeq(lastWhere(transcript.messages, (message) => message.author === 'VISITOR')?.cursor);
  const handling = conversationData?.assignee?.id === viewer.id;
  // The one handling the chat has read what the visitor wrote once it is on a visible screen.
  useEffect(() => {
    if (!visible || !handling || !lastMessage || lastVisitorSeq <= cursorSeq(conversationData?.agentReadCursor)) return;
    const cursor = lastMessage.cursor;
    markRead({ variables: { conversationId: id, cursor } })
      .then(({ data }) => {
        const now = data?.markRead.cursor;
        if (now) client.cache.modify({ id: client.cache.identify({ __typename: 'Conversation', id }), fields: { agentReadCursor: () => now } });
      })
      .catch(() => undefined);
  }, [visible, handling, lastMessage, lastVisitorSeq, conversationData?.agentReadCursor, id, markRead, client]);
  const cancelEnd = () => {
    setConfirming(false);
    setEndError(null);
    // The trigger re-renders once the dialog is gone: give it focus back.
    requestAnimationFrame(() => endButton.current?.focus());
  };

  const conversation = query.data?.conversation;
  if (query.error && !conversation) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!conversation) {
    if (query.loading) return <Loading label="Loading conversation…" />;
    return <ErrorState error={{ message: 'This conversation does not exist or is not open to you.' }} />;
  }

  const open = OPEN.has(conversation.status);
  const mine = conversation.assignee?.id === viewer.id;
  const canWrite = conversation.status === 'ACTIVE' && (mine || viewer.role === 'ADMIN');

  const confirmEnd = async () => {
    setEndError(null);
    try {
      const { data } = await endChat({ variables: { conversationId: id } });
      const userError = data?.endChat.userErrors[0];
      if (userError && userError.code !== 'CONVERSATION_CLOSED') return setEndError(userError.message);
      setConfirming(false);
    } catch (error) {
      setEndError((error as Error).message);
    }
  };

  return (
    <div className="conversation">
      <section className="conversation__main" aria-labelledby="conversation-title">
        <header className="conversation__header">
          <div>
            <h1 id="conversation-title">{contactLabel(conversation.contact)}</h1>
            <p className="conversation__status">
              <span className={`pill pill--${conversation.status.toLowerCase()}`} data-testid="conversation-status">
                {STATUS_LABELS[conversation.status]}
              </span>
              {conversation.assignee && (
                <span className="muted">
                  {' '}
                  {open ? 'with' : 'handled by'} {mine ? 'you' : conversation.assignee.name}
                </span>
              )}
              {open && <PresenceLabel presence={conversation.visitorPresence} lastSeenAt={conversation.visitorLastSeenAt} />}
            </p>
          </div>
          <div className="toolbar conversation__actions">
            {canWrite && !confirming && <TransferChat conversationId={id} assigneeId={conversation.assignee?.id ?? null} />}
            {/* Hidden while the dialog is open, so exactly one "End chat" button is on offer. */}
            {open && !confirming && (
              <button type="button" className="button button--danger-outline" ref={endButton} onClick={() => setConfirming(true)}>
                End chat
              </button>
            )}
          </div>
        </header>

        {!open && (
          <div className="banner banner--neutral" role="status" data-testid="ended-notice">
            <p>
              <strong>{conversation.status === 'TIMED_OUT' ? 'This chat timed out.' : 'This chat has ended.'}</strong>{' '}
              {conversation.endReason ? END_REASON_LABELS[conversation.endReason] : ''}
              {conversation.endReason ? '. ' : ''}
              The transcript is read-only.
            </p>
            {conversation.rating && (
              <p data-testid="rating">
                The visitor rated it <strong>{conversation.rating.score} out of 5</strong>
                {conversation.rating.comment ? `: “${conversation.rating.comment}”` : '.'}
              </p>
            )}
          </div>
        )}
        {!transcript.loading && !transcript.error && <TranscriptDownload conversation={conversation} messages={transcript.messages} />}
        {transcript.liveError && (
          <div className="banner banner--warning" role="alert">
            <p>Live updates stopped: {transcript.liveError}</p>
          </div>
        )}

        {transcript.loading ? (
          <Loading label="Loading messages…" />
        ) : transcript.error ? (
          <ErrorState error={transcript.error} onRetry={transcript.retry} />
        ) : (
          <Transcript
            messages={transcript.messages}
            pending={outbox.pending}
            onRetry={outbox.retry}
            follow
            label="Conversation transcript"
            visitorReadCursor={conversation.visitorReadCursor}
          />
        )}

        {open && visitorTyping && (
          <p className="typing-indicator" data-testid="visitor-typing" aria-live="polite">
            Visitor is typing…
            {visitorTyping.preview && <span className="typing-indicator__preview"> “{visitorTyping.preview}”</span>}
          </p>
        )}

        {!canWrite && open && (
          <p className="composer-note">
            {conversation.status === 'ACTIVE'
              ? `${conversation.assignee?.name ?? 'Another user'} is handling this chat.`
              : conversation.status === 'WAITING'
                ? 'This chat is waiting in the inbox: accept it there to reply.'
                : 'The visitor is still talking to the bot.'}{' '}
            You can add a note for the team.
          </p>
        )}
        <Composer
          key={canWrite ? 'reply' : 'note'}
          onSend={canWrite ? outbox.send : undefined}
          onNote={note}
          focus={canWrite && (location.state as { justAccepted?: boolean } | null)?.justAccepted === true}
          placeholders={{ visitor: { name: conversation.contact?.name, email: conversation.contact?.email }, agent: { name: viewer.name } }}
          onDraftChange={canWrite ? typingSender.onDraftChange : undefined}
          onStopTyping={typingSender.stop}
        />
      </section>

      <ContactPanel conversation={conversation} />

      {confirming && <EndChatDialog busy={ending} error={endError} onConfirm={() => void confirmEnd()} onCancel={cancelEnd} />}
    </div>
  );
}
