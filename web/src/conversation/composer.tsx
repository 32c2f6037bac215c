import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PlaceholderValues } from '../saved-replies/placeholders';
import { useSavedReplyPicker } from '../saved-replies/use-saved-reply-picker';

const MAX_LENGTH = 4000;

type Mode = 'reply' | 'note';

interface Props {
  /** Sends a reply to the visitor; without it (the chat is not the viewer's to answer) only notes are written. */
  onSend?: (body: string) => void;
  /** Adds an internal note; resolves to an error to show, or null. */
  onNote: (body: string) => Promise<string | null>;
  disabled?: boolean;
  /** Take the focus on opening (just accepted). */
  focus?: boolean;
  placeholders: PlaceholderValues;
  /** The reply's draft changed (typing signals; notes never tell the visitor anything). */
  onDraftChange?: (draft: string) => void;
  /** The agent stopped typing a reply: sent, or left the box. */
  onStopTyping?: () => void;
}

/**
 * The agent's message box: Enter sends, Shift+Enter starts a new line, "/" opens the saved
 * replies (filled from `placeholders`). "Note" switches to an internal note, which only the
 * team sees.
 */
export function Composer({ onSend, onNote, disabled, focus, placeholders, onDraftChange, onStopTyping }: Props) {
  const [mode, setMode] = useState<Mode>(onSend ? 'reply' : 'note');
  const [text, setText] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [savingNote, setSavingNote] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const savedReplies = useSavedReplyPicker(mode === 'reply' ? text : '', setText, placeholders);
  const current: Mode = onSend ? mode : 'note';
  useEffect(() => {
    if (focus && !disabled) input.current?.focus();
  }, [focus, disabled]);

  const send = async () => {
    const body = text.trim();
    if (!body || disabled || savingNote) return;
    if (current === 'reply') {
      onStopTyping?.();
      onSend?.(body);
      setText('');
      return;
    }
    setSavingNote(true);
    setNoteError(null);
    const error = await onNote(body);
    setSavingNote(false);
    if (error) setNoteError(error);
    else setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (savedReplies.onKeyDown(event)) return;
    // isComposing: Enter also confirms an IME composition (Japanese, Chinese…), which must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const choose = (next: Mode) => {
    // A note is the team's: the visitor must not see "typing…" for it.
    if (next === 'note') onStopTyping?.();
    setMode(next);
    setNoteError(null);
    input.current?.focus();
  };

  return (
    <form
      className={`composer composer--${current}`}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {onSend && (
        <div className="composer__modes" role="group" aria-label="Write">
          <button type="button" className="composer__mode" aria-pressed={current === 'reply'} onClick={() => choose('reply')}>
            Reply
          </button>
          <button type="button" className="composer__mode" aria-pressed={current === 'note'} onClick={() => choose('note')}>
            Note
          </button>
        </div>
      )}
      {current === 'reply' && savedReplies.menu}
      <textarea
        ref={input}
        aria-label={current === 'reply' ? 'Message' : 'Internal note'}
        aria-describedby="composer-hint"
        aria-autocomplete={current === 'reply' ? 'list' : undefined}
        aria-controls={savedReplies.open ? 'saved-reply-menu' : undefined}
        aria-activedescendant={savedReplies.activeId}
        className="composer__input"
        rows={3}
        maxLength={MAX_LENGTH}
        value={text}
        placeholder={current === 'reply' ? 'Write a reply…' : 'Write a note for your team (the visitor never sees it)…'}
        onChange={(event) => {
          setText(event.target.value);
          if (current === 'reply') onDraftChange?.(event.target.value);
        }}
        onBlur={onStopTyping}
        onKeyDown={onKeyDown}
        disabled={disabled}
      />
      {noteError && (
        <p className="form-error" role="alert">
          Note not added: {noteError}
        </p>
      )}
      <div className="composer__bar">
        <span id="composer-hint" className="hint">
          {current === 'reply' ? 'Enter to send · Shift+Enter for a new line · / for saved replies' : 'Only your team sees notes · Enter to add'}
        </span>
        <button type="submit" className="button button--primary" disabled={disabled || savingNote || !text.trim()}>
          {current === 'reply' ? 'Send' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
