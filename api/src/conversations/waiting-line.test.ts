import { Conversation } from './conversation.entity';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, publishFlow, setAccepting, visitorToInbox, type Visitor } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';

const LINE = /* GraphQL */ `
  query($id: ID!) { conversation(id: $id) { status queuePosition estimatedWaitSeconds timeoutAt } }
`;

describe('the waiting line: queue position and estimated wait', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function liveChatAccount(name: string): Promise<{ admin: SignedUpAccount; flowId: string }> {
    const admin = await signUpAccount(app, name);
    await enableLiveChat(app, admin.accountId);
    return { admin, flowId: await publishFlow(app, admin.token) };
  }

  const lineOf = async (visitor: Visitor) => (await app.gql(LINE, { id: visitor.conversationId }, visitor.token)).data!.conversation;

  it('numbers waiting chats 1..n, longest-waiting first, and moves them up as chats ahead are accepted', async () => {
    const { admin, flowId } = await liveChatAccount('Line Co');
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    // Another account's waiting chats never count in this line.
    const other = await liveChatAccount('Other Line Co');
    await visitorToInbox(app, other.flowId);

    const visitors: Visitor[] = [];
    for (const name of ['Ada', 'Grace', 'Edsger']) visitors.push(await visitorToInbox(app, flowId, name, `${name.toLowerCase()}@example.com`));
    expect(await Promise.all(visitors.map(async (visitor) => (await lineOf(visitor)).queuePosition))).toEqual([1, 2, 3]);

    expect((await accept(app, agent.token, visitors[0].conversationId)).userErrors).toEqual([]);
    const [first, second, third] = await Promise.all(visitors.map(lineOf));
    expect(first).toMatchObject({ status: 'ACTIVE', queuePosition: null, estimatedWaitSeconds: null, timeoutAt: null });
    expect([second.queuePosition, third.queuePosition]).toEqual([1, 2]);
    expect(Date.parse(third.timeoutAt)).toBeGreaterThan(Date.now());

    // A chat ahead that is ended by its visitor leaves the line too.
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: visitors[1].conversationId }, visitors[1].token);
    expect((await lineOf(visitors[2])).queuePosition).toBe(1);

    // The team sees the same numbers, for a whole list in one query.
    const inbox = await app.gql(`{ liveChatInbox { id queuePosition } }`, {}, agent.token);
    expect(inbox.data!.liveChatInbox).toEqual([{ id: visitors[2].conversationId, queuePosition: 1 }]);
  });

  it('lists positions of many waiting chats with one statement, whatever their number', async () => {
    const { admin, flowId } = await liveChatAccount('Busy Line Co');
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    for (let i = 0; i < 4; i++) await visitorToInbox(app, flowId, `Visitor ${i}`, `v${i}@example.com`);
    let positions: number[] = [];
    const statements = await sqlStatementsOf(app, async () => {
      positions = (await app.gql(`{ liveChatInbox { queuePosition } }`, {}, agent.token)).data!.liveChatInbox.map((chat: { queuePosition: number }) => chat.queuePosition);
    });
    expect(positions).toEqual([1, 2, 3, 4]);
    expect(statements.filter((sql) => sql.includes('ahead.waiting_since'))).toHaveLength(1);
  });

  it('estimates the wait as the median time to accept of the account’s recent accepted chats', async () => {
    const { admin, flowId } = await liveChatAccount('Estimate Co');
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    const waiting = await visitorToInbox(app, flowId, 'Waiting Visitor', 'waiting@example.com');
    // Nothing accepted yet: unknown.
    expect((await lineOf(waiting)).estimatedWaitSeconds).toBeNull();

    // Three chats accepted after 30 s, 90 s and 600 s (the last one long ago, outside the window).
    const known: [number, number][] = [
      [30, 60_000],
      [90, 120_000],
      [40, 180_000],
      [600, 10 * 86_400_000],
    ];
    for (const [waitedSeconds, agoMs] of known) {
      const visitor = await visitorToInbox(app, flowId, 'Past Visitor', 'past@example.com');
      expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
      const acceptedAt = new Date(Date.now() - agoMs);
      await app.runtime.orm.em.fork().nativeUpdate(Conversation, dbId(visitor.conversationId), { acceptedAt, waitingSince: new Date(acceptedAt.getTime() - waitedSeconds * 1000) });
    }
    app.runtime.services.waitEstimates.clear();
    expect((await lineOf(waiting)).estimatedWaitSeconds).toBe(40);
    // Asked again within the cache's life: no statement reads the accept times.
    const statements = await sqlStatementsOf(app, () => lineOf(waiting));
    expect(statements.filter((sql) => sql.includes('percentile_cont'))).toEqual([]);
  });

  it('tells a visitor nothing of other chats but its own position', async () => {
    const { flowId } = await liveChatAccount('Private Line Co');
    const [ada, grace] = [await visitorToInbox(app, flowId, 'Ada', 'ada@example.com'), await visitorToInbox(app, flowId, 'Grace', 'grace@example.com')];
    const peek = await app.gql(LINE, { id: ada.conversationId }, grace.token);
    expect(peek.data?.conversation ?? null).toBeNull();
    expect((await lineOf(grace)).queuePosition).toBe(2);
  });
});
