import { GraphQLError } from 'graphql';
import { createErrorFormatter, isServiceUnavailable, prefersPlainJson } from './graphql-errors';

describe('error formatting', () => {
  const logged: unknown[] = [];
  const logger = { error: (details: unknown) => logged.push(details) } as never;
  const format = createErrorFormatter(logger);

  it('masks unexpected errors and logs them, never leaking a message or stack', () => {
    const error = new GraphQLError('db password is hunter2', { originalError: new Error('db password is hunter2'), path: ['me'] });
    const formatted = format({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret.ts:1'] } }, error);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['me'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toHaveLength(1);
  });

  it('keeps known codes and their messages, without stack traces', () => {
    const error = new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
    expect(format({ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED', stacktrace: ['x'] } }, error)).toEqual({
      message: 'Sign in first',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('suggestions', () => {
  it('are stripped from validation errors when asked (production), so the schema cannot be probed field by field', () => {
    const logger = { error: () => undefined } as never;
    const message = 'Cannot query field "flow" on type "Query". Did you mean "flows" or "flowx"?';
    const formatted = { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(createErrorFormatter(logger, { hideSuggestions: true })(formatted, new GraphQLError(message)).message).toBe('Cannot query field "flow" on type "Query".');
    expect(createErrorFormatter(logger)(formatted, new GraphQLError(message)).message).toBe(message);
  });
});

describe('outages', () => {
  const shaped = (fields: Record<string, unknown>) => Object.assign(Object.create(null) as object, fields);

  it('recognises PostgreSQL and Redis connection failures by shape, also from another realm or wrapped', () => {
    const outages = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      shaped({ message: 'read ECONNRESET', code: 'ECONNRESET' }),
      shaped({ name: 'NonErrorThrown', thrownValue: shaped({ code: 'ECONNRESET' }) }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
      Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' }),
      new Error('Command timed out'),
      new Error('timeout expired'),
      new GraphQLError('wrapped', { originalError: new Error('Connection terminated unexpectedly') }),
    ];
    expect(outages.map((error) => isServiceUnavailable(error))).toEqual(outages.map(() => true));
    const bugs = [new Error('Cannot read properties of undefined'), Object.assign(new Error('duplicate key'), { code: '23505' }), new Error('a timeout expired somewhere'), 'ECONNRESET', null];
    expect(bugs.map((error) => isServiceUnavailable(error))).toEqual(bugs.map(() => false));
  });

  it('answers them SERVICE_UNAVAILABLE without details', () => {
    const logger = { warn: () => undefined, error: () => undefined } as never;
    const error = new GraphQLError('select 1 - read ECONNRESET', { originalError: Object.assign(new Error('select 1 - read ECONNRESET'), { code: 'ECONNRESET' }), path: ['flows'] });
    expect(createErrorFormatter(logger)(error.toJSON(), error)).toEqual({ message: expect.stringContaining('cannot reach its database or Redis'), path: ['flows'], locations: undefined, extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });
});

describe('media types', () => {
  it.each([
    ['application/json', true],
    ['application/json, application/graphql-response+json;q=0.5', true],
    ['application/graphql-response+json', false],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['*/*', false],
    ['application/*', false],
    [undefined, false],
  ])('%s prefers plain JSON: %s', (accept, expected) => {
    expect(prefersPlainJson(accept)).toBe(expected);
  });
});
