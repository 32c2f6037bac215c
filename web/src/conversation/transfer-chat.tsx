import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { activeLabel, canTakeChat } from '../team/availability';
import { TeamDocument } from '../team/team.documents';
import '../team/team.css';
import { TransferChatDocument } from './transfer.documents';

export const TRANSFER_NOTE_MAX_LENGTH = 1000;

/** The "Transfer" button of an active chat and its dialog: pick a teammate who can take it, add a note. */
export function TransferChat({ conversationId, assigneeId }: { conversationId: string; assigneeId: string | null }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => trigger.current?.focus());
  };
  return (
    <>
      {!open && (
        <button type="button" className="button button--secondary" ref={trigger} onClick={() => setOpen(true)}>
          Transfer
        </button>
      )}
      {open && <TransferDialog conversationId={conversationId} assigneeId={assigneeId} onDone={close} />}
    </>
  );
}

function TransferDialog({ conversationId, assigneeId, onDone }: { conversationId: string; assigneeId: string | null; onDone: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Fresh each time it opens: who is accepting, and how full, changes by the minute.
  const team = useQuery(TeamDocument, { fetchPolicy: 'network-only' });
  const [transfer, { loading }] = useMutation(TransferChatDocument);
  const [toUserId, setToUserId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const teammates = (team.data?.team.members ?? []).filter((member) => member.id !== assigneeId);
  const available = teammates.filter(canTakeChat);

  const submit = async () => {
    setError(null);
    if (!toUserId) return setError('Choose who to transfer the chat to.');
    try {
      const { data } = await transfer({ variables: { input: { conversationId, toUserId, note: note.trim() || null } } });
      const userError = data?.transferChat.userErrors[0];
      if (userError) {
        setError(userError.message);
        // Someone's availability changed: show the list as it is now.
        void team.refetch();
        return;
      }
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="transfer-title"
      onCancel={(event) => {
        event.preventDefault();
        onDone();
      }}
    >
      <h2 id="transfer-title">Transfer this chat</h2>
      <form
        className="transfer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {team.loading && !team.data ? (
          <p className="muted">Loading your team…</p>
        ) : available.length === 0 ? (
          <p className="muted" data-testid="transfer-nobody">
            Nobody else can take a chat right now: teammates must be accepting chats and below their limit.
          </p>
        ) : (
          <label className="field">
            <span className="field__label">Teammate</span>
            <select value={toUserId} onChange={(event) => setToUserId(event.target.value)} autoFocus data-testid="transfer-target">
              <option value="">Choose a teammate…</option>
              {available.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name} ({activeLabel(member)})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field__label">Note for them (optional)</span>
          <textarea value={note} maxLength={TRANSFER_NOTE_MAX_LENGTH} onChange={(event) => setNote(event.target.value)} placeholder="What they should know; the visitor never sees it." />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={loading || available.length === 0}>
            Transfer
          </button>
        </div>
      </form>
    </dialog>
  );
}
