import { badUserInput } from '../errors/graphql-errors';
import { LiveChatReportGrouping, type LiveChatReportInput, type ReportScope } from './live-chat-report.types';

/** Bounds of a report's period, so one report reads at most a bounded slice of an account. */
export const REPORT_LIMITS = {
  /** Days from `from` to `to`, for every grouping but HOUR. */
  maxDays: 400,
  /** Days for `groupBy: HOUR` (744 rows at most). */
  maxHourDays: 31,
  maxTimeZoneLength: 64,
} as const;

const DAY_MS = 86_400_000;
// ISO years of four digits: what PostgreSQL and every client read alike.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);
// An IANA name (`Europe/Berlin`, `America/Argentina/Buenos_Aires`, `UTC`, `Etc/GMT+5`): never a
// bare offset, which PostgreSQL reads as a POSIX zone with the sign the other way round.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Why a report's input was refused: `extensions.reason` of the BAD_USER_INPUT error. */
export const ReportInputError = {
  INVALID_RANGE: 'INVALID_RANGE',
  RANGE_TOO_LONG: 'RANGE_TOO_LONG',
  INVALID_TIME_ZONE: 'INVALID_TIME_ZONE',
} as const;

function refuse(reason: keyof typeof ReportInputError, message: string, field: string) {
  return badUserInput(message, { reason, argumentName: 'input', field: ['input', field] });
}

/** Whether the zone is a name both the JavaScript runtime and (by its shape) PostgreSQL know. */
export function isTimeZoneName(timeZone: string): boolean {
  if (!timeZone || timeZone.length > REPORT_LIMITS.maxTimeZoneLength || !ZONE_NAME.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The account's scope of a report, or a BAD_USER_INPUT error (with `extensions.reason` and
 * `extensions.field`): `from` before `to`, both within years 1970–9999, at most
 * REPORT_LIMITS.maxDays apart (maxHourDays by hour), and a known IANA time zone.
 */
export function reportScope(accountId: string, input: LiveChatReportInput): ReportScope {
  const from = input.from.getTime();
  const to = input.to.getTime();
  if (!Number.isFinite(from) || from < EARLIEST || from > LATEST) throw refuse('INVALID_RANGE', '`from` must be a time between the years 1970 and 9999.', 'from');
  if (!Number.isFinite(to) || to < EARLIEST || to > LATEST) throw refuse('INVALID_RANGE', '`to` must be a time between the years 1970 and 9999.', 'to');
  if (to <= from) throw refuse('INVALID_RANGE', '`to` must be after `from` (the period is from `from`, included, to `to`, excluded).', 'to');
  const maxDays = input.groupBy === LiveChatReportGrouping.HOUR ? REPORT_LIMITS.maxHourDays : REPORT_LIMITS.maxDays;
  if (to - from > maxDays * DAY_MS) {
    const grouping = input.groupBy === LiveChatReportGrouping.HOUR ? ' by hour' : '';
    throw refuse('RANGE_TOO_LONG', `A report${grouping} covers at most ${maxDays} days: ask for a shorter period, or group by day.`, 'to');
  }
  const timeZone = input.timeZone.trim();
  if (!isTimeZoneName(timeZone)) throw refuse('INVALID_TIME_ZONE', `"${timeZone.slice(0, REPORT_LIMITS.maxTimeZoneLength)}" is not a time zone: give an IANA name such as Europe/Berlin or UTC.`, 'timeZone');
  return { accountId, from: input.from, to: input.to, timeZone };
}
