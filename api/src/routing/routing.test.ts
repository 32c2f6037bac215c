import { Topic } from '../realtime/topics';
import { dbId, signUpAccount } from '../test/fixtures';
import { accept, collect, send, setAccepting, startVisitor, visitorToInbox, waitForChannel, type Collected } from '../test/live-chat-fixtures';
import { acceptingAll, autoAccount, decisions, inboxIds, offerOf, outcomes, setAssignment, takeAndEnd, type Agent } from '../test/routing-fixtures';
import { eventually } from '../test/eventually';
import { setCapacity, transfer } from '../test/team-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const INCOMING = /* GraphQL */ `subscription { incomingChats { kind reason conversation { id status offer { user { id } round expiresAt } } } }`;
const END = /* GraphQL */ `mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface InboxEvent {
  kind: string;
  reason: string | null;
  conversation: { id: string; status: string; offer: { user: { id: string }; round: number; expiresAt: string } | null };
}

jest.setTimeout(60_000);

/**
 * AUTO assignment end to end: real PostgreSQL and Redis, the offer windows as real BullMQ
 * delayed jobs run by the app's workers (one second where a test waits for one).
 */
describe('AUTO assignment', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ OFFER_MIN_SECONDS: '1', REMINDER_MIN_SECONDS: '1', SWEEP_INTERVAL_SECONDS: '3600' }, { workers: true });
  });
  afterAll(() => app.close());

  async function inboxOf(agent: Agent): Promise<Collected<InboxEvent>> {
    const events = await collect<InboxEvent>(app.wsClient(`Bearer ${agent.token}`), INCOMING);
    await waitForChannel(app, Topic.INBOX, dbId(agent.userId));
    return events;
  }

  it('is off by default: MANUAL, a 30 s window, and every accepting user sees every waiting chat', async () => {
    const admin = await signUpAccount(app);
    const read = await app.gql(`{ account { assignment offerSeconds } }`, {}, admin.token);
    expect(read.data!.account).toEqual({ assignment: 'MANUAL', offerSeconds: 30 });
  });

  it('offers a chat to the user with the fewest active chats, even one who took a chat more recently; only they see it', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben']);
    const [ana, ben] = agents;
    await acceptingAll(app, agents);
    // Both never took a chat: the tie goes to the longest-standing user, Ana.
    const first = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, first.conversationId)).offer?.user.id).toBe(ana.userId);
    expect(outcomes((await decisions(app, admin.token, first.conversationId))[0])).toEqual({ Ana: 'OFFERED', Ben: 'TIE_BREAK', 'Ada Admin': 'NOT_ACCEPTING' });
    expect((await accept(app, ana.token, first.conversationId)).userErrors).toEqual([]);
    // Ben takes one and ends it: no active chat, but he is the one who took a chat last.
    const second = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, second.conversationId)).offer?.user.id).toBe(ben.userId);
    await takeAndEnd(app, ben, second.conversationId);

    const anaInbox = await inboxOf(ana);
    const benInbox = await inboxOf(ben);
    const third = await visitorToInbox(app, flowId);
    const added = await benInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === third.conversationId);
    expect(added.conversation.offer).toMatchObject({ user: { id: ben.userId }, round: 1 });
    const left = new Date(added.conversation.offer!.expiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(25_000);
    expect(left).toBeLessThanOrEqual(30_000);
    expect(await inboxIds(app, ben.token)).toEqual([third.conversationId]);
    expect(await inboxIds(app, ana.token)).toEqual([]);
    // An API key (an integration) sees every waiting chat, whoever it is offered to.
    const key = await app.gql(`mutation { createApiKey(input: { name: "routing" }) { secret } }`, {}, admin.token);
    expect(await inboxIds(app, key.data!.createApiKey.secret)).toEqual([third.conversationId]);

    const [decision] = await decisions(app, admin.token, third.conversationId);
    expect(decision.type).toBe('LIVE_CHAT_OFFERED');
    expect(decision.routingDecision).toMatchObject({ trigger: 'WAITING', round: 1, offeredToUserId: ben.userId, offeredToName: 'Ben', previousUserId: null });
    expect(decision.routingDecision.agents.map(({ name, outcome, activeChats }) => [name, outcome, activeChats])).toEqual([
      ['Ben', 'OFFERED', 0],
      ['Ana', 'MORE_ACTIVE_CHATS', 1],
      ['Ada Admin', 'NOT_ACCEPTING', 0],
    ]);
    expect(decision.routingDecision.agents[0].lastAssignedAt).not.toBeNull();
    // The feed and webhooks carry the same keys in `data`.
    expect(decision.data).toMatchObject({ trigger: 'WAITING', round: 1, offeredToUserId: ben.userId, offeredToName: 'Ben', offerSeconds: 30 });

    // Ana cannot take it while it is Ben's; Ben can.
    expect((await accept(app, ana.token, third.conversationId)).userErrors).toEqual([{ code: 'NOT_OFFERED' }]);
    expect((await accept(app, ben.token, third.conversationId)).userErrors).toEqual([]);
    await benInbox.waitFor((event) => event.kind === 'REMOVED' && event.conversation.id === third.conversationId);
    await sleep(200);
    expect(anaInbox.events.filter((event) => event.conversation.id === third.conversationId && event.kind === 'ADDED')).toEqual([]);
  });

  it('breaks a tie in active chats by the longest idle (never first), counting transfers as taking a chat', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben', 'Cara']);
    const [ana, ben, cara] = agents;
    await acceptingAll(app, [ana, ben]);
    const first = await visitorToInbox(app, flowId);
    await takeAndEnd(app, ana, first.conversationId);
    const second = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, second.conversationId)).offer?.user.id).toBe(ben.userId);
    expect(outcomes((await decisions(app, admin.token, second.conversationId))[0])).toMatchObject({ Ben: 'OFFERED', Ana: 'LESS_IDLE' });
    await takeAndEnd(app, ben, second.conversationId);
    // Ana took hers before Ben: she has been idle longer.
    const third = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, third.conversationId)).offer?.user.id).toBe(ana.userId);
    expect(outcomes((await decisions(app, admin.token, third.conversationId))[0])).toMatchObject({ Ana: 'OFFERED', Ben: 'LESS_IDLE', Cara: 'NOT_ACCEPTING' });
    // Ana takes it and hands it to Ben: Ben took a chat last now.
    expect((await accept(app, ana.token, third.conversationId)).userErrors).toEqual([]);
    expect((await transfer(app, ana.token, { conversationId: third.conversationId, toUserId: ben.userId })).userErrors).toEqual([]);
    await app.gql(END, { id: third.conversationId }, ben.token);
    const fourth = await visitorToInbox(app, flowId);
    expect(outcomes((await decisions(app, admin.token, fourth.conversationId))[0])).toMatchObject({ Ana: 'OFFERED', Ben: 'LESS_IDLE' });
    await app.gql(END, { id: fourth.conversationId }, fourth.token);
    // Someone who never took a chat is the most idle of all.
    await setAccepting(app, cara.token, true);
    const fifth = await visitorToInbox(app, flowId);
    expect(outcomes((await decisions(app, admin.token, fifth.conversationId))[0])).toMatchObject({ Cara: 'OFFERED', Ana: 'LESS_IDLE', Ben: 'LESS_IDLE' });
  });

  it('moves the offer to the next user when the window passes, then pools it for everyone', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben'], 1);
    const [ana, ben] = agents;
    await acceptingAll(app, agents);
    const anaInbox = await inboxOf(ana);
    const benInbox = await inboxOf(ben);
    const visitor = await visitorToInbox(app, flowId);
    const offered = await anaInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId);
    expect(offered.conversation.offer).toMatchObject({ user: { id: ana.userId }, round: 1 });
    const offeredAt = Date.now();

    // One second later it leaves Ana's inbox at once and is Ben's.
    const removed = await anaInbox.waitFor((event) => event.kind === 'REMOVED' && event.conversation.id === visitor.conversationId, 5000);
    expect(Date.now() - offeredAt).toBeGreaterThanOrEqual(700);
    expect(removed.reason).toBe('OFFERED_ELSEWHERE');
    const toBen = await benInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId && event.conversation.offer?.round === 2);
    expect(toBen.conversation.offer?.user.id).toBe(ben.userId);
    // (Ben's inbox may already show it pooled, a second later; Ana's does not show it offered to her.)
    expect(anaInbox.events.filter((event) => event.kind === 'ADDED' && event.conversation.offer?.user.id === ben.userId)).toEqual([]);

    // Another second and nobody is left who was not offered it: everyone sees it, Ana too.
    const pooled = await eventually(() => offerOf(app, admin.token, visitor.conversationId), (chat) => chat.offer === null, 5000);
    expect(pooled).toEqual({ status: 'WAITING', offer: null });
    await anaInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId && event !== offered);
    expect(await inboxIds(app, ana.token)).toEqual([visitor.conversationId]);
    expect(await inboxIds(app, ben.token)).toEqual([visitor.conversationId]);

    const history = await decisions(app, admin.token, visitor.conversationId);
    expect(history.map((decision) => [decision.type, decision.routingDecision.trigger, decision.routingDecision.round, decision.routingDecision.offeredToName])).toEqual([
      ['LIVE_CHAT_OFFERED', 'WAITING', 1, 'Ana'],
      ['LIVE_CHAT_OFFERED', 'OFFER_EXPIRED', 2, 'Ben'],
      ['LIVE_CHAT_POOLED', 'OFFER_EXPIRED', 2, null],
    ]);
    expect(history[1].routingDecision.previousUserId).toBe(ana.userId);
    expect(outcomes(history[1])).toMatchObject({ Ben: 'OFFERED', Ana: 'ALREADY_OFFERED' });
    expect(outcomes(history[2])).toEqual({ Ana: 'ALREADY_OFFERED', Ben: 'ALREADY_OFFERED', 'Ada Admin': 'NOT_ACCEPTING' });
    // Pooled: the first to accept wins, as with MANUAL.
    const [anaTakes, benTakes] = await Promise.all([accept(app, ana.token, visitor.conversationId), accept(app, ben.token, visitor.conversationId)]);
    expect([anaTakes.userErrors, benTakes.userErrors].map((errors) => errors[0]?.code ?? 'WON').sort()).toEqual(['ALREADY_ACCEPTED', 'WON']);
    // And it is never offered again once pooled, however long it waits.
    expect((await decisions(app, admin.token, visitor.conversationId)).length).toBe(3);
  });

  it('pools a chat nobody can take, then offers it to whoever becomes available; an offeree who stops accepting passes it on at once', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben']);
    const [ana, ben] = agents;
    const visitor = await visitorToInbox(app, flowId);
    const [pooled] = await decisions(app, admin.token, visitor.conversationId);
    expect(pooled.type).toBe('LIVE_CHAT_POOLED');
    expect(pooled.routingDecision).toMatchObject({ trigger: 'WAITING', round: 0, offeredToUserId: null });
    expect(outcomes(pooled)).toEqual({ Ana: 'NOT_ACCEPTING', Ben: 'NOT_ACCEPTING', 'Ada Admin': 'NOT_ACCEPTING' });
    expect(await offerOf(app, admin.token, visitor.conversationId)).toEqual({ status: 'WAITING', offer: null });

    // Ana switches on: the pooled chat is offered to her.
    await setAccepting(app, ana.token, true);
    const toAna = await eventually(() => offerOf(app, admin.token, visitor.conversationId), (chat) => chat.offer !== null);
    expect(toAna.offer).toMatchObject({ user: { id: ana.userId }, round: 1 });
    expect((await decisions(app, admin.token, visitor.conversationId))[1].routingDecision.trigger).toBe('AGENT_AVAILABLE');
    await setAccepting(app, ben.token, true);
    expect(await inboxIds(app, ben.token)).toEqual([]);

    // Ana walks away: it is Ben's without waiting for the window.
    const benInbox = await inboxOf(ben);
    await setAccepting(app, ana.token, false);
    const toBen = await benInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.offer?.round === 2, 5000);
    expect(toBen.conversation.offer?.user.id).toBe(ben.userId);
    const moved = (await decisions(app, admin.token, visitor.conversationId))[2];
    expect(moved.routingDecision).toMatchObject({ trigger: 'OFFEREE_UNAVAILABLE', round: 2, offeredToName: 'Ben', previousUserId: ana.userId });
    expect(outcomes(moved)).toMatchObject({ Ben: 'OFFERED', Ana: 'NOT_ACCEPTING' });
  });

  it('respects capacity, counting a live offer as a chat, and offers a pooled chat when a chat ends and frees a place', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben']);
    const [ana, ben] = agents;
    expect(await setCapacity(app, admin.token, ana.userId, 1)).toEqual([]);
    expect(await setCapacity(app, admin.token, ben.userId, 2)).toEqual([]);
    await acceptingAll(app, agents);
    const first = await visitorToInbox(app, flowId);
    expect((await accept(app, ana.token, first.conversationId)).userErrors).toEqual([]);
    // Ana is full: Ben, although he is as idle.
    const second = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, second.conversationId)).offer?.user.id).toBe(ben.userId);
    // Ben has one offer open and room for two: the next is his too; after that he is full.
    const third = await visitorToInbox(app, flowId);
    const thirdDecision = (await decisions(app, admin.token, third.conversationId))[0];
    expect(thirdDecision.routingDecision.agents.map(({ name, outcome, activeChats, liveOffers, maxConcurrentChats }) => [name, outcome, activeChats, liveOffers, maxConcurrentChats])).toEqual([
      ['Ben', 'OFFERED', 0, 1, 2],
      // Those who could not be offered it follow, in the order the users were created.
      ['Ada Admin', 'NOT_ACCEPTING', 0, 0, null],
      ['Ana', 'AT_CAPACITY', 1, 0, 1],
    ]);
    const fourth = await visitorToInbox(app, flowId);
    const fourthDecision = (await decisions(app, admin.token, fourth.conversationId))[0];
    expect(fourthDecision.type).toBe('LIVE_CHAT_POOLED');
    expect(outcomes(fourthDecision)).toEqual({ Ana: 'AT_CAPACITY', Ben: 'AT_CAPACITY', 'Ada Admin': 'NOT_ACCEPTING' });
    // Pooled, so visible to both; but Ana still cannot take more than her capacity.
    expect(await inboxIds(app, ana.token)).toEqual([fourth.conversationId]);
    expect((await accept(app, ana.token, fourth.conversationId)).userErrors).toEqual([{ code: 'AT_CAPACITY' }]);

    // Ana ends her chat: she has room, and the pooled chat is offered to her.
    await app.gql(END, { id: first.conversationId }, ana.token);
    const toAna = await eventually(() => offerOf(app, admin.token, fourth.conversationId), (chat) => chat.offer !== null);
    expect(toAna.offer?.user.id).toBe(ana.userId);
    expect((await decisions(app, admin.token, fourth.conversationId))[1].routingDecision.trigger).toBe('AGENT_AVAILABLE');
    expect(await inboxIds(app, ben.token)).toEqual([second.conversationId, third.conversationId]);
  });

  it('never lets two chats routed at once take a capped user’s last place', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben']);
    const [ana, ben] = agents;
    expect(await setCapacity(app, admin.token, ana.userId, 1)).toEqual([]);
    await acceptingAll(app, agents);
    // Ben has a chat, so Ana (none) is everyone's first choice.
    const bens = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, bens.conversationId)).offer?.user.id).toBe(ana.userId);
    await setAccepting(app, ana.token, false);
    await eventually(() => offerOf(app, admin.token, bens.conversationId), (chat) => chat.offer?.user.id === ben.userId);
    expect((await accept(app, ben.token, bens.conversationId)).userErrors).toEqual([]);
    await setAccepting(app, ana.token, true);

    for (let round = 0; round < 5; round++) {
      // Two visitors one answer away from the inbox, then both answer at once.
      const pair = await Promise.all([0, 1].map(() => startVisitor(app, flowId)));
      for (const visitor of pair) for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { optionKey: 'accept' }, { body: 'Grace' }]) await send(app, visitor.token, visitor.conversationId, input);
      await Promise.all(pair.map((visitor) => send(app, visitor.token, visitor.conversationId, { body: 'grace@example.com' })));
      const offers = await Promise.all(pair.map((visitor) => offerOf(app, admin.token, visitor.conversationId)));
      expect(offers.map((chat) => chat.offer?.user.id).sort()).toEqual([ana.userId, ben.userId].sort());
      for (const visitor of pair) await app.gql(END, { id: visitor.conversationId }, visitor.token);
    }
  });

  it('pools the chats on offer when the account switches to MANUAL, and offers the waiting ones when it switches to AUTO', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben']);
    const [ana, ben] = agents;
    await acceptingAll(app, agents);
    const visitor = await visitorToInbox(app, flowId);
    expect(await inboxIds(app, ben.token)).toEqual([]);
    const benInbox = await inboxOf(ben);
    expect((await setAssignment(app, admin.token, { assignment: 'MANUAL' })).account).toEqual({ assignment: 'MANUAL', offerSeconds: 30 });
    await benInbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId);
    expect(await inboxIds(app, ben.token)).toEqual([visitor.conversationId]);
    const pooled = (await decisions(app, admin.token, visitor.conversationId))[1];
    expect(pooled).toMatchObject({ type: 'LIVE_CHAT_POOLED', routingDecision: { trigger: 'ASSIGNMENT_CHANGED', previousUserId: ana.userId, agents: [] } });
    // MANUAL: a new chat is nobody's in particular and no decision is recorded.
    const manual = await visitorToInbox(app, flowId);
    expect(await decisions(app, admin.token, manual.conversationId)).toEqual([]);
    expect(await inboxIds(app, ana.token)).toEqual([visitor.conversationId, manual.conversationId]);

    await setAssignment(app, admin.token, { assignment: 'AUTO' });
    const offered = await Promise.all([visitor, manual].map((chat) => offerOf(app, admin.token, chat.conversationId)));
    // The longest-waiting first: it was Ana's before, so it is Ben's now; the other goes to Ana.
    expect(offered.map((chat) => chat.offer?.user.id)).toEqual([ben.userId, ana.userId]);
    expect((await decisions(app, admin.token, manual.conversationId))[0].routingDecision.trigger).toBe('ASSIGNMENT_CHANGED');
    expect(await inboxIds(app, ana.token)).toEqual([manual.conversationId]);
  });

  it('rings a chat on offer again for its offeree alone', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben']);
    const [ana, ben] = agents;
    expect((await app.gql(`mutation { updateAccountSettings(input: { reminderSeconds: 1 }) { userErrors { code } } }`, {}, admin.token)).data!.updateAccountSettings.userErrors).toEqual([]);
    await acceptingAll(app, agents);
    const anaInbox = await inboxOf(ana);
    const benInbox = await inboxOf(ben);
    const visitor = await visitorToInbox(app, flowId);
    const reminder = await anaInbox.waitFor((event) => event.kind === 'REMINDER' && event.conversation.id === visitor.conversationId, 5000);
    expect(reminder.conversation.offer?.user.id).toBe(ana.userId);
    await sleep(300);
    expect(benInbox.events.filter((event) => event.conversation.id === visitor.conversationId)).toEqual([]);
  });

  it('validates the settings: only admins, a window within bounds, a known mode', async () => {
    const { admin, agents } = await autoAccount(app, ['Ana']);
    for (const offerSeconds of [0, -5, 601, 1_000_000]) {
      expect(await setAssignment(app, admin.token, { assignment: 'MANUAL', offerSeconds })).toEqual({
        account: null,
        userErrors: [{ code: 'INVALID_OFFER_SECONDS', field: ['input', 'offerSeconds'], message: 'The accept window can be 1 to 600 seconds.' }],
      });
    }
    // Nothing changed with the refused window, not even the valid mode beside it.
    expect((await app.gql(`{ account { assignment offerSeconds } }`, {}, admin.token)).data!.account).toEqual({ assignment: 'AUTO', offerSeconds: 30 });
    const fraction = await app.gql(`mutation($input: UpdateAccountSettingsInput!) { updateAccountSettings(input: $input) { userErrors { code } } }`, { input: { offerSeconds: 1.5 } }, admin.token);
    expect(fraction.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await app.gql(`mutation { updateAccountSettings(input: { assignment: ROUND_ROBIN }) { userErrors { code } } }`, {}, admin.token);
    expect(unknown.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const byAgent = await app.gql(`mutation { updateAccountSettings(input: { assignment: MANUAL }) { userErrors { code } } }`, {}, agents[0].token);
    expect(byAgent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await setAssignment(app, admin.token, { offerSeconds: 600 })).account).toEqual({ assignment: 'AUTO', offerSeconds: 600 });
    expect((await setAssignment(app, admin.token, { offerSeconds: 1 })).account).toEqual({ assignment: 'AUTO', offerSeconds: 1 });
  });

  it('keeps offers inside the account: other accounts, visitors and outsiders never see them', async () => {
    const { admin, flowId, agents } = await autoAccount(app, ['Ana']);
    const [ana] = agents;
    await acceptingAll(app, agents);
    const other = await autoAccount(app, ['Zed']);
    const [zed] = other.agents;
    await acceptingAll(app, other.agents);
    const zedInbox = await inboxOf(zed);
    const visitor = await visitorToInbox(app, flowId);
    expect((await offerOf(app, admin.token, visitor.conversationId)).offer?.user.id).toBe(ana.userId);

    expect(await inboxIds(app, zed.token)).toEqual([]);
    expect((await accept(app, zed.token, visitor.conversationId)).userErrors).toEqual([{ code: 'CONVERSATION_NOT_FOUND' }]);
    const zedReads = await app.gql(`query($id: ID!) { conversation(id: $id) { id offer { user { id } } } }`, { id: visitor.conversationId }, zed.token);
    expect(zedReads.data!.conversation).toBeNull();
    expect(await decisions(app, other.admin.token, visitor.conversationId)).toEqual([]);
    // The visitor reads their chat, but not whom it is offered to.
    const visitorReads = await app.gql(`query($id: ID!) { conversation(id: $id) { status offer { user { id } } } }`, { id: visitor.conversationId }, visitor.token);
    expect(visitorReads.data!.conversation).toEqual({ status: 'WAITING', offer: null });
    const anonymous = await app.gql(`query($id: ID!) { conversation(id: $id) { offer { user { id } } } }`, { id: visitor.conversationId });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await sleep(200);
    expect(zedInbox.events).toEqual([]);
  });
});
