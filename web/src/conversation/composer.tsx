import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

const MAX_LENGTH = 4000;

/** The agent's message box: Enter sends, Shift+Enter starts a new line. `focus`: take the focus on opening (just accepted). */
export function Composer({ onSend, disabled, focus }: { onSend: (body: string) => void; disabled?: boolean; focus?: boolean }) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
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
      <textarea
        ref={input}
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
          Enter to send · Shift+Enter for a new line
        </span>
        <button type="submit" className="button button--primary" disabled={disabled || !text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
