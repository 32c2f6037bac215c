import { GraphQLError } from 'graphql';
import { createErrorFormatter } from './graphql-errors';

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
