import { signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const FLOWS = /* GraphQL */ `
  query($first: Int, $after: String, $last: Int, $before: String) {
    flows(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { name } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

describe('Relay connections: first/after and last/before', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp();
    token = (await signUpAccount(app)).token;
    // Created one after the other: the list's order is creation order.
    for (const name of ['f1', 'f2', 'f3', 'f4', 'f5']) {
      await app.gql(`mutation($input: CreateFlowInput!) { createFlow(input: $input) { userErrors { code } } }`, { input: { name, steps: [] } }, token);
    }
  });
  afterAll(() => app.close());

  const page = async (variables: Record<string, unknown>) => {
    const result = await app.gql(FLOWS, variables, token);
    if (result.errors) return { errors: result.errors.map((error) => [error.extensions?.code, error.extensions?.argumentName]) };
    const { edges, pageInfo } = result.data!.flows;
    return { names: edges.map((edge: { node: { name: string } }) => edge.node.name), pageInfo, cursors: edges.map((edge: { cursor: string }) => edge.cursor) };
  };

  it('totalCount counts the whole list under its filter, the same on every page, only when asked', async () => {
    const counted = await app.gql(`query($after: String) { flows(first: 2, after: $after) { totalCount edges { cursor } pageInfo { endCursor } } }`, {}, token);
    expect(counted.data!.flows.totalCount).toBe(5);
    const next = await app.gql(`query($after: String) { flows(first: 2, after: $after) { totalCount } }`, { after: counted.data!.flows.pageInfo.endCursor }, token);
    expect(next.data!.flows.totalCount).toBe(5);
    // Another account's lists count only its own.
    const other = await signUpAccount(app, 'Other');
    expect((await app.gql(`{ flows(first: 1) { totalCount } users(first: 1) { totalCount } }`, {}, other.token)).data).toEqual({ flows: { totalCount: 0 }, users: { totalCount: 1 } });
    // Not selected, not counted: the page costs no count(*).
    const statements: string[] = [];
    const logger = app.runtime.orm.config.getLogger();
    const log = logger.logQuery.bind(logger);
    logger.logQuery = (context) => {
      statements.push(String(context.query));
      return log(context);
    };
    const debug = app.runtime.orm.config.get('debug');
    app.runtime.orm.config.set('debug', ['query']);
    try {
      await app.gql(`{ flows(first: 2) { edges { cursor } } }`, {}, token);
      expect(statements.some((sql) => /count\(/i.test(sql))).toBe(false);
      await app.gql(`{ flows(first: 2) { totalCount } }`, {}, token);
      expect(statements.some((sql) => /count\(/i.test(sql))).toBe(true);
    } finally {
      app.runtime.orm.config.set('debug', debug);
      logger.logQuery = log;
    }
  });

  it('pages forward and back over the same cursors, in the list’s order', async () => {
    const first = await page({ first: 2 });
    expect(first).toMatchObject({ names: ['f1', 'f2'], pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(first.pageInfo.startCursor).toBe(first.cursors[0]);
    expect(first.pageInfo.endCursor).toBe(first.cursors[1]);

    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(second).toMatchObject({ names: ['f3', 'f4'], pageInfo: { hasNextPage: true, hasPreviousPage: true } });

    // Backward from the second page's start: the first page again, still oldest first.
    const back = await page({ last: 2, before: second.pageInfo.startCursor });
    expect(back).toMatchObject({ names: ['f1', 'f2'], pageInfo: { hasPreviousPage: false, hasNextPage: true } });

    const tail = await page({ last: 2 });
    expect(tail).toMatchObject({ names: ['f4', 'f5'], pageInfo: { hasPreviousPage: true } });
    const beforeTail = await page({ last: 3, before: tail.pageInfo.startCursor });
    expect(beforeTail).toMatchObject({ names: ['f1', 'f2', 'f3'], pageInfo: { hasPreviousPage: false } });
    // Neither `first` nor `last`: the first 20.
    expect((await page({})).names).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
  });

  it('refuses first with last, and cursors that are not this list’s, naming the argument', async () => {
    expect(await page({ first: 2, last: 2 })).toEqual({ errors: [['BAD_USER_INPUT', 'last']] });
    expect(await page({ last: 2, before: 'not-a-cursor' })).toEqual({ errors: [['BAD_USER_INPUT', 'before']] });
    expect(await page({ first: 2, after: 'WzEyM10' })).toEqual({ errors: [['BAD_USER_INPUT', 'after']] });
    expect((await page({ last: 101 })).errors?.[0][0]).toBe('BAD_USER_INPUT');
  });
});
