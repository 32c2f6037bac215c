import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { Message, MessageAuthor } from '../messages/message.entity';
import { metrics } from '../metrics/metrics';
import { Topic } from '../realtime/topics';
import { createSignedInUser, dbId, enableLiveChat, forgetQueuedJobs, signUpAccount } from '../test/fixtures';
import { accept, collect, demoSteps, publishFlow, send, setAccepting, visitorToInbox, waitForChannel } from '../test/live-chat-fixtures';
import { eventually } from '../test/eventually';
import { startTestApp, type TestApp } from '../test/test-app';
import { Conversation, ConversationStatus, EndReason } from './conversation.entity';

const TIMEOUT_MESSAGE = 'Sorry, everyone is busy right now. We’ll get back to you by email soon.';
const INCOMING = /* GraphQL */ `subscription { incomingChats { kind reason conversation { id status } } }`;
const ASSIGNED = /* GraphQL */ `subscription { assignedChats { kind conversation { id status endReason } } }`;
const EVENTS = /* GraphQL */ `subscription($id: ID!) { conversationEvents(conversationId: $id) { message { author body } conversation { status endReason } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setUp(app: TestApp, timeoutSeconds: number) {
  const admin = await signUpAccount(app);
  await enableLiveChat(app, admin.accountId);
  const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds, timeoutMessage: TIMEOUT_MESSAGE }));
  const agent = await createSignedInUser(app, admin.token, 'AGENT');
  await setAccepting(app, agent.token, true);
  return { admin, flowId, agent };
}

/** Counts what a timer left behind: it must have acted exactly once. */
async function traces(app: TestApp, conversationId: string) {
  const em = app.runtime.orm.em.fork();
  const id = dbId(conversationId);
  return {
    conversation: await em.findOneOrFail(Conversation, id),
    timedOutEvents: await em.count(ActivityEvent, { conversation: id, type: ActivityEventType.LIVE_CHAT_TIMED_OUT }),
    endedEvents: await em.count(ActivityEvent, { conversation: id, type: ActivityEventType.LIVE_CHAT_ENDED }),
    timeoutMessages: await em.count(Message, { conversation: id, author: MessageAuthor.BOT, body: TIMEOUT_MESSAGE }),
  };
}


describe('timers run by the worker', () => {
  let app: TestApp;
  beforeAll(async () => {
    // A long sweep interval: these tests are about the delayed jobs themselves.
    app = await startTestApp({ IDLE_TIMEOUT_SECONDS: '2', SWEEP_INTERVAL_SECONDS: '3600' }, { workers: true });
  });
  afterAll(() => app.close());

  it('times out an unanswered chat after timeoutSeconds: inbox, visitor and activity stream', async () => {
    const { admin, flowId, agent } = await setUp(app, 2);
    const inbox = await collect(app.wsClient(`Bearer ${agent.token}`), INCOMING);
    await waitForChannel(app, Topic.INBOX, dbId(agent.userId));
    const visitor = await visitorToInbox(app, flowId);
    const visitorEvents = await collect(app.wsClient(`Bearer ${visitor.token}`), EVENTS, { id: visitor.conversationId });
    await inbox.waitFor((event) => event.kind === 'ADDED');
    const { timeoutAt } = (await app.gql(`query($id: ID!) { conversation(id: $id) { timeoutAt } }`, { id: visitor.conversationId }, agent.token)).data!.conversation;

    const removed = await inbox.waitFor((event) => event.kind === 'REMOVED', 6000);
    const lateMs = Date.now() - new Date(timeoutAt).getTime();
    expect(removed).toEqual({ kind: 'REMOVED', reason: 'TIMED_OUT', conversation: { id: visitor.conversationId, status: 'TIMED_OUT' } });
    expect(lateMs).toBeGreaterThanOrEqual(0);
    const told = await visitorEvents.waitFor((event) => event.message.body === TIMEOUT_MESSAGE);
    expect(told).toEqual({ message: { author: 'BOT', body: TIMEOUT_MESSAGE }, conversation: { status: 'TIMED_OUT', endReason: 'UNANSWERED' } });

    expect((await app.gql(`{ liveChatInbox { id } }`, {}, agent.token)).data!.liveChatInbox).toEqual([]);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([{ code: 'NOT_WAITING' }]);
    const stream = await app.gql(`{ activityStream(first: 1, filter: { types: [LIVE_CHAT_TIMED_OUT] }) { edges { node { conversation { id status } contact { name email } data } } } }`, {}, admin.token);
    expect(stream.data!.activityStream.edges[0].node).toMatchObject({
      conversation: { id: visitor.conversationId, status: 'TIMED_OUT' },
      contact: { name: 'Grace Hopper', email: 'grace@example.com' },
      data: { timeoutSeconds: 2 },
    });
    const left = await traces(app, visitor.conversationId);
    expect([left.timedOutEvents, left.timeoutMessages]).toEqual([1, 1]);
    // What /metrics shows of it: the timer's lateness observed, the inbox events fanned out.
    const lateness = (await metrics.timerLateness.get()).values.find((sample) => sample.metricName === 'chatonce_timer_lateness_seconds_count' && sample.labels.timer === 'waiting-timeout');
    expect(lateness?.value).toBeGreaterThanOrEqual(1);
    const fannedOut = (await metrics.subscriptionEventsFannedOut.get()).values.find((sample) => sample.labels.subscription === 'incomingChats');
    expect(fannedOut?.value).toBeGreaterThanOrEqual(2);
    process.stdout.write(`timeout fired ${lateMs} ms after its deadline (REMOVED received by the subscriber)\n`);
  });

  it('ends a live chat after IDLE_TIMEOUT_SECONDS of visitor silence, each visitor message pushing it back', async () => {
    const { flowId, agent } = await setUp(app, 3600);
    const visitor = await visitorToInbox(app, flowId);
    const assigned = await collect(app.wsClient(`Bearer ${agent.token}`), ASSIGNED);
    await waitForChannel(app, Topic.ASSIGNED, dbId(agent.userId));
    const acceptedAt = Date.now();
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);

    await sleep(1200);
    // Taken before the request: the server pushes the deadline while handling it.
    const lastVisitorMessageAt = Date.now();
    await send(app, visitor.token, visitor.conversationId, { body: 'Still here!' });
    await sleep(1200);
    // 2.4 s after the accept, past the first deadline: the message at 1.2 s kept it alive.
    expect((await traces(app, visitor.conversationId)).conversation.status).toBe(ConversationStatus.ACTIVE);
    // Agent messages do not count as the visitor being active.
    await send(app, agent.token, visitor.conversationId, { body: 'Anything else?' });

    const ended = await assigned.waitFor((event) => event.kind === 'ENDED', 6000);
    const endedAt = Date.now();
    expect(ended.conversation).toEqual({ id: visitor.conversationId, status: 'ENDED', endReason: 'VISITOR_IDLE' });
    expect(endedAt - lastVisitorMessageAt).toBeGreaterThanOrEqual(2000);
    expect(endedAt - acceptedAt).toBeGreaterThan(3000);
    const left = await traces(app, visitor.conversationId);
    expect(left.endedEvents).toBe(1);
    expect(left.conversation.endReason).toBe(EndReason.VISITOR_IDLE);
    const transcript = await app.gql(`query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { author body } } } } }`, { id: visitor.conversationId }, visitor.token);
    // Each reads the line written for them.
    expect(transcript.data!.conversation.messages.edges.at(-1).node).toEqual({ author: 'SYSTEM', body: 'This chat ended after 2 seconds without a reply.' });
    const agentTranscript = await app.gql(`query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { author body } } } } }`, { id: visitor.conversationId }, agent.token);
    expect(agentTranscript.data!.conversation.messages.edges.at(-1).node).toEqual({ author: 'SYSTEM', body: 'The chat ended because the visitor was inactive for 2 seconds.' });
  });

  it('fires timers that came due while the worker was stopped, once each, when it restarts', async () => {
    const { flowId } = await setUp(app, 1);
    await app.workers!.close();
    const visitors = await Promise.all([1, 2, 3].map(() => visitorToInbox(app, flowId)));
    await sleep(1800);
    for (const visitor of visitors) expect((await traces(app, visitor.conversationId)).conversation.status).toBe(ConversationStatus.WAITING);

    await app.startWorkers();
    for (const visitor of visitors) {
      const left = await eventually(() => traces(app, visitor.conversationId), (t) => t.conversation.status === ConversationStatus.TIMED_OUT, 5000);
      expect(left.conversation.status).toBe(ConversationStatus.TIMED_OUT);
    }
    await sleep(500);
    for (const visitor of visitors) {
      const left = await traces(app, visitor.conversationId);
      expect([left.timedOutEvents, left.timeoutMessages]).toEqual([1, 1]);
    }
  });
});

describe('the sweep behind the timers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ SWEEP_INTERVAL_SECONDS: '1' }, { workers: true });
  });
  afterAll(() => app.close());

  it('times a chat out even when Redis lost its delayed job', async () => {
    const { flowId } = await setUp(app, 2);
    const visitor = await visitorToInbox(app, flowId);
    const deleted = await forgetQueuedJobs(app);
    expect(deleted).toBeGreaterThan(0);
    expect(await app.runtime.queues.liveChatTimers.getDelayedCount()).toBe(0);

    const left = await eventually(() => traces(app, visitor.conversationId), (t) => t.conversation.status === ConversationStatus.TIMED_OUT, 6000);
    expect(left.conversation.status).toBe(ConversationStatus.TIMED_OUT);
    await sleep(1500);
    expect(await traces(app, visitor.conversationId)).toMatchObject({ timedOutEvents: 1, timeoutMessages: 1 });
  });
});
