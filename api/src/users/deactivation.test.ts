import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { Message } from '../messages/message.entity';
import { Topic } from '../realtime/topics';
import { eventually } from '../test/eventually';
import { dbId, enableLiveChat, signUpAccount, TEST_PASSWORD, type SignedUpAccount } from '../test/fixtures';
import { accept, collect, demoSteps, publishFlow, send, setAccepting, visitorToInbox, waitForChannel } from '../test/live-chat-fixtures';
import { acceptingAll, autoAccount, decisions, offerOf } from '../test/routing-fixtures';
import { namedUser } from '../test/team-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { User, UserRole } from './user.entity';

const DEACTIVATE = /* GraphQL */ `
  mutation($input: DeactivateUserInput!) {
    deactivateUser(input: $input) { user { id active deactivatedAt acceptingChats } requeuedConversations { id status assignee { id } } userErrors { code message field } }
  }
`;
const REACTIVATE = /* GraphQL */ `mutation($input: ReactivateUserInput!) { reactivateUser(input: $input) { user { id active deactivatedAt } userErrors { code field } } }`;
const UPDATE = /* GraphQL */ `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id role maxConcurrentChats } userErrors { code field } } }`;
const LOGIN = /* GraphQL */ `mutation($input: LoginInput!) { login(input: $input) { token userErrors { code field } } }`;
const ME = /* GraphQL */ `{ me { id role acceptingChats } }`;
const INCOMING = /* GraphQL */ `subscription { incomingChats { kind conversation { id status } } }`;
const VISITOR_EVENTS = /* GraphQL */ `subscription($id: ID!) { conversationEvents(conversationId: $id) { message { author body } conversation { status assigneeName } } }`;

jest.setTimeout(120_000);

type Person = Awaited<ReturnType<typeof namedUser>>;

/**
 * Deactivating a user and changing roles: the rules (self, last admin, other accounts), what
 * the user loses at once (sign-in, tokens on HTTP and websockets, in two API processes sharing
 * the change feed), and what happens to their chats (back to WAITING, for everyone accepting).
 */
describe('deactivating users and changing roles', () => {
  let app: TestApp;
  let second: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;

  beforeAll(async () => {
    app = await startTestApp();
    // A second API process on the same database and Redis topics: it caches users too.
    second = app.database.embedded ? app : await startTestApp({ JWT_SECRET: app.runtime.config.JWT_SECRET }, { database: app.database, redisPrefix: app.runtime.redisPrefix });
    admin = await signUpAccount(app, 'Acme');
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 600 }));
  });
  afterAll(async () => {
    if (second !== app) await second?.close({ keepDatabase: true });
    await app?.close();
  });

  const deactivate = async (token: string, userId: string) => (await app.gql(DEACTIVATE, { input: { userId } }, token)).data!.deactivateUser;
  const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((error) => error.code);
  const login = async (email: string, password = TEST_PASSWORD) => (await app.gql(LOGIN, { input: { email, password } })).data!.login;
  /** Waits until both processes' user caches are on (they answer `me` without a statement). */
  const warm = async (token: string) => {
    for (const process of [app, second]) {
      const result = await process.gql(ME, {}, token);
      expect(result.errors).toBeUndefined();
    }
  };

  it('signs the user out everywhere at once, switches accepting off and puts their chats back in every accepting inbox', async () => {
    const [ana, ben] = await Promise.all(['Ana', 'Ben'].map((name) => namedUser(app, admin.token, name)));
    for (const user of [ana, ben]) await setAccepting(app, user.token, true);
    const visitor = await visitorToInbox(app, flowId, 'Grace Hopper', 'grace@example.com');
    expect((await accept(app, ana.token, visitor.conversationId)).userErrors).toEqual([]);
    await send(app, ana.token, visitor.conversationId, { body: 'Hello Grace' });
    // An ended chat of Ana's stays as it was.
    const earlier = await visitorToInbox(app, flowId, 'Earlier Visitor', 'earlier@example.com');
    await accept(app, ana.token, earlier.conversationId);
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: earlier.conversationId }, ana.token);
    await warm(ana.token);

    // Ana's open websockets, on both processes; Ben's inbox; the visitor's transcript.
    const closed: Record<string, number | undefined> = {};
    const anaHere = await collect(app.wsClient(`Bearer ${ana.token}`, { onClose: (code) => (closed.here = code) }), INCOMING);
    const anaThere = await collect(second.wsClient(`Bearer ${ana.token}`, { onClose: (code) => (closed.there = code) }), INCOMING);
    const benInbox = await collect(app.wsClient(`Bearer ${ben.token}`), INCOMING);
    const visitorEvents = await collect(app.wsClient(`Bearer ${visitor.token}`), VISITOR_EVENTS, { id: visitor.conversationId });
    for (const user of [ana, ben]) await waitForChannel(app, Topic.INBOX, dbId(user.userId));
    await waitForChannel(app, Topic.CONVERSATION, dbId(visitor.conversationId));
    await eventually(async () => Number(((await app.runtime.redis.call('PUBSUB', 'NUMSUB', `${app.runtime.redisPrefix}:${Topic.INBOX}:${dbId(ana.userId)}`)) as [string, number])[1]), (count) => count >= 2);

    const outcome = await deactivate(admin.token, ana.userId);
    expect(outcome.userErrors).toEqual([]);
    expect(outcome.user).toMatchObject({ id: ana.userId, active: false, acceptingChats: false, deactivatedAt: expect.any(String) });
    expect(outcome.requeuedConversations).toEqual([{ id: visitor.conversationId, status: 'WAITING', assignee: null }]);

    // HTTP: refused on this process at once, and on the other as soon as the change feed reached it.
    const refused = await app.gql(ME, {}, ana.token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'USER_DEACTIVATED' });
    const elsewhere = await eventually(() => second.gql(ME, {}, ana.token), (result) => !!result.errors, 2000);
    expect(elsewhere.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // Websockets: closed with 4403 on both processes; a new one is refused.
    expect(await eventually(async () => closed, () => closed.here !== undefined && closed.there !== undefined)).toEqual({ here: 4403, there: 4403 });
    let reopened: number | undefined;
    const again = await collect(app.wsClient(`Bearer ${ana.token}`, { onClose: (code) => (reopened = code) }), INCOMING);
    expect(await eventually(async () => reopened, (code) => code !== undefined)).toBe(4403);
    // Sign-in: refused with its own code for the right password, the usual one for a wrong password.
    expect(codes(await login(ana.email))).toEqual(['USER_DEACTIVATED']);
    expect((await login(ana.email)).token).toBeNull();
    expect(codes(await login(ana.email, 'not the password'))).toEqual(['INVALID_CREDENTIALS']);

    // The chat: WAITING again, in Ben's inbox live and by query; the visitor is told; the stream records it.
    const added = await benInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId);
    expect(added.conversation.status).toBe('WAITING');
    const inbox = await app.gql(`{ liveChatInbox { id status assignee { id } timeoutAt } }`, {}, ben.token);
    const listed = inbox.data!.liveChatInbox.find((chat: { id: string }) => chat.id === visitor.conversationId);
    expect(listed).toMatchObject({ status: 'WAITING', assignee: null });
    expect(new Date(listed.timeoutAt).getTime()).toBeGreaterThan(Date.now() + 590_000);
    // (The replay of earlier lines reads the chat as it is now: WAITING too.)
    const told = await visitorEvents.waitFor((event) => event.message.author === 'SYSTEM' && event.message.body.includes('had to leave'));
    expect(told).toEqual({ message: { author: 'SYSTEM', body: 'Ana had to leave. Someone else will join you shortly.' }, conversation: { status: 'WAITING', assigneeName: null } });
    const em = app.runtime.orm.em.fork();
    const line = await em.findOneOrFail(Message, { conversation: dbId(visitor.conversationId) }, { orderBy: { seq: 'desc' } });
    expect(line.body).toBe('Ana is no longer on the team: the chat is back in the inbox.');
    const events = await em.find(ActivityEvent, { conversation: dbId(visitor.conversationId), type: ActivityEventType.LIVE_CHAT_REQUEUED });
    expect(events.map((event) => [event.actorUser?.id, event.data])).toEqual([[dbId(admin.userId), { reason: 'ASSIGNEE_DEACTIVATED', fromUserId: ana.userId, fromUserName: 'Ana' }]]);
    expect((await em.findOneOrFail(Conversation, dbId(earlier.conversationId))).status).toBe(ConversationStatus.ENDED);
    const stored = await em.findOneOrFail(User, dbId(ana.userId));
    expect([stored.active, stored.acceptingChats]).toEqual([false, false]);

    // Ben takes it; the visitor chats on with him.
    expect((await accept(app, ben.token, visitor.conversationId)).userErrors).toEqual([]);
    await visitorEvents.waitFor((event) => event.conversation.assigneeName === 'Ben');
    // A second deactivation changes nothing.
    const twice = await deactivate(admin.token, ana.userId);
    expect([twice.userErrors, twice.requeuedConversations, twice.user.deactivatedAt]).toEqual([[], [], outcome.user.deactivatedAt]);
    for (const collected of [anaHere, anaThere, benInbox, visitorEvents, again]) collected.dispose();
  });

  it('lists deactivated users flagged, filters them, and leaves them out of the team view', async () => {
    const cara = await namedUser(app, admin.token, 'Cara');
    await deactivate(admin.token, cara.userId);
    const names = async (filter?: { active: boolean }) => {
      const result = await app.gql(`query($filter: UserFilter) { users(first: 100, filter: $filter) { edges { node { id active } } } }`, { filter }, admin.token);
      return result.data!.users.edges.map((edge: { node: { id: string; active: boolean } }) => edge.node);
    };
    expect(await names()).toContainEqual({ id: cara.userId, active: false });
    expect(await names({ active: false })).toContainEqual({ id: cara.userId, active: false });
    expect((await names({ active: false })).every((user: { active: boolean }) => !user.active)).toBe(true);
    expect((await names({ active: true })).map((user: { id: string }) => user.id)).not.toContain(cara.userId);
    expect((await names({ active: true })).map((user: { id: string }) => user.id)).toContain(admin.userId);
    const team = await app.gql(`{ team { members { id } } }`, {}, admin.token);
    expect(team.data!.team.members.map((member: { id: string }) => member.id)).not.toContain(cara.userId);
    // Nobody can switch a deactivated user's accepting back on, nor hand them a chat.
    const switched = await app.gql(`mutation($id: ID!) { setAcceptingChats(accepting: true, userId: $id) { user { id } userErrors { code } } }`, { id: cara.userId }, admin.token);
    expect(codes(switched.data!.setAcceptingChats)).toEqual(['USER_DEACTIVATED']);
    const dan = await namedUser(app, admin.token, 'Dan');
    await setAccepting(app, dan.token, true);
    const visitor = await visitorToInbox(app, flowId);
    await accept(app, dan.token, visitor.conversationId);
    const handed = await app.gql(`mutation($input: TransferChatInput!) { transferChat(input: $input) { userErrors { code } } }`, { input: { conversationId: visitor.conversationId, toUserId: cara.userId } }, dan.token);
    expect(codes(handed.data!.transferChat)).toEqual(['TARGET_NOT_AVAILABLE']);
  });

  it('reactivates: the password works again, tokens from before stay refused', async () => {
    const eve = await namedUser(app, admin.token, 'Eve');
    await warm(eve.token);
    await deactivate(admin.token, eve.userId);
    // Tokens are refused up to the deactivation's second: sign in again in a later one.
    await new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));
    const back = (await app.gql(REACTIVATE, { input: { userId: eve.userId } }, admin.token)).data!.reactivateUser;
    expect(back).toMatchObject({ user: { id: eve.userId, active: true, deactivatedAt: null }, userErrors: [] });
    const old = await app.gql(ME, {}, eve.token);
    expect(old.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = await login(eve.email);
    expect(fresh.userErrors).toEqual([]);
    expect((await app.gql(ME, {}, fresh.token)).data!.me).toEqual({ id: eve.userId, role: 'AGENT', acceptingChats: false });
    // Reactivating an active user changes nothing; an ID of nobody is USER_NOT_FOUND.
    expect((await app.gql(REACTIVATE, { input: { userId: eve.userId } }, admin.token)).data!.reactivateUser.userErrors).toEqual([]);
    expect(codes((await app.gql(REACTIVATE, { input: { userId: 'nope' } }, admin.token)).data!.reactivateUser)).toEqual(['USER_NOT_FOUND']);
  });

  it('refuses: yourself, the last active admin, users of another account, and agents', async () => {
    const own = await signUpAccount(app, 'Solo');
    const agent = await namedUser(app, own.token, 'Fay');
    // Yourself.
    const self = await deactivate(own.token, own.userId);
    expect(self).toEqual({ user: null, requeuedConversations: [], userErrors: [{ code: 'CANNOT_DEACTIVATE_SELF', message: 'You cannot deactivate yourself: ask another admin.', field: ['input', 'userId'] }] });
    // An agent may not (GraphQL FORBIDDEN, as every admin-only mutation).
    const byAgent = await app.gql(DEACTIVATE, { input: { userId: own.userId } }, agent.token);
    expect(byAgent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another account's user reads as nobody; so does garbage.
    expect(codes(await deactivate(admin.token, agent.userId))).toEqual(['USER_NOT_FOUND']);
    expect(codes(await deactivate(own.token, 'not-an-id'))).toEqual(['USER_NOT_FOUND']);
    expect((await app.runtime.orm.em.fork().findOneOrFail(User, dbId(agent.userId))).active).toBe(true);
    // The last active admin cannot be demoted, by themselves or anyone.
    expect(codes((await app.gql(UPDATE, { input: { userId: own.userId, role: 'AGENT' } }, own.token)).data!.updateUser)).toEqual(['LAST_ADMIN']);
    // An API key made by an admin who later left cannot remove the last one either.
    const gus = await namedUser(app, own.token, 'Gus', 'ADMIN');
    const key = (await app.gql(`mutation { createApiKey(input: { name: "ops" }) { secret } }`, {}, gus.token)).data!.createApiKey.secret as string;
    expect(codes(await deactivate(own.token, gus.userId))).toEqual([]);
    expect(codes(await deactivate(key, own.userId))).toEqual(['LAST_ADMIN']);
    expect(codes(await deactivate(key, gus.userId))).toEqual(['CANNOT_DEACTIVATE_SELF']);
    // Demoting a deactivated admin is fine: they were not counted.
    expect(codes((await app.gql(UPDATE, { input: { userId: gus.userId, role: 'AGENT' } }, own.token)).data!.updateUser)).toEqual([]);
  });

  it('changes roles: the new role applies at once, the websockets reconnect with it, and two admins demoting each other leave one', async () => {
    const own = await signUpAccount(app, 'Pair');
    const hal = await namedUser(app, own.token, 'Hal');
    const promoted = (await app.gql(UPDATE, { input: { userId: hal.userId, role: 'ADMIN' } }, own.token)).data!.updateUser;
    expect(promoted).toEqual({ user: { id: hal.userId, role: 'ADMIN', maxConcurrentChats: null }, userErrors: [] });
    // Hal's token now acts as an admin (the user cache dropped the old role).
    expect((await app.gql(`{ apiKeys { edges { node { id } } } }`, {}, hal.token)).errors).toBeUndefined();

    let closedWith: number | undefined;
    const socket = await collect(app.wsClient(`Bearer ${hal.token}`, { onClose: (code) => (closedWith ??= code) }), INCOMING);
    await waitForChannel(app, Topic.INBOX, dbId(hal.userId));
    // Each demotes the other at the same instant: one wins, the other is told LAST_ADMIN or FORBIDDEN.
    const [first, other] = await Promise.all([
      app.gql(UPDATE, { input: { userId: own.userId, role: 'AGENT' } }, hal.token),
      second.gql(UPDATE, { input: { userId: hal.userId, role: 'AGENT' } }, own.token),
    ]);
    const outcomes = [first, other].map((result) => (result.errors ? result.errors[0].extensions!.code : codes(result.data!.updateUser).join() || 'ok'));
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'ok')[0]).toMatch(/^(LAST_ADMIN|FORBIDDEN)$/);
    const em = app.runtime.orm.em.fork();
    expect(await em.count(User, { account: dbId(own.accountId), role: UserRole.ADMIN, deactivatedAt: null })).toBe(1);
    if (outcomes[1] === 'ok') expect(await eventually(async () => closedWith, (code) => code !== undefined)).toBe(4499);
    socket.dispose();
    // An agent cannot change roles.
    const agent = await namedUser(app, outcomes[0] === 'ok' ? hal.token : own.token, 'Ida');
    expect((await app.gql(UPDATE, { input: { userId: agent.userId, role: 'ADMIN' } }, agent.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('never leaves a chat with a deactivated user, however their accepts race the deactivation', async () => {
    for (let round = 0; round < 8; round++) {
      const racer: Person = await namedUser(app, admin.token, `Racer ${round}`);
      await setAccepting(app, racer.token, true);
      const visitors = await Promise.all([0, 1, 2].map(() => visitorToInbox(app, flowId)));
      const accepts = visitors.map((visitor, index) => new Promise((resolve) => setTimeout(resolve, index * 3 + (round % 3))).then(() => (index % 2 ? second : app).gql(`mutation($id: ID!) { acceptChat(conversationId: $id) { userErrors { code } } }`, { id: visitor.conversationId }, racer.token)));
      const [deactivated] = await Promise.all([new Promise((resolve) => setTimeout(resolve, round)).then(() => deactivate(admin.token, racer.userId)), ...accepts]);
      expect((deactivated as { userErrors: unknown[] }).userErrors).toEqual([]);
      const em = app.runtime.orm.em.fork();
      expect(await em.count(Conversation, { assignee: dbId(racer.userId), status: ConversationStatus.ACTIVE })).toBe(0);
      // Every chat is waiting for someone else (or was accepted and handed back).
      expect(await em.count(Conversation, { id: { $in: visitors.map((visitor) => dbId(visitor.conversationId)) }, status: ConversationStatus.WAITING })).toBe(3);
    }
  });
});

/** Under AUTO assignment a requeued chat is routed like a new one, and a deactivated user's offers move on. */
describe('deactivating a user under AUTO assignment', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' }, { workers: true });
  });
  afterAll(() => app?.close());

  it('offers their active chat to a teammate (never to them), and passes on the chat offered to them', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben']);
    const [ana, ben] = agents;
    await acceptingAll(app, [ana]);
    // Ana takes one chat and holds the offer of a second; Ben is not accepting yet.
    const held = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, held.conversationId)).offer?.user.id).toBe(ana.userId);
    expect((await accept(app, ana.token, held.conversationId)).userErrors).toEqual([]);
    const offered = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, offered.conversationId)).offer?.user.id).toBe(ana.userId);
    await acceptingAll(app, [ben]);

    const outcome = (await app.gql(DEACTIVATE, { input: { userId: ana.userId } }, admin.token)).data!.deactivateUser;
    expect(outcome.userErrors).toEqual([]);
    expect(outcome.requeuedConversations.map((chat: { id: string }) => chat.id)).toEqual([held.conversationId]);
    // The requeued chat is offered to Ben at once, in the same transaction; the stream says why.
    expect(await offerOf(app, admin.token, held.conversationId)).toMatchObject({ status: 'WAITING', offer: { user: { id: ben.userId } } });
    const [decision] = await decisions(app, admin.token, held.conversationId).then((all) => all.slice(-1));
    expect(decision.routingDecision.agents.find((agent) => agent.userId === ana.userId)?.outcome).toBe('NOT_ACCEPTING');
    const em = app.runtime.orm.em.fork();
    const types = (await em.find(ActivityEvent, { conversation: dbId(held.conversationId) }, { orderBy: { position: 'asc' } })).map((event) => event.type);
    expect(types.slice(types.lastIndexOf(ActivityEventType.LIVE_CHAT_REQUEUED))).toEqual([ActivityEventType.LIVE_CHAT_REQUEUED, ActivityEventType.LIVE_CHAT_OFFERED]);
    // The chat that was on offer to Ana moves on to Ben once routing hears she is unavailable.
    const moved = await eventually(() => offerOf(app, admin.token, offered.conversationId), (chat) => chat.offer?.user.id !== ana.userId, 10_000);
    expect(moved.offer?.user.id).not.toBe(ana.userId);
    expect((await accept(app, ben.token, held.conversationId)).userErrors).toEqual([]);
  });
});
