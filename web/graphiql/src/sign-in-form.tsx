import { useState, type FormEvent } from 'react';
import { login } from './chatonce-api';

interface SignInFormProps {
  /** Why the user is here again (an expired session, say). */
  notice?: string;
  onSignedIn(token: string): Promise<void>;
}

/** Email and password, for when the inbox has not left a token behind. */
export function SignInForm({ notice, onSignedIn }: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    </main>
  );
}
