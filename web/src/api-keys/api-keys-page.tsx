import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { AdminApiKeyFragment } from '../graphql/generated/graphql';
import { AdminOnly } from '../ui/admin-only';
import { formatDateTime, formatRelative } from '../ui/format';
import { ShownOnceSecret } from '../ui/shown-once-secret';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { AdminApiKeysDocument, AdminCreateApiKeyDocument, AdminRevokeApiKeyDocument } from './api-keys.documents';
import '../ui/admin.css';
import { FormErrors, submitForm } from '../ui/form-errors';

/** API keys for integrations: create one (its secret shown once), see when each was last used, revoke. */
export function ApiKeysPage() {
  return (
    <AdminOnly>
      <ApiKeys />
    </AdminOnly>
  );
}

function ApiKeys() {
  const { data, error, refetch } = useQuery(AdminApiKeysDocument, { fetchPolicy: 'cache-and-network' });
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const keys = data?.apiKeys.edges.map((edge) => edge.node) ?? [];

  let body;
  if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (!data) body = <Loading label="Loading API keys…" />;
  else if (keys.length === 0) body = <EmptyState title="No API keys yet">{<p>Create one for each integration (a CRM sync, a webhook relay), so each can be revoked on its own.</p>}</EmptyState>;
  else
    body = (
      <ul className="admin-list" data-testid="api-keys">
        {keys.map((key) => (
          <ApiKeyRow key={key.id} apiKey={key} />
        ))}
      </ul>
    );

  return (
    <section className="page" aria-labelledby="api-keys-title">
      <header className="page__header">
        <div>
          <h1 id="api-keys-title">API keys</h1>
          <p className="page__lead">
            Keys let integrations call the GraphQL API with admin rights in this account (<code>Authorization: Bearer ck_…</code>). Revoking one stops it at once.
          </p>
        </div>
      </header>
      {created ? <ShownOnceSecret label={`Secret of “${created.name}”`} secret={created.secret} onDone={() => setCreated(null)} /> : <CreateApiKeyForm onCreated={setCreated} />}
      {body}
    </section>
  );
}

function ApiKeyRow({ apiKey }: { apiKey: AdminApiKeyFragment }) {
  const [revoke, { loading }] = useMutation(AdminRevokeApiKeyDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const revoked = !!apiKey.revokedAt;

  const onRevoke = async () => {
    if (!window.confirm(`Revoke “${apiKey.name}”? Whatever uses it stops working at once.`)) return;
    setProblem(null);
    try {
      const payload = (await revoke({ variables: { id: apiKey.id } })).data?.revokeApiKey;
      setProblem(payload?.userErrors[0]?.message ?? null);
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };

  return (
    <li className={`admin-item${revoked ? ' admin-item--inactive' : ''}`} data-testid="api-key" data-name={apiKey.name} data-revoked={revoked}>
      <div className="admin-item__main">
        <span className="admin-item__title">{apiKey.name}</span>
        <span className="admin-item__meta">
          <code>{apiKey.prefix}…</code> · created {formatDateTime(apiKey.createdAt)}
        </span>
        <span className="admin-item__meta" data-testid="api-key-last-used">
          {apiKey.lastUsedAt ? `Last used ${formatRelative(apiKey.lastUsedAt)}` : 'Never used'}
        </span>
      </div>
      {revoked ? (
        <span className="pill pill--off">Revoked {formatDateTime(apiKey.revokedAt!)}</span>
      ) : (
        <div className="admin-item__actions">
          <span className="pill pill--active">Active</span>
          <button type="button" className="button button--danger-outline" disabled={loading} onClick={() => void onRevoke()} aria-label={`Revoke ${apiKey.name}`}>
            Revoke
          </button>
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

function CreateApiKeyForm({ onCreated }: { onCreated: (created: { name: string; secret: string }) => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [create, { loading }] = useMutation(AdminCreateApiKeyDocument, { refetchQueries: [AdminApiKeysDocument] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await submitForm(
      setErrors,
      async () => (await create({ variables: { input: { name } } })).data?.createApiKey,
      (payload) => {
        if (payload?.secret && payload.apiKey) onCreated({ name: payload.apiKey.name, secret: payload.secret });
        setName('');
      },
    );
  };

  return (
    <form className="admin-form card" noValidate onSubmit={(event) => void submit(event)} aria-label="Create an API key">
      <h2 className="card__title admin-form__wide">Create an API key</h2>
      <FormErrors messages={errors} />
      <label className="field">
        <span className="field__label">Name</span>
        <input value={name} onChange={(event) => setName(event.target.value)} maxLength={120} placeholder="HubSpot sync" autoComplete="off" />
      </label>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          Create key
        </button>
      </div>
    </form>
  );
}
