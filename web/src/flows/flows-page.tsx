import { useQuery } from '@apollo/client/react';
import { useViewer } from '../auth/viewer';
import { formatDateTime } from '../ui/format';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { FlowsDocument } from './flows.documents';

/** The account's bot flows; editing happens over the API (GraphiQL) for now. */
export function FlowsPage() {
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(FlowsDocument, { fetchPolicy: 'cache-and-network' });
  const flows = data?.flows.edges.map((edge) => edge.node) ?? [];

  let body;
  if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (!data && loading) body = <Loading label="Loading flows…" />;
  else if (flows.length === 0) body = <EmptyState title="No flows yet">{viewer.role === 'ADMIN' && <p>Create one with the createFlow mutation in GraphiQL.</p>}</EmptyState>;
  else
    body = (
      <div className="table-wrap">
        <table className="table" data-testid="flows-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Published version</th>
              <th scope="col">Last edited</th>
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr key={flow.id} data-testid="flow-row" data-flow-id={flow.id}>
                <th scope="row">{flow.name}</th>
                <td>
                  <span className={`pill pill--${flow.status.toLowerCase()}`}>{flow.status === 'PUBLISHED' ? 'Published' : 'Draft'}</span>
                  {flow.hasUnpublishedChanges && <span className="pill pill--changes">Unpublished changes</span>}
                </td>
                <td>{flow.publishedVersion ? `v${flow.publishedVersion.version} · ${formatDateTime(flow.publishedVersion.publishedAt)}` : <span className="muted">Never published</span>}</td>
                <td>{formatDateTime(flow.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <section className="page" aria-labelledby="flows-title">
      <header className="page__header">
        <div>
          <h1 id="flows-title">Flows</h1>
          <p className="page__lead">{viewer.role === 'ADMIN' ? 'Your bot conversations. Edit and publish them through the API.' : 'Your team’s bot conversations. Admins edit them.'}</p>
        </div>
        <a className="button button--secondary" href="/graphiql" target="_blank" rel="noopener noreferrer">
          Open in GraphiQL
        </a>
      </header>
      {body}
    </section>
  );
}
