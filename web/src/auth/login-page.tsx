import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginDocument } from './auth.documents';
import { useSession } from './session';
import { FormErrors } from '../ui/form-errors';

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [login, { loading }] = useMutation(LoginDocument);
  const [errors, setErrors] = useState<string[]>([]);

  if (session.token) return <Navigate to={from} replace state={{ signedIn: true }} />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors([]);
    try {
      const { data } = await login({ variables: { input: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') } } });
      const payload = data?.login;
      if (payload?.token) {
        session.signIn(payload.token);
        // Focus goes to the page's content, not left on a form that is gone (see AppShell).
        navigate(from, { replace: true, state: { signedIn: true } });
      } else {
        setErrors(payload?.userErrors.map((e) => e.message) ?? ['Sign-in failed.']);
      }
    } catch (error) {
      setErrors([`Could not reach ChatOnce: ${(error as Error).message}`]);
    }
  };

  return (
    <main className="login">
      <form className="login__card" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="login-title">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">C1</span> ChatOnce
        </p>
        <h1 id="login-title">Sign in to your inbox</h1>
        {session.expired && (
          <p className="hint" role="status">
            {session.expired === 'deactivated' ? 'An admin of your account deactivated your user, so you were signed out.' : 'Your session has expired. Sign in again.'}
          </p>
        )}
        <FormErrors messages={errors} />
        <label className="field">
          <span className="field__label">Email</span>
          <input name="email" type="email" autoComplete="username" autoFocus />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input name="password" type="password" autoComplete="current-password" />
        </label>
        <button type="submit" className="button button--primary button--block" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
