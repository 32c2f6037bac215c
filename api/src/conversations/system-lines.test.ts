import { accept, chatWaitingForAgent, collect, waitForChannel } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';
import { decodeGlobalId } from '../relay/global-id';
import { Topic } from '../realtime/topics';

const EVENTS = /* GraphQL */ `
  subscription($id: ID!) { conversationEvents(conversationId: $id) { message { author body } conversation { status } } }
`;
const TRANSCRIPT = /* GraphQL */ `
  query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { author body } } } lastMessage { author body } } }
`;

/** SYSTEM lines are written for their reader: the visitor and the team each read their own. */
describe('system lines for each reader', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('tells the visitor "You ended the chat." and the team "The visitor ended the chat.", over HTTP and live, without reading per subscriber', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    const agentSide = await collect(app.wsClient(`Bearer ${agent.token}`), EVENTS, { id: visitor.conversationId });
    const visitorSide = await collect(app.wsClient(`Bearer ${visitor.token}`), EVENTS, { id: visitor.conversationId });
    // Both caught up (the replay ends with the join line, the same for both).
    for (const side of [agentSide, visitorSide]) expect((await side.waitFor((event) => event.message.author === 'SYSTEM')).message.body).toBe('Test AGENT joined the chat.');
    await waitForChannel(app, Topic.CONVERSATION, decodeGlobalId(visitor.conversationId)!.id);

    const statements = await sqlStatementsOf(app, async () => {
      const ended = await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: visitor.conversationId }, visitor.token);
      expect(ended.data!.endChat.userErrors).toEqual([]);
      await Promise.all([agentSide, visitorSide].map((side) => side.waitFor((event) => event.conversation.status === 'ENDED')));
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    expect(visitorSide.events.at(-1).message).toEqual({ author: 'SYSTEM', body: 'You ended the chat.' });
    expect(agentSide.events.at(-1).message).toEqual({ author: 'SYSTEM', body: 'The visitor ended the chat.' });
    // The live delivery is built from the committed message: no read of messages for either side.
    expect(statements.filter((sql) => sql.startsWith('select') && sql.includes('"messages"'))).toEqual([]);

    for (const [token, line] of [
      [visitor.token, 'You ended the chat.'],
      [agent.token, 'The visitor ended the chat.'],
    ]) {
      const reads = (await app.gql(TRANSCRIPT, { id: visitor.conversationId }, token)).data!.conversation;
      expect([reads.messages.edges.at(-1).node, reads.lastMessage]).toEqual([{ author: 'SYSTEM', body: line }, { author: 'SYSTEM', body: line }]);
    }
  });

  it('keeps one line for both when an agent ends the chat', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: visitor.conversationId }, agent.token);
    for (const token of [visitor.token, agent.token]) {
      expect((await app.gql(TRANSCRIPT, { id: visitor.conversationId }, token)).data!.conversation.lastMessage).toEqual({ author: 'SYSTEM', body: 'Test AGENT ended the chat.' });
    }
  });
});
