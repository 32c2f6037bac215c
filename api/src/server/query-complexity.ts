import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** A connection field costs its page size times what each item asks for. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + args.first * childComplexity : undefined;

/**
 * Refuses an operation whose worst case is too large (QUERY_TOO_COMPLEX). Computed with the
 * operation's variables, so `first: $n` counts; runs for HTTP and websocket operations alike.
 */
export function assertComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, maximum: number): void {
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName,
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not fit the operation: execution answers that as BAD_USER_INPUT.
    return;
  }
  if (complexity > maximum) {
    throw new GraphQLError(`This operation could return too much (complexity ${complexity}, at most ${maximum}): ask for smaller pages or fewer nested lists.`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maximum, http: { status: 400 } },
    });
  }
}
