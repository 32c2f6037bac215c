import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucket, formatDay } from './report-format';

// The inbox's own colours (styles.css): accent, success, danger.
const COLORS = { requested: '#3451d1', accepted: '#1f7535', missed: '#c0262d' } as const;

export interface DayPoint {
  label: string;
  requested: number;
  accepted: number;
  missed: number;
}

/** Requested, accepted and missed chats per day, as grouped bars. */
export function DailyChart({ days }: { days: DayPoint[] }) {
  const data = days.map((day) => ({ ...day, day: formatDay(day.label) }));
  return (
    <div className="report-chart" data-testid="daily-chart" role="img" aria-label="Chart of live chats requested, accepted and missed per day (the table below has the numbers)">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dbe1e8" />
          <XAxis dataKey="day" tick={{ fontSize: 12, fill: '#566375' }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#566375' }} />
          <Tooltip />
          {/* In the bars' order, not alphabetical. */}
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          <Bar dataKey="requested" name="Requested" fill={COLORS.requested} isAnimationActive={false} />
          <Bar dataKey="accepted" name="Accepted" fill={COLORS.accepted} isAnimationActive={false} />
          <Bar dataKey="missed" name="Missed" fill={COLORS.missed} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface Bucket {
  fromSeconds: number;
  toSeconds: number | null;
  chats: number;
}

/** How long accepted chats waited, one bar per bucket, with its count on top. */
export function WaitDistributionChart({ buckets }: { buckets: Bucket[] }) {
  const data = buckets.map((bucket) => ({ name: formatBucket(bucket.fromSeconds, bucket.toSeconds), chats: bucket.chats }));
  return (
    <div className="report-chart" data-testid="wait-chart" role="img" aria-label="Chart of how long accepted chats waited (the table beside it has the numbers)">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 20, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dbe1e8" />
          <XAxis dataKey="name" tick={{ fontSize: 11, fill: '#566375' }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#566375' }} />
          <Tooltip />
          <Bar dataKey="chats" name="Chats" fill={COLORS.requested} isAnimationActive={false}>
            <LabelList dataKey="chats" position="top" style={{ fontSize: 12, fill: '#1b2430' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
