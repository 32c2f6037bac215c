import { useEffect, useRef } from 'react';

interface Props {
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Modal confirmation before ending a chat (native <dialog>: focus trap and Escape for free). */
export function EndChatDialog({ busy, error, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="end-chat-title"
      aria-describedby="end-chat-description"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="end-chat-title">End this chat?</h2>
      <p id="end-chat-description">The visitor is told the chat has ended and can no longer reply here.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy}>
          End chat
        </button>
      </div>
    </dialog>
  );
}
