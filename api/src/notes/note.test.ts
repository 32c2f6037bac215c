import { signUpAccount } from '../test/fixtures';
import { accept, chatWaitingForAgent, collect, send } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const ADD_NOTE = /* GraphQL */ `
  mutation($input: AddNoteInput!) { addNote(input: $input) { message { id author body senderName } userErrors { code field } } }
`;
const EVENTS = /* GraphQL */ `
  subscription($id: ID!, $after: String) { conversationEvents(conversationId: $id, after: $after) { cursor message { id author body } } }
`;
const TRANSCRIPT = /* GraphQL */ `
  query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { author body } } } lastMessage { author body } } }
`;

describe('internal notes (addNote)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('are in the team’s transcript and stream, never in the visitor’s, whose stream still goes on past them', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    const team = await collect(app.wsClient(`Bearer ${agent.token}`), EVENTS, { id: visitor.conversationId });
    const own = await collect(app.wsClient(`Bearer ${visitor.token}`), EVENTS, { id: visitor.conversationId });
    await team.waitFor((event) => event.message.author === 'SYSTEM');
    await own.waitFor((event) => event.message.author === 'SYSTEM');

    const note = await app.gql(ADD_NOTE, { input: { conversationId: visitor.conversationId, body: '  Big account: offer the annual plan.  ' } }, agent.token);
    expect(note.data!.addNote).toEqual({ message: { id: expect.any(String), author: 'NOTE', body: 'Big account: offer the annual plan.', senderName: expect.any(String) }, userErrors: [] });
    expect((await send(app, agent.token, visitor.conversationId, { body: 'Would an annual plan suit you?' })).userErrors).toEqual([]);

    await team.waitFor((event) => event.message.body === 'Would an annual plan suit you?');
    await own.waitFor((event) => event.message.body === 'Would an annual plan suit you?');
    expect(team.events.map((event) => event.message.author).slice(-2)).toEqual(['NOTE', 'AGENT']);
    expect(own.events.some((event) => event.message.author === 'NOTE' || event.message.body.includes('annual plan.'))).toBe(false);

    // Reconnecting from before the note replays it for the team only.
    const systemCursor = own.events.find((event) => event.message.author === 'SYSTEM').cursor;
    const replayed = await collect(app.wsClient(`Bearer ${visitor.token}`), EVENTS, { id: visitor.conversationId, after: systemCursor });
    await replayed.waitFor((event) => event.message.body === 'Would an annual plan suit you?');
    expect(replayed.events.map((event) => event.message.author)).toEqual(['AGENT']);

    const forTeam = (await app.gql(TRANSCRIPT, { id: visitor.conversationId }, agent.token)).data!.conversation;
    const forVisitor = (await app.gql(TRANSCRIPT, { id: visitor.conversationId }, visitor.token)).data!.conversation;
    expect(forTeam.messages.edges.map((edge: { node: { author: string } }) => edge.node.author)).toContain('NOTE');
    expect(forVisitor.messages.edges.map((edge: { node: { author: string } }) => edge.node.author)).not.toContain('NOTE');
    expect(JSON.stringify(forVisitor)).not.toContain('annual plan.');

    // The note's own ID reaches nothing for the visitor.
    const direct = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: note.data!.addNote.message.id }, visitor.token);
    expect(direct.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const client of [team, own, replayed]) client.dispose();
  });

  it('are not the visitor’s or another account’s to write, and a blank or huge note is refused', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    const input = (body: string) => ({ input: { conversationId: visitor.conversationId, body } });
    const byVisitor = await app.gql(ADD_NOTE, input('I am not the team'), visitor.token);
    expect(byVisitor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const outsider = await signUpAccount(app);
    expect((await app.gql(ADD_NOTE, input('From account B'), outsider.token)).data!.addNote.userErrors).toEqual([{ code: 'CONVERSATION_NOT_FOUND', field: ['conversationId'] }]);
    expect((await app.gql(ADD_NOTE, input('   '), agent.token)).data!.addNote.userErrors).toEqual([{ code: 'EMPTY_MESSAGE', field: ['input', 'body'] }]);
    expect((await app.gql(ADD_NOTE, input('x'.repeat(4001)), agent.token)).data!.addNote.userErrors).toEqual([{ code: 'NOTE_TOO_LONG', field: ['input', 'body'] }]);
    // A note is fine while the chat still waits: the team prepares before accepting.
    expect((await app.gql(ADD_NOTE, input('Returning customer'), agent.token)).data!.addNote.userErrors).toEqual([]);
    const transcript = (await app.gql(TRANSCRIPT, { id: visitor.conversationId }, agent.token)).data!.conversation;
    expect(transcript.messages.edges.filter((edge: { node: { author: string } }) => edge.node.author === 'NOTE')).toHaveLength(1);
    // The inbox preview shows the conversation's last message, not the note.
    expect(transcript.lastMessage.author).not.toBe('NOTE');
  });
});
