import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../errors/graphql-errors';
import { Flow } from '../flows/flow.entity';
import { User } from '../users/user.entity';
import { reportScope } from './live-chat-report.input';
import { agentsSql, figuresSql, flowsSql, positional, REPORT_SETTINGS, TIME_TO_ACCEPT_BUCKETS, timeToAcceptDistributionSql, type PeriodBucket, type ReportSql } from './live-chat-report.sql';
import {
  LiveChatAgentRow,
  LiveChatFlowRow,
  LiveChatPeriodRow,
  LiveChatReport,
  LiveChatReportGrouping,
  type DurationBucket,
  type DurationSummary,
  type LiveChatFigures,
  type LiveChatReportInput,
  type ReportScope,
} from './live-chat-report.types';

type Row = Record<string, unknown>;

/**
 * Live-chat reports: each part of a report is one aggregate statement (live-chat-report.sql.ts)
 * run by PostgreSQL in a read-only transaction with a statement timeout; the process only
 * maps the few rows it returns (a bucket, agent or flow each) to the schema's types.
 */
export class LiveChatReportService {
  /** The report the caller asked for, validated; its parts are computed when selected. */
  report(accountId: string, input: LiveChatReportInput): LiveChatReport {
    const scope = reportScope(accountId, input);
    return Object.assign(new LiveChatReport(), { from: scope.from, to: scope.to, timeZone: scope.timeZone, groupBy: input.groupBy, scope });
  }

  /** With `rows` by day or hour, both come from one statement (see figuresSql), run once per report. */
  async totals(em: EntityManager, report: LiveChatReport): Promise<LiveChatFigures> {
    const rows = isPeriod(report.groupBy) ? await this.periodFigures(em, report) : await this.query(em, figuresSql(report.scope, null));
    return figures(rows.find((row) => row.is_total));
  }

  async rows(em: EntityManager, report: LiveChatReport): Promise<(LiveChatPeriodRow | LiveChatAgentRow | LiveChatFlowRow)[]> {
    switch (report.groupBy) {
      case LiveChatReportGrouping.DAY:
      case LiveChatReportGrouping.HOUR:
        return this.periods(em, report);
      case LiveChatReportGrouping.AGENT:
        return this.agents(em, report.scope);
      case LiveChatReportGrouping.FLOW:
        return this.flows(em, report.scope);
    }
  }

  async timeToAcceptDistribution(em: EntityManager, scope: ReportScope): Promise<DurationBucket[]> {
    const counts = new Map((await this.query(em, timeToAcceptDistributionSql(scope))).map((row) => [Number(row.bucket), Number(row.chats)]));
    const bounds = [0, ...TIME_TO_ACCEPT_BUCKETS];
    return bounds.map((fromSeconds, index) => ({ fromSeconds, toSeconds: TIME_TO_ACCEPT_BUCKETS[index] ?? null, chats: counts.get(index) ?? 0 }));
  }

  /** The totals and the rows of a report by day or hour: one statement, shared by both fields. */
  private periodFigures(em: EntityManager, report: LiveChatReport): Promise<Row[]> {
    report.periodFigures ??= this.query(em, figuresSql(report.scope, report.groupBy as PeriodBucket));
    return report.periodFigures;
  }

  private async periods(em: EntityManager, report: LiveChatReport): Promise<LiveChatPeriodRow[]> {
    const bucket = report.groupBy as PeriodBucket;
    const rows = (await this.periodFigures(em, report)).filter((row) => !row.is_total);
    return rows.map((row) =>
      Object.assign(new LiveChatPeriodRow(), {
        start: new Date(row.start as string),
        end: new Date(row.end as string),
        label: bucket === 'DAY' ? String(row.label) : `${String(row.label)}${utcOffset(Number(row.utc_offset))}`,
        figures: figures(row),
      }),
    );
  }

  private async agents(em: EntityManager, scope: ReportScope): Promise<LiveChatAgentRow[]> {
    const rows = await this.query(em, agentsSql(scope));
    const users = new Map((await em.find(User, { id: { $in: rows.map((row) => String(row.user_id)) }, account: scope.accountId })).map((user) => [user.id, user]));
    return rows.flatMap((row) => {
      const agent = users.get(String(row.user_id));
      if (!agent) return [];
      return [
        Object.assign(new LiveChatAgentRow(), {
          agent,
          accepted: int(row.accepted),
          missedWhileAccepting: int(row.missed),
          acceptingSeconds: seconds(row.accepting_seconds) ?? 0,
          timeToAccept: duration(row, 'wait'),
          firstResponse: duration(row, 'first_response'),
          chatDuration: duration(row, 'duration'),
          ratings: int(row.ratings),
          ratingAverage: ratio(row.rating_average),
        }),
      ];
    });
  }

  private async flows(em: EntityManager, scope: ReportScope): Promise<LiveChatFlowRow[]> {
    const rows = await this.query(em, flowsSql(scope));
    const flows = new Map((await em.find(Flow, { id: { $in: rows.map((row) => String(row.flow_id)) }, account: scope.accountId })).map((flow) => [flow.id, flow]));
    return rows.flatMap((row) => {
      const flow = flows.get(String(row.flow_id));
      if (!flow) return [];
      return [
        Object.assign(new LiveChatFlowRow(), {
          flow,
          conversations: int(row.conversations),
          offered: int(row.offered),
          offerAccepted: int(row.offer_accepted),
          detailsGiven: int(row.details_given),
          requested: int(row.requested),
          accepted: int(row.accepted),
          missed: int(row.missed),
          messagesLeft: int(row.messages_left),
        }),
      ];
    });
  }

  /** Runs one report statement: read-only, bounded in time, on a pooled connection of its own (parts run side by side). */
  private async query(em: EntityManager, statement: ReportSql): Promise<Row[]> {
    const knex = em.getConnection().getKnex();
    const { sql, bindings } = positional(statement);
    try {
      return await knex.transaction(
        async (trx) => {
          await trx.raw(REPORT_SETTINGS);
          const result = (await trx.raw(sql, bindings as Knex.ValueDict[])) as { rows: Row[] };
          return result.rows;
        },
        { readOnly: true },
      );
    } catch (error) {
      // A zone name the runtime knows but this PostgreSQL does not (their tz databases differ).
      const { code, message } = error as { code?: string; message?: string };
      if (code === '22023' && /time zone/i.test(message ?? '')) {
        throw badUserInput('This time zone is not known to the database: give another IANA name.', { reason: 'INVALID_TIME_ZONE', argumentName: 'input', field: ['input', 'timeZone'] });
      }
      throw error;
    }
  }
}

function int(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Seconds to the millisecond (timestamps carry microseconds). */
function seconds(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 1000;
}

function ratio(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 1e6) / 1e6;
}

function isPeriod(grouping: LiveChatReportGrouping): boolean {
  return grouping === LiveChatReportGrouping.DAY || grouping === LiveChatReportGrouping.HOUR;
}

function duration(row: Row | undefined, column: string): DurationSummary {
  const [median, p90] = (row?.[`${column}_percentiles`] as (number | string)[] | null | undefined) ?? [];
  return {
    count: int(row?.[`${column}_count`]),
    medianSeconds: seconds(median),
    p90Seconds: seconds(p90),
    maxSeconds: seconds(row?.[`${column}_max`]),
    averageSeconds: seconds(row?.[`${column}_average`]),
  };
}

function figures(row: Row | undefined): LiveChatFigures {
  return {
    requested: int(row?.requested),
    accepted: int(row?.accepted),
    missed: int(row?.missed),
    abandoned: int(row?.abandoned),
    dismissed: int(row?.dismissed),
    waiting: int(row?.waiting),
    timeToAccept: duration(row, 'wait'),
    firstResponse: duration(row, 'first_response'),
    chatDuration: duration(row, 'duration'),
    messagesPerChat: ratio(row?.messages_per_chat),
    offlineMessages: int(row?.offline_messages),
    ratings: int(row?.ratings),
    ratingAverage: ratio(row?.rating_average),
  };
}

/** `+02:00`, `-03:30`, `+00:00`. */
function utcOffset(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(totalSeconds) / 60);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
