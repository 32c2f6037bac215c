import { enableLiveChat, signUpAccount } from '../test/fixtures';
import { publishFlow, startVisitor } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { decodeGlobalId } from '../relay/global-id';

describe('listing conversations and activity by time, oldest first', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('conversations: changed after a time, ordered by last change either way, created order by default', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await startVisitor(app, flowId)).conversationId);
    // Change the first one last: it becomes the most recently updated.
    const em = app.runtime.orm.em.fork();
    const base = Date.now();
    for (const [index, id] of [ids[1], ids[2], ids[0]].entries()) {
      await em.getConnection().execute('update conversations set updated_at = ? where id = ?', [new Date(base + (index + 1) * 60_000), decodeGlobalId(id)!.id]);
    }
    const list = async (variables: Record<string, unknown>) => {
      const result = await app.gql(`query($filter: ConversationFilter, $orderBy: ConversationOrder) { conversations(first: 10, filter: $filter, orderBy: $orderBy) { edges { node { id } } } }`, variables, admin.token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.conversations.edges.map((edge: { node: { id: string } }) => edge.node.id);
    };
    expect(await list({})).toEqual([...ids].reverse());
    expect(await list({ orderBy: { field: 'UPDATED_AT', direction: 'ASC' } })).toEqual([ids[1], ids[2], ids[0]]);
    expect(await list({ orderBy: { field: 'UPDATED_AT', direction: 'DESC' } })).toEqual([ids[0], ids[2], ids[1]]);
    expect(await list({ filter: { updatedAfter: new Date(base + 90_000).toISOString() }, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } })).toEqual([ids[2], ids[0]]);
    expect(await list({ orderBy: { field: 'CREATED_AT', direction: 'ASC' } })).toEqual(ids);
  });

  it('activityStream: within a time window, oldest first when asked', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    const before = new Date();
    await startVisitor(app, flowId);
    const between = new Date();
    await startVisitor(app, flowId);
    const query = `query($filter: ActivityFilter, $orderBy: ActivityOrder) { activityStream(first: 20, filter: $filter, orderBy: $orderBy) { edges { node { id type occurredAt } } } }`;
    const events = async (variables: Record<string, unknown>) => (await app.gql(query, variables, admin.token)).data!.activityStream.edges.map((edge: { node: { id: string; occurredAt: string } }) => edge.node);
    const newest = await events({});
    const oldest = await events({ orderBy: { direction: 'ASC' } });
    expect(oldest.map((event: { id: string }) => event.id)).toEqual([...newest].reverse().map((event: { id: string }) => event.id));
    const firstVisit = await events({ filter: { occurredAfter: before.toISOString(), occurredBefore: between.toISOString() }, orderBy: { direction: 'ASC' } });
    expect(firstVisit.map((event: { type: string }) => event.type)).toEqual(['CONTACT_CREATED', 'CONVERSATION_STARTED']);
    for (const event of firstVisit) expect(Date.parse(event.occurredAt)).toBeLessThan(between.getTime());
    // Paging oldest first continues with the next oldest.
    const page = await app.gql(`query { activityStream(first: 2, orderBy: { direction: ASC }) { pageInfo { endCursor } } }`, {}, admin.token);
    const rest = await app.gql(`query($after: String) { activityStream(first: 10, after: $after, orderBy: { direction: ASC }) { edges { node { id } } } }`, { after: page.data!.activityStream.pageInfo.endCursor }, admin.token);
    expect(rest.data!.activityStream.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(oldest.slice(2).map((event: { id: string }) => event.id));
  });
});
