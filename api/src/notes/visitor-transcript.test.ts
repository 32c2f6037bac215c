import { accept, chatWaitingForAgent, send } from '../test/live-chat-fixtures';
import { startTestApp, type GraphQLResponse, type TestApp } from '../test/test-app';
import { VISITOR_TRANSCRIPT, type TranscriptLine, type VisitorTranscriptData } from '../../../web/widget/src/operations';
import { transcriptText } from '../../../web/widget/src/transcript';

jest.setTimeout(120_000);

const ADD_NOTE = /* GraphQL */ `mutation($input: AddNoteInput!) { addNote(input: $input) { userErrors { code } } }`;

/**
 * The widget's transcript download reads the conversation with the visitor's token, a page at a
 * time, with its own document: over more than a page, with notes between the messages, the file
 * holds every message the visitor saw and not one note.
 */
describe('the visitor’s transcript download', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function pages(token: string, id: string): Promise<{ lines: TranscriptLine[]; pages: number }> {
    const lines: TranscriptLine[] = [];
    let after: string | null = null;
    for (let page = 1; ; page++) {
      const result: GraphQLResponse<VisitorTranscriptData> = await app.gql<VisitorTranscriptData>(VISITOR_TRANSCRIPT, { id, after }, token);
      expect(result.errors).toBeUndefined();
      const messages: NonNullable<VisitorTranscriptData['conversation']>['messages'] = result.data!.conversation!.messages;
      lines.push(...messages.edges.map((edge) => edge.node));
      if (!messages.pageInfo.hasNextPage) return { lines, pages: page };
      after = messages.pageInfo.endCursor;
    }
  }

  it('holds every message of the visitor’s side, with times and the agent’s name, and no internal note', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    for (let i = 1; i <= 110; i++) {
      expect((await send(app, agent.token, visitor.conversationId, { body: `Answer ${i}` })).userErrors).toEqual([]);
      if (i % 11 === 0) expect((await app.gql(ADD_NOTE, { input: { conversationId: visitor.conversationId, body: `SECRET NOTE ${i}: discount up to 30%` } }, agent.token)).data!.addNote.userErrors).toEqual([]);
    }
    await send(app, visitor.token, visitor.conversationId, { body: 'Thanks,\nthat helps' });
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: visitor.conversationId }, visitor.token);

    const own = await pages(visitor.token, visitor.conversationId);
    const team = await pages(agent.token, visitor.conversationId);
    expect(own.pages).toBeGreaterThan(1);
    // The team's pages hold the ten notes; the visitor's hold everything else, in order.
    expect(team.lines.filter((line) => (line.author as string) === 'NOTE')).toHaveLength(10);
    expect(own.lines.map((line) => line.id)).toEqual(team.lines.filter((line) => (line.author as string) !== 'NOTE').map((line) => line.id));
    expect(new Set(own.lines.map((line) => line.author))).toEqual(new Set(['BOT', 'VISITOR', 'SYSTEM', 'AGENT']));

    const file = transcriptText(own.lines, 'acme.example', new Date('2026-12-01T10:00:00Z'));
    expect(file).not.toMatch(/SECRET NOTE|discount/);
    expect(file).toContain('Chat transcript from acme.example');
    for (const i of [1, 55, 110]) expect(file).toMatch(new RegExp(`^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\] Test AGENT: Answer ${i}$`, 'm'));
    expect(file).toContain('] You: Thanks,\n    that helps\n');
    expect(file).toMatch(/\] Bot: What brings you here today\?/);
    expect(file).toMatch(/\] Notice: You ended the chat\./);
    // Even handed a note, the file would leave it out.
    expect(transcriptText([{ id: 'x', author: 'NOTE' as never, body: 'leak', senderName: 'Ana', createdAt: new Date().toISOString() }], 'acme.example')).not.toContain('leak');
  });
});
