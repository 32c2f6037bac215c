import { createSignedInUser, enableLiveChat, signUpAccount, TEST_PASSWORD } from '../test/fixtures';
import { accept, publishFlow, setAccepting, startVisitor, visitorToInbox } from '../test/live-chat-fixtures';
import { eventually } from '../test/eventually';
import { startTcpProxy, type CutMode, type TcpProxy } from '../test/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../test/test-database';
import { sqlStatementsOf, startTestApp, wsExecute, type TestApp } from '../test/test-app';

/**
 * PostgreSQL and Redis going away under a running API: each sits behind a TCP proxy of this
 * test, cut and restored while the shared services keep running. Requests must answer within
 * about two seconds with SERVICE_UNAVAILABLE (HTTP 503), write nothing half-way, and work
 * again once the service is back, without a restart.
 */
const BUDGET_MS = 2500;

const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) { conversation { id } visitorToken userErrors { code } } }`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id } userErrors { code } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token userErrors { code } } }`;
const ACCEPT = `mutation($id: ID!) { acceptChat(conversationId: $id) { conversation { status } userErrors { code } } }`;

interface Timed {
  ms: number;
  status: number;
  retryAfter: string | null;
  body: { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] };
}

describe('when PostgreSQL or Redis is unreachable', () => {
  let database: TestDatabase;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signUpAccount>>;
  let agent: Awaited<ReturnType<typeof createSignedInUser>>;
  let flowId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    pgProxy = await startTcpProxy(database.url);
    redisProxy = await startTcpProxy(process.env.REDIS_URL!);
    app = await startTestApp({ REDIS_URL: redisProxy.url }, { database: { ...database, url: pgProxy.url } });
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
    agent = await createSignedInUser(app, admin.token);
    await setAccepting(app, agent.token);
  });
  afterAll(async () => {
    pgProxy.restore();
    redisProxy.restore();
    await app.close({ keepDatabase: true });
    await Promise.all([pgProxy.close(), redisProxy.close()]);
    await database.drop();
  });

  let slowest = 0;
  const report = (label: string, restoredAt: number) => {
    process.stdout.write(`outage ${label}: slowest answer while cut ${slowest} ms; working again ${Date.now() - restoredAt} ms after the restore\n`);
    slowest = 0;
  };
  const call = async (query: string, variables: Record<string, unknown>, token?: string): Promise<Timed> => {
    const started = Date.now();
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Timed['body'];
    if (response.status === 503) slowest = Math.max(slowest, Date.now() - started);
    return { ms: Date.now() - started, status: response.status, retryAfter: response.headers.get('retry-after'), body };
  };
  const unavailable = (result: Timed) => ({ status: result.status, code: result.body.errors?.[0]?.extensions?.code, retryAfter: result.retryAfter, inTime: result.ms < BUDGET_MS });
  const UNAVAILABLE = { status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5', inTime: true };

  /** Rows written by the app (read while PostgreSQL is reachable: the embedded one takes a single connection). */
  const rows = async () => {
    const [counts] = await app.runtime.orm.em.getConnection().execute(
      'select (select count(*) from conversations)::int as conversations, (select count(*) from messages)::int as messages, (select count(*) from activity_events)::int as events, (select count(*) from contacts)::int as contacts',
    );
    return counts as Record<string, number>;
  };

  const visitorInput = () => ({ input: { flowId, visitor: { pageUrl: 'https://acme.example/' } } });

  describe.each<CutMode>(['reset', 'blackhole'])('Redis (%s)', (mode) => {
    it('answers SERVICE_UNAVAILABLE at once on every path that needs it, writes nothing half-way, and recovers by itself', async () => {
      const visitor = await startVisitor(app, flowId);
      const waiting = await visitorToInbox(app, flowId);
      const before = await rows();
      redisProxy.cut(mode);
      try {
        // Rate limiters fail closed: no conversation, no message, no sign-in without them.
        expect(unavailable(await call(START, visitorInput()))).toEqual(UNAVAILABLE);
        expect(unavailable(await call(SEND, { input: { conversationId: visitor.conversationId, optionKey: 'pricing' } }, visitor.token))).toEqual(UNAVAILABLE);
        expect(unavailable(await call(LOGIN, { input: { email: agent.email, password: TEST_PASSWORD } }))).toEqual(UNAVAILABLE);
        expect(await rows()).toEqual(before);

        // A change that needs only PostgreSQL commits; announcing it (pub/sub, the idle timer) must not hold the answer.
        const accepted = await call(ACCEPT, { id: waiting.conversationId }, agent.token);
        expect({ status: accepted.status, inTime: accepted.ms < BUDGET_MS, result: accepted.body.data?.acceptChat }).toEqual({
          status: 200,
          inTime: true,
          result: { conversation: { status: 'ACTIVE' }, userErrors: [] },
        });
        // So does the agent's live message (one statement), whose announcements wait for Redis.
        const answered = await call(SEND, { input: { conversationId: waiting.conversationId, body: 'Hello, how can I help?' } }, agent.token);
        expect({ status: answered.status, inTime: answered.ms < BUDGET_MS, userErrors: answered.body.data?.sendMessage.userErrors }).toEqual({ status: 200, inTime: true, userErrors: [] });

        // A subscription needs a Redis SUBSCRIBE: refused, not left hanging.
        const started = Date.now();
        const subscribed = await wsExecute(app.wsClient(`Bearer ${agent.token}`), 'subscription { incomingChats { kind } }').then(
          (result) => result.errors,
          (errors) => errors,
        );
        expect({ code: subscribed?.[0]?.extensions?.code, inTime: Date.now() - started < BUDGET_MS }).toEqual({ code: 'SERVICE_UNAVAILABLE', inTime: true });

        const ready = await fetch(`${app.url}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ postgres: 'ok', redis: expect.not.stringMatching(/^ok$/) });
      } finally {
        redisProxy.restore();
      }
      const restoredAt = Date.now();

      const recovered = await eventually(() => call(START, visitorInput()), (result) => result.status === 200, 15_000, 200);
      expect(recovered.body.data?.startConversation.visitorToken).toEqual(expect.any(String));
      expect((await call(LOGIN, { input: { email: agent.email, password: TEST_PASSWORD } })).body.data?.login.token).toEqual(expect.any(String));
      const events = await wsExecute(app.wsClient(`Bearer ${agent.token}`), '{ me { acceptingChats } }');
      expect(events.data).toEqual({ me: { acceptingChats: true } });
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
      report(`Redis ${mode}`, restoredAt);
    });
  });

  describe.each<CutMode>(['reset', 'blackhole'])('PostgreSQL (%s)', (mode) => {
    it('answers SERVICE_UNAVAILABLE within two seconds on HTTP and websockets, and recovers by itself', async () => {
      const visitor = await startVisitor(app, flowId);
      const waiting = await visitorToInbox(app, flowId);
      // A live chat: its messages are one statement each (messages/live-message-write.ts).
      const live = await visitorToInbox(app, flowId);
      expect((await accept(app, agent.token, live.conversationId)).userErrors).toEqual([]);
      // A user this process has not authenticated yet (the agent it has is served from its UserCache).
      const unseen = await createSignedInUser(app, admin.token);
      // …and the agent, which it serves from its cache once its change feed is subscribed again.
      expect(await eventually(() => sqlStatementsOf(app, () => call('{ me { id } }', {}, agent.token)), (statements) => statements.length === 0)).toEqual([]);
      const before = await rows();
      pgProxy.cut(mode);
      try {
        expect(unavailable(await call(START, visitorInput()))).toEqual(UNAVAILABLE);
        expect(unavailable(await call(SEND, { input: { conversationId: visitor.conversationId, optionKey: 'pricing' } }, visitor.token))).toEqual(UNAVAILABLE);
        expect(unavailable(await call(ACCEPT, { id: waiting.conversationId }, agent.token))).toEqual(UNAVAILABLE);
        expect(unavailable(await call('{ flows { edges { node { id } } } }', {}, admin.token))).toEqual(UNAVAILABLE);

        // A user the process has not seen is looked up when the socket connects: refused with 1013 (try again later).
        const codes: number[] = [];
        const started = Date.now();
        await expect(wsExecute(app.wsClient(`Bearer ${unseen.token}`, { onClose: (code) => codes.push(code) }), '{ me { id } }')).rejects.toBeDefined();
        expect({ codes, inTime: Date.now() - started < BUDGET_MS }).toEqual({ codes: [1013], inTime: true });
        // A known one connects, and what needs the database answers SERVICE_UNAVAILABLE.
        const known = await wsExecute(app.wsClient(`Bearer ${agent.token}`), '{ me { id } }').catch((errors) => ({ errors }));
        expect({ code: known.errors?.[0]?.extensions?.code, inTime: Date.now() - started < 2 * BUDGET_MS }).toEqual({ code: 'SERVICE_UNAVAILABLE', inTime: true });

        // Live messages (one statement each): after the websocket checks, which rely on the user cache's 10 s.
        expect(unavailable(await call(SEND, { input: { conversationId: live.conversationId, body: 'Are you there?' } }, live.token))).toEqual(UNAVAILABLE);
        expect(unavailable(await call(SEND, { input: { conversationId: live.conversationId, body: 'Yes, one moment' } }, agent.token))).toEqual(UNAVAILABLE);
        const ready = await fetch(`${app.url}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ postgres: expect.not.stringMatching(/^ok$/), redis: 'ok' });
      } finally {
        pgProxy.restore();
      }
      const restoredAt = Date.now();
      expect(await rows()).toEqual(before);

      const recovered = await eventually(() => call(ACCEPT, { id: waiting.conversationId }, agent.token), (result) => result.status === 200, 15_000, 200);
      expect(recovered.body.data?.acceptChat.conversation.status).toBe('ACTIVE');
      expect((await call(START, visitorInput())).status).toBe(200);
      expect((await accept(app, agent.token, waiting.conversationId)).userErrors).toEqual([{ code: 'ALREADY_ACCEPTED' }]);
      expect((await call(SEND, { input: { conversationId: live.conversationId, body: 'Back again' } }, live.token)).body.data?.sendMessage.userErrors).toEqual([]);
      report(`PostgreSQL ${mode}`, restoredAt);
    });
  });
});
