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
