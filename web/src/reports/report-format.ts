/** How the Reports page writes its figures (the browser tests write the API's the same way). */

const count = new Intl.NumberFormat('en-US');
const MINUS = '\u2212';

/** "1,234". */
export function formatCount(value: number): string {
  return count.format(value);
}

/** "—" without a value; "4.5 s", "12 s", "1 min 20 s", "2 h 5 min". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 10 && !Number.isInteger(seconds)) return `${Math.round(seconds * 10) / 10} s`;
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return total % 60 ? `${minutes} min ${total % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** "80%" of requested chats accepted; "—" with none requested. */
export function formatShare(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '—';
}

/** "4.5 (2)": a mean score and how many ratings; "—" without any. */
export function formatRating(average: number | null | undefined, ratings: number): string {
  return average === null || average === undefined ? '—' : `${Math.round(average * 10) / 10} (${formatCount(ratings)})`;
}

/**
 * The change against the previous period, in words: "+3 vs yesterday", "−1 vs yesterday",
 * "same as yesterday"; for durations "+5 s vs yesterday", and "none yesterday" when the previous
 * period had nothing to measure.
 */
export function formatDelta(kind: 'count' | 'seconds', current: number | null, previous: number | null, previousLabel: string): string {
  if (current === null) return '';
  if (previous === null) return `none ${previousLabel}`;
  const difference = kind === 'seconds' ? Math.round(current) - Math.round(previous) : current - previous;
  if (difference === 0) return `same as ${previousLabel}`;
  const sign = difference > 0 ? '+' : MINUS;
  const amount = kind === 'seconds' ? formatSeconds(Math.abs(difference)) : formatCount(Math.abs(difference));
  return `${sign}${amount} vs ${previousLabel}`;
}

/** Whether the change is good news: more accepted is, more missed or longer waits are not. */
export function deltaTone(current: number | null, previous: number | null, higherIsBetter: boolean): 'up' | 'down' | 'flat' {
  if (current === null || previous === null || current === previous) return 'flat';
  return current > previous === higherIsBetter ? 'up' : 'down';
}

const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Oct 25" for a row's `label` ("2026-10-25", a local date). */
export function formatDay(label: string): string {
  return dayLabel.format(new Date(`${label.slice(0, 10)}T00:00:00Z`));
}

/** "< 10 s", "10–30 s", "1–2 min", "10 min +": a distribution bucket. */
export function formatBucket(fromSeconds: number, toSeconds: number | null): string {
  const short = (seconds: number) => (seconds < 60 ? `${seconds} s` : `${seconds / 60} min`);
  if (toSeconds === null) return `${short(fromSeconds)} +`;
  if (fromSeconds === 0) return `< ${short(toSeconds)}`;
  if (toSeconds <= 60) return `${fromSeconds}–${toSeconds} s`;
  if (fromSeconds >= 60) return `${fromSeconds / 60}–${toSeconds / 60} min`;
  return `${short(fromSeconds)}–${short(toSeconds)}`;
}
