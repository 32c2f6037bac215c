import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { AdminWebhookEndpointFragment, WebhookEventType } from '../graphql/generated/graphql';
import { AdminOnly } from '../ui/admin-only';
import { formatDateTime } from '../ui/format';
import { webhookDeliveriesPath } from '../ui/paths';
import { ShownOnceSecret } from '../ui/shown-once-secret';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { AdminCreateWebhookEndpointDocument, AdminDeleteWebhookEndpointDocument, AdminUpdateWebhookEndpointDocument, AdminWebhookEndpointsDocument } from './webhooks.documents';
import '../ui/admin.css';
import { FormErrors, submitForm } from '../ui/form-errors';

/** How an endpoint's `events` say "every event type, present and future". */
const ALL_EVENTS = '*';

/** Each event type an endpoint can choose, with its name on the wire (the compiler checks it against the schema's enum). */
const EVENT_NAMES: Record<Exclude<WebhookEventType, 'ALL'>, string> = {
  CONVERSATION_STARTED: 'conversation.started',
  CONTACT_CREATED: 'contact.created',
  CONTACT_QUALIFIED: 'contact.qualified',
  CONTACT_DETAILS_CAPTURED: 'contact.details_captured',
  CONTACTS_MERGED: 'contact.merged',
  CONTACT_DELETED: 'contact.deleted',
  LIVE_CHAT_REQUESTED: 'live_chat.requested',
  LIVE_CHAT_OFFERED: 'live_chat.offered',
  LIVE_CHAT_POOLED: 'live_chat.pooled',
  LIVE_CHAT_ACCEPTED: 'live_chat.accepted',
  LIVE_CHAT_TRANSFERRED: 'live_chat.transferred',
  LIVE_CHAT_REQUEUED: 'live_chat.requeued',
  LIVE_CHAT_TIMED_OUT: 'live_chat.timed_out',
  LIVE_CHAT_ENDED: 'live_chat.ended',
  CONVERSATION_ENDED: 'conversation.ended',
  MESSAGE_CREATED: 'message.created',
  CONVERSATION_RATED: 'conversation.rated',
  OFFLINE_MESSAGE_LEFT: 'offline_message.left',
};
const EVENT_TYPES = Object.keys(EVENT_NAMES) as (keyof typeof EVENT_NAMES)[];

/** Webhook endpoints: create one with its events (signing secret shown once), enable or disable, delete, open its deliveries. */
export function WebhooksPage() {
  return (
    <AdminOnly>
      <Webhooks />
    </AdminOnly>
  );
}

function Webhooks() {
  const { data, error, refetch } = useQuery(AdminWebhookEndpointsDocument, { fetchPolicy: 'cache-and-network' });
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const endpoints = data?.webhookEndpoints.edges.map((edge) => edge.node) ?? [];

  let body;
  if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (!data) body = <Loading label="Loading webhook endpoints…" />;
  else if (endpoints.length === 0) body = <EmptyState title="No webhook endpoints yet">{<p>Add a URL of your CRM or server: every event you pick is POSTed to it, signed.</p>}</EmptyState>;
  else
    body = (
      <ul className="admin-list" data-testid="webhook-endpoints">
        {endpoints.map((endpoint) => (
          <EndpointRow key={endpoint.id} endpoint={endpoint} />
        ))}
      </ul>
    );

  return (
    <section className="page" aria-labelledby="webhooks-title">
      <header className="page__header">
        <div>
          <h1 id="webhooks-title">Webhooks</h1>
          <p className="page__lead">Events are POSTed as JSON, signed with the Standard Webhooks scheme (<code>webhook-signature</code>), and retried with backoff until the endpoint answers 2xx.</p>
        </div>
      </header>
      {created ? (
        <ShownOnceSecret label={`Signing secret for ${created.url}`} secret={created.secret} onDone={() => setCreated(null)} />
      ) : (
        data && <CreateEndpointForm onCreated={setCreated} />
      )}
      {body}
    </section>
  );
}

function EndpointRow({ endpoint }: { endpoint: AdminWebhookEndpointFragment }) {
  const [update, updating] = useMutation(AdminUpdateWebhookEndpointDocument);
  const [remove, removing] = useMutation(AdminDeleteWebhookEndpointDocument, { refetchQueries: [AdminWebhookEndpointsDocument] });
  const [problem, setProblem] = useState<string | null>(null);
  const busy = updating.loading || removing.loading;

  const act = async (action: () => Promise<{ userErrors: { message: string }[] } | undefined>) => {
    setProblem(null);
    try {
      setProblem((await action())?.userErrors[0]?.message ?? null);
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };
  const toggle = () => void act(async () => (await update({ variables: { input: { id: endpoint.id, enabled: !endpoint.enabled } } })).data?.updateWebhookEndpoint);
  const onDelete = () => {
    if (!window.confirm(`Delete the endpoint ${endpoint.url} and its delivery history?`)) return;
    void act(async () => (await remove({ variables: { id: endpoint.id } })).data?.deleteWebhookEndpoint);
  };

  return (
    <li className={`admin-item${endpoint.enabled ? '' : ' admin-item--inactive'}`} data-testid="webhook-endpoint" data-url={endpoint.url} data-enabled={endpoint.enabled}>
      <div className="admin-item__main">
        <span className="admin-item__title">{endpoint.url}</span>
        {endpoint.description && <span className="admin-item__meta">{endpoint.description}</span>}
        <span className="admin-item__meta" data-testid="webhook-events">
          {endpoint.events.includes(ALL_EVENTS) ? 'All events' : endpoint.events.join(', ')}
        </span>
        {!endpoint.enabled && (
          <span className="admin-item__meta">
            Disabled {endpoint.disabledAt ? formatDateTime(endpoint.disabledAt) : ''}
            {endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}
          </span>
        )}
      </div>
      <span className={`pill ${endpoint.enabled ? 'pill--active' : 'pill--off'}`} data-testid="webhook-status">
        {endpoint.enabled ? 'Enabled' : 'Disabled'}
      </span>
      <div className="admin-item__actions">
        <Link className="button button--secondary" to={webhookDeliveriesPath(endpoint.id)} aria-label={`Deliveries to ${endpoint.url}`}>
          Deliveries
        </Link>
        <button type="button" className="button button--secondary" disabled={busy} onClick={toggle} aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}>
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="button button--danger-outline" disabled={busy} onClick={onDelete} aria-label={`Delete ${endpoint.url}`}>
          Delete
        </button>
      </div>
      {problem && (
        <p className="form-error admin-item__full" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function CreateEndpointForm({ onCreated }: { onCreated: (created: { url: string; secret: string }) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<Set<WebhookEventType>>(new Set(['ALL']));
  const [errors, setErrors] = useState<string[]>([]);
  const [create, { loading }] = useMutation(AdminCreateWebhookEndpointDocument, { refetchQueries: [AdminWebhookEndpointsDocument] });
  const all = events.has('ALL');

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((previous) => {
      const next = new Set(previous);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await submitForm(
      setErrors,
      async () => (await create({ variables: { input: { url, description: description || null, eventTypes: all ? ['ALL'] : [...events] } } })).data?.createWebhookEndpoint,
      (payload) => {
        if (payload?.secret && payload.endpoint) onCreated({ url: payload.endpoint.url, secret: payload.secret });
      },
    );
  };

  return (
    <form className="admin-form card" noValidate onSubmit={(event) => void submit(event)} aria-label="Add a webhook endpoint">
      <h2 className="card__title admin-form__wide">Add an endpoint</h2>
      <FormErrors messages={errors} />
      <label className="field admin-form__wide">
        <span className="field__label">URL</span>
        <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} maxLength={2000} placeholder="https://crm.example.com/hooks/chatonce" autoComplete="off" spellCheck={false} />
      </label>
      <label className="field admin-form__wide">
        <span className="field__label">Description (optional)</span>
        <input value={description} onChange={(event) => setDescription(event.target.value)} maxLength={500} placeholder="Lead sync to our CRM" />
      </label>
      <fieldset className="event-choices admin-form__wide">
        <legend>Events</legend>
        <label>
          <input type="checkbox" checked={all} onChange={(event) => toggle('ALL', event.target.checked)} />
          All events, present and future
        </label>
        {EVENT_TYPES.map((type) => (
          <label key={type}>
            <input type="checkbox" checked={all || events.has(type)} disabled={all} onChange={(event) => toggle(type, event.target.checked)} />
            <code>{EVENT_NAMES[type]}</code>
          </label>
        ))}
      </fieldset>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          Add endpoint
        </button>
      </div>
    </form>
  );
}
