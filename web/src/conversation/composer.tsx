import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PlaceholderValues } from '../saved-replies/placeholders';
import { useSavedReplyPicker } from '../saved-replies/use-saved-reply-picker';

const MAX_LENGTH = 4000;

/**
 * The agent's message box: Enter sends, Shift+Enter starts a new line, "/" opens the saved
 * replies (filled from `placeholders`). `focus`: take the focus on opening (just accepted).
 */
export function Composer({ onSend, disabled, focus, placeholders }: { onSend: (body: string) => void; disabled?: boolean; focus?: boolean; placeholders: PlaceholderValues }) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const savedReplies = useSavedReplyPicker(text, setText, placeholders);
  useEffect(() => {
    if (focus && !disabled) input.current?.focus();
  }, [focus, disabled]);

  const send = () => {
    const body = text.trim();
    if (!body || disabled) return;
    onSend(body);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (savedReplies.onKeyDown(event)) return;
    // isComposing: Enter also confirms an IME composition (Japanese, Chinese…), which must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {savedReplies.menu}
      <textarea
        ref={input}
        aria-controls={savedReplies.open ? 'saved-reply-menu' : undefined}
        aria-autocomplete="list"
        aria-activedescendant={savedReplies.activeId}
        aria-label="Message"
        aria-describedby="composer-hint"
        className="composer__input"
        rows={3}
        maxLength={MAX_LENGTH}
        value={text}
        placeholder="Write a reply…"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
      />
      <div className="composer__bar">
        <span id="composer-hint" className="hint">
          Enter to send · Shift+Enter for a new line · / for saved replies
        </span>
        <button type="submit" className="button button--primary" disabled={disabled || !text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
