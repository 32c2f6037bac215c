import { offerExpiryJobId, scheduleOfferExpiry } from '../../../jobs/routing.queue';
import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { dbId } from '../test/fixtures';
import { accept, visitorToInbox } from '../test/live-chat-fixtures';
import { acceptingAll, autoAccount, decisions, offerOf, setAssignment } from '../test/routing-fixtures';
import { eventually } from '../test/eventually';
import { startTestApp, type TestApp } from '../test/test-app';

jest.setTimeout(180_000);

const END = /* GraphQL */ `mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `run` after `ms`. */
const after = <T>(ms: number, run: () => Promise<T>) => sleep(ms).then(run);
/** Rounds alternate who is a little ahead, so each side wins some. */
const stagger = (round: number, racer: 0 | 1) => [[0, 0], [0, 5], [5, 0]][round % 3][racer];
const EXPIRY_DELAYS_MS = [0, 2, 5, 10, 20, 40];
/** As if every offer's window had passed. */
const LATER = () => new Date(Date.now() + 3_600_000);

/**
 * The offer's row lock against everything that races it, on two API servers sharing one
 * database (one on the embedded PGlite), with the expiry job's work called directly at a
 * chosen moment; then the expiry jobs themselves, duplicated and across a worker restart.
 */
describe('AUTO assignment under contention', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp({ OFFER_MIN_SECONDS: '1' });
    second = first.database.embedded ? first : await startTestApp({ JWT_SECRET: first.runtime.config.JWT_SECRET, OFFER_MIN_SECONDS: '1' }, { database: first.database });
  });
  afterAll(async () => {
    if (second !== first) await second?.close({ keepDatabase: true });
    await first?.close();
  });

  const expire = (app: TestApp, conversationId: string, round: number) => app.runtime.services.routing.expireOffer(app.runtime.orm.em.fork(), dbId(conversationId), round, LATER());
  const count = (conversationId: string, type: ActivityEventType) => first.runtime.orm.em.fork().count(ActivityEvent, { conversation: dbId(conversationId), type });

  it('gives an offer racing its expiry one outcome: accepted by the offeree, or passed to the next, never both', async () => {
    const { admin, flowId, agents } = await autoAccount(first, ['Ana', 'Ben'], 600);
    await acceptingAll(first, agents);
    const tally = { accepted: 0, moved: 0 };
    for (let round = 0; round < 24; round++) {
      const visitor = await visitorToInbox(first, flowId);
      const { offer } = await offerOf(first, admin.token, visitor.conversationId);
      const offered = agents.find((agent) => agent.userId === offer!.user.id)!;
      const other = agents.find((agent) => agent !== offered)!;
      const [moved, accepted] = await Promise.all([
        // The expiry's direct call is quicker than an HTTP accept: it starts up to 40 ms later, so each side wins some.
        after(EXPIRY_DELAYS_MS[round % EXPIRY_DELAYS_MS.length], () => expire(round % 2 ? second : first, visitor.conversationId, 1)),
        accept(round % 2 ? first : second, offered.token, visitor.conversationId),
      ]);
      const stored = await first.runtime.orm.em.fork().findOneOrFail(Conversation, dbId(visitor.conversationId));
      const offers = await count(visitor.conversationId, ActivityEventType.LIVE_CHAT_OFFERED);
      if (moved) {
        expect(accepted.userErrors).toEqual([{ code: 'NOT_OFFERED' }]);
        expect(stored.status).toBe(ConversationStatus.WAITING);
        expect(stored.offeredTo?.id).toBe(dbId(other.userId));
        expect([stored.offerRound, offers]).toEqual([2, 2]);
        expect(await count(visitor.conversationId, ActivityEventType.LIVE_CHAT_ACCEPTED)).toBe(0);
        tally.moved++;
        await first.gql(END, { id: visitor.conversationId }, visitor.token);
      } else {
        expect(accepted.userErrors).toEqual([]);
        expect(stored.status).toBe(ConversationStatus.ACTIVE);
        expect(stored.assignee?.id).toBe(dbId(offered.userId));
        expect(stored.offeredTo).toBeNull();
        expect([stored.offerRound, offers]).toEqual([1, 1]);
        tally.accepted++;
        await first.gql(END, { id: visitor.conversationId }, offered.token);
      }
    }
    expect(tally.accepted + tally.moved).toBe(24);
    expect(Math.min(tally.accepted, tally.moved)).toBeGreaterThan(0);
    process.stdout.write(`offer vs expiry: ${tally.accepted} accepted, ${tally.moved} moved on, never both\n`);
  });

  it('gives an offer racing an end one outcome: no offer is made after the chat ended', async () => {
    const { admin, flowId, agents } = await autoAccount(first, ['Ana', 'Ben'], 600);
    await acceptingAll(first, agents);
    for (let round = 0; round < 12; round++) {
      const visitor = await visitorToInbox(first, flowId);
      const [moved, ended] = await Promise.all([
        after(stagger(round, 0), () => expire(round % 2 ? second : first, visitor.conversationId, 1)),
        after(stagger(round, 1), () => (round % 2 ? first : second).gql(END, { id: visitor.conversationId }, visitor.token)),
      ]);
      expect(ended.data!.endChat.userErrors).toEqual([]);
      const events = await first.runtime.orm.em.fork().find(ActivityEvent, { conversation: dbId(visitor.conversationId), type: { $in: [ActivityEventType.LIVE_CHAT_OFFERED, ActivityEventType.LIVE_CHAT_ENDED] } }, { orderBy: { position: 'asc' } });
      expect(events.map((event) => event.type)).toEqual(moved ? ['LIVE_CHAT_OFFERED', 'LIVE_CHAT_OFFERED', 'LIVE_CHAT_ENDED'] : ['LIVE_CHAT_OFFERED', 'LIVE_CHAT_ENDED']);
      // Whatever came first, the chat is not on offer any more.
      expect(await offerOf(first, admin.token, visitor.conversationId)).toEqual({ status: 'ENDED', offer: null });
    }
  });

  it('lets only the offeree win when teammates race for an offered chat, on one server and on two', async () => {
    const { admin, flowId, agents } = await autoAccount(first, ['Ana', 'Ben', 'Cara'], 600);
    await acceptingAll(first, agents);
    for (let round = 0; round < 9; round++) {
      const visitor = await visitorToInbox(first, flowId);
      const { offer } = await offerOf(first, admin.token, visitor.conversationId);
      // The offeree's call last, so that a teammate's usually leads the claim the others join.
      const racers = [...agents.filter((agent) => agent.userId !== offer!.user.id), agents.find((agent) => agent.userId === offer!.user.id)!];
      const codes = await Promise.all(
        racers.map((agent, index) => accept(round % 3 === 2 && index % 2 ? second : first, agent.token, visitor.conversationId).then((result) => result.userErrors[0]?.code ?? 'WON')),
      );
      expect(codes).toEqual(['NOT_OFFERED', 'NOT_OFFERED', 'WON']);
      await first.gql(END, { id: visitor.conversationId }, visitor.token);
    }
  });

  it('moves each offer once when its expiry runs twice at once, or again later', async () => {
    const { flowId, agents } = await autoAccount(first, ['Ana', 'Ben', 'Cara'], 600);
    await acceptingAll(first, agents);
    for (let round = 0; round < 8; round++) {
      const visitor = await visitorToInbox(first, flowId);
      const moves = await Promise.all([expire(first, visitor.conversationId, 1), expire(second, visitor.conversationId, 1), expire(first, visitor.conversationId, 1)]);
      expect(moves.filter(Boolean)).toHaveLength(1);
      // A late duplicate of round 1 finds round 2 current; round 2's own job moves it once more.
      expect(await expire(second, visitor.conversationId, 1)).toBe(false);
      expect(await count(visitor.conversationId, ActivityEventType.LIVE_CHAT_OFFERED)).toBe(2);
      expect(await expire(first, visitor.conversationId, 2)).toBe(true);
      expect(await expire(second, visitor.conversationId, 2)).toBe(false);
      const stored = await first.runtime.orm.em.fork().findOneOrFail(Conversation, dbId(visitor.conversationId));
      expect([stored.offerRound, new Set(stored.offeredUserIds).size, stored.offeredUserIds.length]).toEqual([3, 3, 3]);
      await first.gql(END, { id: visitor.conversationId }, visitor.token);
    }
  });

  it('schedules one expiry job per offer round however often it is scheduled', async () => {
    const queue = first.runtime.queues.routing;
    const conversationId = '01900000-0000-7000-8000-000000000001';
    const at = new Date(Date.now() + 60_000);
    await Promise.all([scheduleOfferExpiry(queue, conversationId, 1, at), scheduleOfferExpiry(queue, conversationId, 1, at), scheduleOfferExpiry(queue, conversationId, 1, new Date(at.getTime() + 5))]);
    await scheduleOfferExpiry(queue, conversationId, 2, at);
    const delayed = (await queue.getDelayed()).filter((job) => job.data.conversationId === conversationId);
    expect(delayed.map((job) => job.id).sort()).toEqual([offerExpiryJobId(conversationId, 1), offerExpiryJobId(conversationId, 2)]);
    for (const job of delayed) await job.remove();
  });

  it('moves an offer whose window passed while the worker was down once, by its job when the worker is back, or by the sweep', async () => {
    const app = await startTestApp({ OFFER_MIN_SECONDS: '1', SWEEP_INTERVAL_SECONDS: '3600' }, { workers: true });
    const sweep = () => app.runtime.services.routing.sweep(app.runtime.orm.em.fork());
    /** A chat offered for one second while the worker is stopped; later offers get ten minutes. */
    const offeredWhileDown = async (admin: string, flowId: string) => {
      await app.workers!.close();
      await setAssignment(app, admin, { offerSeconds: 1 });
      const visitor = await visitorToInbox(app, flowId);
      await setAssignment(app, admin, { offerSeconds: 600 });
      await sleep(1500);
      expect((await offerOf(app, admin, visitor.conversationId)).offer?.round).toBe(1);
      return visitor;
    };
    try {
      const { admin, flowId, agents } = await autoAccount(app, ['Ana', 'Ben', 'Cara'], 1);
      await acceptingAll(app, agents);

      // The job was due while the worker was away: it runs when the worker restarts, once.
      const byJob = await offeredWhileDown(admin.token, flowId);
      await app.startWorkers();
      expect((await eventually(() => offerOf(app, admin.token, byJob.conversationId), (chat) => chat.offer?.round === 2)).offer?.round).toBe(2);
      expect(await sweep()).toBe(0);

      // Here the sweep gets there first; the job, when the worker is back, finds the round moved on.
      const bySweep = await offeredWhileDown(admin.token, flowId);
      expect(await sweep()).toBe(1);
      expect(await sweep()).toBe(0);
      await app.startWorkers();
      await eventually(async () => (await app.runtime.queues.routing.getJob(offerExpiryJobId(dbId(bySweep.conversationId), 1)))?.finishedOn, Boolean);
      const job = await app.runtime.queues.routing.getJob(offerExpiryJobId(dbId(bySweep.conversationId), 1));
      expect(job?.returnvalue).toEqual({ moved: false });
      for (const visitor of [byJob, bySweep]) {
        const history = await decisions(app, admin.token, visitor.conversationId);
        expect(history.map((decision) => [decision.routingDecision.round, decision.routingDecision.trigger])).toEqual([
          [1, 'WAITING'],
          [2, 'OFFER_EXPIRED'],
        ]);
      }
    } finally {
      await app.close();
    }
  });
});
