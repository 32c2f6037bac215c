import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import type { ReportDetailsQuery } from '../graphql/generated/graphql';
import { ErrorState, Loading } from '../ui/states';
import { DailyChart, WaitDistributionChart, type DayPoint } from './report-charts';
import { HeadlineCards, headlineTable } from './headline-cards';
import type { Headline } from './headline-metrics';
import { browserTimeZone, periodsAt, type Period, type PeriodKey, type Range } from './report-periods';
import { AgentTable, agentTable, BucketTable, bucketTable, DayTable, dayTable, FlowTable, flowTable, ReportSection } from './report-tables';
import { ReportDetailsDocument, ReportHeadlinesDocument } from './reports.documents';
import './reports.css';

const input = (range: Range, timeZone: string, groupBy: 'DAY' | 'AGENT' | 'FLOW') => ({ ...range, timeZone, groupBy });

/**
 * Reports: how fast the team answers and what it misses. Headline numbers for today, 7 and
 * 30 days against the period before; then, for the chosen period, chats per day, how long the
 * accepted ones waited, each agent and each flow's funnel. Every table downloads as CSV.
 * Figures are computed by the API when asked (`liveChatReport`): nothing polls; Refresh does.
 */
export function ReportsPage() {
  const timeZone = useMemo(browserTimeZone, []);
  const [now, setNow] = useState(() => new Date());
  const [selected, setSelected] = useState<PeriodKey>('month');
  const periods = useMemo(() => periodsAt(now), [now]);
  const chosen = periods[selected];
  const { today, week, month } = periods;

  const headlines = useQuery(ReportHeadlinesDocument, {
    variables: {
      today: input(today.current, timeZone, 'DAY'),
      todayBefore: input(today.previous, timeZone, 'DAY'),
      week: input(week.current, timeZone, 'DAY'),
      weekBefore: input(week.previous, timeZone, 'DAY'),
      month: input(month.current, timeZone, 'DAY'),
      monthBefore: input(month.previous, timeZone, 'DAY'),
    },
    fetchPolicy: 'network-only',
  });
  const details = useQuery(ReportDetailsDocument, {
    variables: { byDay: input(chosen.current, timeZone, 'DAY'), byAgent: input(chosen.current, timeZone, 'AGENT'), byFlow: input(chosen.current, timeZone, 'FLOW') },
    fetchPolicy: 'network-only',
  });

  const headlineData = headlines.data;
  const cards: Headline[] | null = headlineData
    ? [
        { period: today, current: headlineData.today.totals, previous: headlineData.todayBefore.totals },
        { period: week, current: headlineData.week.totals, previous: headlineData.weekBefore.totals },
        { period: month, current: headlineData.month.totals, previous: headlineData.monthBefore.totals },
      ]
    : null;

  return (
    <section className="page page--wide" aria-labelledby="reports-title">
      <header className="page__header">
        <div>
          <h1 id="reports-title">Reports</h1>
          <p className="page__lead" data-testid="reports-lead">
            Live chats, counted in your time zone ({timeZone}), as of {now.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' })}.
          </p>
        </div>
        <button type="button" className="button button--secondary" onClick={() => setNow(new Date())} disabled={headlines.loading || details.loading}>
          Refresh
        </button>
      </header>

      <ReportSection id="report-headlines" title="At a glance" hint="Each period against the one before it, over the same hours." csv={cards ? { table: headlineTable(cards), what: 'the headline numbers' } : undefined}>
        {cards ? <HeadlineCards headlines={cards} /> : headlines.error ? <ErrorState error={headlines.error} onRetry={() => void headlines.refetch()} /> : <Loading label="Loading the numbers…" />}
      </ReportSection>

      <div className="report-periods" role="group" aria-label="Period shown below">
        <span className="muted">Details for</span>
        {[today, week, month].map((period) => (
          <button key={period.key} type="button" className={`button report-period${period.key === selected ? ' report-period--selected' : ''}`} aria-pressed={period.key === selected} onClick={() => setSelected(period.key)}>
            {period.label}
          </button>
        ))}
      </div>
      <Details period={chosen} data={details.data} error={details.error} onRetry={() => void details.refetch()} />
    </section>
  );
}

function Details({ period, data, error, onRetry }: { period: Period; data: ReportDetailsQuery | undefined; error?: { message: string }; onRetry: () => void }) {
  if (!data) return error ? <ErrorState error={error} onRetry={onRetry} /> : <Loading label="Loading the details…" />;
  const days: DayPoint[] = data.byDay.rows.flatMap((row) => (row.__typename === 'LiveChatPeriodRow' ? [{ label: row.label, ...row.figures }] : []));
  const buckets = data.byDay.timeToAcceptDistribution;
  const agents = data.byAgent.rows.flatMap((row) => (row.__typename === 'LiveChatAgentRow' ? [row] : []));
  const flows = data.byFlow.rows.flatMap((row) => (row.__typename === 'LiveChatFlowRow' ? [row] : []));
  const name = period.key;
  return (
    <div className="report-details" data-testid="report-details" data-period={period.key} data-from={period.current.from} data-to={period.current.to}>
      <ReportSection id="report-days" title="Chats per day" hint="Requested, accepted and missed (nobody accepted before the timeout)." csv={{ table: dayTable(days, name), what: 'chats per day' }}>
        <DailyChart days={days} />
        <details className="report-table-toggle">
          <summary>Show the numbers</summary>
          <DayTable days={days} />
        </details>
      </ReportSection>

      <ReportSection id="report-wait" title="Time to accept" hint="How long the accepted chats waited in the inbox." csv={{ table: bucketTable(buckets, name), what: 'the time-to-accept distribution' }}>
        <div className="report-wait">
          <WaitDistributionChart buckets={buckets} />
          <BucketTable buckets={buckets} />
        </div>
      </ReportSection>

      <ReportSection id="report-agents" title="By agent" hint="The chats each person accepted, and the ones that timed out while they were accepting." csv={{ table: agentTable(agents, name), what: 'the agents table' }}>
        <AgentTable agents={agents} />
      </ReportSection>

      <ReportSection id="report-flows" title="By flow" hint="Conversations started on each flow, and how far their visitors got towards a chat." csv={{ table: flowTable(flows, name), what: 'the flows table' }}>
        <FlowTable flows={flows} />
      </ReportSection>
    </div>
  );
}
