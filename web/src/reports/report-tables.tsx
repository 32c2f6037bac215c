import type { ReactNode } from 'react';
import type { AgentReportRowFragment, FlowReportRowFragment } from '../graphql/generated/graphql';
import { downloadCsv, toCsv, type CsvCell } from './csv';
import type { Bucket, DayPoint } from './report-charts';
import { formatBucket, formatCount, formatRating, formatSeconds, formatShare } from './report-format';

/** A table's CSV: its header and rows, as the page shows them but with raw numbers. */
export interface CsvTable {
  filename: string;
  header: string[];
  rows: CsvCell[][];
}

export function CsvButton({ table, what }: { table: CsvTable; what: string }) {
  return (
    <button type="button" className="button button--secondary report-csv" onClick={() => downloadCsv(table.filename, toCsv(table.header, table.rows))} aria-label={`Download ${what} as CSV`}>
      Download CSV
    </button>
  );
}

/** A section of the page: a title, its CSV button, then what it shows. */
export function ReportSection({ id, title, hint, csv, children }: { id: string; title: string; hint?: string; csv?: { table: CsvTable; what: string }; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="report-section__head">
        <div>
          <h2 id={`${id}-title`} className="section-title">
            {title}
          </h2>
          {hint && <p className="hint">{hint}</p>}
        </div>
        {csv && <CsvButton table={csv.table} what={csv.what} />}
      </div>
      {children}
    </section>
  );
}

export function dayTable(days: DayPoint[], period: string): CsvTable {
  return { filename: `live-chats-per-day-${period}.csv`, header: ['Day', 'Requested', 'Accepted', 'Missed'], rows: days.map((day) => [day.label, day.requested, day.accepted, day.missed]) };
}

export function DayTable({ days }: { days: DayPoint[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="day-table">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Requested</th>
            <th scope="col">Accepted</th>
            <th scope="col">Missed</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.label} data-testid="day-row" data-day={day.label}>
              <th scope="row">{day.label}</th>
              <td>{formatCount(day.requested)}</td>
              <td>{formatCount(day.accepted)}</td>
              <td>{formatCount(day.missed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function bucketTable(buckets: Bucket[], period: string): CsvTable {
  return {
    filename: `time-to-accept-${period}.csv`,
    header: ['From (seconds)', 'To (seconds)', 'Chats'],
    rows: buckets.map((bucket) => [bucket.fromSeconds, bucket.toSeconds, bucket.chats]),
  };
}

export function BucketTable({ buckets }: { buckets: Bucket[] }) {
  return (
    <table className="table table--compact report-buckets" data-testid="wait-table">
      <thead>
        <tr>
          <th scope="col">Waited</th>
          <th scope="col">Chats</th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((bucket) => (
          <tr key={bucket.fromSeconds} data-testid="wait-row">
            <th scope="row">{formatBucket(bucket.fromSeconds, bucket.toSeconds)}</th>
            <td>{formatCount(bucket.chats)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function agentTable(agents: AgentReportRowFragment[], period: string): CsvTable {
  return {
    filename: `agents-${period}.csv`,
    header: ['Agent', 'Accepted', 'Missed while accepting', 'Median time to accept (s)', 'Median first response (s)', 'Time accepting chats (s)', 'Ratings', 'Average rating'],
    rows: agents.map((row) => [row.agent.name, row.accepted, row.missedWhileAccepting, row.timeToAccept.medianSeconds, row.firstResponse.medianSeconds, row.acceptingSeconds, row.ratings, row.ratingAverage]),
  };
}

export function AgentTable({ agents }: { agents: AgentReportRowFragment[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="agent-table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Accepted</th>
            <th scope="col">Missed while accepting</th>
            <th scope="col">Median time to accept</th>
            <th scope="col">Median first response</th>
            <th scope="col">Time accepting</th>
            <th scope="col">Rating</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((row) => (
            <tr key={row.agent.id} data-testid="agent-row" data-user-id={row.agent.id}>
              <th scope="row">{row.agent.name}</th>
              <td>{formatCount(row.accepted)}</td>
              <td>{formatCount(row.missedWhileAccepting)}</td>
              <td>{formatSeconds(row.timeToAccept.medianSeconds)}</td>
              <td>{formatSeconds(row.firstResponse.medianSeconds)}</td>
              <td>{formatSeconds(row.acceptingSeconds)}</td>
              <td>{formatRating(row.ratingAverage, row.ratings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function flowTable(flows: FlowReportRowFragment[], period: string): CsvTable {
  return {
    filename: `flows-${period}.csv`,
    header: ['Flow', 'Conversations', 'Offered a live chat', 'Accepted the offer', 'Gave details', 'Requested', 'Accepted by the team', 'Missed', 'Messages left'],
    rows: flows.map((row) => [row.flow.name, row.conversations, row.offered, row.offerAccepted, row.detailsGiven, row.requested, row.accepted, row.missed, row.messagesLeft]),
  };
}

export function FlowTable({ flows }: { flows: FlowReportRowFragment[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="flow-table">
        <thead>
          <tr>
            <th scope="col">Flow</th>
            <th scope="col">Conversations</th>
            <th scope="col">Offered a chat</th>
            <th scope="col">Accepted the offer</th>
            <th scope="col">Gave details</th>
            <th scope="col">Accepted by the team</th>
            <th scope="col">Missed</th>
            <th scope="col">Messages left</th>
          </tr>
        </thead>
        <tbody>
          {flows.map((row) => (
            <tr key={row.flow.id} data-testid="flow-row" data-flow-id={row.flow.id}>
              <th scope="row">{row.flow.name}</th>
              <td>{formatCount(row.conversations)}</td>
              <td>{formatCount(row.offered)}</td>
              <td>{`${formatCount(row.offerAccepted)} (${formatShare(row.offerAccepted, row.offered)})`}</td>
              <td>{formatCount(row.detailsGiven)}</td>
              <td>{`${formatCount(row.accepted)} of ${formatCount(row.requested)}`}</td>
              <td>{formatCount(row.missed)}</td>
              <td>{formatCount(row.messagesLeft)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
