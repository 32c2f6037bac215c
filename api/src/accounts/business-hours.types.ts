import { ArrayMaxSize, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { BUSINESS_HOURS_LIMITS, type BusinessHours as StoredBusinessHours, type Weekday as WeekdayName } from './business-hours';

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week.',
  valuesConfig: Object.fromEntries(Object.values(Weekday).map((day) => [day, { description: day.charAt(0) + day.slice(1).toLowerCase() + '.' }])),
});

// Longest time text accepted before validation looks at it ("09:00" is five characters).
const TIME_MAX = 8;

@ObjectType('TimeInterval', { description: 'Open from `opens` until `closes`, wall-clock times of the account’s time zone.' })
export class TimeInterval {
  @Field(() => String, { description: '"HH:MM", e.g. "09:00".' })
  opens!: string;

  @Field(() => String, { description: '"HH:MM" after `opens`; "24:00" means until midnight.' })
  closes!: string;
}

@ObjectType('OpeningInterval', { description: 'Opening hours on one day of every week.' })
export class OpeningInterval extends TimeInterval {
  @Field(() => Weekday, { description: 'The day of the week.' })
  day!: WeekdayName;
}

@ObjectType('BusinessHoursException', { description: 'A date that does not follow the weekly hours: closed, or open at special hours.' })
export class BusinessHoursException {
  @Field(() => String, { description: 'The date in the account’s time zone, "YYYY-MM-DD".' })
  date!: string;

  @Field(() => Boolean, { description: 'Closed all day.' })
  closed!: boolean;

  @Field(() => [TimeInterval], { description: 'The special hours of the day (empty when closed).' })
  intervals!: TimeInterval[];
}

@ObjectType('BusinessHours', { description: 'When the team takes live chats: weekly opening hours in a time zone, with exceptions for particular dates.' })
export class BusinessHours {
  @Field(() => String, { description: 'IANA time zone the hours are in, e.g. "Europe/Berlin" (daylight saving follows the zone’s rules).' })
  timeZone!: string;

  @Field(() => [OpeningInterval], { description: 'Opening hours per weekday; a day without intervals is closed. Sorted by day, then time.' })
  weekly!: OpeningInterval[];

  @Field(() => [BusinessHoursException], { description: 'Dates closed or with special hours, sorted by date; they replace that day’s weekly hours.' })
  exceptions!: BusinessHoursException[];
}

@InputType('TimeIntervalInput', { description: 'Open from `opens` until `closes` ("HH:MM", the account’s time zone).' })
export class TimeIntervalInput {
  @Field(() => String, { description: '"HH:MM" from "00:00" to "23:59".' })
  @MaxLength(TIME_MAX)
  opens!: string;

  @Field(() => String, { description: '"HH:MM" after `opens`, at most "24:00" (until midnight). An overnight opening is two intervals, one on each day.' })
  @MaxLength(TIME_MAX)
  closes!: string;
}

@InputType('OpeningIntervalInput', { description: 'Opening hours on one day of every week.' })
export class OpeningIntervalInput extends TimeIntervalInput {
  @Field(() => Weekday, { description: 'The day of the week.' })
  day!: Weekday;
}

@InputType('BusinessHoursExceptionInput', { description: 'A date closed, or with special hours.' })
export class BusinessHoursExceptionInput {
  @Field(() => String, { description: 'The date in the account’s time zone, "YYYY-MM-DD".' })
  @MaxLength(20)
  date!: string;

  @Field(() => Boolean, { nullable: true, description: 'Closed all day (then no intervals). Default false: open during `intervals` only.' })
  closed?: boolean | null;

  @Field(() => [TimeIntervalInput], { nullable: true, description: `The day’s special hours (at most ${BUSINESS_HOURS_LIMITS.intervalsPerException}); required unless closed.` })
  @ArrayMaxSize(BUSINESS_HOURS_LIMITS.intervalsPerException)
  @ValidateNested({ each: true })
  intervals?: TimeIntervalInput[] | null;
}

@InputType('BusinessHoursInput', { description: 'Business hours as a whole (they replace the previous ones). Problems come back as `INVALID_TIME_ZONE` or `INVALID_BUSINESS_HOURS` naming the field.' })
export class BusinessHoursInput {
  @Field(() => String, { description: 'IANA time zone, e.g. "Europe/Berlin" or "America/New_York".' })
  @MaxLength(BUSINESS_HOURS_LIMITS.timeZone)
  timeZone!: string;

  @Field(() => [OpeningIntervalInput], { description: `Opening hours per weekday (at most ${BUSINESS_HOURS_LIMITS.weekly} intervals, not overlapping within a day); a day without any is closed.` })
  @ArrayMaxSize(BUSINESS_HOURS_LIMITS.weekly)
  @ValidateNested({ each: true })
  weekly!: OpeningIntervalInput[];

  @Field(() => [BusinessHoursExceptionInput], { nullable: true, description: `Dates closed or with special hours (at most ${BUSINESS_HOURS_LIMITS.exceptions}).` })
  @ArrayMaxSize(BUSINESS_HOURS_LIMITS.exceptions)
  @ValidateNested({ each: true })
  exceptions?: BusinessHoursExceptionInput[] | null;
}

/** The input in the stored shape, every field present, in the input's order (so errors name its indexes). */
export function fromBusinessHoursInput(input: BusinessHoursInput): StoredBusinessHours {
  return {
    timeZone: input.timeZone,
    weekly: input.weekly.map(({ day, opens, closes }) => ({ day, opens, closes })),
    exceptions: (input.exceptions ?? []).map(({ date, closed, intervals }) => ({ date, closed: closed ?? false, intervals: (intervals ?? []).map(({ opens, closes }) => ({ opens, closes })) })),
  };
}
