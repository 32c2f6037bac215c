import { useState, type FormEvent } from 'react';
import { login } from './chatonce-api';

interface SignInFormProps {
  /** Why the user is here again (an expired session, say). */
  notice?: string;
  onSignedIn(token: string): Promise<void>;
  /** Explore as an integration would: the key's scopes apply, and it is not stored. */
  onApiKey(key: string): Promise<void>;
}

/** Email and password, for when the inbox has not left a token behind. */
export function SignInForm({ notice, onSignedIn, onApiKey }: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [apiKey, setApiKey] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);

  const submitKey = async (event: FormEvent) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key.startsWith('ck_')) return setKeyError('An API key starts with “ck_”.');
    setKeyError(null);
    await onApiKey(key);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignedIn(await login(email.trim(), password));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Sign-in failed.');
      setBusy(false);
    }
  };

  return (
    <main className="gq-signin">
      <form className="gq-signin-card" onSubmit={submit} aria-labelledby="gq-signin-title">
        <h1 id="gq-signin-title">ChatOnce GraphiQL</h1>
        <p className="gq-muted">Sign in with your ChatOnce account to explore the API as yourself.</p>
        {notice && !error && (
          <p className="gq-notice" role="status">
            {notice}
          </p>
        )}
        <label>
          Email
          <input type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="gq-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <a className="gq-back" href="/">
          Back to the inbox
        </a>
      </form>
      <form className="gq-signin-card" onSubmit={submitKey} aria-labelledby="gq-key-title">
        <h2 id="gq-key-title">Or use an API key</h2>
        <p className="gq-muted">Try the API as your integration will: the key’s scopes apply. It stays in this tab only.</p>
        <label>
          API key
          <input type="password" name="apiKey" autoComplete="off" placeholder="ck_…" value={apiKey} onChange={(event) => setApiKey(event.target.value)} />
        </label>
        {keyError && (
          <p className="gq-error" role="alert">
            {keyError}
          </p>
        )}
        <button type="submit">Use API key</button>
      </form>
    </main>
  );
}
