import { createSignedInUser, enableLiveChat, signUpAccount } from '../test/fixtures';
import { accept, chatWaitingForAgent, publishFlow, send, setAccepting, visitorToInbox } from '../test/live-chat-fixtures';
import { sqlStatementsOf, startTestApp, type TestApp } from '../test/test-app';

/**
 * Round trips to PostgreSQL per live-chat write: each one is paid inside a transaction that
 * holds the conversation's row lock (and, from its flush, the account's activity counter), so
 * every statement here delays the next writer of the chat and of the account.
 */
describe('statements per live-chat write', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const statements = (run: () => Promise<unknown>) => sqlStatementsOf(app, run);

  it('keeps accept, live messages and a repeated clientMessageId to a few statements', async () => {
    const { agent, visitor } = await chatWaitingForAgent(app);

    let accepted: Awaited<ReturnType<typeof accept>> | undefined;
    const acceptSql = await statements(async () => (accepted = await accept(app, agent.token, visitor.conversationId)));
    expect(accepted!.userErrors).toEqual([]);

    let sent: Awaited<ReturnType<typeof send>> | undefined;
    const visitorSql = await statements(async () => (sent = await send(app, visitor.token, visitor.conversationId, { body: 'Hello?', clientMessageId: 'v-1' })));
    expect(sent!.userErrors).toEqual([]);
    const firstId = sent!.message!.id;
    const agentSql = await statements(async () => (sent = await send(app, agent.token, visitor.conversationId, { body: 'Hi!', clientMessageId: 'a-1' })));
    expect(sent!.userErrors).toEqual([]);
    const repeatSql = await statements(async () => (sent = await send(app, visitor.token, visitor.conversationId, { body: 'Hello?', clientMessageId: 'v-1' })));
    expect(sent!.userErrors).toEqual([]);
    expect(sent!.message?.id).toBe(firstId);

    // Accept: authentication's user read, the status read, then BEGIN … COMMIT (with the user's share
    // lock, which a deactivation waits for); the inbox fan-out's read after.
    expect(acceptSql.length).toBeLessThanOrEqual(12);
    // A live message is one statement (messages/live-message-write.ts): the conversation's lock,
    // the message, the account's counter and the event commit together, nothing read first.
    for (const sql of [visitorSql, agentSql]) {
      expect(sql).toHaveLength(1);
      expect(sql[0]).toMatch(/update conversations c\s+set last_message_seq/);
      expect(sql[0]).toMatch(/update accounts a set activity_position/);
      expect(sql[0]).toMatch(/insert into activity_events/);
    }
    // A repeated clientMessageId: the unique index refuses the statement, the stored message is read.
    expect(repeatSql.length).toBeLessThanOrEqual(3);
    // Accept: the account's counter is locked by the last flush: only the event's insert and the commit follow it.
    const numbered = acceptSql.findIndex((statement) => statement.startsWith('update accounts set activity_position'));
    expect(numbered).toBeGreaterThan(0);
    const underLock = acceptSql.slice(numbered + 1, acceptSql.indexOf('COMMIT;') + 1);
    expect(underLock.map((statement) => statement.split(' (')[0])).toEqual(['insert into "activity_events"', 'COMMIT;']);

    process.stdout.write(
      [['accept', acceptSql], ['visitor message', visitorSql], ['agent message', agentSql], ['repeated clientMessageId', repeatSql]]
        .map(([name, sql]) => `${name}: ${sql.length} statements\n  ${(sql as string[]).join('\n  ')}`)
        .join('\n') + '\n',
    );
  });

  it('pays for one claim when a process gets many accepts of one chat at once', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    const agents = await Promise.all(Array.from({ length: 10 }, () => createSignedInUser(app, admin.token, 'AGENT')));
    for (const agent of agents) await setAccepting(app, agent.token, true);
    const visitor = await visitorToInbox(app, flowId);

    let outcomes: Awaited<ReturnType<typeof accept>>[] = [];
    const sql = await statements(async () => (outcomes = await Promise.all(agents.map((agent) => accept(app, agent.token, visitor.conversationId)))));
    expect(outcomes.filter((outcome) => outcome.userErrors.length === 0)).toHaveLength(1);
    // Each caller's authentication reads its user; the chat is read, locked and written once.
    expect(sql.filter((statement) => statement === 'BEGIN;')).toHaveLength(1);
    expect(sql.length).toBeLessThanOrEqual(agents.length + 11);
    process.stdout.write(`10 concurrent accepts of one chat: ${sql.length} statements\n`);
  });
});
