import { useQuery } from '@apollo/client/react';
import { NetworkStatus } from '@apollo/client';
import { useMemo, useState } from 'react';
import type { ActivityEventType } from '../graphql/generated/graphql';
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES } from '../ui/labels';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/use-now';
import { ActivityStreamDocument } from './activity.documents';
import { ActivityItem, FoldedMessagesItem } from './activity-item';
import { foldMessages, mergeNewestFirst } from './fold-messages';
import { useLiveActivity } from './use-live-activity';

const PAGE_SIZE = 25;

export function ActivityPage() {
  const [type, setType] = useState<ActivityEventType | ''>('');
  const now = useNow(30_000);
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(ActivityStreamDocument, {
    variables: { first: PAGE_SIZE, filter: type ? { types: [type] } : null },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const edges = data?.activityStream.edges ?? [];
  const pageInfo = data?.activityStream.pageInfo;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  // New events arrive live; the loaded pages stay as they are below them.
  const live = useLiveActivity(edges[0]?.node.cursor, data !== undefined);
  const rows = useMemo(() => {
    const arrived = type ? live.events.filter((event) => event.type === type) : live.events;
    return foldMessages(mergeNewestFirst(arrived, edges.map((edge) => edge.node)));
  }, [live.events, edges, type]);

  let body;
  if (!data && error) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (!data) body = <Loading label="Loading activity…" />;
  else if (rows.length === 0)
    body = <EmptyState title="Nothing here yet">{type ? <p>No “{ACTIVITY_TYPE_LABELS[type]}” events so far.</p> : <p>Activity appears as visitors talk to your bots.</p>}</EmptyState>;
  else
    body = (
      <>
        <ol className="activity-list" data-testid="activity-list">
          {rows.map((row) => (row.kind === 'event' ? <ActivityItem key={row.key} event={row.event} now={now} /> : <FoldedMessagesItem key={row.key} row={row} now={now} />))}
        </ol>
        {error && <ErrorState error={error} />}
        {live.error && <p className="muted" role="status">Live updates paused: {live.error}</p>}
        {pageInfo?.hasNextPage && (
          <button type="button" className="button button--secondary load-more" disabled={loadingMore} onClick={() => void fetchMore({ variables: { after: pageInfo.endCursor } }).catch(() => {})}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </>
    );

  return (
    <section className="page" aria-labelledby="activity-title">
      <header className="page__header">
        <div>
          <h1 id="activity-title">Activity</h1>
          <p className="page__lead">Everything that happened in your account, newest first, as it happens.</p>
        </div>
        <div className="toolbar">
          <label className="field field--inline">
            <span className="field__label">Event type</span>
            <select aria-label="Event type" value={type} onChange={(event) => setType(event.target.value as ActivityEventType | '')}>
              <option value="">All</option>
              {ACTIVITY_TYPES.map((value) => (
                <option key={value} value={value}>
                  {ACTIVITY_TYPE_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {body}
    </section>
  );
}
