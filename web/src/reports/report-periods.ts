/** The periods the Reports page compares, counted in the browser's own time zone. */
export type PeriodKey = 'today' | 'week' | 'month';

export interface Range {
  from: string;
  to: string;
}

export interface Period {
  key: PeriodKey;
  label: string;
  /** What the previous period is called in the deltas ("yesterday", "the 7 days before"). */
  previousLabel: string;
  /** Days in the period, today included. */
  days: number;
  current: Range;
  /** As long as the current one, ending `days` calendar days earlier: the same hours of the day. */
  previous: Range;
}

export const PERIODS: { key: PeriodKey; label: string; previousLabel: string; days: number }[] = [
  { key: 'today', label: 'Today', previousLabel: 'yesterday', days: 1 },
  { key: 'week', label: '7 days', previousLabel: 'the 7 days before', days: 7 },
  { key: 'month', label: '30 days', previousLabel: 'the 30 days before', days: 30 },
];

/** The zone the browser counts days in, e.g. `Europe/Berlin`. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `now` moved by whole calendar days in the local time zone (the same clock time, across DST). */
function shiftDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
}

/** Local midnight `days` days after the day of `date`. */
function midnight(date: Date, days = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/**
 * Today so far, the last 7 and 30 days (today included, so far), each with the period just
 * before it over the same span: today until now against yesterday until the same time.
 */
export function periodsAt(now: Date): Record<PeriodKey, Period> {
  const periods = PERIODS.map(({ key, label, previousLabel, days }): Period => {
    const start = midnight(now, 1 - days);
    return {
      key,
      label,
      previousLabel,
      days,
      current: { from: start.toISOString(), to: now.toISOString() },
      previous: { from: midnight(now, 1 - 2 * days).toISOString(), to: shiftDays(now, -days).toISOString() },
    };
  });
  return Object.fromEntries(periods.map((period) => [period.key, period])) as Record<PeriodKey, Period>;
}
