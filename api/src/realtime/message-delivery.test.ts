import { accept, chatWaitingForAgent, collect, send, waitForChannel } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';
import { decodeGlobalId } from '../relay/global-id';
import { Topic } from './topics';

// The inbox's and the widget's conversation streams (web/src/conversation, web/widget).
const AGENT_EVENTS = /* GraphQL */ `
  subscription($id: ID!) { conversationEvents(conversationId: $id) {
    cursor
    message { id author body createdAt senderName clientMessageId cursor }
    conversation { id status endReason endedAt createdAt acceptedAt waitingSince timeoutAt assignee { id name } }
  } }
`;
const VISITOR_EVENTS = /* GraphQL */ `
  subscription($id: ID!) { conversationEvents(conversationId: $id) {
    cursor
    message { id author body options { key label } senderName createdAt }
    conversation { status assigneeName endReason }
  } }
`;

/**
 * A live message, end to end: the sender's request and its delivery to both sides of the chat.
 * Delivery must not cost statements per subscriber (nor, ideally, any at all).
 */
describe('statements per delivered live message', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('sends and delivers a message to the agent and the visitor in a few statements', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);

    const agentSide = await collect(app.wsClient(`Bearer ${agent.token}`), AGENT_EVENTS, { id: visitor.conversationId });
    const visitorSide = await collect(app.wsClient(`Bearer ${visitor.token}`), VISITOR_EVENTS, { id: visitor.conversationId });
    await agentSide.waitFor((event) => event.message.author === 'SYSTEM');
    await visitorSide.waitFor((event) => event.message.author === 'SYSTEM');
    await waitForChannel(app, Topic.CONVERSATION, decodeGlobalId(visitor.conversationId)!.id);

    const roundTrip = async (token: string, body: string) =>
      sqlStatementsOf(app, async () => {
        expect((await send(app, token, visitor.conversationId, { body, clientMessageId: body })).userErrors).toEqual([]);
        await Promise.all([agentSide.waitFor((event) => event.message.body === body), visitorSide.waitFor((event) => event.message.body === body)]);
        // Anything a subscriber would still read lands in this window too.
        await new Promise((resolve) => setTimeout(resolve, 100));
      });
    await roundTrip(visitor.token, 'warm-up');
    const visitorSql = await roundTrip(visitor.token, 'ping');
    const agentSql = await roundTrip(agent.token, 'pong');

    const agentEvent = agentSide.events.find((event) => event.message.body === 'pong');
    const visitorEvent = visitorSide.events.find((event) => event.message.body === 'pong');
    expect(agentEvent.message.senderName).toBe(visitorEvent.message.senderName);
    expect(visitorEvent.message.senderName).toBeTruthy();
    expect(visitorEvent.conversation).toEqual({ status: 'ACTIVE', assigneeName: agentEvent.conversation.assignee.name, endReason: null });
    expect(agentEvent.cursor).toBe(visitorEvent.cursor);
    expect(agentEvent.message.createdAt).toBe(visitorEvent.message.createdAt);
    expect(new Date(agentEvent.message.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(agentEvent.conversation).toMatchObject({ status: 'ACTIVE', endReason: null, acceptedAt: expect.any(String), assignee: { name: expect.any(String) } });
    // Delivery reads nothing: the notification carries the message, its conversation and their users.
    expect(visitorSql.filter((sql) => sql.startsWith('select')).length).toBeLessThanOrEqual(2);
    expect(agentSql.filter((sql) => sql.startsWith('select')).length).toBeLessThanOrEqual(3);

    process.stdout.write(
      [['visitor message, sent and delivered', visitorSql], ['agent message, sent and delivered', agentSql]]
        .map(([name, sql]) => `${name}: ${sql.length} statements\n  ${(sql as string[]).map((s) => s.slice(0, 160)).join('\n  ')}`)
        .join('\n') + '\n',
    );
  });
});
