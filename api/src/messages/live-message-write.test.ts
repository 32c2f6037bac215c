import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { Conversation } from '../conversations/conversation.entity';
import { createSignedInUser, dbId } from '../test/fixtures';
import { accept, chatWaitingForAgent, send } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';
import { WebhookDelivery } from '../webhooks/webhook.entity';
import { Message } from './message.entity';

const CREATE_ENDPOINT = /* GraphQL */ `
  mutation($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { endpoint { id } userErrors { code } }
  }
`;

/**
 * The one-statement live message (live-message-write.ts) against the ORM transaction it stands
 * in for: the same rows, the same refusals, and the ORM path whenever anything more is due.
 */
describe('a live message in one statement', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
  });
  afterAll(() => app.close());

  const em = () => app.runtime.orm.em.fork();

  it('writes the message, the conversation and one MESSAGE_CREATED event at the next position', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    const conversationId = dbId(visitor.conversationId);
    // Waiting: no idle deadline yet (it starts when a user accepts).
    const waiting = await send(app, visitor.token, visitor.conversationId, { body: '  Anyone there?  ' });
    expect(waiting.userErrors).toEqual([]);
    expect(waiting.message).toMatchObject({ author: 'VISITOR', body: 'Anyone there?' });
    expect((await em().findOneOrFail(Conversation, conversationId)).idleDeadlineAt ?? null).toBeNull();

    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    const acceptedDeadline = (await em().findOneOrFail(Conversation, conversationId)).idleDeadlineAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = await em().findOneOrFail(Conversation, conversationId);
    const sql = await sqlStatementsOf(app, () => send(app, visitor.token, visitor.conversationId, { body: 'Hello' }));
    expect(sql).toHaveLength(1);
    const after = await em().findOneOrFail(Conversation, conversationId);
    expect(after.lastMessageSeq).toBe(before.lastMessageSeq + 1);
    expect(after.idleDeadlineAt!.getTime()).toBeGreaterThan(acceptedDeadline.getTime());
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());

    const stored = await em().findOneOrFail(Message, { conversation: conversationId, seq: after.lastMessageSeq });
    expect(stored).toMatchObject({ author: 'VISITOR', body: 'Hello', clientMessageId: null });
    const events = await em().find(ActivityEvent, { conversation: conversationId, type: ActivityEventType.MESSAGE_CREATED }, { orderBy: { position: 'asc' } });
    expect(events).toHaveLength(2);
    expect(events[1].data).toEqual({ messageId: stored.nodeId, author: 'VISITOR' });
    expect(events[1].actorKind).toBe('VISITOR');
    const latest = await em().findOneOrFail(ActivityEvent, { account: stored.account.id }, { orderBy: { position: 'desc' } });
    expect(latest.id).toBe(events[1].id);

    // The agent's answer: sender and acting user are the agent; their idle deadline is the visitor's only.
    const answer = await send(app, agent.token, visitor.conversationId, { body: 'Hi, how can I help?' });
    expect(answer.userErrors).toEqual([]);
    const agentMessage = await em().findOneOrFail(Message, dbId(answer.message!.id));
    expect(agentMessage.sender?.id).toBe(dbId(agent.userId));
    const agentEvent = await em().findOneOrFail(ActivityEvent, { conversation: conversationId, type: ActivityEventType.MESSAGE_CREATED }, { orderBy: { position: 'desc' } });
    expect(agentEvent).toMatchObject({ actorKind: 'USER', position: latest.position + 1 });
    expect(agentEvent.actorUser?.id).toBe(dbId(agent.userId));
    expect((await em().findOneOrFail(Conversation, conversationId)).idleDeadlineAt).toEqual(after.idleDeadlineAt);
  });

  it('numbers 40 concurrent messages of one chat 1, 2, 3… with one event each, at consecutive positions', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    const conversationId = dbId(visitor.conversationId);
    const first = (await em().findOneOrFail(Conversation, conversationId)).lastMessageSeq;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => send(app, index % 2 ? agent.token : visitor.token, visitor.conversationId, { body: `message ${index}`, clientMessageId: `c-${index}` })),
    );
    expect(results.flatMap((result) => result.userErrors)).toEqual([]);
    const messages = await em().find(Message, { conversation: conversationId, seq: { $gt: first } }, { orderBy: { seq: 'asc' } });
    expect(messages.map((message) => message.seq)).toEqual(Array.from({ length: 40 }, (_, index) => first + 1 + index));
    expect(new Set(messages.map((message) => message.body)).size).toBe(40);
    const events = await em().find(ActivityEvent, { conversation: conversationId, type: ActivityEventType.MESSAGE_CREATED, position: { $gt: 0 } }, { orderBy: { position: 'asc' } });
    const forThese = events.filter((event) => messages.some((message) => message.nodeId === event.data.messageId));
    expect(forThese).toHaveLength(40);
    const positions = forThese.map((event) => event.position);
    expect(positions).toEqual(Array.from({ length: 40 }, (_, index) => positions[0] + index));
  });

  it('refuses what the ORM path refuses, writing nothing: another user’s chat, an ended chat, a repeat', async () => {
    const { admin, agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    const conversationId = dbId(visitor.conversationId);
    const other = await createSignedInUser(app, admin.token, 'AGENT');
    const seqBefore = (await em().findOneOrFail(Conversation, conversationId)).lastMessageSeq;

    expect((await send(app, other.token, visitor.conversationId, { body: 'Let me take this' })).userErrors.map((error) => error.code)).toEqual(['NOT_ASSIGNED']);
    expect((await em().findOneOrFail(Conversation, conversationId)).lastMessageSeq).toBe(seqBefore);
    // An admin may write in anyone's chat.
    expect((await send(app, admin.token, visitor.conversationId, { body: 'Admin here' })).userErrors).toEqual([]);

    const sent = await send(app, visitor.token, visitor.conversationId, { body: 'Once', clientMessageId: 'once' });
    const repeated = await send(app, visitor.token, visitor.conversationId, { body: 'Once', clientMessageId: 'once' });
    expect(repeated.userErrors).toEqual([]);
    expect(repeated.message!.id).toBe(sent.message!.id);
    expect(await em().count(Message, { conversation: conversationId, clientMessageId: 'once' })).toBe(1);
    expect(await em().count(ActivityEvent, { conversation: conversationId, type: ActivityEventType.MESSAGE_CREATED, data: { messageId: sent.message!.id } })).toBe(1);

    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: visitor.conversationId }, agent.token);
    const seqEnded = (await em().findOneOrFail(Conversation, conversationId)).lastMessageSeq;
    expect((await send(app, visitor.token, visitor.conversationId, { body: 'Hello?' })).userErrors.map((error) => error.code)).toEqual(['CONVERSATION_CLOSED']);
    expect((await send(app, agent.token, visitor.conversationId, { body: 'Bye' })).userErrors.map((error) => error.code)).toEqual(['NOT_ACTIVE']);
    expect((await em().findOneOrFail(Conversation, conversationId)).lastMessageSeq).toBe(seqEnded);
  });

  it('takes the ORM path, and records the webhook delivery, when an endpoint takes message.created', async () => {
    const { admin, agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    const endpoint = async (events: string[]) => {
      const created = await app.gql(CREATE_ENDPOINT, { input: { url: 'http://127.0.0.1:9/hooks', events } }, admin.token);
      expect(created.data!.createWebhookEndpoint.userErrors).toEqual([]);
      return dbId(created.data!.createWebhookEndpoint.endpoint.id as string);
    };
    // An endpoint for other events changes nothing.
    await endpoint(['live_chat.accepted']);
    expect(await sqlStatementsOf(app, () => send(app, visitor.token, visitor.conversationId, { body: 'one' }))).toHaveLength(1);

    const messagesEndpoint = await endpoint(['message.created']);
    let sent: Awaited<ReturnType<typeof send>> | undefined;
    const sql = await sqlStatementsOf(app, async () => (sent = await send(app, visitor.token, visitor.conversationId, { body: 'two' })));
    expect(sql).toContain('BEGIN;');
    const deliveries = await em().find(WebhookDelivery, { endpoint: messagesEndpoint }, { populate: ['event'] });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].eventType).toBe('message.created');
    expect(JSON.parse(deliveries[0].payload).data.details).toEqual({ messageId: sent!.message!.id, author: 'VISITOR' });
    // Found once, the account's next messages go straight to the ORM transaction, not a statement that writes nothing.
    const next = await sqlStatementsOf(app, () => send(app, agent.token, visitor.conversationId, { body: 'three' }));
    expect(next[0]).toBe('BEGIN;');
    expect(await em().count(WebhookDelivery, { endpoint: messagesEndpoint })).toBe(2);
  });
});
