import { eventually } from '../test/eventually';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, publishFlow, send, setAccepting, visitorToInbox, type Visitor } from '../test/live-chat-fixtures';
import { startCacheTestApp, type CacheTestApp } from '../test/cache-test-app';
import type { TcpProxy } from '../test/tcp-proxy';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';

const INBOX = /* GraphQL */ `
  query LiveChatInbox { liveChatInbox { id status pageUrl contact { name email } lastMessage { body } } }
`;

type InboxChat = { id: string; status: string; pageUrl: string; contact: { name: string; email: string }; lastMessage: { body: string } | null };

/**
 * The inbox is answered from SharedReads when nothing of the account changed: these tests
 * check that members share it, and that no change (here or announced by another process), no
 * other account and no switched-off agent ever gets a result it should not.
 */
describe('shared results of the inbox', () => {
  let cacheApp: CacheTestApp;
  let redisProxy: TcpProxy;
  let app: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  let agents: { token: string; userId: string }[];
  let waiting: Visitor[];

  const inbox = async (token: string) => {
    const result = await app.gql<{ liveChatInbox: InboxChat[] }>(INBOX, {}, token);
    expect(result.errors).toBeUndefined();
    return result.data!.liveChatInbox;
  };
  const ids = (chats: InboxChat[]) => chats.map((chat) => chat.id);

  beforeAll(async () => {
    cacheApp = await startCacheTestApp();
    ({ app, redisProxy } = cacheApp);
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
    agents = [await createSignedInUser(app, admin.token), await createSignedInUser(app, admin.token), await createSignedInUser(app, admin.token)];
    for (const agent of agents) await setAccepting(app, agent.token);
    waiting = [await visitorToInbox(app, flowId, 'Ada', 'ada@example.com'), await visitorToInbox(app, flowId, 'Grace', 'grace@example.com')];
    // Caching starts once the change announcements are subscribed.
    await inbox(agents[0].token);
    expect(await eventually(async () => sqlStatementsOf(app, () => inbox(agents[0].token)), (statements) => statements.length === 0)).toEqual([]);
  });
  afterAll(() => cacheApp.close());

  it('answers every accepting agent of the account with the same result, without a statement', async () => {
    const first = await inbox(agents[0].token);
    expect(ids(first)).toEqual(waiting.map((visitor) => visitor.conversationId));
    await inbox(agents[1].token); // authenticates agent 1 (its user read)
    const statements = await sqlStatementsOf(app, async () => expect(await inbox(agents[1].token)).toEqual(first));
    expect(statements).toEqual([]);
  });

  it('shows a chat that entered the inbox, a new message and an accepted chat at once', async () => {
    await inbox(agents[0].token);
    const third = await visitorToInbox(app, flowId, 'Katherine', 'katherine@example.com');
    expect(ids(await inbox(agents[1].token))).toContain(third.conversationId);

    await send(app, third.token, third.conversationId, { body: 'Still there?' });
    expect((await inbox(agents[2].token)).find((chat) => chat.id === third.conversationId)?.lastMessage?.body).toBe('Still there?');

    expect((await accept(app, agents[0].token, third.conversationId)).userErrors).toEqual([]);
    expect(ids(await inbox(agents[1].token))).not.toContain(third.conversationId);
    expect(ids(await inbox(agents[2].token))).not.toContain(third.conversationId);
  });

  it('gives an agent who stopped accepting an empty inbox at once, and the others theirs', async () => {
    expect(await inbox(agents[2].token)).not.toEqual([]);
    await setAccepting(app, agents[2].token, false);
    expect(await inbox(agents[2].token)).toEqual([]);
    expect(await inbox(agents[1].token)).not.toEqual([]);
    await setAccepting(app, agents[2].token, true);
    expect(await inbox(agents[2].token)).toEqual(await inbox(agents[1].token));
  });

  it('never answers another account with this one’s result', async () => {
    expect(await inbox(agents[0].token)).not.toEqual([]);
    const other = await signUpAccount(app, 'Other');
    await enableLiveChat(app, other.accountId);
    await setAccepting(app, other.token);
    expect(await inbox(other.token)).toEqual([]);
  });

  it('drops the result when another process announces a change of the account', async () => {
    const [chat] = waiting;
    const before = await inbox(agents[0].token);
    expect(before.find((item) => item.id === chat.conversationId)?.pageUrl).toBe('https://acme.example/pricing');
    // What another process's commit looks like from here: a changed row, then its announcement.
    await app.runtime.orm.em.getConnection().execute('update conversations set page_url = ? where id = ?', ['https://acme.example/changed', dbId(chat.conversationId)]);
    expect(await inbox(agents[1].token)).toEqual(before);
    await cacheApp.announce({ accountIds: [dbId(admin.accountId)] });
    const after = await eventually(
      () => inbox(agents[1].token),
      (chats) => chats.find((item) => item.id === chat.conversationId)?.pageUrl === 'https://acme.example/changed',
      2000,
    );
    expect(after.find((item) => item.id === chat.conversationId)?.pageUrl).toBe('https://acme.example/changed');
  });

  it('reads fresh every time while its pub/sub connection is down, and shares again once it is back', async () => {
    await inbox(agents[0].token);
    redisProxy.cut('reset');
    expect(await eventually(() => Promise.resolve(app.runtime.sharedReads.size), (size) => size === 0, 3000)).toBe(0);
    await app.runtime.orm.em.getConnection().execute('update conversations set page_url = ? where id = ?', ['https://acme.example/while-cut', dbId(waiting[1].conversationId)]);
    expect((await inbox(agents[0].token)).find((item) => item.id === waiting[1].conversationId)?.pageUrl).toBe('https://acme.example/while-cut');
    expect((await sqlStatementsOf(app, () => inbox(agents[0].token))).length).toBeGreaterThan(0);
    redisProxy.restore();
    expect(await eventually(async () => sqlStatementsOf(app, () => inbox(agents[0].token)), (statements) => statements.length === 0, 10_000)).toEqual([]);
  });
});

describe('shared results of the inbox across two API processes', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp();
    // Embedded PGlite serves one connection: there the "second process" is the first one.
    second = first.database.embedded
      ? first
      : await startTestApp({ JWT_SECRET: first.runtime.config.JWT_SECRET }, { database: first.database, redisPrefix: first.runtime.redisPrefix });
  });
  afterAll(async () => {
    if (second !== first) await second.close({ keepDatabase: true });
    await first.close();
  });

  it('drops a chat from one process’s inbox the moment another process accepts it', async () => {
    const admin = await signUpAccount(first);
    await enableLiveChat(first, admin.accountId);
    const flowId = await publishFlow(first, admin.token);
    const watcher = await createSignedInUser(first, admin.token);
    const taker = await createSignedInUser(first, admin.token);
    await setAccepting(first, watcher.token);
    await setAccepting(first, taker.token);
    const chat = await visitorToInbox(first, flowId);
    const read = async () => (await first.gql<{ liveChatInbox: InboxChat[] }>(INBOX, {}, watcher.token)).data!.liveChatInbox.map((item) => item.id);
    // Cached in the first process (the announcements are subscribed once a read costs nothing).
    expect(await eventually(async () => sqlStatementsOf(first, read), (statements) => statements.length === 0)).toEqual([]);
    expect(await read()).toEqual([chat.conversationId]);

    expect((await accept(second, taker.token, chat.conversationId)).userErrors).toEqual([]);
    // The announcement travels through Redis after the commit: allow it a moment, never a stale answer after.
    expect(await eventually(read, (chats) => chats.length === 0, 2000)).toEqual([]);
  });
});
