import type { AccountBusinessHoursFragment, BusinessHoursInput, Weekday } from '../graphql/generated/graphql';

export const WEEKDAYS: Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
export const dayLabel = (day: Weekday) => day.charAt(0) + day.slice(1).toLowerCase();

export interface Interval {
  opens: string;
  closes: string;
}

export interface ExceptionDraft {
  date: string;
  closed: boolean;
  intervals: Interval[];
}

/** The form's state: what the admin edits, before it becomes BusinessHoursInput. */
export interface HoursDraft {
  alwaysOpen: boolean;
  timeZone: string;
  weekly: Record<Weekday, Interval[]>;
  exceptions: ExceptionDraft[];
}

export const NINE_TO_FIVE: Interval = { opens: '09:00', closes: '17:00' };

// <input type="time"> has no "24:00": midnight at the end of a day is shown and typed as 00:00.
const shown = (interval: Interval): Interval => ({ opens: interval.opens, closes: interval.closes === '24:00' ? '00:00' : interval.closes });
const stored = (interval: Interval): Interval => ({ opens: interval.opens, closes: interval.closes === '00:00' ? '24:00' : interval.closes });

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The stored hours as a draft; without any, a Monday-to-Friday 9-to-5 to start from. */
export function toDraft(hours: AccountBusinessHoursFragment['businessHours']): HoursDraft {
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as Interval[]])) as Record<Weekday, Interval[]>;
  if (!hours) {
    for (const day of WEEKDAYS.slice(0, 5)) weekly[day] = [NINE_TO_FIVE];
    return { alwaysOpen: true, timeZone: browserTimeZone(), weekly, exceptions: [] };
  }
  for (const interval of hours.weekly) weekly[interval.day].push(shown({ opens: interval.opens, closes: interval.closes }));
  return {
    alwaysOpen: false,
    timeZone: hours.timeZone,
    weekly,
    exceptions: hours.exceptions.map((exception) => ({ date: exception.date, closed: exception.closed, intervals: exception.intervals.map(shown) })),
  };
}

/** The draft as the mutation's input; null when always open. */
export function toInput(draft: HoursDraft): BusinessHoursInput | null {
  if (draft.alwaysOpen) return null;
  return {
    timeZone: draft.timeZone,
    weekly: WEEKDAYS.flatMap((day) => draft.weekly[day].map((interval) => ({ day, ...stored(interval) }))),
    exceptions: draft.exceptions.map((exception) => ({ date: exception.date, closed: exception.closed, intervals: exception.closed ? [] : exception.intervals.map(stored) })),
  };
}

/** Where a userError's field path points, in the admin's words ("Monday, hours 2"). */
export function describeField(draft: HoursDraft, field: readonly string[] | null | undefined): string | null {
  const path = field?.slice(2) ?? [];
  if (path[0] === 'timeZone') return 'Time zone';
  if (path[0] === 'weekly' && path[1] !== undefined) {
    const flat = WEEKDAYS.flatMap((day) => draft.weekly[day].map((_, index) => `${dayLabel(day)}, hours ${index + 1}`));
    return flat[Number(path[1])] ?? null;
  }
  if (path[0] === 'exceptions' && path[1] !== undefined) return `Exception ${draft.exceptions[Number(path[1])]?.date || Number(path[1]) + 1}`;
  return null;
}
