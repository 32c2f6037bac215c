import { createUnionType, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Flow } from '../flows/flow.entity';
import { User } from '../users/user.entity';

export enum LiveChatReportGrouping {
  DAY = 'DAY',
  HOUR = 'HOUR',
  AGENT = 'AGENT',
  FLOW = 'FLOW',
}
registerEnumType(LiveChatReportGrouping, {
  name: 'LiveChatReportGrouping',
  description: 'How `LiveChatReport.rows` break the period down.',
  valuesConfig: {
    DAY: { description: 'One `LiveChatPeriodRow` per calendar day in `timeZone` (23 or 25 hours long on a daylight-saving change), every day of the range, empty ones too.' },
    HOUR: { description: 'One `LiveChatPeriodRow` per hour, starting at the hour of `from` in `timeZone`; a repeated local hour (clocks going back) is two rows with different UTC offsets. At most 31 days.' },
    AGENT: { description: 'One `LiveChatAgentRow` per user of the account.' },
    FLOW: { description: 'One `LiveChatFlowRow` per flow of the account: the funnel from starting a conversation to an accepted chat.' },
  },
});

@InputType('LiveChatReportInput', { description: 'The period of a live-chat report, the time zone its days and hours are counted in, and its breakdown.' })
export class LiveChatReportInput {
  @Field(() => Date, { description: 'Start of the period (included).' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period (excluded); after `from`, at most 400 days later (31 for `HOUR`).' })
  to!: Date;

  @Field(() => String, { description: 'IANA time zone that days and hours are counted in, e.g. `Europe/Berlin` or `UTC` (`INVALID_TIME_ZONE` otherwise).' })
  timeZone!: string;

  @Field(() => LiveChatReportGrouping, { description: 'What `rows` holds: periods (DAY, HOUR), agents or flows.' })
  groupBy!: LiveChatReportGrouping;
}

@ObjectType('DurationSummary', { description: 'Durations in seconds over a set of chats: how many, median, 90th percentile (both interpolated, as PostgreSQL’s `percentile_cont`), maximum and mean.' })
export class DurationSummary {
  @Field(() => Int, { description: 'How many chats the summary is over (those the duration exists for).' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Median in seconds (millisecond precision); null when `count` is 0.' })
  medianSeconds!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile in seconds: nine in ten were at most this long; null when `count` is 0.' })
  p90Seconds!: number | null;

  @Field(() => Float, { nullable: true, description: 'The longest, in seconds; null when `count` is 0.' })
  maxSeconds!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean in seconds; null when `count` is 0.' })
  averageSeconds!: number | null;
}

/**
 * The figures of the live chats that entered the inbox in a period (the chat's figures belong to
 * the period it was requested in, however long it then took), plus messages left in it.
 */
@ObjectType('LiveChatFigures', {
  description:
    'Live-chat figures of a period. A live chat counts in the period in which it was requested (entered the inbox: `Conversation.waitingSince`); whatever happened to it later counts there too. Offline messages count when they were left. Figures read the conversations, their messages and the activity stream as they are when the report runs.',
})
export class LiveChatFigures {
  @Field(() => Int, { description: 'Live chats requested: visitors who asked for a human and entered the inbox (`LIVE_CHAT_REQUESTED`). Equals accepted + missed + abandoned + dismissed + waiting.' })
  requested!: number;

  @Field(() => Int, { description: 'Of those, accepted by a user (`acceptedAt` set).' })
  accepted!: number;

  @Field(() => Int, { description: 'Of those, missed: nobody accepted them within the flow’s timeout (status TIMED_OUT, `LIVE_CHAT_TIMED_OUT`).' })
  missed!: number;

  @Field(() => Int, { description: 'Of those, ended by the visitor while still waiting (end reason VISITOR_LEFT, never accepted).' })
  abandoned!: number;

  @Field(() => Int, { description: 'Of those, ended by a user or an integration while still waiting, without accepting them (end reason AGENT_ENDED, never accepted).' })
  dismissed!: number;

  @Field(() => Int, { description: 'Of those, still waiting in the inbox when the report ran.' })
  waiting!: number;

  @Field(() => DurationSummary, { description: 'Time to accept ("time to engagement"): from entering the inbox to a user accepting, over the accepted chats.' })
  timeToAccept!: DurationSummary;

  @Field(() => DurationSummary, { description: 'First response time: from accepting to the first message a user wrote in the chat (notes and system lines do not count), over the accepted chats that have one.' })
  firstResponse!: DurationSummary;

  @Field(() => DurationSummary, {
    description: 'Chat duration: from accepting to the end of the live chat (`LIVE_CHAT_ENDED`; the bot may carry on after it, `afterChatNext`), over the accepted chats whose live part has ended.',
  })
  chatDuration!: DurationSummary;

  @Field(() => Float, {
    nullable: true,
    description:
      'Messages per chat: the mean number of messages the visitor and users wrote in an accepted chat from its acceptance to the end of the live chat (bot messages, system lines, notes and answers to the bot after the chat do not count); null without accepted chats.',
  })
  messagesPerChat!: number | null;

  @Field(() => Int, { description: 'Offline messages left in the period: visitors who, nobody being available, left a message instead of waiting (`OFFLINE_MESSAGE_LEFT`), counted when they left it.' })
  offlineMessages!: number;

  @Field(() => Int, { description: 'Ratings the visitors gave these chats (`CONVERSATION_RATED`), whenever they gave them.' })
  ratings!: number;

  @Field(() => Float, { nullable: true, description: 'Mean score of those ratings, from 1 to 5; null without ratings.' })
  ratingAverage!: number | null;
}

@ObjectType('LiveChatPeriodRow', { description: 'The figures of one day or hour of a report (`groupBy: DAY` or `HOUR`).' })
export class LiveChatPeriodRow {
  @Field(() => Date, { description: 'Start of the day or hour, or the report’s `from` when that is later (the first row may be partial).' })
  start!: Date;

  @Field(() => Date, { description: 'End of the day or hour (excluded), or the report’s `to` when that is earlier.' })
  end!: Date;

  @Field(() => String, {
    description:
      'The day or hour as read on a clock in `timeZone`: `2026-10-25` for a day; `2026-10-25T02:00+02:00` for an hour, with its UTC offset (the hour repeated when clocks go back reads `02:00+02:00`, then `02:00+01:00`).',
  })
  label!: string;

  @Field(() => LiveChatFigures, { description: 'The figures of the chats requested in this day or hour.' })
  figures!: LiveChatFigures;
}

@ObjectType('LiveChatAgentRow', { description: 'One user’s part in a report (`groupBy: AGENT`): the chats they accepted, requested in the period, and their time accepting chats.' })
export class LiveChatAgentRow {
  @Field(() => User, { description: 'The user.' })
  agent!: User;

  @Field(() => Int, { description: 'Chats requested in the period that this user accepted (the one who accepted, even if the chat was transferred later; `LIVE_CHAT_ACCEPTED`).' })
  accepted!: number;

  @Field(() => Int, {
    description: 'Missed while accepting: chats requested in the period that timed out while this user was accepting chats (they were waiting in this user’s inbox, unanswered, when the timeout came).',
  })
  missedWhileAccepting!: number;

  @Field(() => Float, { description: 'Active time: seconds within the period this user was accepting chats (between switching accepting on and off; up to now for a period still open).' })
  acceptingSeconds!: number;

  @Field(() => DurationSummary, { description: 'Time to accept of the chats this user accepted.' })
  timeToAccept!: DurationSummary;

  @Field(() => DurationSummary, { description: 'First response time of the chats this user accepted: from accepting to the first message a user wrote in it.' })
  firstResponse!: DurationSummary;

  @Field(() => DurationSummary, { description: 'Duration of the chats this user accepted whose live part has ended (as `LiveChatFigures.chatDuration`).' })
  chatDuration!: DurationSummary;

  @Field(() => Int, { description: 'Ratings visitors gave the chats this user accepted.' })
  ratings!: number;

  @Field(() => Float, { nullable: true, description: 'Mean score of those ratings (1 to 5); null without ratings.' })
  ratingAverage!: number | null;
}

@ObjectType('LiveChatFlowRow', {
  description: 'One flow’s funnel (`groupBy: FLOW`), over the conversations started on it in the period (by `Conversation.createdAt`, whatever happened to them later): each stage counts the visitors who got that far.',
})
export class LiveChatFlowRow {
  @Field(() => Flow, { description: 'The flow.' })
  flow!: Flow;

  @Field(() => Int, { description: 'Conversations started on the flow (any version) in the period.' })
  conversations!: number;

  @Field(() => Int, { description: 'Of those, the bot offered a live chat: it sent a LIVE_CHAT step’s offer (a message with exactly the options `accept` and `decline`).' })
  offered!: number;

  @Field(() => Int, { description: 'Of those, the visitor accepted the offer (their reply to an offer was its `accept` option).' })
  offerAccepted!: number;

  @Field(() => Int, { description: 'Of those, the visitor gave the details the step asks for (name, email) or the bot knew them, and the chat went on to the inbox or to a message left.' })
  detailsGiven!: number;

  @Field(() => Int, { description: 'Of the conversations, those whose live chat entered the inbox (requested).' })
  requested!: number;

  @Field(() => Int, { description: 'Of the conversations, those whose live chat a user accepted.' })
  accepted!: number;

  @Field(() => Int, { description: 'Of the conversations, those whose live chat timed out unanswered.' })
  missed!: number;

  @Field(() => Int, { description: 'Of the conversations, those where the visitor left an offline message.' })
  messagesLeft!: number;
}

export const LiveChatReportRow = createUnionType({
  name: 'LiveChatReportRow',
  description: 'A row of a report: a period, an agent or a flow, as `groupBy` asked.',
  types: () => [LiveChatPeriodRow, LiveChatAgentRow, LiveChatFlowRow] as const,
});

@ObjectType('DurationBucket', { description: 'One bar of a distribution of durations: how many chats took from `fromSeconds` (included) to `toSeconds` (excluded).' })
export class DurationBucket {
  @Field(() => Float, { description: 'Lower bound in seconds (included).' })
  fromSeconds!: number;

  @Field(() => Float, { nullable: true, description: 'Upper bound in seconds (excluded); null for the last bucket, which has none.' })
  toSeconds!: number | null;

  @Field(() => Int, { description: 'How many chats fall in the bucket.' })
  chats!: number;
}

/** What a report is about; the figures are resolved (each by its own SQL) only when selected. */
export interface ReportScope {
  accountId: string;
  from: Date;
  to: Date;
  timeZone: string;
}

@ObjectType('LiveChatReport', {
  description:
    'Live-chat figures of one account over a period: totals, rows by day, hour, agent or flow, and the time-to-accept distribution. Each part is computed by PostgreSQL when it is selected; select only what you show.',
})
export class LiveChatReport {
  @Field(() => Date, { description: 'Start of the period (included), as asked.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period (excluded), as asked.' })
  to!: Date;

  @Field(() => String, { description: 'The time zone days and hours are counted in, as asked.' })
  timeZone!: string;

  @Field(() => LiveChatReportGrouping, { description: 'What `rows` holds.' })
  groupBy!: LiveChatReportGrouping;

  /** Whose figures: the caller's account (never a field). */
  scope!: ReportScope;

  /** By day or hour: the statement `totals` and `rows` share, once started (never a field). */
  periodFigures?: Promise<Record<string, unknown>[]>;
}
