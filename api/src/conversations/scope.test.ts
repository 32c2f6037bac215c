import { Message } from '../messages/message.entity';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount } from '../test/fixtures';
import { accept, collect, publishFlow, send, setAccepting, startVisitor, visitorToInbox } from '../test/live-chat-fixtures';
import { startTestApp, wsExecute, type TestApp } from '../test/test-app';

describe('who reaches a conversation', () => {
  let app: TestApp;
  let flowId: string;
  let adminToken: string;
  beforeAll(async () => {
    app = await startTestApp();
    const admin = await signUpAccount(app);
    adminToken = admin.token;
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
  });
  afterAll(() => app.close());

  it('a visitor token reaches its own conversation and nothing else', async () => {
    const mine = await startVisitor(app, flowId);
    const theirs = await startVisitor(app, flowId);
    const own = await app.gql(`query($id: ID!) { conversation(id: $id) { id status contact { id } flow { id } messages { edges { node { body } } } } }`, { id: mine.conversationId }, mine.token);
    expect(own.data!.conversation).toMatchObject({ id: mine.conversationId, status: 'BOT', contact: null, flow: null });
    expect(own.data!.conversation.messages.edges).toHaveLength(2);

    const other = await app.gql(`query($id: ID!) { conversation(id: $id) { id } }`, { id: theirs.conversationId }, mine.token);
    expect(other.data!.conversation).toBeNull();
    expect((await send(app, mine.token, theirs.conversationId, { optionKey: 'pricing' })).userErrors[0].code).toBe('CONVERSATION_NOT_FOUND');
    const ended = await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: theirs.conversationId }, mine.token);
    expect(ended.data!.endChat.userErrors).toEqual([{ code: 'CONVERSATION_NOT_FOUND' }]);
    const denied = await wsExecute(app.wsClient(`Bearer ${mine.token}`), `subscription($id: ID!) { conversationEvents(conversationId: $id) { cursor } }`, { id: theirs.conversationId });
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');

    for (const query of [`{ conversations { edges { node { id } } } }`, `{ liveChatInbox { id } }`, `{ contacts { edges { node { id } } } }`, `{ activityStream { edges { node { id } } } }`, `{ me { id } }`]) {
      expect([query, (await app.gql(query, {}, mine.token)).errors![0].extensions!.code]).toEqual([query, 'FORBIDDEN']);
    }
    const node = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: theirs.conversationId }, mine.token);
    expect(node.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('users of another account cannot see or act on a conversation', async () => {
    const visitor = await visitorToInbox(app, flowId);
    const stranger = await signUpAccount(app, 'Stranger Inc');
    await enableLiveChat(app, stranger.accountId);
    await setAccepting(app, stranger.token, true);
    expect((await app.gql(`query($id: ID!) { conversation(id: $id) { id } node(id: $id) { id } }`, { id: visitor.conversationId }, stranger.token)).data).toEqual({ conversation: null, node: null });
    expect((await accept(app, stranger.token, visitor.conversationId)).userErrors).toEqual([{ code: 'CONVERSATION_NOT_FOUND' }]);
    expect((await app.gql(`{ conversations { edges { node { id } } } contacts { edges { node { id } } } activityStream { edges { node { id } } } }`, {}, stranger.token)).data).toEqual({
      conversations: { edges: [] },
      contacts: { edges: [] },
      activityStream: { edges: [] },
    });
    const denied = await wsExecute(app.wsClient(`Bearer ${stranger.token}`), `subscription($id: ID!) { conversationEvents(conversationId: $id) { cursor } }`, { id: visitor.conversationId });
    expect(denied).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(denied.data).toBeUndefined();
  });

  it('stores one message per clientMessageId, however often and concurrently it is sent', async () => {
    const visitor = await visitorToInbox(app, flowId);
    const agent = await createSignedInUser(app, adminToken, 'AGENT');
    await setAccepting(app, agent.token, true);
    await accept(app, agent.token, visitor.conversationId);
    const results = await Promise.all(Array.from({ length: 8 }, () => send(app, visitor.token, visitor.conversationId, { body: 'Only once', clientMessageId: 'client-42' })));
    const ids = new Set(results.map((result) => result.message!.id));
    expect(ids.size).toBe(1);
    expect(results.every((result) => result.userErrors.length === 0 && result.message!.clientMessageId === 'client-42')).toBe(true);
    const again = await send(app, visitor.token, visitor.conversationId, { body: 'Only once', clientMessageId: 'client-42' });
    expect(again.message!.id).toBe([...ids][0]);
    expect(await app.runtime.orm.em.fork().count(Message, { conversation: dbId(visitor.conversationId), body: 'Only once' })).toBe(1);
  });

  it('replays exactly what a reconnecting client missed', async () => {
    const visitor = await startVisitor(app, flowId);
    const first = await collect(app.wsClient(`Bearer ${visitor.token}`), `subscription($id: ID!) { conversationEvents(conversationId: $id) { cursor message { body } } }`, { id: visitor.conversationId });
    await first.waitFor((event) => event.message.body === 'What brings you here today?');
    const cursor = first.events.at(-1).cursor;
    first.dispose();
    await send(app, visitor.token, visitor.conversationId, { optionKey: 'pricing' });
    const resumed = await collect(app.wsClient(`Bearer ${visitor.token}`), `subscription($id: ID!, $after: String) { conversationEvents(conversationId: $id, after: $after) { message { body } } }`, { id: visitor.conversationId, after: cursor });
    await resumed.waitFor((event) => event.message.body === 'How many people are on your team?');
    expect(resumed.events.map((event) => event.message.body)).toEqual(['Pricing for my team', 'How many people are on your team?']);
    const bad = await wsExecute(app.wsClient(`Bearer ${visitor.token}`), `subscription($id: ID!) { conversationEvents(conversationId: $id, after: "bogus") { cursor } }`, { id: visitor.conversationId }).catch((errors) => ({ errors }));
    expect(JSON.stringify(bad)).toContain('BAD_USER_INPUT');
  });
});

describe('starting conversations without a token', () => {
  it('is limited per client address', async () => {
    const app = await startTestApp({ CONVERSATIONS_PER_IP_PER_10_MIN: '3' });
    try {
      const admin = await signUpAccount(app);
      await enableLiveChat(app, admin.accountId);
      const flowId = await publishFlow(app, admin.token);
      for (let i = 0; i < 3; i++) await startVisitor(app, flowId);
      const refused = await app.gql(`mutation($id: ID!) { startConversation(input: { flowId: $id }) { conversation { id } userErrors { code retryAfterSeconds } } }`, { id: flowId });
      expect(refused.data!.startConversation).toEqual({ conversation: null, userErrors: [{ code: 'TOO_MANY_CONVERSATIONS', retryAfterSeconds: expect.any(Number) }] });
      // The window is ten minutes: the wait is within it.
      const wait = refused.data!.startConversation.userErrors[0].retryAfterSeconds;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(600);
    } finally {
      await app.close();
    }
  });

  it('bounds how fast one visitor can send messages', async () => {
    const app = await startTestApp({ VISITOR_MESSAGES_PER_MINUTE: '3' });
    try {
      const admin = await signUpAccount(app);
      await enableLiveChat(app, admin.accountId);
      const flowId = await publishFlow(app, admin.token);
      const visitor = await startVisitor(app, flowId);
      const other = await startVisitor(app, flowId);
      for (let i = 0; i < 3; i++) expect((await send(app, visitor.token, visitor.conversationId, { body: 'hmm' })).userErrors).toEqual([]);
      expect((await send(app, visitor.token, visitor.conversationId, { body: 'hmm' })).userErrors.map((e) => e.code)).toEqual(['TOO_MANY_MESSAGES']);
      expect((await send(app, other.token, other.conversationId, { optionKey: 'pricing' })).userErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
