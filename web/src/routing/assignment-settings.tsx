import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import type { AssignmentMode } from '../graphql/generated/graphql';
import { AssignmentSettingsDocument, UpdateAssignmentDocument } from './routing.documents';
import './routing.css';

/** Mirrors the API's bounds (OFFER_MIN_SECONDS defaults to 5); the server has the last word. */
const MAX_SECONDS = 600;

/**
 * How waiting chats reach the team: everyone sees every chat (manual), or each is offered to
 * one person at a time for a window (automatic). Admins change it; everyone reads it.
 */
export function AssignmentSettings({ canManage }: { canManage: boolean }) {
  const { data } = useQuery(AssignmentSettingsDocument, { fetchPolicy: 'cache-and-network' });
  const account = data?.account;
  const [mode, setMode] = useState<AssignmentMode | null>(null);
  const [seconds, setSeconds] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [save, { loading }] = useMutation(UpdateAssignmentDocument);
  useEffect(() => {
    if (account && mode === null) {
      setMode(account.assignment);
      setSeconds(String(account.offerSeconds));
    }
  }, [account, mode]);
  if (!account || mode === null) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const offerSeconds = Number(seconds);
    if (!Number.isInteger(offerSeconds) || offerSeconds < 1) return setError('Enter the accept window as a whole number of seconds.');
    try {
      const result = (await save({ variables: { input: { assignment: mode, offerSeconds } } })).data?.updateAccountSettings;
      if (result?.userErrors.length) return setError(result.userErrors.map((problem) => problem.message).join(' '));
      setSaved(true);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const change = (update: () => void) => {
    setSaved(false);
    update();
  };

  return (
    <form className="assignment-form card" aria-label="Chat assignment" data-testid="assignment-settings" noValidate onSubmit={(event) => void submit(event)}>
      <fieldset className="assignment-form__fieldset" disabled={!canManage}>
        <legend className="assignment-form__legend">How waiting chats reach the team</legend>
        {!canManage && <p className="muted">Only admins can change how chats are assigned.</p>}
        <label className="assignment-form__choice">
          <input type="radio" name="assignment" value="MANUAL" checked={mode === 'MANUAL'} onChange={() => change(() => setMode('MANUAL'))} />
          <span>Everyone sees every chat</span>
          <span className="hint">Each waiting chat is in the inbox of everyone accepting chats; the first to accept gets it.</span>
        </label>
        <label className="assignment-form__choice">
          <input type="radio" name="assignment" value="AUTO" checked={mode === 'AUTO'} onChange={() => change(() => setMode('AUTO'))} />
          <span>Offer each chat to one person at a time</span>
          <span className="hint">
            To whoever accepting has the fewest chats (then the longest since their last), below their limit. If they do not accept in time, the next is offered it; when nobody is left, everyone sees it.
          </span>
        </label>
        <label className="assignment-form__window">
          <span className="field__label">Time to accept an offer</span>
          <input type="number" inputMode="numeric" min={1} max={MAX_SECONDS} value={seconds} onChange={(event) => change(() => setSeconds(event.target.value))} aria-describedby="offer-seconds-hint" />
          <span id="offer-seconds-hint" className="muted">
            seconds
          </span>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {canManage && (
          <div className="assignment-form__actions">
            <button type="submit" className="button button--primary" disabled={loading}>
              Save assignment
            </button>
            {saved && (
              <span role="status" data-testid="assignment-saved">
                Saved.
              </span>
            )}
          </div>
        )}
      </fieldset>
    </form>
  );
}
