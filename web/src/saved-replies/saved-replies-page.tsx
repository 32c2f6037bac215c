import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useViewer } from '../auth/viewer';
import type { SavedReplyFragment } from '../graphql/generated/graphql';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { CreateSavedReplyDocument, DeleteSavedReplyDocument, SavedRepliesDocument, UpdateSavedReplyDocument } from './saved-replies.documents';
import { FormErrors, submitForm } from '../ui/form-errors';

interface Draft {
  shortcut: string;
  title: string;
  body: string;
}
const EMPTY: Draft = { shortcut: '', title: '', body: '' };

/** Saved replies: every user reads them (and uses them with "/" in the composer); admins edit them. */
export function SavedRepliesPage() {
  const viewer = useViewer();
  const admin = viewer.role === 'ADMIN';
  const { data, error, refetch } = useQuery(SavedRepliesDocument, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<string | null>(null);
  const replies = data?.cannedResponses ?? [];

  let body;
  if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (!data) body = <Loading label="Loading saved replies…" />;
  else if (replies.length === 0) body = <EmptyState title="No saved replies yet">{admin ? <p>Add the answers your team gives most often.</p> : <p>An admin can add the answers your team gives most often.</p>}</EmptyState>;
  else
    body = (
      <ul className="saved-replies" data-testid="saved-replies">
        {replies.map((reply) =>
          editing === reply.id ? (
            <li key={reply.id} className="saved-reply">
              <SavedReplyForm reply={reply} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <SavedReplyItem key={reply.id} reply={reply} admin={admin} onEdit={() => setEditing(reply.id)} />
          ),
        )}
      </ul>
    );

  return (
    <section className="page" aria-labelledby="saved-replies-title">
      <header className="page__header">
        <div>
          <h1 id="saved-replies-title">Saved replies</h1>
          <p className="page__lead">
            Type <kbd>/</kbd> in a chat’s message box to insert one. <code>{'{{visitor.name}}'}</code>, <code>{'{{visitor.email}}'}</code> and <code>{'{{agent.name}}'}</code> are filled in.
          </p>
        </div>
      </header>
      {admin && <SavedReplyForm />}
      {body}
    </section>
  );
}

function SavedReplyItem({ reply, admin, onEdit }: { reply: SavedReplyFragment; admin: boolean; onEdit: () => void }) {
  const [remove, { loading }] = useMutation(DeleteSavedReplyDocument, { refetchQueries: [SavedRepliesDocument] });
  const [problem, setProblem] = useState<string | null>(null);
  const onDelete = async () => {
    if (!window.confirm(`Delete the saved reply /${reply.shortcut}?`)) return;
    try {
      const { data } = await remove({ variables: { id: reply.id } });
      setProblem(data?.deleteCannedResponse.userErrors[0]?.message ?? null);
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };
  return (
    <li className="saved-reply" data-testid="saved-reply" data-shortcut={reply.shortcut}>
      <div className="saved-reply__head">
        <strong>/{reply.shortcut}</strong>
        <span>{reply.title}</span>
        {admin && (
          <span className="saved-reply__actions">
            <button type="button" className="button button--secondary" onClick={onEdit} aria-label={`Edit /${reply.shortcut}`}>
              Edit
            </button>
            <button type="button" className="button button--secondary" onClick={() => void onDelete()} disabled={loading} aria-label={`Delete /${reply.shortcut}`}>
              Delete
            </button>
          </span>
        )}
      </div>
      <p className="saved-reply__body">{reply.body}</p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

/** Adds a saved reply, or (with `reply`) changes one. */
function SavedReplyForm({ reply, onDone }: { reply?: SavedReplyFragment; onDone?: () => void }) {
  const [draft, setDraft] = useState<Draft>(reply ? { shortcut: reply.shortcut, title: reply.title, body: reply.body } : EMPTY);
  const [errors, setErrors] = useState<string[]>([]);
  const [create, creating] = useMutation(CreateSavedReplyDocument, { refetchQueries: [SavedRepliesDocument] });
  const [update, updating] = useMutation(UpdateSavedReplyDocument);
  const busy = creating.loading || updating.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await submitForm(
      setErrors,
      async () => (reply ? (await update({ variables: { input: { id: reply.id, ...draft } } })).data?.updateCannedResponse : (await create({ variables: { input: draft } })).data?.createCannedResponse),
      () => {
        if (!reply) setDraft(EMPTY);
        onDone?.();
      },
    );
  };
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((previous) => ({ ...previous, [key]: event.target.value }));

  return (
    <form className="saved-reply-form" onSubmit={(event) => void submit(event)} aria-label={reply ? `Edit /${reply.shortcut}` : 'New saved reply'}>
      <FormErrors messages={errors} />
      <label className="field">
        <span className="field__label">Shortcut</span>
        <input value={draft.shortcut} onChange={set('shortcut')} maxLength={33} placeholder="pricing" autoCapitalize="none" />
      </label>
      <label className="field">
        <span className="field__label">Title</span>
        <input value={draft.title} onChange={set('title')} maxLength={100} placeholder="Our plans and prices" />
      </label>
      <label className="field">
        <span className="field__label">Reply</span>
        <textarea value={draft.body} onChange={set('body')} maxLength={5000} rows={3} placeholder="Hi {{visitor.name}}, our plans start at…" />
      </label>
      <div className="saved-reply__actions">
        {onDone && (
          <button type="button" className="button button--secondary" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {reply ? 'Save' : 'Add saved reply'}
        </button>
      </div>
    </form>
  );
}
