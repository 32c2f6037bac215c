import { ActivityEvent } from './activity-event.entity';
import { dbId, enableLiveChat, signUpAccount } from '../test/fixtures';
import { collect, publishFlow, send, startVisitor, waitForChannel } from '../test/live-chat-fixtures';
import { AfterCommit } from '../realtime/after-commit';
import { Topic } from '../realtime/topics';
import { encodeGlobalId } from '../relay/global-id';
import { ActivityEventType } from './activity-event.entity';
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

  it('positions events uniquely, in order within each transaction, even when written concurrently', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    await Promise.all(Array.from({ length: 10 }, async () => {
      const visitor = await startVisitor(app, flowId);
      await send(app, visitor.token, visitor.conversationId, { optionKey: 'pricing' });
    }));
    const events = await app.runtime.orm.em.fork().find(ActivityEvent, { account: dbId(admin.accountId) }, { orderBy: { position: 'asc' } });
    expect(events).toHaveLength(30);
    expect(new Set(events.map((event) => event.position)).size).toBe(30);
    // A conversation's CONTACT_CREATED (recorded first in its transaction) comes before its CONVERSATION_STARTED.
    for (const started of events.filter((event) => event.type === 'CONVERSATION_STARTED')) {
      const created = events.find((event) => event.type === 'CONTACT_CREATED' && event.conversation?.id === started.conversation?.id)!;
      expect(created.position).toBeLessThan(started.position);
    }
  });

  it('never streams an event past one that a transaction still running will commit', async () => {
    const admin = await signUpAccount(app);
    const accountId = dbId(admin.accountId);
    const key = (await app.gql(`mutation { createApiKey(input: { name: "CRM" }) { secret } }`, {}, admin.token)).data!.createApiKey.secret;
    const feed = await collect(app.wsClient(`Bearer ${key}`), FEED);
    await waitForChannel(app, Topic.ACTIVITY, accountId);
    const { activity, dispatcher } = app.runtime.services;
    const record = async (hold?: Promise<void>, started?: () => void) => {
      const afterCommit = new AfterCommit();
      await app.runtime.orm.em.fork().transactional(async (tem) => {
        await activity.record(tem, afterCommit, { accountId, type: ActivityEventType.CONTACT_CREATED, actor: 'system' });
        await tem.flush();
        started?.();
        await hold;
      });
      await dispatcher.dispatch(app.runtime.orm.em.fork(), afterCommit);
      return afterCommit.activity[0].eventId;
    };
    // The first transaction is positioned first, but commits last.
    let release!: () => void;
    let firstStarted!: () => void;
    const isStarted = new Promise<void>((resolve) => (firstStarted = resolve));
    const first = record(new Promise<void>((resolve) => (release = resolve)), firstStarted);
    await isStarted;
    let secondId: string;
    let streamedEarly: unknown[];
    try {
      secondId = await record();
      await new Promise((resolve) => setTimeout(resolve, 300));
      streamedEarly = [...feed.events];
    } finally {
      release();
    }
    expect(streamedEarly).toEqual([]);
    const firstId = await first;
    await feed.waitFor(() => feed.events.length === 2);
    expect(feed.events.map((event) => event.id)).toEqual([firstId, secondId].map((id) => encodeGlobalId('ActivityEvent', id)));
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
