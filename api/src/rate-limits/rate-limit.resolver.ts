import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { GraphQLContext } from '../server/context';
import { costReportOf } from './query-budget-plugin';
import { BUDGET_WINDOW_SECONDS } from './query-budget';

@ObjectType('RateLimit', {
  description: `The caller’s query budget, as GitHub’s GraphQL API reports it. API keys spend points: 1 per operation plus 1 per 100 items its worst case could return, from a budget per key and one per account, renewed ${BUDGET_WINDOW_SECONDS / 60} minutes after the first point spent. Over budget: \`RATE_LIMITED\` (HTTP 429, Retry-After). Users and visitors have no query budget (null fields).`,
})
export class RateLimit {
  @Field(() => Int, { nullable: true, description: 'Points per window for this API key; null when not limited.' })
  limit!: number | null;

  @Field(() => Int, { description: 'Points this query cost.' })
  cost!: number;

  @Field(() => Int, { nullable: true, description: 'Points left, after this query (the smaller of the key’s and the account’s budget).' })
  remaining!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the budget is whole again.' })
  resetAt!: Date | null;
}

@Resolver()
export class RateLimitResolver {
  @Authorized(Access.MEMBER)
  @Query(() => RateLimit, { description: 'The caller’s query budget after this query (see `RateLimit`); every response also carries it as `extensions.cost`.' })
  async rateLimit(@Ctx() context: GraphQLContext): Promise<RateLimit> {
    // Charged already, before execution (HTTP); over a websocket, read as it stands.
    const report = costReportOf(context) ?? (await context.services.queryBudget.peek(context.viewer, 1));
    return { limit: report.limit, cost: report.requested, remaining: report.remaining, resetAt: report.resetAt ? new Date(report.resetAt) : null };
  }
}
