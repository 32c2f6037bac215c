/** Nearest-rank percentile (q from 0 to 1) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** A number for a table: 3 significant digits, thousands separated, no exponent. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** `median [min–max]` of one figure over the rounds, with its unit. */
export function spread(values: readonly number[], unit = ''): string {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return 'n/a';
  const suffix = unit ? ` ${unit}` : '';
  if (finite.length === 1) return `${formatNumber(finite[0])}${suffix}`;
  return `${formatNumber(median(finite))}${suffix} [${formatNumber(Math.min(...finite))}–${formatNumber(Math.max(...finite))}]`;
}

/** Ratios of paired values, round by round. */
export function ratios(numerators: readonly number[], denominators: readonly number[]): number[] {
  return numerators.map((value, index) => value / denominators[index]);
}

/** A ratio over the rounds: `0.13× [0.12–0.14]`. */
export function ratioSpread(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return 'n/a';
  const format = (value: number) => `${formatNumber(value)}×`;
  if (finite.length === 1) return format(finite[0]);
  return `${format(median(finite))} [${formatNumber(Math.min(...finite))}–${formatNumber(Math.max(...finite))}]`;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Runs `task` over `items` with at most `concurrency` at once, in order of start. */
export async function mapLimit<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}
