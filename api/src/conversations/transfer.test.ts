import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { Message, MessageAuthor } from '../messages/message.entity';
import { Topic } from '../realtime/topics';
import { dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, collect, publishFlow, send, setAccepting, visitorToInbox, waitForChannel } from '../test/live-chat-fixtures';
import { namedUser, setCapacity, transfer } from '../test/team-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { Conversation, ConversationStatus } from './conversation.entity';

const ASSIGNED = /* GraphQL */ `subscription { assignedChats { kind note conversation { id status transferNote assignee { id } transferredBy { name } } } }`;
const EVENTS = /* GraphQL */ `
  subscription($id: ID!) { conversationEvents(conversationId: $id) { message { author body senderName } conversation { status assigneeName } } }
`;
const END = /* GraphQL */ `mutation($id: ID!) { endChat(conversationId: $id) { conversation { status } userErrors { code } } }`;

jest.setTimeout(120_000);

/** Runs `run` after `ms`. */
const after = <T>(ms: number, run: () => Promise<T>) => new Promise((resolve) => setTimeout(resolve, ms)).then(run);
/** Rounds alternate: both racers at once, the first a little ahead, the second a little ahead; so each side wins some. */
const stagger = (round: number, racer: 0 | 1) => [[0, 0], [0, 10], [10, 0]][round % 3][racer];

describe('transferChat', () => {
  let app: TestApp;
  let second: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  beforeAll(async () => {
    app = await startTestApp();
    // A second API process on the same database, as in race.test.ts (not on the one-connection PGlite).
    second = app.database.embedded ? app : await startTestApp({ JWT_SECRET: app.runtime.config.JWT_SECRET }, { database: app.database });
    admin = await signUpAccount(app, 'Acme');
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
  });
  afterAll(async () => {
    if (second !== app) await second?.close({ keepDatabase: true });
    await app?.close();
  });

  /** Ana has accepted a chat; Ben and Cara are accepting chats. */
  async function anaHasAChat() {
    const [ana, ben, cara] = await Promise.all(['Ana', 'Ben', 'Cara'].map((name) => namedUser(app, admin.token, name)));
    for (const user of [ana, ben, cara]) await setAccepting(app, user.token, true);
    const visitor = await visitorToInbox(app, flowId);
    expect((await accept(app, ana.token, visitor.conversationId)).userErrors).toEqual([]);
    return { ana, ben, cara, visitor };
  }

  it('hands the chat to Ben: the visitor reads that Ben joined, Ben gets it with the note, Ana sees it leave, the stream records it', async () => {
    const { ana, ben, visitor } = await anaHasAChat();
    const anaChats = await collect(app.wsClient(`Bearer ${ana.token}`), ASSIGNED);
    const benChats = await collect(app.wsClient(`Bearer ${ben.token}`), ASSIGNED);
    const visitorEvents = await collect(app.wsClient(`Bearer ${visitor.token}`), EVENTS, { id: visitor.conversationId });
    const teamEvents = await collect(app.wsClient(`Bearer ${admin.token}`), EVENTS, { id: visitor.conversationId });
    for (const user of [ana, ben]) await waitForChannel(app, Topic.ASSIGNED, dbId(user.userId));
    await waitForChannel(app, Topic.CONVERSATION, dbId(visitor.conversationId));

    const note = 'Asks about annual pricing for 40 seats';
    const outcome = await transfer(app, ana.token, { conversationId: visitor.conversationId, toUserId: ben.userId, note: `  ${note} ` });
    expect(outcome).toEqual({
      conversation: { id: visitor.conversationId, status: 'ACTIVE', transferNote: note, assignee: { id: ben.userId, name: 'Ben' }, transferredBy: { id: ana.userId } },
      userErrors: [],
    });

    const incoming = await benChats.waitFor((event) => event.kind === 'TRANSFERRED_IN');
    expect(incoming).toEqual({ kind: 'TRANSFERRED_IN', note, conversation: { id: visitor.conversationId, status: 'ACTIVE', transferNote: note, assignee: { id: ben.userId }, transferredBy: { name: 'Ana' } } });
    const outgoing = await anaChats.waitFor((event) => event.kind === 'TRANSFERRED_OUT');
    expect(outgoing).toMatchObject({ note: null, conversation: { id: visitor.conversationId, assignee: { id: ben.userId } } });

    // The visitor reads only that Ben joined; the team reads who handed it on, and why.
    const joined = await visitorEvents.waitFor((event) => event.message.author === 'SYSTEM' && event.message.body.includes('Ben'));
    expect(joined).toEqual({ message: { author: 'SYSTEM', body: 'Ben joined the chat.', senderName: 'Ben' }, conversation: { status: 'ACTIVE', assigneeName: 'Ben' } });
    const line = await teamEvents.waitFor((event) => event.message.author === 'SYSTEM' && event.message.body.includes('transferred'));
    expect(line.message.body).toBe(`Ana transferred the chat to Ben. Note: ${note}`);
    const transcript = await app.gql(`query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { body } } } } }`, { id: visitor.conversationId }, visitor.token);
    expect(transcript.data!.conversation.messages.edges.at(-1).node.body).toBe('Ben joined the chat.');
    expect(JSON.stringify(visitorEvents.events)).not.toContain(note);
    // The note is the team's: a visitor token reads no transferNote.
    const asVisitor = await app.gql(`query($id: ID!) { conversation(id: $id) { transferNote } }`, { id: visitor.conversationId }, visitor.token);
    expect(asVisitor.data?.conversation?.transferNote ?? null).toBeNull();

    // Ben writes now; Ana no longer can.
    expect((await send(app, ben.token, visitor.conversationId, { body: 'Hi, Ben here.' })).userErrors).toEqual([]);
    expect((await send(app, ana.token, visitor.conversationId, { body: 'Still me?' })).userErrors.map((error) => error.code)).toEqual(['NOT_ASSIGNED']);

    const stream = await app.gql(
      `query($id: ID!) { activityStream(first: 5, filter: { conversationId: $id, types: [LIVE_CHAT_TRANSFERRED] }) { edges { node { type actor { kind user { id } } data } } } }`,
      { id: visitor.conversationId },
      admin.token,
    );
    expect(stream.data!.activityStream.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { type: 'LIVE_CHAT_TRANSFERRED', actor: { kind: 'USER', user: { id: ana.userId } }, data: { fromUserId: ana.userId, fromUserName: 'Ana', toUserId: ben.userId, toUserName: 'Ben', note } },
    ]);
    const types = await app.gql(`{ webhookEventTypes }`, {}, admin.token);
    expect(types.data!.webhookEventTypes).toContain('live_chat.transferred');
    for (const collected of [anaChats, benChats, visitorEvents, teamEvents]) collected.dispose();
  });

  it('lets an admin transfer anyone’s chat, naming both in the team’s line', async () => {
    const { ana, ben, visitor } = await anaHasAChat();
    const outcome = await transfer(app, admin.token, { conversationId: visitor.conversationId, toUserId: ben.userId });
    expect(outcome.userErrors).toEqual([]);
    expect(outcome.conversation).toMatchObject({ assignee: { id: ben.userId }, transferNote: null, transferredBy: { id: admin.userId } });
    const em = app.runtime.orm.em.fork();
    const last = await em.findOneOrFail(Message, { conversation: dbId(visitor.conversationId) }, { orderBy: { seq: 'desc' } });
    expect([last.body, last.visitorBody]).toEqual([`Ada Admin transferred the chat from ${ana.name} to Ben.`, 'Ben joined the chat.']);
  });

  it('refuses with NOT_ASSIGNED, TARGET_NOT_AVAILABLE, AT_CAPACITY, NOT_ACTIVE and CONVERSATION_CLOSED', async () => {
    const { ana, ben, cara, visitor } = await anaHasAChat();
    const id = visitor.conversationId;
    const codes = async (token: string, toUserId: string, conversationId = id) => (await transfer(app, token, { conversationId, toUserId })).userErrors.map((error) => error.code);

    // Cara is a teammate but not the assignee (and not an admin).
    expect(await codes(cara.token, ben.userId)).toEqual(['NOT_ASSIGNED']);
    // Not accepting chats; the assignee themselves; not a user at all.
    const away = await namedUser(app, admin.token, 'Away');
    expect(await codes(ana.token, away.userId)).toEqual(['TARGET_NOT_AVAILABLE']);
    expect(await codes(ana.token, ana.userId)).toEqual(['TARGET_NOT_AVAILABLE']);
    expect(await codes(ana.token, id)).toEqual(['TARGET_NOT_AVAILABLE']);
    // Ben is full: his one chat is as many as he may have.
    expect(await setCapacity(app, admin.token, ben.userId, 1)).toEqual([]);
    const other = await visitorToInbox(app, flowId);
    expect((await accept(app, ben.token, other.conversationId)).userErrors).toEqual([]);
    const full = await transfer(app, ana.token, { conversationId: id, toUserId: ben.userId });
    expect(full.userErrors).toEqual([{ code: 'AT_CAPACITY', message: 'Ben already has as many chats as they can take.', field: ['input', 'toUserId'] }]);
    // Nothing changed by any of these.
    const em = app.runtime.orm.em.fork();
    expect((await em.findOneOrFail(Conversation, dbId(id), { populate: ['assignee'] })).assignee!.id).toBe(dbId(ana.userId));
    expect(await em.count(ActivityEvent, { conversation: dbId(id), type: ActivityEventType.LIVE_CHAT_TRANSFERRED })).toBe(0);

    // A waiting chat is accepted, not transferred; an ended one is closed.
    const waiting = await visitorToInbox(app, flowId);
    expect(await codes(admin.token, cara.userId, waiting.conversationId)).toEqual(['NOT_ACTIVE']);
    await app.gql(END, { id }, ana.token);
    expect(await codes(ana.token, cara.userId)).toEqual(['CONVERSATION_CLOSED']);
  });

  it('never hands a chat to another account’s user, and tells the caller nothing about them', async () => {
    const { ana, visitor } = await anaHasAChat();
    const elsewhere = await signUpAccount(app, 'Elsewhere');
    await enableLiveChat(app, elsewhere.accountId);
    await setAccepting(app, elsewhere.token, true);
    const foreign = await transfer(app, ana.token, { conversationId: visitor.conversationId, toUserId: elsewhere.userId });
    const nobody = await transfer(app, ana.token, { conversationId: visitor.conversationId, toUserId: Buffer.from('User:0190a000-0000-7000-8000-000000000000').toString('base64') });
    // The same answer as for a user who does not exist at all.
    expect(foreign).toEqual(nobody);
    expect(foreign.userErrors.map((error) => error.code)).toEqual(['TARGET_NOT_AVAILABLE']);
    // And another account's admin cannot reach the chat to transfer it.
    const reached = await transfer(app, elsewhere.token, { conversationId: visitor.conversationId, toUserId: elsewhere.userId });
    expect(reached.userErrors.map((error) => error.code)).toEqual(['CONVERSATION_NOT_FOUND']);
  });

  it('bounds the note', async () => {
    const { ana, ben, visitor } = await anaHasAChat();
    const result = await app.gql(`mutation($input: TransferChatInput!) { transferChat(input: $input) { userErrors { code } } }`, { input: { conversationId: visitor.conversationId, toUserId: ben.userId, note: 'x'.repeat(1001) } }, ana.token);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives one outcome when two transfers race (from two API processes)', async () => {
    let bens = 0;
    for (let round = 0; round < 10; round++) {
      const { ana, ben, cara, visitor } = await anaHasAChat();
      const outcomes = await Promise.all([
        after(stagger(round, 0), () => transfer(app, ana.token, { conversationId: visitor.conversationId, toUserId: ben.userId, note: 'to Ben' })),
        after(stagger(round, 1), () => transfer(second, ana.token, { conversationId: visitor.conversationId, toUserId: cara.userId, note: 'to Cara' })),
      ]);
      const winners = outcomes.filter((outcome) => outcome.userErrors.length === 0);
      expect(winners).toHaveLength(1);
      expect(outcomes.find((outcome) => outcome.userErrors.length)!.userErrors.map((error) => error.code)).toEqual(['NOT_ASSIGNED']);
      const em = app.runtime.orm.em.fork();
      const stored = await em.findOneOrFail(Conversation, dbId(visitor.conversationId), { populate: ['assignee'] });
      expect(stored.assignee!.id).toBe(dbId(winners[0].conversation!.assignee!.id));
      expect(stored.transferNote).toBe(winners[0].conversation!.transferNote);
      expect(await em.count(ActivityEvent, { conversation: stored.id, type: ActivityEventType.LIVE_CHAT_TRANSFERRED })).toBe(1);
      if (stored.assignee!.id === dbId(ben.userId)) bens++;
    }
    // Both sides won some rounds, so each order of the race was tried.
    expect(bens % 10).not.toBe(0);
    process.stdout.write(`transfer vs transfer: Ben won ${bens} of 10, Cara the rest, never both\n`);
  });

  it('gives one outcome when a transfer races the end of the chat', async () => {
    const tally = { transferredThenEnded: 0, endedFirst: 0 };
    for (let round = 0; round < 10; round++) {
      const { ana, ben, visitor } = await anaHasAChat();
      const [moved, ended] = await Promise.all([
        after(stagger(round, 1), () => transfer(app, ana.token, { conversationId: visitor.conversationId, toUserId: ben.userId })),
        after(stagger(round, 1), () => second.gql(END, { id: visitor.conversationId }, visitor.token)),
      ]);
      expect(ended.data!.endChat.userErrors).toEqual([]);
      const em = app.runtime.orm.em.fork();
      const stored = await em.findOneOrFail(Conversation, dbId(visitor.conversationId), { populate: ['assignee'] });
      expect(stored.status).toBe(ConversationStatus.ENDED);
      const events = await em.find(ActivityEvent, { conversation: stored.id, type: { $in: [ActivityEventType.LIVE_CHAT_TRANSFERRED, ActivityEventType.LIVE_CHAT_ENDED] } }, { orderBy: { position: 'asc' } });
      const lines = (await em.find(Message, { conversation: stored.id, author: MessageAuthor.SYSTEM }, { orderBy: { seq: 'asc' } })).map((message) => message.visitorBody ?? message.body);
      if (moved.userErrors.length === 0) {
        // The transfer went first: Ben's chat ended.
        expect(stored.assignee!.id).toBe(dbId(ben.userId));
        expect(events.map((event) => event.type)).toEqual([ActivityEventType.LIVE_CHAT_TRANSFERRED, ActivityEventType.LIVE_CHAT_ENDED]);
        expect(lines.slice(-2)).toEqual(['Ben joined the chat.', 'You ended the chat.']);
        tally.transferredThenEnded++;
      } else {
        expect(moved.userErrors.map((error) => error.code)).toEqual(['CONVERSATION_CLOSED']);
        expect(stored.assignee!.id).toBe(dbId(ana.userId));
        expect(events.map((event) => event.type)).toEqual([ActivityEventType.LIVE_CHAT_ENDED]);
        expect(lines).not.toContain('Ben joined the chat.');
        tally.endedFirst++;
      }
    }
    process.stdout.write(`transfer vs end: ${tally.transferredThenEnded} transferred then ended, ${tally.endedFirst} ended first\n`);
  });

  it('lets a transfer and an accept share the last place of a capped user: one of them wins', async () => {
    const outcomes = { transfer: 0, accept: 0 };
    for (let round = 0; round < 10; round++) {
      const { ana, ben, visitor } = await anaHasAChat();
      expect(await setCapacity(app, admin.token, ben.userId, 1)).toEqual([]);
      const waiting = await visitorToInbox(app, flowId);
      const [moved, accepted] = await Promise.all([
        after(stagger(round, 0), () => transfer(app, ana.token, { conversationId: visitor.conversationId, toUserId: ben.userId })),
        after(stagger(round, 1), () => accept(second, ben.token, waiting.conversationId)),
      ]);
      const won = [moved.userErrors.length === 0, accepted.userErrors.length === 0];
      expect(won.filter(Boolean)).toHaveLength(1);
      expect([...moved.userErrors, ...accepted.userErrors].map((error) => error.code)).toEqual(['AT_CAPACITY']);
      const active = await app.runtime.orm.em.fork().count(Conversation, { assignee: dbId(ben.userId), status: ConversationStatus.ACTIVE });
      expect(active).toBe(1);
      outcomes[won[0] ? 'transfer' : 'accept']++;
    }
    process.stdout.write(`transfer vs accept at capacity: ${outcomes.transfer} transfers, ${outcomes.accept} accepts won\n`);
  });
});
