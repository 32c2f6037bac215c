import { Topic } from '../realtime/topics';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, collect, demoSteps, publishFlow, send, setAccepting, startVisitor, visitorToInbox, waitForChannel } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const INCOMING = /* GraphQL */ `
  subscription { incomingChats { kind reason conversation { id status contact { name email fields } } } }
`;
const ASSIGNED = /* GraphQL */ `subscription { assignedChats { kind conversation { id status endReason } } }`;
const EVENTS = /* GraphQL */ `
  subscription($id: ID!, $after: String) {
    conversationEvents(conversationId: $id, after: $after) {
      cursor
      message { author body senderName options { key label } }
      conversation { status assigneeName }
    }
  }
`;

describe('live chat, end to end over HTTP and graphql-ws', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  beforeAll(async () => {
    app = await startTestApp({}, { workers: true });
    admin = await signUpAccount(app, 'Acme');
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
  });
  afterAll(() => app.close());

  it('takes a visitor from the bot to one agent, and only the right people hear of it', async () => {
    const agents = await Promise.all([1, 2, 3].map(() => createSignedInUser(app, admin.token, 'AGENT')));
    const idle = await createSignedInUser(app, admin.token, 'AGENT');
    const other = await signUpAccount(app, 'Other Co');
    await enableLiveChat(app, other.accountId);
    for (const user of [...agents, other]) await setAccepting(app, user.token, true);

    const inboxes = await Promise.all(agents.map((agent) => collect(app.wsClient(`Bearer ${agent.token}`), INCOMING)));
    const idleInbox = await collect(app.wsClient(`Bearer ${idle.token}`), INCOMING);
    const otherInbox = await collect(app.wsClient(`Bearer ${other.token}`), INCOMING);
    for (const user of [...agents, idle, other]) await waitForChannel(app, Topic.INBOX, dbId(user.userId));

    // The visitor meets the bot.
    const visitor = await startVisitor(app, flowId);
    const visitorEvents = await collect(app.wsClient(`Bearer ${visitor.token}`), EVENTS, { id: visitor.conversationId });
    await visitorEvents.waitFor((event) => event.message.body === 'What brings you here today?');
    expect(visitorEvents.events[1].message.options.map((option: { key: string }) => option.key)).toEqual(['pricing', 'support', 'browsing']);

    // Qualifies, confirms, gives name and email.
    expect((await send(app, visitor.token, visitor.conversationId, { optionKey: 'pricing' })).conversation!.status).toBe('BOT');
    await send(app, visitor.token, visitor.conversationId, { optionKey: 'medium' });
    const confirmed = await send(app, visitor.token, visitor.conversationId, { optionKey: 'accept' });
    expect(confirmed.message!.body).toBe('Yes, connect me');
    await visitorEvents.waitFor((event) => event.message.body === 'Great! Before I connect you: what’s your name?');
    await send(app, visitor.token, visitor.conversationId, { body: 'Grace Hopper' });
    const bad = await send(app, visitor.token, visitor.conversationId, { body: 'grace@nowhere' });
    expect(bad.conversation!.status).toBe('BOT');
    await visitorEvents.waitFor((event) => event.message.body.startsWith('That doesn’t look like an email address'));
    const queued = await send(app, visitor.token, visitor.conversationId, { body: 'grace@example.com' });
    expect(queued.conversation!.status).toBe('WAITING');
    // "While I find someone" comes once, with the chat actually waiting.
    const handoff = await visitorEvents.waitFor((event) => event.message.body.startsWith('Thanks! While I find someone'));
    expect(handoff.conversation.status).toBe('WAITING');
    expect(visitorEvents.events.filter((event) => event.message.body.includes('While I find someone'))).toHaveLength(1);

    // Every accepting agent of the account is told, with the contact's details and answers.
    const added = await Promise.all(inboxes.map((inbox) => inbox.waitFor((event) => event.kind === 'ADDED')));
    for (const event of added) {
      expect(event.conversation).toEqual({
        id: visitor.conversationId,
        status: 'WAITING',
        contact: { name: 'Grace Hopper', email: 'grace@example.com', fields: { need: 'Pricing for my team', team_size: '11–50' } },
      });
    }
    const inbox = await app.gql(`{ liveChatInbox { id timeoutAt waitingSince } }`, {}, agents[0].token);
    expect(inbox.data!.liveChatInbox.map((c: { id: string }) => c.id)).toEqual([visitor.conversationId]);
    expect((await app.gql(`{ liveChatInbox { id } }`, {}, idle.token)).data!.liveChatInbox).toEqual([]);
    expect((await app.gql(`{ liveChatInbox { id } }`, {}, other.token)).data!.liveChatInbox).toEqual([]);

    // The second agent accepts; the others see it vanish; a late accept loses.
    const assigned = await collect(app.wsClient(`Bearer ${agents[1].token}`), ASSIGNED);
    await waitForChannel(app, Topic.ASSIGNED, dbId(agents[1].userId));
    const won = await accept(app, agents[1].token, visitor.conversationId);
    expect(won).toEqual({ conversation: { id: visitor.conversationId, status: 'ACTIVE', assignee: { id: agents[1].userId } }, userErrors: [] });
    for (const index of [0, 2]) {
      const removed = await inboxes[index].waitFor((event) => event.kind === 'REMOVED');
      expect(removed.reason).toBe('ACCEPTED');
    }
    expect(await accept(app, agents[0].token, visitor.conversationId)).toEqual({ conversation: null, userErrors: [{ code: 'ALREADY_ACCEPTED' }] });
    await assigned.waitFor((event) => event.kind === 'ASSIGNED' && event.conversation.id === visitor.conversationId);
    const joined = await visitorEvents.waitFor((event) => event.message.author === 'SYSTEM');
    expect(joined.message.body).toBe('Test AGENT joined the chat.');
    expect(joined.conversation).toEqual({ status: 'ACTIVE', assigneeName: 'Test AGENT' });

    // Messages both ways.
    const agentEvents = await collect(app.wsClient(`Bearer ${agents[1].token}`), EVENTS, { id: visitor.conversationId, after: joined.cursor });
    await send(app, visitor.token, visitor.conversationId, { body: 'Hi! Do you offer annual plans?' });
    await agentEvents.waitFor((event) => event.message.body === 'Hi! Do you offer annual plans?');
    const reply = await send(app, agents[1].token, visitor.conversationId, { body: 'We do: two months free.' });
    expect(reply.userErrors).toEqual([]);
    const heard = await visitorEvents.waitFor((event) => event.message.body === 'We do: two months free.');
    expect(heard.message).toMatchObject({ author: 'AGENT', senderName: 'Test AGENT' });
    const intruder = await send(app, agents[2].token, visitor.conversationId, { body: 'Me too!' });
    expect(intruder.userErrors.map((e) => e.code)).toEqual(['NOT_ASSIGNED']);

    // The agent ends the chat; the visitor sees it end.
    const ended = await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { conversation { status endReason endedAt } userErrors { code } } }`, { id: visitor.conversationId }, agents[1].token);
    expect(ended.data!.endChat.conversation).toMatchObject({ status: 'ENDED', endReason: 'AGENT_ENDED' });
    const farewell = await visitorEvents.waitFor((event) => event.conversation.status === 'ENDED');
    expect(farewell.message).toMatchObject({ author: 'SYSTEM', body: 'Test AGENT ended the chat.' });
    await assigned.waitFor((event) => event.kind === 'ENDED');
    expect((await send(app, visitor.token, visitor.conversationId, { body: 'Hello?' })).userErrors[0].code).toBe('CONVERSATION_CLOSED');

    // Nobody else heard anything.
    expect(idleInbox.events).toEqual([]);
    expect(otherInbox.events).toEqual([]);
    // The visitor saw each message once, in order.
    const bodies = visitorEvents.events.map((event) => event.message.body);
    expect(new Set(bodies.filter((body) => body !== 'What brings you here today?')).size).toBe(bodies.length - 1);

    // The activity stream tells the whole story, newest first, and leads to the transcript.
    const stream = await app.gql(
      `query($id: ID!) { activityStream(first: 50, filter: { conversationId: $id }) { edges { node { type actor { kind user { id } } data contact { name } conversation { messages(first: 100) { edges { node { author body } } } } } } } }`,
      { id: visitor.conversationId },
      admin.token,
    );
    expect(stream.errors).toBeUndefined();
    const nodes = stream.data!.activityStream.edges.map((edge: { node: any }) => edge.node);
    expect(nodes.map((node: { type: string }) => node.type).reverse()).toEqual([
      'CONTACT_CREATED',
      'CONVERSATION_STARTED',
      'CONTACT_QUALIFIED',
      'CONTACT_QUALIFIED',
      'CONTACT_DETAILS_CAPTURED',
      'CONTACT_DETAILS_CAPTURED',
      'LIVE_CHAT_REQUESTED',
      'LIVE_CHAT_ACCEPTED',
      'MESSAGE_CREATED',
      'MESSAGE_CREATED',
      'LIVE_CHAT_ENDED',
    ]);
    const [endedEvent] = nodes;
    expect(endedEvent).toMatchObject({ actor: { kind: 'USER', user: { id: agents[1].userId } }, data: { endReason: 'AGENT_ENDED' }, contact: { name: 'Grace Hopper' } });
    const transcript = endedEvent.conversation.messages.edges.map((edge: { node: { author: string } }) => edge.node.author);
    expect(transcript.slice(0, 3)).toEqual(['BOT', 'BOT', 'VISITOR']);
    expect(transcript).toContain('AGENT');
  });

  it('shows the chats already waiting to a user who turns accepting on', async () => {
    const visitor = await visitorToInbox(app, flowId);
    const late = await createSignedInUser(app, admin.token, 'AGENT');
    const inbox = await collect(app.wsClient(`Bearer ${late.token}`), INCOMING);
    await waitForChannel(app, Topic.INBOX, dbId(late.userId));
    await setAccepting(app, late.token, true);
    const event = await inbox.waitFor((e) => e.conversation.id === visitor.conversationId);
    expect(event.kind).toBe('ADDED');
    expect((await app.gql(`{ liveChatInbox { id } }`, {}, late.token)).data!.liveChatInbox.map((c: { id: string }) => c.id)).toContain(visitor.conversationId);
    expect((await accept(app, late.token, visitor.conversationId)).userErrors).toEqual([]);
  });

  it('stops a subscribed inbox at once when its user stops accepting chats', async () => {
    const [leaving, staying] = await Promise.all([1, 2].map(() => createSignedInUser(app, admin.token, 'AGENT')));
    for (const user of [leaving, staying]) await setAccepting(app, user.token, true);
    const leavingInbox = await collect(app.wsClient(`Bearer ${leaving.token}`), INCOMING);
    const stayingInbox = await collect(app.wsClient(`Bearer ${staying.token}`), INCOMING);
    for (const user of [leaving, staying]) await waitForChannel(app, Topic.INBOX, dbId(user.userId));
    const before = await visitorToInbox(app, flowId);
    await leavingInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === before.conversationId);

    await setAccepting(app, leaving.token, false);
    const after = await visitorToInbox(app, flowId);
    // The peer hears of the new chat, so it was announced; the user who stopped hears nothing.
    await stayingInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === after.conversationId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(leavingInbox.events.filter((event) => event.conversation.id === after.conversationId)).toEqual([]);

    // Turning it back on shows the chat that is waiting, on the same subscription.
    await setAccepting(app, leaving.token, true);
    await leavingInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === after.conversationId);
    leavingInbox.dispose();
    stayingInbox.dispose();
  });

  it('refuses to accept for users not accepting chats, and API keys', async () => {
    const visitor = await visitorToInbox(app, flowId);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([{ code: 'NOT_ACCEPTING_CHATS' }]);
    const key = await app.gql(`mutation { createApiKey(input: { name: "bot" }) { secret } }`, {}, admin.token);
    expect((await accept(app, key.data!.createApiKey.secret, visitor.conversationId)).userErrors).toEqual([{ code: 'NOT_A_USER' }]);
  });

  it('lets the visitor leave a waiting chat, which leaves every inbox', async () => {
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    const inbox = await collect(app.wsClient(`Bearer ${agent.token}`), INCOMING);
    await waitForChannel(app, Topic.INBOX, dbId(agent.userId));
    const visitor = await visitorToInbox(app, flowId);
    await inbox.waitFor((e) => e.kind === 'ADDED' && e.conversation.id === visitor.conversationId);
    const left = await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { conversation { status endReason } } }`, { id: visitor.conversationId }, visitor.token);
    expect(left.data!.endChat.conversation).toEqual({ status: 'ENDED', endReason: 'VISITOR_LEFT' });
    const removed = await inbox.waitFor((e) => e.kind === 'REMOVED' && e.conversation.id === visitor.conversationId);
    expect(removed.reason).toBe('ENDED');
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([{ code: 'NOT_WAITING' }]);
  });

  it('skips the offer while nobody is accepting chats, when the flow says so', async () => {
    const owner = await signUpAccount(app, 'Night shift');
    await enableLiveChat(app, owner.accountId);
    const skipping = await publishFlow(app, owner.token, demoSteps({ skipWhenNobodyAvailable: true, unavailableMessage: 'Our team is offline right now; we will email you.' }));
    const stored = await app.gql(`query($id: ID!) { flow(id: $id) { steps { liveChat { skipWhenNobodyAvailable unavailableMessage } } } }`, { id: skipping }, owner.token);
    expect(stored.data!.flow.steps[3].liveChat).toEqual({ skipWhenNobodyAvailable: true, unavailableMessage: 'Our team is offline right now; we will email you.' });

    const offline = await startVisitor(app, skipping);
    await send(app, offline.token, offline.conversationId, { optionKey: 'pricing' });
    const ended = await send(app, offline.token, offline.conversationId, { optionKey: 'small' });
    expect(ended.conversation!.status).toBe('ENDED');
    const transcript = await app.gql(`query($id: ID!) { conversation(id: $id) { endReason messages(first: 20) { edges { node { body } } } } }`, { id: offline.conversationId }, offline.token);
    const bodies = transcript.data!.conversation.messages.edges.map((edge: { node: { body: string } }) => edge.node.body);
    expect(bodies.slice(-2)).toEqual(['Our team is offline right now; we will email you.', 'Thanks for visiting. Have a great day!']);
    expect(transcript.data!.conversation.endReason).toBe('BOT_COMPLETED');

    await setAccepting(app, owner.token, true);
    const online = await startVisitor(app, skipping);
    await send(app, online.token, online.conversationId, { optionKey: 'pricing' });
    await send(app, online.token, online.conversationId, { optionKey: 'small' });
    expect((await send(app, online.token, online.conversationId, { optionKey: 'accept' })).userErrors).toEqual([]);
  });
});
