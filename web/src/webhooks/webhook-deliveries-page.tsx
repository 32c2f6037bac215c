import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AdminWebhookDeliveryFragment, WebhookDeliveryStatus } from '../graphql/generated/graphql';
import { AdminOnly } from '../ui/admin-only';
import { formatDateTime } from '../ui/format';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { AdminRedeliverWebhookDocument, AdminWebhookDeliveriesDocument } from './webhooks.documents';
import '../ui/admin.css';

// A redelivery or a retry settles within seconds: the list follows it without a reload.
const POLL_MS = 3000;

const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = { PENDING: 'Pending', RETRYING: 'Retrying', SUCCEEDED: 'Delivered', FAILED: 'Failed', SKIPPED: 'Skipped' };
const STATUS_PILLS: Record<WebhookDeliveryStatus, string> = { PENDING: 'pill--waiting', RETRYING: 'pill--waiting', SUCCEEDED: 'pill--active', FAILED: 'pill--off', SKIPPED: '' };

/** One endpoint's deliveries, newest first, each with its attempts; any can be sent again. */
export function WebhookDeliveriesPage() {
  const { id = '' } = useParams();
  return (
    <AdminOnly>
      <Deliveries key={id} endpointId={id} />
    </AdminOnly>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const client = useApolloClient();
  // The newest page is polled; older pages, once asked for, are read once and kept below it.
  const { data, error, refetch } = useQuery(AdminWebhookDeliveriesDocument, { variables: { endpointId }, pollInterval: POLL_MS, fetchPolicy: 'cache-and-network' });
  const endpoint = data?.node?.__typename === 'WebhookEndpoint' ? data.node : null;
  const [older, setOlder] = useState<{ deliveries: AdminWebhookDeliveryFragment[]; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const page = data?.webhookDeliveries;
  const newest = page?.edges.map((edge) => edge.node) ?? [];
  const deliveries = [...newest, ...(older?.deliveries ?? []).filter((delivery) => !newest.some((shown) => shown.id === delivery.id))];
  const hasMore = older ? older.hasNextPage : !!page?.pageInfo.hasNextPage;

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const after = older ? older.endCursor : (page?.pageInfo.endCursor ?? null);
      const { data: more } = await client.query({ query: AdminWebhookDeliveriesDocument, variables: { endpointId, after }, fetchPolicy: 'network-only' });
      const next = more?.webhookDeliveries;
      if (next) setOlder((previous) => ({ deliveries: [...(previous?.deliveries ?? []), ...next.edges.map((edge) => edge.node)], endCursor: next.pageInfo.endCursor ?? null, hasNextPage: next.pageInfo.hasNextPage }));
    } finally {
      setLoadingMore(false);
    }
  };

  if (!data && error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading deliveries…" />;
  if (!endpoint) return <ErrorState error={{ message: 'This webhook endpoint does not exist (it may have been deleted).' }} />;

  return (
    <section className="page" aria-labelledby="deliveries-title">
      <p>
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <header className="page__header">
        <div>
          <h1 id="deliveries-title">Deliveries</h1>
          <p className="page__lead break">
            To {endpoint.url}
            {endpoint.enabled ? '' : ' (disabled: new events are skipped)'}
          </p>
        </div>
      </header>
      {deliveries.length === 0 ? (
        <EmptyState title="No deliveries yet">
          <p>Each event the endpoint subscribes to appears here with every attempt made to deliver it.</p>
        </EmptyState>
      ) : (
        <ul className="admin-list deliveries" data-testid="webhook-deliveries">
          {deliveries.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="button button--secondary load-more" disabled={loadingMore} onClick={() => void loadMore().catch(() => undefined)}>
          Show older deliveries
        </button>
      )}
    </section>
  );
}

function DeliveryRow({ delivery }: { delivery: AdminWebhookDeliveryFragment }) {
  const [redeliver, { loading }] = useMutation(AdminRedeliverWebhookDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const last = delivery.attempts.at(-1);

  const onRedeliver = async () => {
    setProblem(null);
    try {
      const payload = (await redeliver({ variables: { deliveryId: delivery.id } })).data?.redeliverWebhook;
      setProblem(payload?.userErrors[0]?.message ?? null);
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };

  return (
    <li className="admin-item" data-testid="webhook-delivery" data-delivery-id={delivery.id} data-status={delivery.status}>
      <div className="admin-item__main">
        <span className="admin-item__title">
          <code>{delivery.eventType}</code>
        </span>
        <span className="admin-item__meta">
          {formatDateTime(delivery.createdAt)} · {delivery.attemptCount === 1 ? '1 attempt' : `${delivery.attemptCount} attempts`}
          {last ? ` · last answered ${last.responseStatus ?? 'nothing'}` : ''}
          {delivery.status === 'RETRYING' && delivery.nextAttemptAt ? ` · next try ${formatDateTime(delivery.nextAttemptAt)}` : ''}
          {delivery.skippedReason ? ` · ${delivery.skippedReason}` : ''}
        </span>
        <span className="admin-item__meta">
          <code>{delivery.webhookId}</code>
        </span>
      </div>
      <span className={`pill ${STATUS_PILLS[delivery.status]}`} data-testid="webhook-delivery-status">
        {STATUS_LABELS[delivery.status]}
      </span>
      <div className="admin-item__actions">
        <button type="button" className="button button--secondary" disabled={loading} onClick={() => void onRedeliver()} aria-label={`Redeliver ${delivery.eventType} of ${formatDateTime(delivery.createdAt)}`}>
          Redeliver
        </button>
      </div>
      {delivery.attempts.length > 0 && (
        <ol className="attempts" aria-label="Attempts">
          {delivery.attempts.map((attempt) => (
            <li key={attempt.id} data-testid="webhook-attempt" data-response-status={attempt.responseStatus ?? ''}>
              #{attempt.attemptNumber} {formatDateTime(attempt.startedAt)}: {attempt.responseStatus != null ? `HTTP ${attempt.responseStatus}` : (attempt.error ?? 'no response')} in {attempt.durationMs} ms
            </li>
          ))}
        </ol>
      )}
      {problem && (
        <p className="form-error admin-item__full" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
