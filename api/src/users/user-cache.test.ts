import { signUserToken } from '../auth/tokens';
import { Topic } from '../realtime/topics';
import { eventually } from '../test/eventually';
import { createSignedInUser, dbId, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { startCacheTestApp, type CacheTestApp } from '../test/cache-test-app';
import type { TcpProxy } from '../test/tcp-proxy';
import { sqlStatementsOf, type TestApp } from '../test/test-app';

const ME = /* GraphQL */ `
  query Me { me { id name acceptingChats } }
`;
const SET_ACCEPTING = /* GraphQL */ `
  mutation SetAccepting($accepting: Boolean!) { setAcceptingChats(accepting: $accepting) { user { acceptingChats } userErrors { code } } }
`;

/**
 * Users authenticated by signed tokens are served from the process's UserCache: these tests
 * check that the cache saves the statement and never serves a user another process changed
 * once that change was announced, nor anything while announcements cannot arrive.
 */
describe('the cache of authenticated users', () => {
  let cacheApp: CacheTestApp;
  let redisProxy: TcpProxy;
  let app: TestApp;
  let admin: SignedUpAccount;

  // What another API process does to a user: a committed change this process did not make.
  const changeElsewhere = (userId: string, name: string) =>
    app.runtime.orm.em.getConnection().execute('update users set name = ? where id = ?', [name, dbId(userId)]);
  const announce = (userId: string) => cacheApp.announce({ userIds: [dbId(userId)] });
  const nameOf = async (token: string) => (await app.gql(ME, {}, token)).data?.me?.name as string | undefined;

  beforeAll(async () => {
    cacheApp = await startCacheTestApp();
    ({ app, redisProxy } = cacheApp);
    admin = await signUpAccount(app);
    // The cache turns on once the announcements are subscribed.
    expect(await eventually(async () => sqlStatementsOf(app, () => app.gql(ME, {}, admin.token)), (statements) => statements.length === 0)).toEqual([]);
  });
  afterAll(() => cacheApp.close());

  it('answers a known user without a statement, and a new one with one', async () => {
    const agent = await createSignedInUser(app, admin.token);
    const first = await sqlStatementsOf(app, () => app.gql(ME, {}, agent.token));
    const second = await sqlStatementsOf(app, () => app.gql(ME, {}, agent.token));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/from "users"/);
    expect(second).toEqual([]);
  });

  it('sees a change made through this process at once', async () => {
    const agent = await createSignedInUser(app, admin.token);
    expect((await app.gql(ME, {}, agent.token)).data?.me.acceptingChats).toBe(false);
    const switched = await app.gql(SET_ACCEPTING, { accepting: true }, agent.token);
    expect(switched.data?.setAcceptingChats.user.acceptingChats).toBe(true);
    expect((await app.gql(ME, {}, agent.token)).data?.me.acceptingChats).toBe(true);
    await app.gql(SET_ACCEPTING, { accepting: false }, agent.token);
    expect((await app.gql(ME, {}, agent.token)).data?.me.acceptingChats).toBe(false);
  });

  it('announces the users a commit changed to the other processes', async () => {
    const agent = await createSignedInUser(app, admin.token);
    const announcements = await app.runtime.listen<{ userIds: string[] }>(Topic.CHANGES, 'all');
    try {
      await app.gql(SET_ACCEPTING, { accepting: true }, agent.token);
      const { value } = await announcements.next();
      expect(value.userIds).toEqual([dbId(agent.userId)]);
    } finally {
      await announcements.return!();
    }
  });

  it('drops a user another process changed as soon as that change is announced', async () => {
    const agent = await createSignedInUser(app, admin.token);
    expect(await nameOf(agent.token)).toBe('Test AGENT');
    await changeElsewhere(agent.userId, 'Renamed elsewhere');
    // Not announced yet: the cached row still answers (what makes the announcement necessary).
    expect(await nameOf(agent.token)).toBe('Test AGENT');
    await announce(agent.userId);
    expect(await eventually(() => nameOf(agent.token), (name) => name === 'Renamed elsewhere', 2000)).toBe('Renamed elsewhere');
  });

  it('never serves a cached user to a token of another account', async () => {
    const agent = await createSignedInUser(app, admin.token);
    await app.gql(ME, {}, agent.token);
    const other = await signUpAccount(app, 'Other');
    const forged = signUserToken({ userId: dbId(agent.userId), accountId: dbId(other.accountId) }, app.runtime.config.JWT_SECRET, 60);
    const result = await app.gql(ME, {}, forged);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data?.me ?? null).toBeNull();
  });

  it('reads every user fresh while its pub/sub connection is down, and caches again once it is back', async () => {
    const agent = await createSignedInUser(app, admin.token);
    expect(await nameOf(agent.token)).toBe('Test AGENT');
    redisProxy.cut('reset');
    // Announcements cannot arrive now: the cache must stop answering, not serve what it has.
    expect(await eventually(() => Promise.resolve(app.runtime.userCache.size), (size) => size === 0, 3000)).toBe(0);
    await changeElsewhere(agent.userId, 'Renamed while cut');
    expect(await nameOf(agent.token)).toBe('Renamed while cut');
    expect(await sqlStatementsOf(app, () => app.gql(ME, {}, agent.token))).toHaveLength(1);
    redisProxy.restore();
    expect(await eventually(async () => sqlStatementsOf(app, () => app.gql(ME, {}, agent.token)), (statements) => statements.length === 0, 10_000)).toEqual([]);
  });
});
