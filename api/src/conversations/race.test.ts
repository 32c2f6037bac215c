import { Conversation, ConversationStatus } from './conversation.entity';
import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount } from '../test/fixtures';
import { demoSteps, publishFlow, send, setAccepting, visitorToInbox } from '../test/live-chat-fixtures';
import { Message } from '../messages/message.entity';
import { startTestApp, type TestApp } from '../test/test-app';

const ACCEPT = /* GraphQL */ `mutation($id: ID!) { acceptChat(conversationId: $id) { conversation { assignee { id } } userErrors { code } } }`;
// Thousands of requests: far beyond the default per-test timeout, on PGlite especially.
jest.setTimeout(600_000);

const CHATS = Number(process.env.RACE_CHATS ?? 100);
const CALLS_PER_CHAT = 50;
const USERS = 10;

/** Runs `tasks` with at most `limit` at a time. */
async function inBatches<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  }));
  return results;
}

/**
 * Two API servers on one database, as two replicas behind a load balancer: 50 concurrent
 * acceptChat calls from 10 users per chat, over 100 chats, must give exactly one winner each.
 * On the embedded PGlite (one connection) a second server cannot connect, so both halves of
 * the traffic go to one server there; CI runs this against real PostgreSQL.
 */
describe('acceptChat under contention', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
    second = first.database.embedded ? first : await startTestApp({ JWT_SECRET: first.runtime.config.JWT_SECRET }, { database: first.database });
  });
  afterAll(async () => {
    if (second !== first) await second?.close({ keepDatabase: true });
    await first?.close();
  });

  it(`has exactly one winner per chat over ${CHATS} chats`, async () => {
    const admin = await signUpAccount(first);
    await enableLiveChat(first, admin.accountId);
    const flowId = await publishFlow(first, admin.token, demoSteps({ timeoutSeconds: 3600 }));
    const users = await Promise.all(Array.from({ length: USERS }, () => createSignedInUser(first, admin.token, 'AGENT')));
    for (const user of users) await setAccepting(first, user.token, true);
    const visitors = await inBatches(CHATS, 8, () => visitorToInbox(first, flowId));

    const started = Date.now();
    for (const visitor of visitors) {
      const outcomes = await Promise.all(
        Array.from({ length: CALLS_PER_CHAT }, (_, call) => {
          const app = call % 2 ? second : first;
          return app.gql(ACCEPT, { id: visitor.conversationId }, users[call % USERS].token).then((result) => result.data!.acceptChat);
        }),
      );
      const winners = outcomes.filter((outcome) => outcome.userErrors.length === 0);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.userErrors[0]?.code === 'ALREADY_ACCEPTED')).toHaveLength(CALLS_PER_CHAT - 1);
    }
    const elapsed = Date.now() - started;

    const em = first.runtime.orm.em.fork();
    const ids = visitors.map((visitor) => dbId(visitor.conversationId));
    const conversations = await em.find(Conversation, { id: { $in: ids } });
    expect(conversations.every((conversation) => conversation.status === ConversationStatus.ACTIVE && conversation.assignee)).toBe(true);
    const accepted = await em.count(ActivityEvent, { conversation: { $in: ids }, type: ActivityEventType.LIVE_CHAT_ACCEPTED });
    expect(accepted).toBe(CHATS);
    process.stdout.write(`race: ${CHATS * CALLS_PER_CHAT} acceptChat calls over ${CHATS} chats on ${second === first ? 'one server (embedded PGlite)' : 'two servers'} in ${elapsed} ms\n`);
  });

  it('answers the callers who share a claim in one process with its outcome, within their account only', async () => {
    const admin = await signUpAccount(first);
    await enableLiveChat(first, admin.accountId);
    const flowId = await publishFlow(first, admin.token, demoSteps({ timeoutSeconds: 3600 }));
    const users = await Promise.all(Array.from({ length: 5 }, () => createSignedInUser(first, admin.token, 'AGENT')));
    const outsider = await signUpAccount(first, 'Elsewhere');
    await enableLiveChat(first, outsider.accountId);
    for (const token of [...users.map((user) => user.token), outsider.token]) await setAccepting(first, token, true);
    const acceptAll = (conversationId: string, tokens: string[]) =>
      Promise.all(tokens.map((token) => first.gql(ACCEPT, { id: conversationId }, token).then((result) => result.data!.acceptChat.userErrors[0]?.code ?? 'WON')));

    // The outsider's call is sent first: it would usually lead the claim if claims were shared across accounts.
    const waiting = await visitorToInbox(first, flowId);
    const codes = await acceptAll(waiting.conversationId, [outsider.token, ...users.map((user) => user.token)]);
    expect(codes[0]).toBe('CONVERSATION_NOT_FOUND');
    expect(codes.slice(1).sort()).toEqual(['ALREADY_ACCEPTED', 'ALREADY_ACCEPTED', 'ALREADY_ACCEPTED', 'ALREADY_ACCEPTED', 'WON']);

    // A claim that finds the chat gone answers everyone who joined it with its reason.
    const left = await visitorToInbox(first, flowId);
    await first.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: left.conversationId }, left.token);
    expect(await acceptAll(left.conversationId, users.map((user) => user.token))).toEqual(Array(5).fill('NOT_WAITING'));
  });

  it('gives one outcome when accepts race the timeout firing', async () => {
    const admin = await signUpAccount(first);
    await enableLiveChat(first, admin.accountId);
    const flowId = await publishFlow(first, admin.token, demoSteps({ timeoutSeconds: 3600 }));
    const users = await Promise.all(Array.from({ length: 5 }, () => createSignedInUser(first, admin.token, 'AGENT')));
    for (const user of users) await setAccepting(first, user.token, true);
    const outcomes = { accepted: 0, timedOut: 0 };
    for (let round = 0; round < 20; round++) {
      const visitor = await visitorToInbox(first, flowId);
      const id = dbId(visitor.conversationId);
      const deadline = new Date(Date.now() + 3_600_000);
      const [timedOut, ...accepts] = await Promise.all([
        // The worker's action, as if the deadline had come, interleaved with the accepts.
        new Promise((resolve) => setTimeout(resolve, round % 5)).then(() => second.runtime.services.chatEndings.timeOutWaiting(second.runtime.orm.em.fork(), id, deadline)),
        ...users.map((user, index) => (index % 2 ? second : first).gql(ACCEPT, { id: visitor.conversationId }, user.token).then((result) => result.data!.acceptChat)),
      ]);
      const winners = accepts.filter((outcome) => outcome.userErrors.length === 0);
      const em = first.runtime.orm.em.fork();
      const conversation = await em.findOneOrFail(Conversation, id);
      const events = await em.find(ActivityEvent, { conversation: id, type: { $in: [ActivityEventType.LIVE_CHAT_ACCEPTED, ActivityEventType.LIVE_CHAT_TIMED_OUT] } });
      expect(events).toHaveLength(1);
      if (timedOut) {
        expect(winners).toHaveLength(0);
        expect(accepts.every((outcome) => outcome.userErrors[0].code === 'NOT_WAITING')).toBe(true);
        expect(conversation.status).toBe(ConversationStatus.TIMED_OUT);
        outcomes.timedOut++;
      } else {
        expect(winners).toHaveLength(1);
        expect(conversation.status).toBe(ConversationStatus.ACTIVE);
        outcomes.accepted++;
      }
    }
    expect(outcomes.accepted + outcomes.timedOut).toBe(20);
    process.stdout.write(`accept vs timeout: ${outcomes.accepted} accepted, ${outcomes.timedOut} timed out, never both\n`);
  });
  it('times a burst out once each when both servers sweep it in batches while agents accept and visitors write', async () => {
    const admin = await signUpAccount(first);
    await enableLiveChat(first, admin.accountId);
    const timeoutMessage = 'Burst timeout';
    const flowId = await publishFlow(first, admin.token, demoSteps({ timeoutSeconds: 3600, timeoutMessage }));
    const agent = await createSignedInUser(first, admin.token, 'AGENT');
    await setAccepting(first, agent.token, true);
    const visitors = await inBatches(250, 10, () => visitorToInbox(first, flowId));
    const ids = visitors.map((visitor) => dbId(visitor.conversationId));
    // As if the deadlines had come: both servers' batches, accepts and visitor messages at once.
    const due = new Date(Date.now() + 3_600_000);
    // The batches start a moment after the requests, so some accepts get there first.
    const later = <T>(run: () => Promise<T>) => new Promise((resolve) => setTimeout(resolve, 30)).then(run);
    const [timedOutByFirst, timedOutBySecond, accepts] = await Promise.all([
      later(() => first.runtime.services.chatEndings.timeOutDue(first.runtime.orm.em.fork(), due)),
      later(() => second.runtime.services.chatEndings.timeOutDue(second.runtime.orm.em.fork(), due)),
      Promise.all(visitors.slice(0, 20).map((visitor) => first.gql(ACCEPT, { id: visitor.conversationId }, agent.token).then((result) => result.data!.acceptChat))),
      Promise.all(visitors.slice(20, 40).map((visitor) => send(second, visitor.token, visitor.conversationId, { body: 'Anyone there?' }))),
    ]);
    const em = first.runtime.orm.em.fork();
    const conversations = await em.find(Conversation, { id: { $in: ids } });
    const timedOut = conversations.filter((conversation) => conversation.status === ConversationStatus.TIMED_OUT);
    const accepted = accepts.filter((outcome) => outcome.userErrors.length === 0).length;
    expect(timedOut.length + accepted).toBe(250);
    expect(timedOutByFirst + timedOutBySecond).toBe(timedOut.length);
    // Both did part of it: batches skip what the other holds.
    expect(Math.min(timedOutByFirst, timedOutBySecond)).toBeGreaterThan(0);
    const events = await em.find(ActivityEvent, { conversation: { $in: ids }, type: { $in: [ActivityEventType.LIVE_CHAT_TIMED_OUT, ActivityEventType.LIVE_CHAT_ACCEPTED] } });
    expect(events).toHaveLength(250);
    expect(new Set(events.map((event) => event.conversation!.id)).size).toBe(250);
    expect(await em.count(Message, { conversation: { $in: ids }, body: timeoutMessage })).toBe(timedOut.length);
    // The account's feed stays 1, 2, 3… without a gap or a repeat.
    const positions = (await em.find(ActivityEvent, { account: dbId(admin.accountId) }, { fields: ['position'], orderBy: { position: 'asc' } })).map((event) => event.position);
    expect(positions).toEqual(positions.map((_, index) => index + 1));
    process.stdout.write(`burst: ${timedOutByFirst} + ${timedOutBySecond} timed out by two servers, ${accepted} accepted, never both\n`);
  });
});
