import type { HeadlineFiguresFragment } from '../graphql/generated/graphql';
import type { Period, PeriodKey } from './report-periods';
import { deltaTone, formatCount, formatDelta, formatSeconds, formatShare } from './report-format';
import type { CsvTable } from './report-tables';

export interface Headline {
  period: Period;
  current: HeadlineFiguresFragment;
  previous: HeadlineFiguresFragment;
}

interface Metric {
  key: string;
  label: string;
  kind: 'count' | 'seconds';
  /** null: neither good nor bad (more requests is demand, not merit). */
  higherIsBetter: boolean | null;
  value: (figures: HeadlineFiguresFragment) => number | null;
}

export const HEADLINE_METRICS: Metric[] = [
  { key: 'requested', label: 'Chats requested', kind: 'count', higherIsBetter: null, value: (f) => f.requested },
  { key: 'accepted', label: 'Accepted', kind: 'count', higherIsBetter: true, value: (f) => f.accepted },
  { key: 'missed', label: 'Missed', kind: 'count', higherIsBetter: false, value: (f) => f.missed },
  { key: 'timeToAccept', label: 'Median time to accept', kind: 'seconds', higherIsBetter: false, value: (f) => f.timeToAccept.medianSeconds ?? null },
  { key: 'firstResponse', label: 'Median first response', kind: 'seconds', higherIsBetter: false, value: (f) => f.firstResponse.medianSeconds ?? null },
];

/** What a metric's value reads as on its card (the browser tests compare it with the API's). */
export function metricText(metric: Metric, figures: HeadlineFiguresFragment): string {
  const value = metric.value(figures);
  if (metric.kind === 'seconds') return formatSeconds(value);
  if (metric.key === 'accepted') return `${formatCount(value ?? 0)} (${formatShare(value ?? 0, figures.requested)})`;
  return formatCount(value ?? 0);
}

export function deltaText(metric: Metric, headline: Headline): string {
  return formatDelta(metric.kind, metric.value(headline.current), metric.value(headline.previous), headline.period.previousLabel);
}

/** Today, 7 days and 30 days side by side (stacked on a phone), each against the period before. */
export function HeadlineCards({ headlines }: { headlines: Headline[] }) {
  return (
    <div className="report-headlines">
      {headlines.map((headline) => (
        <section
          key={headline.period.key}
          className="card report-headline"
          aria-labelledby={`headline-${headline.period.key}`}
          data-testid={`headline-${headline.period.key}`}
          data-from={headline.period.current.from}
          data-to={headline.period.current.to}
          data-previous-from={headline.period.previous.from}
          data-previous-to={headline.period.previous.to}
        >
          <h2 id={`headline-${headline.period.key}`} className="card__title">
            {headline.period.label}
          </h2>
          <dl className="report-headline__metrics">
            {HEADLINE_METRICS.map((metric) => {
              const tone = metric.higherIsBetter === null ? 'flat' : deltaTone(metric.value(headline.current), metric.value(headline.previous), metric.higherIsBetter);
              return (
                <div key={metric.key} className="report-headline__metric" data-metric={metric.key}>
                  <dt>{metric.label}</dt>
                  <dd>
                    <span className="report-headline__value" data-testid="metric-value">
                      {metricText(metric, headline.current)}
                    </span>
                    <span className={`report-delta report-delta--${tone}`} data-testid="metric-delta">
                      {deltaText(metric, headline)}
                    </span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}

export function headlineTable(headlines: Headline[]): CsvTable {
  const figures = (f: HeadlineFiguresFragment) => [f.requested, f.accepted, f.missed, f.abandoned, f.timeToAccept.medianSeconds, f.firstResponse.medianSeconds];
  return {
    filename: 'live-chat-headlines.csv',
    header: ['Period', 'Span', 'From', 'To', 'Requested', 'Accepted', 'Missed', 'Abandoned', 'Median time to accept (s)', 'Median first response (s)'],
    rows: headlines.flatMap(({ period, current, previous }) => [
      [period.label, 'current', period.current.from, period.current.to, ...figures(current)],
      [period.label, 'previous', period.previous.from, period.previous.to, ...figures(previous)],
    ]),
  };
}

export type { PeriodKey };
