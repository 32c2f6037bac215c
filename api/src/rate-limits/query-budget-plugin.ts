import type { ApolloServerPlugin } from '@apollo/server';
import { complexityOf } from '../server/document-limits';
import type { GraphQLContext } from '../server/context';
import type { CostReport, QueryBudget } from './query-budget';

const reports = new WeakMap<object, CostReport>();

/** What this request was charged (for `rateLimit`); undefined outside an HTTP operation. */
export function costReportOf(context: GraphQLContext): CostReport | undefined {
  return reports.get(context);
}

/**
 * Charges each HTTP operation to the caller's query budget once it has passed the document
 * limits (so its complexity is known), and reports the charge in every response as
 * `extensions.cost { requested, remaining, resetAt }`. Over budget it is refused before any
 * resolver runs: RATE_LIMITED, HTTP 429 with Retry-After.
 */
export function queryBudgetPlugin(budget: QueryBudget): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ request, contextValue }) {
          try {
            report = await budget.charge(contextValue.viewer, complexityOf(request));
            reports.set(contextValue, report);
          } catch (error) {
            const retryAfter = (error as { extensions?: { retryAfterSeconds?: number } }).extensions?.retryAfterSeconds;
            if (retryAfter !== undefined) report = { requested: 0, remaining: 0, resetAt: new Date(Date.now() + retryAfter * 1000).toISOString(), limit: null };
            throw error;
          }
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== 'single') return;
          const { requested, remaining, resetAt } = report;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: { requested, remaining, resetAt } };
        },
      };
    },
  };
}
