import { ActivityEvent } from './activity-event.entity';
import { dbId, enableLiveChat, signUpAccount } from '../test/fixtures';
import { collect, publishFlow, send, startVisitor } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const FEED = /* GraphQL */ `
  subscription($after: String) { activityEvents(after: $after) { id cursor type conversation { id } } }
`;

describe('the activity feed for integrations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('numbers events without gaps in commit order, even when written concurrently', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    await Promise.all(Array.from({ length: 10 }, async () => {
      const visitor = await startVisitor(app, flowId);
      await send(app, visitor.token, visitor.conversationId, { optionKey: 'pricing' });
    }));
    const events = await app.runtime.orm.em.fork().find(ActivityEvent, { account: dbId(admin.accountId) }, { orderBy: { position: 'asc' } });
    expect(events.map((event) => event.position)).toEqual(events.map((_, index) => index + 1));
    expect(events).toHaveLength(30);
  });

  it('has one cursor per event: the list’s edge cursor is the event’s feed cursor, and pages both ways', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    for (let visitor = 0; visitor < 3; visitor++) await startVisitor(app, flowId);
    const STREAM = `query($first: Int, $after: String, $last: Int, $before: String) { activityStream(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id cursor position: cursor type } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const page = async (variables: Record<string, unknown>) => (await app.gql(STREAM, variables, admin.token)).data!.activityStream;
    const all = await page({ first: 100 });
    expect(all.edges).toHaveLength(6);
    for (const edge of all.edges) expect(edge.cursor).toBe(edge.node.cursor);

    const newest = await page({ first: 2 });
    const next = await page({ first: 2, after: newest.pageInfo.endCursor });
    expect([...newest.edges, ...next.edges].map((edge: { node: { id: string } }) => edge.node.id)).toEqual(all.edges.slice(0, 4).map((edge: { node: { id: string } }) => edge.node.id));
    expect(next.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const back = await page({ last: 2, before: next.pageInfo.startCursor });
    expect(back.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(newest.edges.map((edge: { node: { id: string } }) => edge.node.id));
    expect(back.pageInfo.hasPreviousPage).toBe(false);

    // The feed resumes after an edge cursor of the list: the events newer than it, oldest first.
    const key = (await app.gql(`mutation { createApiKey(input: { name: "CRM" }) { secret } }`, {}, admin.token)).data!.createApiKey.secret;
    const resumed = await collect(app.wsClient(`Bearer ${key}`), FEED, { after: all.edges[2].cursor });
    await resumed.waitFor((event) => event.id === all.edges[0].node.id);
    expect(resumed.events.map((event) => event.id)).toEqual([all.edges[1].node.id, all.edges[0].node.id]);
    resumed.dispose();
    // Another account's cursor is refused, naming the argument.
    const other = await signUpAccount(app);
    const refused = await app.gql(STREAM, { first: 2, after: all.edges[0].cursor }, other.token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('replays exactly what an integration missed while disconnected, then streams live', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    const key = (await app.gql(`mutation { createApiKey(input: { name: "CRM" }) { secret } }`, {}, admin.token)).data!.createApiKey.secret;

    const first = await collect(app.wsClient(`Bearer ${key}`), FEED);
    const early = await startVisitor(app, flowId);
    await first.waitFor((event) => event.type === 'CONVERSATION_STARTED' && event.conversation.id === early.conversationId);
    const seen = [...first.events];
    first.dispose();

    // While disconnected: a whole qualification happens.
    const missed = await startVisitor(app, flowId);
    await send(app, missed.token, missed.conversationId, { optionKey: 'pricing' });
    await send(app, missed.token, missed.conversationId, { optionKey: 'small' });

    const resumed = await collect(app.wsClient(`Bearer ${key}`), FEED, { after: seen.at(-1).cursor });
    await resumed.waitFor((event) => event.type === 'CONTACT_QUALIFIED' && event.conversation.id === missed.conversationId && resumed.events.length >= 4);
    const live = await startVisitor(app, flowId);
    await resumed.waitFor((event) => event.type === 'CONVERSATION_STARTED' && event.conversation.id === live.conversationId);

    const all = [...seen, ...resumed.events];
    const ids = all.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await app.gql(`{ activityStream(first: 100) { edges { node { id } } } }`, {}, admin.token);
    const expected = stored.data!.activityStream.edges.map((edge: { node: { id: string } }) => edge.node.id).reverse();
    expect(ids).toEqual(expected);
  });

  it('is for members of the account, and rejects a forged cursor', async () => {
    const admin = await signUpAccount(app);
    const flowId = await publishFlow(app, admin.token, [{ key: 'end', kind: 'END' as never, text: 'Bye' }]);
    const visitor = await startVisitor(app, flowId);
    const denied = await collect(app.wsClient(`Bearer ${visitor.token}`), FEED);
    await expect(denied.waitFor(() => true, 2000)).rejects.toThrow(/FORBIDDEN/);
    const forged = await collect(app.wsClient(`Bearer ${admin.token}`), FEED, { after: 'bm9wZQ' });
    await expect(forged.waitFor(() => true, 2000)).rejects.toThrow(/BAD_USER_INPUT/);
  });
});
