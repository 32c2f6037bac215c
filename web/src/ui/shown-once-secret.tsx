import { useEffect, useRef, useState } from 'react';

/**
 * A secret the API returns once (an API key, a webhook signing secret): shown with a copy
 * button and a warning that it cannot be shown again, until the admin says they have it.
 */
export function ShownOnceSecret({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves here so a screen reader (and a keyboard) lands on the secret, not on the form behind it.
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a denied permission): select it for a manual copy.
      field.current?.select();
      setCopied('failed');
    }
  };

  return (
    <section className="secret card" aria-labelledby="secret-title" data-testid="shown-once-secret">
      <h2 id="secret-title" className="card__title" tabIndex={-1} ref={heading}>
        {label}
      </h2>
      <p className="secret__warning" role="note">
        <strong>Copy it now: it is shown only this once.</strong> ChatOnce keeps only a hash, so nobody can show it to you again. If it is lost, create a new one.
      </p>
      <div className="secret__row">
        <input ref={field} className="secret__value" readOnly value={secret} aria-label={label} data-testid="secret-value" onFocus={(event) => event.target.select()} spellCheck={false} />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="hint" role="status">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copying is blocked here: the text is selected, copy it with your keyboard.' : ''}
      </p>
      <button type="button" className="button button--secondary" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
