import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { TeamMemberFragment } from '../graphql/generated/graphql';
import { SetCapacityDocument } from './team.documents';

/** Mirrors the API's bounds (UpdateUserInput.maxConcurrentChats); the server has the last word. */
const MIN = 1;
const MAX = 100;

/** An admin's inline edit of a teammate's capacity: a number, or empty for no limit. */
export function CapacityForm({ member, onDone }: { member: TeamMemberFragment; onDone: () => void }) {
  const [value, setValue] = useState(member.maxConcurrentChats == null ? '' : String(member.maxConcurrentChats));
  const [error, setError] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetCapacityDocument);
  const inputId = `capacity-${member.id}`;

  const submit = async () => {
    setError(null);
    const maxConcurrentChats = value.trim() === '' ? null : Number(value);
    try {
      const { data } = await save({ variables: { userId: member.id, maxConcurrentChats } });
      const userError = data?.updateUser.userErrors[0];
      if (userError) return setError(userError.message);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form
      className="capacity-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={inputId} className="field__label">
        Most chats at once for {member.name}
      </label>
      <div className="capacity-form__row">
        <input id={inputId} type="number" inputMode="numeric" min={MIN} max={MAX} value={value} placeholder="No limit" onChange={(event) => setValue(event.target.value)} autoFocus />
        <button type="submit" className="button button--primary" disabled={loading}>
          Save
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
      <p className="hint">Empty for no limit. Lowering it never takes chats away; it stops new ones.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
