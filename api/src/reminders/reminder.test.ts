import { startWorkers } from '../../../jobs/worker';
import { Topic } from '../realtime/topics';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, collect, demoSteps, publishFlow, setAccepting, visitorToInbox, waitForChannel } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';

const INCOMING = /* GraphQL */ `subscription { incomingChats { kind reason waitedSeconds conversation { id status } } }`;
const UPDATE_SETTINGS = /* GraphQL */ `mutation($input: UpdateAccountSettingsInput!) { updateAccountSettings(input: $input) { userErrors { code } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface InboxEvent {
  kind: 'ADDED' | 'REMOVED' | 'REMINDER';
  reason: string | null;
  waitedSeconds: number | null;
  conversation: { id: string; status: string };
}

/** Inbox events with the time each arrived. */
async function inboxOf(app: TestApp, token: string, userId: string) {
  const arrivals: { at: number; event: InboxEvent }[] = [];
  const inbox = await collect<InboxEvent>(app.wsClient(`Bearer ${token}`), INCOMING);
  const push = inbox.events.push.bind(inbox.events);
  inbox.events.push = (...events: InboxEvent[]) => {
    for (const event of events) arrivals.push({ at: Date.now(), event });
    return push(...events);
  };
  await waitForChannel(app, Topic.INBOX, dbId(userId));
  const reminders = (conversationId: string) => arrivals.filter(({ event }) => event.kind === 'REMINDER' && event.conversation.id === conversationId);
  return { inbox, arrivals, reminders };
}

describe('reminders of waiting chats (real Redis, PostgreSQL and BullMQ workers)', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let agent: { token: string; userId: string };
  beforeAll(async () => {
    app = await startTestApp({ REMINDER_MIN_SECONDS: '1', SWEEP_INTERVAL_SECONDS: '3600' }, { workers: true });
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    expect((await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 1 } }, admin.token)).data!.updateAccountSettings.userErrors).toEqual([]);
  });
  afterAll(() => app.close());

  it('ring every reminderSeconds for every accepting user, and stop at the timeout', async () => {
    const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 4 }));
    await setAccepting(app, admin.token, true);
    const idle = await createSignedInUser(app, admin.token, 'AGENT'); // not accepting chats
    const agentInbox = await inboxOf(app, agent.token, agent.userId);
    const adminInbox = await inboxOf(app, admin.token, admin.userId);
    const idleInbox = await inboxOf(app, idle.token, idle.userId);

    const visitor = await visitorToInbox(app, flowId);
    const added = (await agentInbox.inbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId)) && Date.now();
    await agentInbox.inbox.waitFor((event) => event.kind === 'REMOVED' && event.conversation.id === visitor.conversationId, 8000);
    await sleep(1500);

    for (const { reminders } of [agentInbox, adminInbox]) {
      const rung = reminders(visitor.conversationId);
      // At 1, 2 and 3 s of a 4 s wait: none at (or after) the timeout.
      expect(rung.map(({ event }) => [event.kind, event.waitedSeconds, event.conversation.status])).toEqual([
        ['REMINDER', 1, 'WAITING'],
        ['REMINDER', 2, 'WAITING'],
        ['REMINDER', 3, 'WAITING'],
      ]);
      const gaps = rung.map(({ at }, index) => at - (index ? rung[index - 1].at : added));
      for (const gap of gaps) expect(gap).toBeGreaterThan(600);
      for (const gap of gaps) expect(gap).toBeLessThan(1600);
    }
    const last = agentInbox.arrivals.filter(({ event }) => event.conversation.id === visitor.conversationId).at(-1)!.event;
    expect([last.kind, last.reason]).toEqual(['REMOVED', 'TIMED_OUT']);
    expect(idleInbox.arrivals).toEqual([]);
  });

  it('stop when the chat is accepted: none after the REMOVED, and no job left behind', async () => {
    const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 600 }));
    const { inbox, reminders } = await inboxOf(app, agent.token, agent.userId);
    const visitor = await visitorToInbox(app, flowId);
    await inbox.waitFor((event) => event.kind === 'REMINDER' && event.conversation.id === visitor.conversationId && event.waitedSeconds === 2, 5000);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    await inbox.waitFor((event) => event.kind === 'REMOVED' && event.conversation.id === visitor.conversationId);
    await sleep(2500);

    const events = inbox.events.filter((event) => event.conversation.id === visitor.conversationId);
    expect(events.at(-1)).toMatchObject({ kind: 'REMOVED', reason: 'ACCEPTED' });
    expect(events.filter((event) => event.kind === 'REMINDER').map((event) => event.waitedSeconds)).toEqual([1, 2]);
    expect(reminders(visitor.conversationId)).toHaveLength(2);
    // The job that found the chat accepted scheduled no other.
    const delayed = await app.runtime.queues.liveChatTimers.getDelayed();
    expect(delayed.filter((job) => job.name === 'waiting-reminder' && job.data.conversationId === dbId(visitor.conversationId))).toEqual([]);
  });

  it('ring once per tick with several workers competing for the jobs', async () => {
    const more = await Promise.all([startWorkers(app.runtime), startWorkers(app.runtime)]);
    try {
      const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 600 }));
      const { inbox, reminders } = await inboxOf(app, agent.token, agent.userId);
      const visitor = await visitorToInbox(app, flowId);
      await inbox.waitFor((event) => event.kind === 'REMINDER' && event.conversation.id === visitor.conversationId && event.waitedSeconds === 3, 6000);
      await accept(app, agent.token, visitor.conversationId);
      await sleep(300);
      expect(reminders(visitor.conversationId).map(({ event }) => event.waitedSeconds)).toEqual([1, 2, 3]);
    } finally {
      await Promise.all(more.map((workers) => workers.close()));
    }
  });

  it('a retried job does not ring again, and a job of a chat no longer waiting rings nothing', async () => {
    const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 600 }));
    await app.workers!.close();
    try {
      await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 60 } }, admin.token);
      const { reminders } = await inboxOf(app, agent.token, agent.userId);
      const visitor = await visitorToInbox(app, flowId);
      const id = dbId(visitor.conversationId);
      const { waitingSince } = (await app.gql(`query($id: ID!) { conversation(id: $id) { waitingSince } }`, { id: visitor.conversationId }, agent.token)).data!.conversation;
      const tick = new Date(new Date(waitingSince).getTime() + 60_000);
      const remind = () => app.runtime.services.reminders.remind(app.runtime.orm.em.fork(), id, tick, tick);

      // The same tick's job twice (a worker killed after publishing, the job retried): one reminder.
      // The job: one plain read (chat and interval), no lock, no write, no activity event. (The
      // other read is the inbox stream's, in this process, checking the chat still waits.)
      let outcome: unknown;
      const statements = await sqlStatementsOf(app, async () => {
        outcome = await remind();
        await sleep(200);
      });
      expect(outcome).toBe('reminded');
      expect(statements.filter((sql) => sql.includes('reminder_seconds'))).toHaveLength(1);
      for (const sql of statements) expect(sql).toMatch(/^select (?!.*for (update|share|no key update))/);
      expect(await remind()).toBe('already-sent');
      await sleep(300);
      expect(reminders(visitor.conversationId).map(({ event }) => event.waitedSeconds)).toEqual([60]);
      const next = await app.runtime.queues.liveChatTimers.getJob(`waiting-reminder-${id}-${tick.getTime() + 60_000}`);
      expect(next?.data).toEqual({ conversationId: id, at: tick.getTime() + 60_000 });

      await app.runtime.services.chatEndings.end(app.runtime.orm.em.fork(), { kind: 'visitor', accountId: dbId(admin.accountId), conversationId: id }, id);
      const later = new Date(tick.getTime() + 60_000);
      expect(await app.runtime.services.reminders.remind(app.runtime.orm.em.fork(), id, later, later)).toBe('stopped');

      // A REMINDER published for a chat that left the inbox meanwhile (the job's read raced it) is not passed on.
      app.runtime.services.dispatcher.inboxReminder(dbId(admin.accountId), id, 61);
      await sleep(300);
      expect(reminders(visitor.conversationId)).toHaveLength(1);
    } finally {
      await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 1 } }, admin.token);
      await app.startWorkers();
    }
  });

  it('ring not at all while the account has them off', async () => {
    const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 600 }));
    await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: null } }, admin.token);
    try {
      const { inbox, reminders } = await inboxOf(app, agent.token, agent.userId);
      const visitor = await visitorToInbox(app, flowId);
      await inbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId);
      await sleep(2200);
      expect(reminders(visitor.conversationId)).toEqual([]);
      const jobs = [...(await app.runtime.queues.liveChatTimers.getDelayed()), ...(await app.runtime.queues.liveChatTimers.getWaiting())];
      expect(jobs.filter((job) => job.name === 'waiting-reminder' && job.data.conversationId === dbId(visitor.conversationId))).toEqual([]);
    } finally {
      await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 1 } }, admin.token);
    }
  });
});
