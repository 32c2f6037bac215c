import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, publishFlow, setAccepting, visitorToInbox } from '../test/live-chat-fixtures';
import { namedUser, setCapacity } from '../test/team-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';

const TEAM = /* GraphQL */ `
  { team { members { id name acceptingChats activeChatCount maxConcurrentChats } waitingChats { id waitingSince contact { name } } } }
`;
const SWITCH = /* GraphQL */ `
  mutation($accepting: Boolean!, $userId: ID) { setAcceptingChats(accepting: $accepting, userId: $userId) { user { id acceptingChats } userErrors { code } } }
`;

jest.setTimeout(120_000);

describe('capacity and the team view', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAccount(app, 'Acme');
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
  });
  afterAll(() => app.close());

  it('lets only an admin set maxConcurrentChats, within 1..100 or null, in their own account', async () => {
    const ana = await namedUser(app, admin.token, 'Ana');
    expect(await setCapacity(app, admin.token, ana.userId, 3)).toEqual([]);
    expect((await app.gql(`{ me { maxConcurrentChats } }`, {}, ana.token)).data!.me.maxConcurrentChats).toBe(3);
    for (const bad of [0, 101, -1]) expect(await setCapacity(app, admin.token, ana.userId, bad)).toEqual(['INVALID_CAPACITY']);
    expect(await setCapacity(app, admin.token, ana.userId, null)).toEqual([]);
    expect((await app.gql(`{ me { maxConcurrentChats } }`, {}, ana.token)).data!.me.maxConcurrentChats).toBeNull();

    const byAgent = await app.gql(`mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }`, { input: { userId: ana.userId, maxConcurrentChats: 50 } }, ana.token);
    expect(byAgent.errors![0].extensions!.code).toBe('FORBIDDEN');
    const other = await signUpAccount(app, 'Other');
    expect(await setCapacity(app, other.token, ana.userId, 5)).toEqual(['USER_NOT_FOUND']);
    expect(await setCapacity(app, other.token, flowId, 5)).toEqual(['USER_NOT_FOUND']);
    expect((await app.gql(`{ me { maxConcurrentChats } }`, {}, ana.token)).data!.me.maxConcurrentChats).toBeNull();
  });

  it('refuses acceptChat with AT_CAPACITY once a capped user has that many active chats, leaving the chat waiting', async () => {
    const [ana, ben] = await Promise.all(['Ana', 'Ben'].map((name) => namedUser(app, admin.token, name)));
    for (const user of [ana, ben]) await setAccepting(app, user.token, true);
    expect(await setCapacity(app, admin.token, ana.userId, 1)).toEqual([]);
    const [first, second] = [await visitorToInbox(app, flowId), await visitorToInbox(app, flowId)];
    expect((await accept(app, ana.token, first.conversationId)).userErrors).toEqual([]);
    expect((await accept(app, ana.token, second.conversationId)).userErrors).toEqual([{ code: 'AT_CAPACITY' }]);
    // Still waiting: someone else takes it.
    expect((await accept(app, ben.token, second.conversationId)).userErrors).toEqual([]);
    // Raised capacity: Ana can take another.
    expect(await setCapacity(app, admin.token, ana.userId, 2)).toEqual([]);
    const third = await visitorToInbox(app, flowId);
    expect((await accept(app, ana.token, third.conversationId)).userErrors).toEqual([]);
  });

  it('never lets concurrent accepts by one user at capacity-1 both win', async () => {
    const ana = await namedUser(app, admin.token, 'Ana');
    await setAccepting(app, ana.token, true);
    expect(await setCapacity(app, admin.token, ana.userId, 2)).toEqual([]);
    const held = await visitorToInbox(app, flowId);
    expect((await accept(app, ana.token, held.conversationId)).userErrors).toEqual([]);
    for (let round = 0; round < 5; round++) {
      const waiting = await Promise.all(Array.from({ length: 4 }, () => visitorToInbox(app, flowId)));
      const outcomes = await Promise.all(waiting.map((visitor) => accept(app, ana.token, visitor.conversationId)));
      expect(outcomes.filter((outcome) => outcome.userErrors.length === 0)).toHaveLength(round === 0 ? 1 : 0);
      expect(outcomes.filter((outcome) => outcome.userErrors[0]?.code === 'AT_CAPACITY')).toHaveLength(round === 0 ? 3 : 4);
      expect(await app.runtime.orm.em.fork().count(Conversation, { assignee: dbId(ana.userId), status: ConversationStatus.ACTIVE })).toBe(2);
    }
  });

  it('costs an uncapped accept one share lock of the user (deactivation), and a capped one the user’s lock for update and a count instead', async () => {
    const [free, capped] = await Promise.all(['Free', 'Capped'].map((name) => namedUser(app, admin.token, name)));
    for (const user of [free, capped]) await setAccepting(app, user.token, true);
    expect(await setCapacity(app, admin.token, capped.userId, 5)).toEqual([]);
    // Warm the user cache, so both read their user from it.
    for (const user of [free, capped]) await app.gql(`{ me { id } }`, {}, user.token);
    const [a, b] = [await visitorToInbox(app, flowId), await visitorToInbox(app, flowId)];
    const freeSql = await sqlStatementsOf(app, () => accept(app, free.token, a.conversationId));
    const cappedSql = await sqlStatementsOf(app, () => accept(app, capped.token, b.conversationId));
    expect(freeSql.some((sql) => /from "users".*for update/.test(sql))).toBe(false);
    expect(freeSql.filter((sql) => /from "users".*for share/.test(sql))).toHaveLength(1);
    expect(cappedSql.filter((sql) => /from "users".*for update/.test(sql))).toHaveLength(1);
    expect(cappedSql.some((sql) => /from "users".*for share/.test(sql))).toBe(false);
    expect(cappedSql.length - freeSql.length).toBe(1);
  });

  it('shows the team: who is accepting, their active chats and capacity, and the waiting chats with their age', async () => {
    const team = await signUpAccount(app, 'Team Co');
    await enableLiveChat(app, team.accountId);
    const teamFlow = await publishFlow(app, team.token);
    // One after the other: members are listed oldest first.
    const ana = await namedUser(app, team.token, 'Ana');
    const ben = await namedUser(app, team.token, 'Ben');
    for (const user of [ana, ben]) await setAccepting(app, user.token, true);
    await setCapacity(app, team.token, ben.userId, 4);
    const chat = await visitorToInbox(app, teamFlow, 'Talking Visitor');
    await accept(app, ana.token, chat.conversationId);
    const waiting = await visitorToInbox(app, teamFlow, 'Waiting Visitor');

    const result = await app.gql(TEAM, {}, ben.token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.team.members).toEqual([
      { id: team.userId, name: 'Ada Admin', acceptingChats: false, activeChatCount: 0, maxConcurrentChats: null },
      { id: ana.userId, name: 'Ana', acceptingChats: true, activeChatCount: 1, maxConcurrentChats: null },
      { id: ben.userId, name: 'Ben', acceptingChats: true, activeChatCount: 0, maxConcurrentChats: 4 },
    ]);
    expect(result.data!.team.waitingChats).toEqual([{ id: waiting.conversationId, waitingSince: expect.any(String), contact: { name: 'Waiting Visitor' } }]);
    expect(Date.now() - Date.parse(result.data!.team.waitingChats[0].waitingSince)).toBeLessThan(60_000);
    // Another account sees its own team only.
    const other = await app.gql(TEAM, {}, admin.token);
    expect(JSON.stringify(other.data)).not.toContain(ana.userId);
    expect(JSON.stringify(other.data)).not.toContain(waiting.conversationId);
  });

  it('lets an admin switch a teammate’s accepting off, and nobody else', async () => {
    const [ana, ben] = await Promise.all(['Ana', 'Ben'].map((name) => namedUser(app, admin.token, name)));
    for (const user of [ana, ben]) await setAccepting(app, user.token, true);
    const byAgent = await app.gql(SWITCH, { accepting: false, userId: ben.userId }, ana.token);
    expect(byAgent.errors![0].extensions!.code).toBe('FORBIDDEN');
    // An agent naming themselves is switching their own.
    expect((await app.gql(SWITCH, { accepting: true, userId: ana.userId }, ana.token)).data!.setAcceptingChats.userErrors).toEqual([]);

    const off = await app.gql(SWITCH, { accepting: false, userId: ben.userId }, admin.token);
    expect(off.data!.setAcceptingChats).toEqual({ user: { id: ben.userId, acceptingChats: false }, userErrors: [] });
    expect((await app.gql(`{ me { acceptingChats } }`, {}, ben.token)).data!.me.acceptingChats).toBe(false);
    expect((await app.gql(`{ me { acceptingChats } }`, {}, admin.token)).data!.me.acceptingChats).toBe(false);
    // Ben no longer takes chats.
    const visitor = await visitorToInbox(app, flowId);
    expect((await accept(app, ben.token, visitor.conversationId)).userErrors).toEqual([{ code: 'NOT_ACCEPTING_CHATS' }]);

    // Another account's admin reaches no user of this one.
    const other = await signUpAccount(app, 'Other');
    const foreign = await app.gql(SWITCH, { accepting: true, userId: ben.userId }, other.token);
    expect(foreign.data!.setAcceptingChats).toEqual({ user: null, userErrors: [{ code: 'USER_NOT_FOUND' }] });
    const garbage = await app.gql(SWITCH, { accepting: true, userId: 'not-an-id' }, other.token);
    expect(garbage.data!.setAcceptingChats).toEqual({ user: null, userErrors: [{ code: 'USER_NOT_FOUND' }] });
    expect((await app.gql(`{ me { acceptingChats } }`, {}, ben.token)).data!.me.acceptingChats).toBe(false);
  });
});
