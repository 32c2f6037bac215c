import type { HeadlineFiguresFragment } from '../graphql/generated/graphql';
import { formatCount, formatDelta, formatSeconds, formatShare } from './report-format';
import type { Period } from './report-periods';

/** One period's headline figures and those of the period before it. */
export interface Headline {
  period: Period;
  current: HeadlineFiguresFragment;
  previous: HeadlineFiguresFragment;
}

export interface Metric {
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
