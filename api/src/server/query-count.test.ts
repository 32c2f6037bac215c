import { createSignedInUser, enableLiveChat, signUpAccount } from '../test/fixtures';
import { accept, publishFlow, setAccepting, visitorToInbox } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';

/**
 * List fields must not query once per item: a page of 20 chats or 25 events costs a handful of
 * queries, not one per contact, sender or last message.
 */
describe('queries per list', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const countQueries = async (run: () => Promise<unknown>) => (await sqlStatementsOf(app, run)).length;

  it('stays flat however many chats and events are listed', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    await setAccepting(app, admin.token, true);
    const visitors = [];
    for (let i = 0; i < 20; i++) visitors.push(await visitorToInbox(app, flowId, `Visitor ${i}`, `visitor${i}@example.com`));

    const inbox = `{ liveChatInbox { id contact { name email fields } lastMessage { body } } }`;
    let result: any;
    const inboxQueries = await countQueries(async () => (result = await app.gql(inbox, {}, admin.token)));
    expect(result.data.liveChatInbox).toHaveLength(20);
    expect(result.data.liveChatInbox.every((chat: { contact: { name: string }; lastMessage: { body: string } }) => chat.contact.name.startsWith('Visitor') && chat.lastMessage.body)).toBe(true);
    expect(inboxQueries).toBeLessThanOrEqual(8);

    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    for (const visitor of visitors.slice(0, 10)) await accept(app, agent.token, visitor.conversationId);
    const stream = `{ activityStream(first: 25) { edges { node { type actor { user { name } } contact { name } conversation { status assignee { name } assigneeName } } } } }`;
    const streamQueries = await countQueries(async () => (result = await app.gql(stream, {}, admin.token)));
    expect(result.data.activityStream.edges).toHaveLength(25);
    expect(streamQueries).toBeLessThanOrEqual(10);
    process.stdout.write(`queries: liveChatInbox of 20 chats ${inboxQueries}, activityStream of 25 events ${streamQueries}\n`);
  });
});
