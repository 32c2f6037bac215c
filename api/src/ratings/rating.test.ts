import { accept, chatWaitingForAgent, visitorToInbox } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const RATE = /* GraphQL */ `
  mutation($input: RateConversationInput!) { rateConversation(input: $input) { conversation { id rating { score comment ratedAt } } userErrors { code field } } }
`;
const END = `mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`;

describe('rating a live chat (rateConversation)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('the visitor rates an ended live chat once; the team reads it and the activity stream records it', async () => {
    const { agent, visitor, admin } = await chatWaitingForAgent(app);
    const rate = (input: Record<string, unknown>, token = visitor.token) => app.gql(RATE, { input: { conversationId: visitor.conversationId, ...input } }, token);
    // Not before the chat has ended.
    expect((await rate({ score: 5 })).data!.rateConversation.userErrors).toEqual([{ code: 'NOT_RATEABLE', field: ['input', 'conversationId'] }]);
    await accept(app, agent.token, visitor.conversationId);
    await app.gql(END, { id: visitor.conversationId }, agent.token);

    expect((await rate({ score: 5 }, agent.token)).data!.rateConversation.userErrors).toEqual([{ code: 'NOT_A_VISITOR', field: ['input', 'conversationId'] }]);
    expect((await rate({ score: 6, comment: 'x'.repeat(1001) })).data!.rateConversation.userErrors).toEqual([
      { code: 'INVALID_SCORE', field: ['input', 'score'] },
      { code: 'COMMENT_TOO_LONG', field: ['input', 'comment'] },
    ]);
    // Two at once: one is kept, the other told it was already rated.
    const [one, two] = await Promise.all([rate({ score: 4, comment: '  Quick and helpful ' }), rate({ score: 1 })]);
    const outcomes = [one, two].map((result) => result.data!.rateConversation.userErrors.map((error: { code: string }) => error.code).join() || 'rated').sort();
    expect(outcomes).toEqual(['ALREADY_RATED', 'rated']);

    const read = await app.gql(`query($id: ID!) { conversation(id: $id) { rating { score comment } } }`, { id: visitor.conversationId }, admin.token);
    const kept = read.data!.conversation.rating;
    expect([4, 1]).toContain(kept.score);
    const own = await app.gql(`query($id: ID!) { conversation(id: $id) { rating { score } } }`, { id: visitor.conversationId }, visitor.token);
    expect(own.data!.conversation.rating.score).toBe(kept.score);
    const events = await app.gql(`{ activityStream(first: 1, filter: { types: [CONVERSATION_RATED] }) { edges { node { data actor { kind } } } } }`, {}, admin.token);
    expect(events.data!.activityStream.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ data: expect.objectContaining({ score: kept.score }), actor: { kind: 'VISITOR' } }]);
  });

  it('a chat nobody accepted, and another visitor’s chat, cannot be rated', async () => {
    const { visitor, flowId, agent } = await chatWaitingForAgent(app);
    await app.gql(END, { id: visitor.conversationId }, visitor.token);
    const unanswered = await app.gql(RATE, { input: { conversationId: visitor.conversationId, score: 3 } }, visitor.token);
    expect(unanswered.data!.rateConversation.userErrors).toEqual([{ code: 'NOT_RATEABLE', field: ['input', 'conversationId'] }]);

    const other = await visitorToInbox(app, flowId);
    await accept(app, agent.token, other.conversationId);
    await app.gql(END, { id: other.conversationId }, agent.token);
    const foreign = await app.gql(RATE, { input: { conversationId: other.conversationId, score: 1 } }, visitor.token);
    expect(foreign.data!.rateConversation.userErrors).toEqual([{ code: 'CONVERSATION_NOT_FOUND', field: ['conversationId'] }]);
  });
});
