import { randomBytes } from 'node:crypto';
import { signUserToken } from '../auth/tokens';
import { dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { collect, publishFlow, send, startVisitor, waitForChannel, type Collected } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';
import { User, UserRole } from '../users/user.entity';
import { Topic } from './topics';

const INCOMING = /* GraphQL */ `subscription { incomingChats { kind conversation { id status contact { name email fields } } } }`;
const EVENTS = /* GraphQL */ `
  subscription($id: ID!) { conversationEvents(conversationId: $id) { cursor message { body senderName } conversation { status assigneeName } } }
`;
const STEPS = [{ optionKey: 'pricing' }, { optionKey: 'small' }, { optionKey: 'accept' }, { body: 'Grace Hopper' }];

/**
 * Per event once, per subscriber only a filter and a write: the statements an event costs do
 * not grow with the number of subscribers it reaches.
 */
describe('fan-out cost', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
  });
  afterAll(() => app.close());

  const countQueries = async (run: () => Promise<unknown>) => (await sqlStatementsOf(app, run)).length;

  /** Accepting agents written straight to the database (no password hashing), signed in. */
  async function agents(count: number): Promise<{ userId: string; token: string }[]> {
    const em = app.runtime.orm.em.fork();
    const accountId = dbId(admin.accountId);
    const users = Array.from({ length: count }, (_, i) =>
      em.create(User, { account: accountId, name: `Agent ${i}`, email: `agent-${randomBytes(6).toString('hex')}@example.com`, passwordHash: 'x', role: UserRole.AGENT, acceptingChats: true }),
    );
    await em.flush();
    return users.map((user) => ({ userId: user.id, token: signUserToken({ userId: user.id, accountId }, app.runtime.config.JWT_SECRET, 3600) }));
  }

  /** Statements from a visitor's last answer until every inbox has the chat. */
  async function queueAndCount(inboxes: Collected<any>[]): Promise<number> {
    const visitor = await startVisitor(app, flowId);
    for (const input of STEPS) await send(app, visitor.token, visitor.conversationId, input);
    return countQueries(async () => {
      await send(app, visitor.token, visitor.conversationId, { body: 'grace@example.com' });
      await Promise.all(inboxes.map((inbox) => inbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === visitor.conversationId)));
      // Anything a subscriber would still read lands in this window too.
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
  }

  it('delivers a new chat to 2 or 12 agents for the same statements', async () => {
    const all = await agents(12);
    const inboxes = await Promise.all(all.map((agent) => collect(app.wsClient(`Bearer ${agent.token}`), INCOMING)));
    for (const agent of all) await waitForChannel(app, Topic.INBOX, agent.userId);
    await queueAndCount(inboxes); // warm-up
    const many = await queueAndCount(inboxes);
    for (const inbox of inboxes.slice(2)) inbox.dispose();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const few = await queueAndCount(inboxes.slice(0, 2));
    for (const inbox of inboxes.slice(0, 2)) inbox.dispose();
    process.stdout.write(`statements per new chat: 2 agents ${few}, 12 agents ${many}\n`);
    expect(many).toBe(few);
    const received = inboxes[5].events.filter((event) => event.kind === 'ADDED');
    expect(received[received.length - 1].conversation.contact).toEqual({ name: 'Grace Hopper', email: 'grace@example.com', fields: { need: 'Pricing for my team', team_size: '1–10' } });
  });

  it('delivers a message to 1 or 8 subscribers of a conversation for the same statements', async () => {
    const watchers = await agents(8);
    const visitor = await startVisitor(app, flowId);
    const streams = await Promise.all(watchers.map((agent) => collect(app.wsClient(`Bearer ${agent.token}`), EVENTS, { id: visitor.conversationId })));
    await waitForChannel(app, Topic.CONVERSATION, dbId(visitor.conversationId));
    const sendAndCount = (input: { optionKey?: string; body?: string }, subscribers: Collected<any>[], bodyOf: string) =>
      countQueries(async () => {
        await send(app, visitor.token, visitor.conversationId, input);
        await Promise.all(subscribers.map((stream) => stream.waitFor((event) => event.message.body === bodyOf)));
        await new Promise((resolve) => setTimeout(resolve, 100));
      });
    await Promise.all(streams.map((stream) => stream.waitFor((event) => event.message.body === 'What brings you here today?')));
    const many = await sendAndCount({ optionKey: 'pricing' }, streams, 'How many people are on your team?');
    for (const stream of streams.slice(1)) stream.dispose();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const few = await sendAndCount({ optionKey: 'small' }, streams.slice(0, 1), 'Would you like to talk to someone from our sales team right now?');
    streams[0].dispose();
    process.stdout.write(`statements per message: 1 subscriber ${few}, 8 subscribers ${many}\n`);
    expect(many).toBeLessThanOrEqual(few);
  });
});
