import { dbId, signUpAccount, createSignedInUser } from '../test/fixtures';
import { accept, chatWaitingForAgent, collect, send, startVisitor, waitForChannel, type Collected } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';
import { Topic } from '../realtime/topics';

const SIGNALS = /* GraphQL */ `
  subscription($id: ID!) { conversationSignals(conversationId: $id) { kind conversationId by typing name preview presence lastSeenAt cursor at } }
`;
const HIDDEN_SIGNALS = /* GraphQL */ `
  subscription($id: ID!) { conversationSignals(conversationId: $id, away: true) { kind presence } }
`;
const SET_TYPING = /* GraphQL */ `
  mutation($id: ID!, $typing: Boolean!, $preview: String) {
    setTyping(conversationId: $id, typing: $typing, preview: $preview) { delivered previewWanted userErrors { code message field } }
  }
`;
const SET_PRESENCE = /* GraphQL */ `
  mutation($id: ID!, $away: Boolean!) { setPresence(conversationId: $id, away: $away) { presence userErrors { code } } }
`;
const MARK_READ = /* GraphQL */ `
  mutation($id: ID!, $cursor: String!) {
    markRead(conversationId: $id, cursor: $cursor) { moved cursor conversation { visitorReadCursor agentReadCursor } userErrors { code field } }
  }
`;
const PRESENCE = /* GraphQL */ `
  query($id: ID!) { conversation(id: $id) { visitorPresence visitorLastSeenAt visitorReadCursor agentReadCursor } }
`;
const CURSORS = /* GraphQL */ `
  query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { cursor author body } } } } }
`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A live chat (accepted by the agent) with each side's signals collected. */
async function liveChat(app: TestApp) {
  const chat = await chatWaitingForAgent(app);
  expect((await accept(app, chat.agent.token, chat.visitor.conversationId)).userErrors).toEqual([]);
  return chat;
}

async function subscribe(app: TestApp, token: string, conversationId: string): Promise<Collected<any>> {
  const collected = await collect(app.wsClient(`Bearer ${token}`), SIGNALS, { id: conversationId });
  return collected;
}

describe('conversation signals', () => {
  let app: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const env = { PRESENCE_OFFLINE_SECONDS: '1', TYPING_SIGNALS_PER_MINUTE: '6' };
    app = await startTestApp(env);
    // A second API process of the same deployment: same database, same Redis prefix.
    second = await startTestApp({ ...env, JWT_SECRET: app.runtime.config.JWT_SECRET }, { database: app.database, redisPrefix: app.runtime.redisPrefix });
  });
  afterAll(async () => {
    await second?.close({ keepDatabase: true });
    await app?.close();
  });

  it('typing reaches the other side, never the sender, and is never stored', async () => {
    const { agent, visitor } = await liveChat(app);
    const id = visitor.conversationId;
    const agentSide = await subscribe(app, agent.token, id);
    const visitorSide = await subscribe(second, visitor.token, id);
    await waitForChannel(app, Topic.SIGNALS, dbId(id));
    await waitForChannel(second, Topic.SIGNALS, dbId(id));

    const typed = await app.gql(SET_TYPING, { id, typing: true, preview: 'Hello, I would like' }, visitor.token);
    expect(typed.data!.setTyping).toEqual({ delivered: true, previewWanted: false, userErrors: [] });
    const heard = await agentSide.waitFor((signal) => signal.kind === 'TYPING');
    // Without the account's opt-in the draft never leaves the server.
    expect(heard).toMatchObject({ by: 'VISITOR', typing: true, preview: null, name: null, conversationId: id });

    expect((await second.gql(SET_TYPING, { id, typing: true }, agent.token)).data!.setTyping.userErrors).toEqual([]);
    const agentTyping = await visitorSide.waitFor((signal) => signal.kind === 'TYPING');
    expect(agentTyping).toMatchObject({ by: 'AGENT', typing: true, name: 'Test AGENT', preview: null });

    expect((await app.gql(SET_TYPING, { id, typing: false }, visitor.token)).data!.setTyping.delivered).toBe(true);
    await agentSide.waitFor((signal) => signal.kind === 'TYPING' && signal.typing === false);
    // A second "stopped" is not passed on: nobody thinks the visitor types.
    expect((await app.gql(SET_TYPING, { id, typing: false }, visitor.token)).data!.setTyping.delivered).toBe(false);
    await pause(200);

    // Nobody heard themselves; the visitor heard no visitor-side signal at all.
    expect(agentSide.events.filter((signal) => signal.kind === 'TYPING').map((signal) => signal.by)).toEqual(['VISITOR', 'VISITOR']);
    expect(visitorSide.events.every((signal) => signal.by === 'AGENT' && signal.kind !== 'PRESENCE')).toBe(true);
    expect(visitorSide.events.filter((signal) => signal.kind === 'TYPING')).toHaveLength(1);
    const transcript = await app.gql(CURSORS, { id }, agent.token);
    expect(transcript.data!.conversation.messages.edges.map((edge: any) => edge.node.body)).not.toContain('Hello, I would like');
  });

  it('passes the visitor’s draft to agents only once the account opted in, never to the visitor', async () => {
    const { admin, agent, visitor } = await liveChat(app);
    const id = visitor.conversationId;
    const agentSide = await subscribe(app, agent.token, id);
    const visitorSide = await subscribe(app, visitor.token, id);
    await waitForChannel(app, Topic.SIGNALS, dbId(id));
    const optIn = await app.gql(`mutation { updateAccountSettings(input: { typingPreview: true }) { account { typingPreview } userErrors { code } } }`, {}, admin.token);
    expect(optIn.data!.updateAccountSettings).toEqual({ account: { typingPreview: true }, userErrors: [] });

    const long = `Do you offer ${'x'.repeat(600)}`;
    expect((await app.gql(SET_TYPING, { id, typing: true, preview: long }, visitor.token)).data!.setTyping).toEqual({ delivered: true, previewWanted: true, userErrors: [] });
    const heard = await agentSide.waitFor((signal) => signal.kind === 'TYPING');
    // Cut to 500 characters.
    expect(heard.preview).toBe(long.slice(0, 500));
    // The team's previews are not a thing: an agent's draft never travels.
    expect((await app.gql(SET_TYPING, { id, typing: true, preview: 'agent draft' }, agent.token)).data!.setTyping).toMatchObject({ previewWanted: false });
    const agentTyping = await visitorSide.waitFor((signal) => signal.kind === 'TYPING');
    expect(agentTyping.preview).toBeNull();
    await pause(100);
    expect(JSON.stringify(visitorSide.events)).not.toContain('Do you offer');
  });

  it('limits typing signals per participant with TOO_MANY_SIGNALS, and only the assignee or an admin types for the team', async () => {
    const { admin, agent, visitor } = await liveChat(app);
    const id = visitor.conversationId;
    const other = await createSignedInUser(app, admin.token, 'AGENT');
    expect((await app.gql(SET_TYPING, { id, typing: true }, other.token)).data!.setTyping.userErrors).toEqual([
      { code: 'NOT_ASSIGNED', message: expect.any(String), field: ['conversationId'] },
    ]);
    expect((await app.gql(SET_TYPING, { id, typing: true }, admin.token)).data!.setTyping.userErrors).toEqual([]);
    const key = await app.gql(`mutation { createApiKey(input: { name: "crm" }) { secret } }`, {}, admin.token);
    expect((await app.gql(SET_TYPING, { id, typing: true }, key.data!.createApiKey.secret)).data!.setTyping.userErrors.map((error: any) => error.code)).toEqual(['NOT_ASSIGNED']);

    const codes: string[] = [];
    for (let call = 0; call < 7; call++) codes.push((await second.gql(SET_TYPING, { id, typing: true }, visitor.token)).data!.setTyping.userErrors[0]?.code ?? 'ok');
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'TOO_MANY_SIGNALS']);
    const limited = await second.gql(`mutation($id: ID!) { setTyping(conversationId: $id, typing: true) { userErrors { code retryAfterSeconds } } }`, { id }, visitor.token);
    const [refusal] = limited.data!.setTyping.userErrors;
    expect(refusal.code).toBe('TOO_MANY_SIGNALS');
    expect(refusal.retryAfterSeconds).toBeGreaterThan(0);
    expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Each participant has their own budget: the agent still types.
    expect((await app.gql(SET_TYPING, { id, typing: true }, agent.token)).data!.setTyping.userErrors).toEqual([]);
  });

  it('presence goes ONLINE, AWAY, then OFFLINE a moment after the socket closes, across two API processes', async () => {
    const { agent, visitor } = await liveChat(app);
    const id = visitor.conversationId;
    expect((await app.gql(PRESENCE, { id }, agent.token)).data!.conversation).toMatchObject({ visitorPresence: 'OFFLINE', visitorLastSeenAt: null });

    const agentSide = await subscribe(app, agent.token, id);
    await waitForChannel(app, Topic.SIGNALS, dbId(id));
    // The visitor's widget is connected to the other process.
    const widget = second.wsClient(`Bearer ${visitor.token}`);
    const widgetSignals = await collect(widget, SIGNALS, { id });
    const online = await agentSide.waitFor((signal) => signal.kind === 'PRESENCE');
    expect(online).toMatchObject({ by: 'VISITOR', presence: 'ONLINE', lastSeenAt: expect.any(String) });
    expect((await app.gql(PRESENCE, { id }, agent.token)).data!.conversation.visitorPresence).toBe('ONLINE');

    expect((await app.gql(SET_PRESENCE, { id, away: true }, visitor.token)).data!.setPresence).toEqual({ presence: 'AWAY', userErrors: [] });
    await agentSide.waitFor((signal) => signal.presence === 'AWAY');
    expect((await second.gql(PRESENCE, { id }, agent.token)).data!.conversation.visitorPresence).toBe('AWAY');
    // Only the visitor says where their page is.
    expect((await app.gql(SET_PRESENCE, { id, away: false }, agent.token)).data!.setPresence.userErrors).toEqual([{ code: 'CONVERSATION_NOT_FOUND' }]);

    const closedAt = Date.now();
    widgetSignals.dispose();
    await widget.dispose();
    // Still AWAY within the grace: a reload is not a departure.
    expect((await app.gql(PRESENCE, { id }, agent.token)).data!.conversation.visitorPresence).toBe('AWAY');
    const offline = await agentSide.waitFor((signal) => signal.presence === 'OFFLINE', 5000);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(900);
    expect(new Date(offline.lastSeenAt).getTime()).toBeGreaterThanOrEqual(closedAt - 1000);
    const read = (await app.gql(PRESENCE, { id }, agent.token)).data!.conversation;
    expect(read).toMatchObject({ visitorPresence: 'OFFLINE', visitorLastSeenAt: offline.lastSeenAt });
    // Each change was pushed once.
    expect(agentSide.events.filter((signal) => signal.kind === 'PRESENCE').map((signal) => signal.presence)).toEqual(['ONLINE', 'AWAY', 'OFFLINE']);
  });

  it('a reload within the grace keeps the visitor ONLINE', async () => {
    const { agent, visitor } = await liveChat(app);
    const id = visitor.conversationId;
    const agentSide = await subscribe(app, agent.token, id);
    await waitForChannel(app, Topic.SIGNALS, dbId(id));
    const first = second.wsClient(`Bearer ${visitor.token}`);
    const firstSignals = await collect(first, SIGNALS, { id });
    await agentSide.waitFor((signal) => signal.presence === 'ONLINE');
    firstSignals.dispose();
    await first.dispose();
    await collect(app.wsClient(`Bearer ${visitor.token}`), SIGNALS, { id });
    await pause(1600);
    expect((await app.gql(PRESENCE, { id }, agent.token)).data!.conversation.visitorPresence).toBe('ONLINE');
    expect(agentSide.events.filter((signal) => signal.kind === 'PRESENCE').map((signal) => signal.presence)).toEqual(['ONLINE']);
    // A tab that reconnects while hidden says so as it subscribes.
    await collect(second.wsClient(`Bearer ${visitor.token}`), HIDDEN_SIGNALS, { id });
    await agentSide.waitFor((signal) => signal.presence === 'AWAY');
  });

  it('read cursors move forward only, in one statement, and each move is signalled', async () => {
    const { agent, visitor } = await liveChat(app);
    const id = visitor.conversationId;
    await send(app, agent.token, id, { body: 'How can I help?' });
    await send(app, agent.token, id, { body: 'Are you there?' });
    const cursors: string[] = (await app.gql(CURSORS, { id }, agent.token)).data!.conversation.messages.edges.map((edge: any) => edge.node.cursor);
    const [early, last] = [cursors[1], cursors.at(-1)!];
    const agentSide = await subscribe(app, agent.token, id);
    const visitorSide = await subscribe(app, visitor.token, id);
    await waitForChannel(app, Topic.SIGNALS, dbId(id));
    expect((await app.gql(PRESENCE, { id }, agent.token)).data!.conversation).toMatchObject({ visitorReadCursor: null, agentReadCursor: null });

    let marked: any;
    const sql = await sqlStatementsOf(app, async () => {
      marked = (await app.gql(MARK_READ, { id, cursor: last }, visitor.token)).data!.markRead;
    });
    expect(marked).toEqual({ moved: true, cursor: last, conversation: { visitorReadCursor: last, agentReadCursor: null }, userErrors: [] });
    // The move itself is one conditional UPDATE; the select is the payload's `conversation`, asked for here.
    expect(sql.filter((statement) => statement.startsWith('update'))).toHaveLength(1);
    // A read is not a change of the conversation.
    expect(sql.find((statement) => statement.startsWith('update'))).not.toContain('updated_at');
    expect(sql.filter((statement) => !statement.startsWith('update') && !statement.startsWith('select'))).toEqual([]);
    expect((await agentSide.waitFor((signal) => signal.kind === 'READ')).cursor).toBe(last);

    const back = (await app.gql(MARK_READ, { id, cursor: early }, visitor.token)).data!.markRead;
    expect(back).toMatchObject({ moved: false, cursor: last, userErrors: [] });
    expect((await app.gql(PRESENCE, { id }, agent.token)).data!.conversation.visitorReadCursor).toBe(last);

    expect((await app.gql(MARK_READ, { id, cursor: early }, agent.token)).data!.markRead).toMatchObject({ moved: true, cursor: early });
    expect((await visitorSide.waitFor((signal) => signal.kind === 'READ')).by).toBe('AGENT');
    expect((await app.gql(PRESENCE, { id }, visitor.token)).data!.conversation).toEqual({ visitorPresence: null, visitorLastSeenAt: null, visitorReadCursor: last, agentReadCursor: early });

    const past = Buffer.from('seq:9999').toString('base64url');
    for (const cursor of [past, 'not-a-cursor', '']) {
      expect((await app.gql(MARK_READ, { id, cursor }, visitor.token)).data!.markRead.userErrors).toEqual([{ code: 'INVALID_CURSOR', field: ['cursor'] }]);
    }
    await pause(100);
    // The agent's own read is not echoed to them; the visitor hears nothing of its own.
    expect(agentSide.events.filter((signal) => signal.kind === 'READ').map((signal) => signal.by)).toEqual(['VISITOR']);
    expect(visitorSide.events.filter((signal) => signal.kind === 'READ').map((signal) => signal.by)).toEqual(['AGENT']);
  });

  it('a visitor of another conversation and a user of another account get nothing', async () => {
    const { agent, visitor, flowId } = await liveChat(app);
    const id = visitor.conversationId;
    const stranger = await startVisitor(app, flowId);
    const otherAccount = await signUpAccount(app, 'Other Co');
    const cursor = Buffer.from('seq:1').toString('base64url');

    const agentSide = await subscribe(app, agent.token, id);
    const eavesdroppers = [await subscribe(app, stranger.token, id), await subscribe(app, otherAccount.token, id)];
    for (const eavesdropper of eavesdroppers) {
      await expect(eavesdropper.waitFor(() => true, 300)).rejects.toThrow(/FORBIDDEN/);
    }
    for (const token of [stranger.token, otherAccount.token]) {
      expect((await app.gql(SET_TYPING, { id, typing: true }, token)).data!.setTyping.userErrors.map((error: any) => error.code)).toEqual(['CONVERSATION_NOT_FOUND']);
      expect((await app.gql(MARK_READ, { id, cursor }, token)).data!.markRead.userErrors.map((error: any) => error.code)).toEqual(['CONVERSATION_NOT_FOUND']);
      expect((await app.gql(SET_PRESENCE, { id, away: true }, token)).data!.setPresence.userErrors.map((error: any) => error.code)).toEqual(['CONVERSATION_NOT_FOUND']);
      const read = await app.gql(PRESENCE, { id }, token);
      expect(read.data?.conversation ?? null).toBeNull();
    }
    await pause(200);
    // Their attempts moved nothing and told the agent nothing.
    expect(agentSide.events).toEqual([]);
    expect((await app.gql(PRESENCE, { id }, agent.token)).data!.conversation).toMatchObject({ visitorPresence: 'OFFLINE', visitorReadCursor: null });
  });
});
