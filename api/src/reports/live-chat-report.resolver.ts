import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import type { GraphQLContext } from '../server/context';
import { DurationBucket, LiveChatFigures, LiveChatReport, LiveChatReportInput, LiveChatReportRow } from './live-chat-report.types';

@Resolver(() => LiveChatReport)
export class LiveChatReportResolver {
  @Authorized(Access.MEMBER)
  @Query(() => LiveChatReport, {
    description:
      'The account’s live-chat report for a period: requested, accepted, missed and abandoned chats, time to accept, first response, duration, messages, offline messages and ratings, in total and by day, hour, agent or flow. For every user of the account and API keys. A bad period or time zone is BAD_USER_INPUT with `extensions.reason` (INVALID_RANGE, RANGE_TOO_LONG, INVALID_TIME_ZONE) and `extensions.field`.',
  })
  liveChatReport(@Arg('input', () => LiveChatReportInput, { description: 'The period, time zone and breakdown.' }) input: LiveChatReportInput, @Ctx() { viewer, services }: GraphQLContext): LiveChatReport {
    return services.reports.report((viewer as MemberViewer).accountId, input);
  }

  @FieldResolver(() => LiveChatFigures, { description: 'The figures of the whole period.' })
  totals(@Root() report: LiveChatReport, @Ctx() { em, services }: GraphQLContext): Promise<LiveChatFigures> {
    return services.reports.totals(em, report);
  }

  @FieldResolver(() => [LiveChatReportRow], {
    description: 'The breakdown `groupBy` asked for: days or hours in order (every one of the period, empty ones too), users by chats accepted, or flows by conversations started.',
  })
  rows(@Root() report: LiveChatReport, @Ctx() { em, services }: GraphQLContext) {
    return services.reports.rows(em, report);
  }

  @FieldResolver(() => [DurationBucket], {
    description: 'How long the accepted chats of the period waited to be accepted, in buckets: under 10 s, 10–30 s, 30–60 s, 1–2 min, 2–5 min, 5–10 min and 10 min or more (every bucket, empty ones too).',
  })
  timeToAcceptDistribution(@Root() report: LiveChatReport, @Ctx() { em, services }: GraphQLContext): Promise<DurationBucket[]> {
    return services.reports.timeToAcceptDistribution(em, report.scope);
  }
}
