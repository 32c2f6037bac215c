import { FlowStepKind, type FlowStepInput } from '../flows/flow-step.types';
import { createSignedInUser, enableLiveChat, signUpAccount } from '../test/fixtures';
import { accept, demoSteps, publishFlow, send, setAccepting, visitorToInbox } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const END = `mutation($id: ID!) { endChat(conversationId: $id) { conversation { status endReason } userErrors { code } } }`;
const READ = /* GraphQL */ `
  query($id: ID!) {
    conversation(id: $id) {
      status endReason endedAt
      messages(first: 50) { edges { node { author body options { key label } } } }
    }
  }
`;
const RATE = `mutation($id: ID!) { rateConversation(input: { conversationId: $id, score: 5 }) { conversation { rating { score } } userErrors { code } } }`;

/** The demo flow, whose live chat continues with a question, a MESSAGE, and a second offer to pass over. */
function stepsWithAfterChat(): FlowStepInput[] {
  return [
    ...demoSteps({ afterChatNext: 'after_thanks' }),
    { key: 'after_thanks', kind: FlowStepKind.MESSAGE, text: 'Thanks for chatting with us!', next: 'after_more' },
    {
      key: 'after_more',
      kind: FlowStepKind.QUESTION,
      text: 'Can we help with anything else?',
      options: [
        { key: 'demo', label: 'Book a demo', next: 'again' },
        { key: 'no', label: 'No, that’s all', next: 'bye' },
      ],
    },
    {
      key: 'again',
      kind: FlowStepKind.LIVE_CHAT,
      liveChat: { offerMessage: 'Talk to sales again?', declineNext: 'demo_booked', handoffMessage: 'One moment…', timeoutSeconds: 60, timeoutMessage: 'Sorry.' },
    },
    { key: 'demo_booked', kind: FlowStepKind.END, text: 'We’ll email you a link to book a demo.' },
  ];
}

describe('afterChatNext: the bot carries on after a user ends the live chat', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function setUp(steps: FlowStepInput[]) {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token, steps);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    const visitor = await visitorToInbox(app, flowId);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    return { admin, agent, visitor, flowId };
  }

  it('ending the chat hands the conversation back to the bot at afterChatNext, and the flow ends it', async () => {
    const { admin, agent, visitor } = await setUp(stepsWithAfterChat());
    const ended = await app.gql(END, { id: visitor.conversationId }, agent.token);
    expect(ended.data!.endChat).toEqual({ conversation: { status: 'BOT', endReason: null }, userErrors: [] });

    const read = await app.gql(READ, { id: visitor.conversationId }, admin.token);
    const conversation = read.data!.conversation;
    expect(conversation).toMatchObject({ status: 'BOT', endedAt: null });
    const lines = conversation.messages.edges.map((edge: { node: { author: string; body: string } }) => `${edge.node.author}: ${edge.node.body}`);
    expect(lines.slice(-2)).toEqual(['BOT: Thanks for chatting with us!', 'BOT: Can we help with anything else?']);
    expect(lines.at(-3)).toMatch(/^SYSTEM: .+ ended the chat\.$/);
    expect(conversation.messages.edges.at(-1).node.options).toEqual([
      { key: 'demo', label: 'Book a demo' },
      { key: 'no', label: 'No, that’s all' },
    ]);

    // The live chat is over: the visitor may rate it while the bot talks, and the user can no longer write.
    expect((await app.gql(RATE, { id: visitor.conversationId }, visitor.token)).data!.rateConversation).toEqual({ conversation: { rating: { score: 5 } }, userErrors: [] });
    expect((await send(app, agent.token, visitor.conversationId, { body: 'one more thing' })).userErrors.map((error) => error.code)).toEqual(['NOT_ACTIVE']);

    // A LIVE_CHAT step reached afterwards is passed over as declined: no second trip to the inbox.
    const picked = await send(app, visitor.token, visitor.conversationId, { optionKey: 'demo' });
    expect(picked.userErrors).toEqual([]);
    expect(picked.conversation!.status).toBe('ENDED');
    const after = (await app.gql(READ, { id: visitor.conversationId }, admin.token)).data!.conversation;
    expect(after).toMatchObject({ status: 'ENDED', endReason: 'BOT_COMPLETED' });
    expect(after.messages.edges.at(-1).node).toMatchObject({ author: 'BOT', body: 'We’ll email you a link to book a demo.' });
    expect(after.messages.edges.some((edge: { node: { body: string } }) => edge.node.body === 'Talk to sales again?')).toBe(false);

    // The activity stream: the live chat ended (by the user), then the conversation, once each.
    const stream = await app.gql(
      `query($types: [ActivityEventType!]) { activityStream(first: 10, filter: { types: $types }) { edges { node { type data } } } }`,
      { types: ['LIVE_CHAT_ENDED', 'CONVERSATION_ENDED'] },
      admin.token,
    );
    const types = stream.data!.activityStream.edges.map((edge: { node: { type: string } }) => edge.node.type).sort();
    expect(types).toEqual(['CONVERSATION_ENDED', 'LIVE_CHAT_ENDED']);
  });

  it('an afterChatNext that reaches an END at once ends the conversation with the user’s reason, recorded once', async () => {
    const steps = [...demoSteps({ afterChatNext: 'after_bye' }), { key: 'after_bye', kind: FlowStepKind.END, text: 'Thanks, and goodbye!' }];
    const { admin, agent, visitor } = await setUp(steps);
    const ended = await app.gql(END, { id: visitor.conversationId }, agent.token);
    expect(ended.data!.endChat.conversation).toEqual({ status: 'ENDED', endReason: 'AGENT_ENDED' });
    const read = (await app.gql(READ, { id: visitor.conversationId }, admin.token)).data!.conversation;
    expect(read.messages.edges.at(-1).node).toMatchObject({ author: 'BOT', body: 'Thanks, and goodbye!' });
    const stream = await app.gql(`{ activityStream(first: 10, filter: { types: [LIVE_CHAT_ENDED, CONVERSATION_ENDED] }) { edges { node { type } } } }`, {}, admin.token);
    expect(stream.data!.activityStream.edges.map((edge: { node: { type: string } }) => edge.node.type)).toEqual(['LIVE_CHAT_ENDED']);
  });

  it('a visitor who ends the chat themselves is not followed by the bot', async () => {
    const { admin, visitor } = await setUp(stepsWithAfterChat());
    const ended = await app.gql(END, { id: visitor.conversationId }, visitor.token);
    expect(ended.data!.endChat.conversation).toEqual({ status: 'ENDED', endReason: 'VISITOR_LEFT' });
    const read = (await app.gql(READ, { id: visitor.conversationId }, admin.token)).data!.conversation;
    expect(read.messages.edges.some((edge: { node: { body: string } }) => edge.node.body === 'Thanks for chatting with us!')).toBe(false);
  });

  it('without afterChatNext the conversation ends with the chat, as before', async () => {
    const { visitor, agent } = await setUp(demoSteps());
    const ended = await app.gql(END, { id: visitor.conversationId }, agent.token);
    expect(ended.data!.endChat.conversation).toEqual({ status: 'ENDED', endReason: 'AGENT_ENDED' });
  });

  it('afterChatNext must name a step of the flow, and reads back from the flow', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const created = await app.gql(
      `mutation($input: CreateFlowInput!) { createFlow(input: $input) { flow { id } userErrors { code field } } }`,
      { input: { name: 'Broken', steps: demoSteps({ afterChatNext: 'nowhere' }) } },
      admin.token,
    );
    expect(created.data!.createFlow.userErrors).toEqual([{ code: 'UNKNOWN_STEP', field: ['input', 'steps', '3', 'liveChat', 'afterChatNext'] }]);

    const flowId = await publishFlow(app, admin.token, stepsWithAfterChat());
    const read = await app.gql(`query($id: ID!) { flow(id: $id) { steps { key liveChat { afterChatNext } } } }`, { id: flowId }, admin.token);
    const live = read.data!.flow.steps.filter((step: { liveChat: unknown }) => step.liveChat);
    expect(live).toEqual([
      { key: 'live', liveChat: { afterChatNext: 'after_thanks' } },
      { key: 'again', liveChat: { afterChatNext: null } },
    ]);
  });
});
