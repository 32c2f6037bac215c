import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../../api/src/test/fixtures';
import { accept, publishFlow, send, setAccepting, visitorToInbox } from '../../api/src/test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test/test-app';
import { applyEvent, startCrmSync, type ActivityEvent, type CrmState } from './crm-sync';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the CRM sync example', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  let apiKey: string;
  let agent: { token: string };
  let directory: string;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
    apiKey = (await app.gql(`mutation { createApiKey(input: { name: "CRM sync" }) { secret } }`, {}, admin.token)).data!.createApiKey.secret;
    agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    directory = mkdtempSync(join(tmpdir(), 'crm-sync-'));
  });
  afterAll(async () => {
    await Promise.all(stops.map((stop) => stop()));
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Starts the sync and counts how often each event was applied. */
  function sync(file: string, applied: Map<string, number>, url = app.wsUrl) {
    const running = startCrmSync({ url, apiKey, file, onEvent: (event: ActivityEvent) => applied.set(event.id, (applied.get(event.id) ?? 0) + 1), onError: () => {} });
    stops.push(running.stop);
    return running;
  }

  const read = (file: string): CrmState => JSON.parse(readFileSync(file, 'utf8'));
  const contactByEmail = (state: CrmState, email: string) => Object.values(state.contacts).find((contact) => contact.email === email);

  async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const value = check();
        if (value) return value;
      } catch {
        // The file does not exist yet.
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  /** Every event of the account, oldest first, as the API stores them. */
  async function storedEvents(): Promise<{ id: string; cursor: string }[]> {
    const result = await app.gql(`{ activityStream(first: 100) { edges { node { id cursor } } } }`, {}, admin.token);
    return result.data!.activityStream.edges.map((edge: { node: { id: string; cursor: string } }) => edge.node).reverse();
  }

  const endChat = (token: string, conversationId: string) =>
    app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: conversationId }, token);

  const timeOut = (conversationId: string) =>
    // What the timer worker does when a chat's timeout passes.
    app.runtime.services.chatEndings.timeOutWaiting(app.runtime.orm.em.fork(), dbId(conversationId), new Date(Date.now() + 3600_000));

  it('mirrors contacts and live-chat outcomes, and catches up exactly after a restart', async () => {
    const file = join(directory, 'restart.json');
    const applied = new Map<string, number>();
    const first = sync(file, applied);
    await first.ready;

    const grace = await visitorToInbox(app, flowId, 'Grace Hopper', 'grace@example.com');
    await until(() => contactByEmail(read(file), 'grace@example.com')?.lastConversation?.outcome === 'waiting', 'Grace waiting');
    expect((await accept(app, agent.token, grace.conversationId)).userErrors).toEqual([]);
    const talking = await until(() => {
      const contact = contactByEmail(read(file), 'grace@example.com');
      return contact?.lastConversation?.outcome?.startsWith('talking to') && contact;
    }, 'Grace talking');
    expect(talking).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com', lastConversation: { id: grace.conversationId, status: 'ACTIVE', outcome: 'talking to Test AGENT' } });
    expect(talking.fields).toEqual(expect.any(Object));
    await first.stop();

    // While the sync is down: Grace's chat ends, Alan leaves the inbox, nobody answers Ada.
    await send(app, agent.token, grace.conversationId, { body: 'Thanks, talk soon!' });
    await endChat(agent.token, grace.conversationId);
    const alan = await visitorToInbox(app, flowId, 'Alan Turing', 'alan@example.com');
    await endChat(alan.token, alan.conversationId);
    const ada = await visitorToInbox(app, flowId, 'Ada Lovelace', 'ada@example.com');
    expect(await timeOut(ada.conversationId)).toBe(true);
    const stored = await storedEvents();
    expect(read(file).cursor).not.toBe(stored.at(-1)!.cursor);

    const second = sync(file, applied);
    await second.ready;
    await until(() => read(file).cursor === stored.at(-1)!.cursor, 'the sync to catch up');
    await second.stop();

    expect([...applied.keys()]).toEqual(stored.map((event) => event.id));
    expect([...applied.values()].every((count) => count === 1)).toBe(true);
    const state = read(file);
    expect(Object.keys(state.contacts)).toHaveLength(3);
    expect(contactByEmail(state, 'grace@example.com')!.lastConversation).toMatchObject({ status: 'ENDED', endReason: 'AGENT_ENDED', outcome: 'ended' });
    expect(contactByEmail(state, 'alan@example.com')!.lastConversation).toMatchObject({ id: alan.conversationId, status: 'ENDED', endReason: 'VISITOR_LEFT', outcome: 'ended' });
    expect(contactByEmail(state, 'ada@example.com')!.lastConversation).toMatchObject({ id: ada.conversationId, status: 'TIMED_OUT', endReason: 'UNANSWERED', outcome: 'missed' });
  });

  it('resubscribes from its saved cursor when the connection drops', async () => {
    // A TCP proxy in front of the API, so the test can cut the sync's connection.
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = createConnection(Number(new URL(app.url).port), '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => {}).on('close', () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    try {
      const early = await visitorToInbox(app, flowId, 'Edsger Dijkstra', 'edsger@example.com');
      const file = join(directory, 'reconnect.json');
      const applied = new Map<string, number>();
      const running = sync(file, applied, `ws://127.0.0.1:${port}/graphql`);
      await running.ready;
      const before = await storedEvents();
      await until(() => read(file).cursor === before.at(-1)!.cursor, 'the replay of earlier events');
      expect(contactByEmail(read(file), 'edsger@example.com')!.lastConversation).toMatchObject({ id: early.conversationId, outcome: 'waiting' });

      for (const socket of sockets) socket.destroy();
      const grace = await visitorToInbox(app, flowId, 'Grace Hopper', 'grace.again@example.com');
      await endChat(grace.token, grace.conversationId);
      const after = await storedEvents();
      await until(() => read(file).cursor === after.at(-1)!.cursor, 'the sync to reconnect and catch up', 15_000);
      await running.stop();

      expect([...applied.keys()]).toEqual(after.map((event) => event.id));
      expect([...applied.values()].every((count) => count === 1)).toBe(true);
      expect(contactByEmail(read(file), 'grace.again@example.com')!.lastConversation).toMatchObject({ endReason: 'VISITOR_LEFT', outcome: 'ended' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('stops and reports when its API key is revoked', async () => {
    const { apiKey: key, secret } = (await app.gql(`mutation { createApiKey(input: { name: "Doomed" }) { apiKey { id } secret } }`, {}, admin.token)).data!.createApiKey;
    const errors: unknown[] = [];
    const file = join(directory, 'revoked.json');
    const running = startCrmSync({ url: app.wsUrl, apiKey: secret, file, onError: (error) => errors.push(error) });
    stops.push(running.stop);
    await running.ready;
    const latest = (await storedEvents()).at(-1);
    if (latest) await until(() => read(file).cursor === latest.cursor, 'the replay');
    await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { userErrors { code } } }`, { id: key.id }, admin.token);
    await until(() => errors.length > 0, 'the sync to give up');
    expect(String(errors[0])).toContain('4403');

    const refused = startCrmSync({ url: app.wsUrl, apiKey: secret, file: join(directory, 'refused.json'), onError: () => {} });
    stops.push(refused.stop);
    await expect(refused.ready).rejects.toThrow(/4403/);
  });

  it('folds a merged contact into the one it was merged into', () => {
    const state: CrmState = { cursor: null, contacts: {} };
    const event = (type: string, id: string, data: Record<string, unknown> = {}): ActivityEvent => ({
      id: `event-${type}`, cursor: `cursor-${type}`, type, occurredAt: new Date().toISOString(), contact: { id, name: 'Grace', email: 'grace@example.com', fields: {} }, conversation: null, actor: { kind: 'VISITOR' }, data,
    });
    applyEvent(state, event('CONTACT_CREATED', 'kept'));
    applyEvent(state, event('CONTACT_CREATED', 'merged'));
    applyEvent(state, event('CONTACTS_MERGED', 'kept', { keptContactId: 'kept', mergedContactId: 'merged' }));
    expect(Object.keys(state.contacts)).toEqual(['kept']);
    expect(state.cursor).toBe('cursor-CONTACTS_MERGED');
  });
});
