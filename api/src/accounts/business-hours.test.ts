import { businessHoursErrors, canonicalTimeZone, isOpen, localTime, normalizeBusinessHours, type BusinessHours, type OpeningInterval, type Weekday } from './business-hours';

const WORKDAYS: Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const nineToFive = (timeZone: string, extra: Partial<BusinessHours> = {}): BusinessHours => ({
  timeZone,
  weekly: WORKDAYS.map((day): OpeningInterval => ({ day, opens: '09:00', closes: '17:00' })),
  exceptions: [],
  ...extra,
});
const at = (iso: string) => new Date(iso);

describe('isOpen', () => {
  it('is always open without business hours', () => {
    expect(isOpen(null, at('2026-12-25T03:00:00Z'))).toBe(true);
    expect(isOpen(undefined, at('2026-12-25T03:00:00Z'))).toBe(true);
  });

  it('reads the wall clock of the account’s zone, opening inclusive and closing exclusive', () => {
    const berlin = nineToFive('Europe/Berlin');
    // Wednesday 2 December 2026: Berlin is UTC+1.
    expect(isOpen(berlin, at('2026-12-02T07:59:00Z'))).toBe(false); // 08:59
    expect(isOpen(berlin, at('2026-12-02T08:00:00Z'))).toBe(true); // 09:00
    expect(isOpen(berlin, at('2026-12-02T15:59:00Z'))).toBe(true); // 16:59
    expect(isOpen(berlin, at('2026-12-02T16:00:00Z'))).toBe(false); // 17:00
    // The same instant is Wednesday morning in Berlin and Tuesday night in Los Angeles.
    expect(isOpen(nineToFive('America/Los_Angeles'), at('2026-12-02T08:00:00Z'))).toBe(false);
    // Saturday and Sunday have no intervals.
    expect(isOpen(berlin, at('2026-12-05T10:00:00Z'))).toBe(false);
  });

  it('follows daylight saving: the same UTC time is before opening in winter and after it in summer (Europe/Berlin)', () => {
    const berlin = nineToFive('Europe/Berlin');
    // Clocks go forward on Sunday 29 March 2026. 07:30 UTC is 08:30 on Friday the 27th (CET)…
    expect(localTime('Europe/Berlin', at('2026-03-27T07:30:00Z'))).toEqual({ date: '2026-03-27', day: 'FRIDAY', minute: 8 * 60 + 30 });
    expect(isOpen(berlin, at('2026-03-27T07:30:00Z'))).toBe(false);
    // …and 09:30 on Monday the 30th (CEST).
    expect(localTime('Europe/Berlin', at('2026-03-30T07:30:00Z'))).toEqual({ date: '2026-03-30', day: 'MONDAY', minute: 9 * 60 + 30 });
    expect(isOpen(berlin, at('2026-03-30T07:30:00Z'))).toBe(true);
    // At 15:30 UTC Berlin has closed in summer (17:30) but not in winter (16:30).
    expect(isOpen(berlin, at('2026-03-27T15:30:00Z'))).toBe(true);
    expect(isOpen(berlin, at('2026-03-30T15:30:00Z'))).toBe(false);
  });

  it('follows daylight saving on the night of the change itself (America/New_York, 1 November 2026)', () => {
    // Open around the change: 00:00–01:30 and 02:00–03:00 on Sunday.
    const hours: BusinessHours = {
      timeZone: 'America/New_York',
      weekly: [
        { day: 'SUNDAY', opens: '00:00', closes: '01:30' },
        { day: 'SUNDAY', opens: '02:00', closes: '03:00' },
      ],
      exceptions: [],
    };
    // 01:15 happens twice (EDT at 05:15 UTC, EST at 06:15 UTC): open both times.
    expect(isOpen(hours, at('2026-11-01T05:15:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-11-01T06:15:00Z'))).toBe(true);
    // 01:45 EST (06:45 UTC) is closed; 02:30 EST (07:30 UTC) open. Without the zone's rules,
    // a fixed EDT offset would read 02:45 and 03:30 instead.
    expect(isOpen(hours, at('2026-11-01T06:45:00Z'))).toBe(false);
    expect(isOpen(hours, at('2026-11-01T07:30:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-11-01T08:30:00Z'))).toBe(false);
  });

  it('lets an exception close a day or replace its hours, on the local date', () => {
    const hours = nineToFive('Europe/Berlin', {
      exceptions: [
        { date: '2026-12-24', closed: false, intervals: [{ opens: '09:00', closes: '12:00' }] },
        { date: '2026-12-25', closed: true, intervals: [] },
        { date: '2026-12-26', closed: false, intervals: [{ opens: '10:00', closes: '14:00' }] },
      ],
    });
    expect(isOpen(hours, at('2026-12-24T10:00:00Z'))).toBe(true); // Thursday 11:00
    expect(isOpen(hours, at('2026-12-24T12:00:00Z'))).toBe(false); // 13:00: half a day
    expect(isOpen(hours, at('2026-12-25T10:00:00Z'))).toBe(false); // Friday, closed
    expect(isOpen(hours, at('2026-12-26T10:00:00Z'))).toBe(true); // Saturday, special hours
    // The exception applies to the local date: 23:30 UTC on the 25th is already the 26th in Berlin.
    const late = nineToFive('Europe/Berlin', { exceptions: [{ date: '2026-12-26', closed: false, intervals: [{ opens: '00:00', closes: '01:00' }] }] });
    expect(isOpen(late, at('2026-12-25T23:30:00Z'))).toBe(true);
    expect(isOpen(late, at('2026-12-26T23:30:00Z'))).toBe(false);
    // The day after is a normal Monday again.
    expect(isOpen(hours, at('2026-12-28T10:00:00Z'))).toBe(true);
  });

  it('opens until midnight with "24:00", and an overnight opening as two intervals', () => {
    const hours: BusinessHours = {
      timeZone: 'UTC',
      weekly: [
        { day: 'FRIDAY', opens: '22:00', closes: '24:00' },
        { day: 'SATURDAY', opens: '00:00', closes: '02:00' },
      ],
      exceptions: [],
    };
    expect(isOpen(hours, at('2026-12-04T23:59:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-12-05T00:00:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-12-05T01:59:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-12-05T02:00:00Z'))).toBe(false);
    expect(isOpen(hours, at('2026-12-04T21:59:00Z'))).toBe(false);
  });
});

describe('business hours validation', () => {
  const errors = (hours: BusinessHours) => businessHoursErrors(hours, ['input', 'businessHours']).map(({ code, field }) => ({ code, field }));

  it('accepts sensible hours and names the canonical zone', () => {
    expect(errors(nineToFive('Europe/Berlin'))).toEqual([]);
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(normalizeBusinessHours(nineToFive('america/new_york')).timeZone).toBe('America/New_York');
  });

  it('refuses an unknown time zone', () => {
    for (const timeZone of ['Mars/Olympus', '', 'Europe/Berlin; drop table', '+25:00']) {
      expect(errors(nineToFive(timeZone))).toEqual([{ code: 'INVALID_TIME_ZONE', field: ['input', 'businessHours', 'timeZone'] }]);
    }
  });

  it('names each bad time, empty or reversed interval, and overlap within a day', () => {
    const hours: BusinessHours = {
      timeZone: 'Europe/Berlin',
      weekly: [
        { day: 'MONDAY', opens: '9:00', closes: '17:00' },
        { day: 'MONDAY', opens: '18:00', closes: '25:00' },
        { day: 'TUESDAY', opens: '17:00', closes: '09:00' },
        { day: 'WEDNESDAY', opens: '09:00', closes: '13:00' },
        { day: 'WEDNESDAY', opens: '12:00', closes: '18:00' },
        // The same hours on another day do not overlap.
        { day: 'THURSDAY', opens: '12:00', closes: '18:00' },
        { day: 'FRIDAY', opens: '10:00', closes: '10:00' },
      ],
      exceptions: [],
    };
    expect(errors(hours)).toEqual([
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'weekly', '0', 'opens'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'weekly', '1', 'closes'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'weekly', '2', 'closes'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'weekly', '4'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'weekly', '6', 'closes'] },
    ]);
  });

  it('names bad, repeated and contradictory exceptions', () => {
    const hours = nineToFive('Europe/Berlin', {
      exceptions: [
        { date: '2026-02-30', closed: true, intervals: [] },
        { date: '24.12.2026', closed: true, intervals: [] },
        { date: '2026-12-31', closed: true, intervals: [] },
        { date: '2026-12-31', closed: true, intervals: [{ opens: '09:00', closes: '12:00' }] },
        { date: '2027-01-02', closed: false, intervals: [] },
        {
          date: '2027-01-03',
          closed: false,
          intervals: [
            { opens: '09:00', closes: '12:00' },
            { opens: '11:00', closes: '24:00' },
          ],
        },
      ],
    });
    expect(errors(hours)).toEqual([
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'exceptions', '0', 'date'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'exceptions', '1', 'date'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'exceptions', '3', 'date'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'exceptions', '3', 'intervals'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'exceptions', '4', 'intervals'] },
      { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'exceptions', '5', 'intervals', '1'] },
    ]);
  });

  it('sorts what it stores by day and time, and exceptions by date', () => {
    const stored = normalizeBusinessHours({
      timeZone: 'UTC',
      weekly: [
        { day: 'FRIDAY', opens: '09:00', closes: '12:00' },
        { day: 'MONDAY', opens: '13:00', closes: '17:00' },
        { day: 'MONDAY', opens: '09:00', closes: '12:00' },
      ],
      exceptions: [
        { date: '2027-01-01', closed: true, intervals: [] },
        {
          date: '2026-12-24',
          closed: false,
          intervals: [
            { opens: '14:00', closes: '16:00' },
            { opens: '09:00', closes: '12:00' },
          ],
        },
      ],
    });
    expect(stored.weekly.map((i) => `${i.day} ${i.opens}`)).toEqual(['MONDAY 09:00', 'MONDAY 13:00', 'FRIDAY 09:00']);
    expect(stored.exceptions.map((e) => e.date)).toEqual(['2026-12-24', '2027-01-01']);
    expect(stored.exceptions[0].intervals.map((i) => i.opens)).toEqual(['09:00', '14:00']);
  });
});
