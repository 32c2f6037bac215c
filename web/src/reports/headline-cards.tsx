import type { HeadlineFiguresFragment } from '../graphql/generated/graphql';
import { deltaText, HEADLINE_METRICS, metricText, type Headline } from './headline-metrics';
import { deltaTone } from './report-format';
import type { CsvTable } from './report-tables';

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
