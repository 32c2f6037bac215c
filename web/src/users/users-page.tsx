import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useViewer } from '../auth/viewer';
import type { AdminUserFragment, UserRole } from '../graphql/generated/graphql';
import { CapacityForm } from '../team/capacity-form';
import { loadLabel } from '../team/availability';
import { AdminOnly } from '../ui/admin-only';
import { formatDateTime } from '../ui/format';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { AdminCreateUserDocument, AdminDeactivateUserDocument, AdminReactivateUserDocument, AdminSetRoleDocument, AdminUsersDocument } from './users.documents';
import '../ui/admin.css';
import { FormErrors, submitForm } from '../ui/form-errors';

type Show = 'active' | 'deactivated' | 'all';
const FILTERS: Record<Show, { active?: boolean }> = { active: { active: true }, deactivated: { active: false }, all: {} };
const ROLE_LABELS: Record<UserRole, string> = { ADMIN: 'Admin', AGENT: 'Agent' };

/** The account's users for admins: add one, change a role or capacity, deactivate and reactivate. */
export function UsersPage() {
  return (
    <AdminOnly>
      <Users />
    </AdminOnly>
  );
}

function Users() {
  const [show, setShow] = useState<Show>('active');
  const { data, error, refetch } = useQuery(AdminUsersDocument, { variables: { filter: FILTERS[show] }, fetchPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<string | null>(null);
  const users = data?.users.edges.map((edge) => edge.node) ?? [];

  let body;
  if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (!data) body = <Loading label="Loading users…" />;
  else if (users.length === 0) body = <EmptyState title={show === 'deactivated' ? 'Nobody is deactivated' : 'No users'} />;
  else
    body = (
      <ul className="admin-list" data-testid="users">
        {users.map((user) => (
          <UserRow key={user.id} user={user} onNotice={setNotice} />
        ))}
      </ul>
    );

  return (
    <section className="page" aria-labelledby="users-title">
      <header className="page__header">
        <div>
          <h1 id="users-title">Users</h1>
          <p className="page__lead">Everyone who can sign in to this inbox. A deactivated user is signed out at once and their chats go back to the inbox.</p>
        </div>
      </header>
      <CreateUserForm onCreated={(name) => setNotice(`${name} was added. Give them their email and password to sign in.`)} />
      {notice && (
        <p className="banner banner--info" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      <div className="admin-filter">
        <label className="field field--inline">
          <span className="field__label">Show</span>
          <select value={show} onChange={(event) => setShow(event.target.value as Show)} data-testid="users-filter">
            <option value="active">Active users</option>
            <option value="deactivated">Deactivated users</option>
            <option value="all">Everyone</option>
          </select>
        </label>
      </div>
      {body}
    </section>
  );
}

function UserRow({ user, onNotice }: { user: AdminUserFragment; onNotice: (notice: string) => void }) {
  const viewer = useViewer();
  const self = user.id === viewer.id;
  const [editingCapacity, setEditingCapacity] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const refetchQueries = [AdminUsersDocument];
  const [setRole, settingRole] = useMutation(AdminSetRoleDocument, { refetchQueries });
  const [deactivate, deactivating] = useMutation(AdminDeactivateUserDocument, { refetchQueries });
  const [reactivate, reactivating] = useMutation(AdminReactivateUserDocument, { refetchQueries });
  const busy = settingRole.loading || deactivating.loading || reactivating.loading;

  const run = async (action: () => Promise<{ userErrors: { message: string }[] } | undefined>) => {
    setProblem(null);
    try {
      setProblem((await action())?.userErrors[0]?.message ?? null);
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };

  const changeRole = (role: UserRole) => {
    if (self && role === 'AGENT' && !window.confirm('Make yourself an agent? You will no longer see the admin pages.')) return;
    void run(async () => (await setRole({ variables: { userId: user.id, role } })).data?.updateUser);
  };
  const onDeactivate = () => {
    const chats = user.activeChatCount === 1 ? 'their active chat goes' : `their ${user.activeChatCount} active chats go`;
    if (!window.confirm(`Deactivate ${user.name}? They are signed out at once and cannot sign in${user.activeChatCount ? `; ${chats} back to the inbox` : ''}.`)) return;
    void run(async () => {
      const payload = (await deactivate({ variables: { userId: user.id } })).data?.deactivateUser;
      const requeued = payload?.requeuedConversations.length ?? 0;
      if (payload && !payload.userErrors.length) onNotice(`${user.name} was deactivated.${requeued ? ` ${requeued === 1 ? '1 chat went' : `${requeued} chats went`} back to the inbox.` : ''}`);
      return payload;
    });
  };
  const onReactivate = () =>
    void run(async () => {
      const payload = (await reactivate({ variables: { userId: user.id } })).data?.reactivateUser;
      if (payload && !payload.userErrors.length) onNotice(`${user.name} can sign in again.`);
      return payload;
    });

  return (
    <li className={`admin-item${user.active ? '' : ' admin-item--inactive'}`} data-testid="user" data-user-id={user.id} data-active={user.active}>
      <div className="admin-item__main">
        <span className="admin-item__title">
          {user.name}
          {self && <span className="muted"> (you)</span>}
        </span>
        <span className="admin-item__meta">{user.email}</span>
        <span className="admin-item__meta">
          {user.active ? `Added ${formatDateTime(user.createdAt)}` : `Deactivated ${user.deactivatedAt ? formatDateTime(user.deactivatedAt) : ''}`}
        </span>
      </div>
      {!user.active && <span className="pill pill--off">Deactivated</span>}
      {user.active && (
        <label className="field field--inline">
          <span className="field__label">Role</span>
          <select value={user.role} disabled={busy} onChange={(event) => changeRole(event.target.value as UserRole)} aria-label={`Role of ${user.name}`}>
            {(Object.keys(ROLE_LABELS) as UserRole[]).map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
      )}
      {user.active && (
        <button type="button" className="link-button" onClick={() => setEditingCapacity(!editingCapacity)} aria-expanded={editingCapacity} aria-label={`Change ${user.name}’s capacity (${loadLabel(user)} active chats)`} data-testid="user-capacity">
          Chats: {loadLabel(user)}
        </button>
      )}
      <div className="admin-item__actions">
        {user.active && !self && (
          <button type="button" className="button button--danger-outline" disabled={busy} onClick={onDeactivate} aria-label={`Deactivate ${user.name}`}>
            Deactivate
          </button>
        )}
        {!user.active && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={onReactivate} aria-label={`Reactivate ${user.name}`}>
            Reactivate
          </button>
        )}
      </div>
      {editingCapacity && (
        <div className="admin-item__full">
          <CapacityForm member={user} onDone={() => setEditingCapacity(false)} />
        </div>
      )}
      {problem && (
        <p className="form-error admin-item__full" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

interface Draft {
  name: string;
  email: string;
  password: string;
  role: UserRole;
}
const EMPTY: Draft = { name: '', email: '', password: '', role: 'AGENT' };

function CreateUserForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<string[]>([]);
  const [create, { loading }] = useMutation(AdminCreateUserDocument, { refetchQueries: [AdminUsersDocument] });
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((previous) => ({ ...previous, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await submitForm(
      setErrors,
      async () => (await create({ variables: { input: draft } })).data?.createUser,
      () => {
        onCreated(draft.name.trim());
        setDraft(EMPTY);
      },
    );
  };

  return (
    <form className="admin-form card" noValidate onSubmit={(event) => void submit(event)} aria-label="Add a user">
      <h2 className="card__title admin-form__wide">Add a user</h2>
      <FormErrors messages={errors} />
      <label className="field">
        <span className="field__label">Name</span>
        <input value={draft.name} onChange={set('name')} maxLength={120} autoComplete="off" />
      </label>
      <label className="field">
        <span className="field__label">Email</span>
        <input type="email" value={draft.email} onChange={set('email')} maxLength={254} autoComplete="off" />
      </label>
      <label className="field">
        <span className="field__label">Initial password</span>
        <input type="password" value={draft.password} onChange={set('password')} minLength={10} maxLength={200} autoComplete="new-password" />
      </label>
      <label className="field">
        <span className="field__label">Role</span>
        <select value={draft.role} onChange={set('role')}>
          <option value="AGENT">Agent</option>
          <option value="ADMIN">Admin</option>
        </select>
      </label>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          Add user
        </button>
      </div>
    </form>
  );
}
