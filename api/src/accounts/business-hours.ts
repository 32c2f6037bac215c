import { userError, type UserError } from '../errors/user-error';

/** Days of the week, in the order people list opening hours. */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "09:00"–"17:30" in the account's time zone; `closes` may be "24:00" (until midnight). */
export interface TimeInterval {
  opens: string;
  closes: string;
}

export interface OpeningInterval extends TimeInterval {
  day: Weekday;
}

/** A date (in the account's time zone) that does not follow the weekly hours. */
export interface BusinessHoursException {
  /** "2026-12-24" */
  date: string;
  /** Closed all day; otherwise open during `intervals` only. */
  closed: boolean;
  intervals: TimeInterval[];
}

/** Stored as JSON on the account; null there means always open. */
export interface BusinessHours {
  /** IANA name, e.g. "Europe/Berlin". */
  timeZone: string;
  weekly: OpeningInterval[];
  exceptions: BusinessHoursException[];
}

/** Bounds on the input, checked before anything is stored (BAD_USER_INPUT past them). */
export const BUSINESS_HOURS_LIMITS = { weekly: 70, exceptions: 366, intervalsPerException: 10, timeZone: 64 } as const;

export const BusinessHoursErrorCode = {
  INVALID_TIME_ZONE: 'INVALID_TIME_ZONE',
  INVALID_BUSINESS_HOURS: 'INVALID_BUSINESS_HOURS',
} as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since midnight of "HH:MM" (valid input only). */
function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

// Building a formatter is far slower than using one; there are a few hundred zones at most.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'long', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The canonical IANA name of a time zone ("europe/berlin" → "Europe/Berlin"), or null if unknown. */
export function canonicalTimeZone(timeZone: string): string | null {
  if (!timeZone || timeZone.length > BUSINESS_HOURS_LIMITS.timeZone) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The wall-clock date, weekday and minute of the day at `at` in `timeZone`. Intl applies the
 * zone's rules (daylight saving included), so nothing here adds offsets by hand.
 */
export function localTime(timeZone: string, at: Date): { date: string; day: Weekday; minute: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: parts.weekday.toUpperCase() as Weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Whether `at` falls within the business hours; always true without any (null). */
export function isOpen(hours: BusinessHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const { date, day, minute } = localTime(hours.timeZone, at);
  const exception = hours.exceptions.find((candidate) => candidate.date === date);
  const intervals = exception ? (exception.closed ? [] : exception.intervals) : hours.weekly.filter((interval) => interval.day === day);
  return intervals.some((interval) => minutes(interval.opens) <= minute && minute < minutes(interval.closes));
}

/** Valid hours as stored: the canonical zone name, intervals by day and time, exceptions by date. */
export function normalizeBusinessHours(hours: BusinessHours): BusinessHours {
  const byTime = (a: TimeInterval, b: TimeInterval) => a.opens.localeCompare(b.opens);
  return {
    timeZone: canonicalTimeZone(hours.timeZone) ?? hours.timeZone,
    weekly: [...hours.weekly].sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || byTime(a, b)),
    exceptions: hours.exceptions.map((exception) => ({ ...exception, intervals: [...exception.intervals].sort(byTime) })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}

type Path = (string | number)[];

/**
 * Every problem with business hours as given, each naming its field. Intervals run within one
 * day (an overnight opening is two: "22:00"–"24:00" and the next day's "00:00"–"02:00") and
 * may not overlap on the same day.
 */
export function businessHoursErrors(hours: BusinessHours, base: Path): UserError[] {
  const errors: UserError[] = [];
  const invalid = (message: string, ...path: Path) => errors.push(userError(BusinessHoursErrorCode.INVALID_BUSINESS_HOURS, message, [...base, ...path]));
  if (!canonicalTimeZone(hours.timeZone)) {
    errors.push(userError(BusinessHoursErrorCode.INVALID_TIME_ZONE, `"${hours.timeZone.slice(0, 64)}" is not an IANA time zone such as "Europe/Berlin" or "America/New_York".`, [...base, 'timeZone']));
  }
  const intervalErrors = (intervals: TimeInterval[], path: (index: number) => Path, what: string) => {
    const valid: { from: number; to: number; index: number }[] = [];
    intervals.forEach((interval, index) => {
      let ok = true;
      for (const field of ['opens', 'closes'] as const) {
        if (!TIME.test(interval[field])) {
          invalid(`${field} must be a time "HH:MM" from "00:00" to "24:00", not "${interval[field].slice(0, 20)}".`, ...path(index), field);
          ok = false;
        }
      }
      if (ok && minutes(interval.closes) <= minutes(interval.opens)) {
        invalid(`closes (${interval.closes}) must be after opens (${interval.opens}); split an overnight opening in two.`, ...path(index), 'closes');
        ok = false;
      }
      if (ok) valid.push({ from: minutes(interval.opens), to: minutes(interval.closes), index });
    });
    valid.sort((a, b) => a.from - b.from);
    for (let i = 1; i < valid.length; i++) {
      if (valid[i].from < valid[i - 1].to) invalid(`This interval overlaps another one of ${what}.`, ...path(valid[i].index));
    }
  };
  for (const day of WEEKDAYS) {
    const ofDay = hours.weekly.map((interval, index) => ({ interval, index })).filter(({ interval }) => interval.day === day);
    intervalErrors(
      ofDay.map(({ interval }) => interval),
      (index) => ['weekly', ofDay[index].index],
      day.charAt(0) + day.slice(1).toLowerCase(),
    );
  }
  const dates = new Set<string>();
  hours.exceptions.forEach((exception, index) => {
    if (!isCalendarDate(exception.date)) invalid(`date must be a calendar date "YYYY-MM-DD", not "${exception.date.slice(0, 20)}".`, 'exceptions', index, 'date');
    else if (dates.has(exception.date)) invalid(`${exception.date} has another exception already.`, 'exceptions', index, 'date');
    dates.add(exception.date);
    if (exception.closed && exception.intervals.length) invalid('A closed day has no intervals: leave them out, or set closed to false.', 'exceptions', index, 'intervals');
    if (!exception.closed && !exception.intervals.length) invalid('Give the day’s special hours, or set closed to true.', 'exceptions', index, 'intervals');
    intervalErrors(exception.intervals, (i) => ['exceptions', index, 'intervals', i], exception.date);
  });
  return errors;
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
