import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/config';
import { migrateToLatest } from '../db/database';
import { ormOptions } from '../db/orm-options';
import { signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { createTestDatabase } from '../test/test-database';
import { Account } from './account.entity';
import { runLiveChatCommand } from './live-chat-cli';

const SET_LIVE_CHAT = /* GraphQL */ `
  mutation Set($input: SetLiveChatEnabledInput!) {
    setLiveChatEnabled(input: $input) { account { id liveChatEnabled } userErrors { code field } }
  }
`;

describe('live chat rollout per account', () => {
  const operatorToken = randomBytes(24).toString('hex');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ PLATFORM_ADMIN_TOKEN: operatorToken });
  });
  afterAll(() => app.close());

  it('is off for a new account and switched by the operator token only', async () => {
    const admin = await signUpAccount(app);
    expect((await app.gql(`{ account { liveChatEnabled } }`, {}, admin.token)).data!.account.liveChatEnabled).toBe(false);

    const byAdmin = await app.gql(SET_LIVE_CHAT, { input: { accountId: admin.accountId, enabled: true } }, admin.token);
    expect(byAdmin.errors![0].extensions!.code).toBe('FORBIDDEN');

    const byOperator = await app.gql(SET_LIVE_CHAT, { input: { accountId: admin.accountId, enabled: true } }, operatorToken);
    expect(byOperator.data!.setLiveChatEnabled).toEqual({ account: { id: admin.accountId, liveChatEnabled: true }, userErrors: [] });
    expect((await app.gql(`{ account { liveChatEnabled } }`, {}, admin.token)).data!.account.liveChatEnabled).toBe(true);

    const unknown = await app.gql(SET_LIVE_CHAT, { input: { accountId: 'QWNjb3VudDpub3BlCg==', enabled: true } }, operatorToken);
    expect(unknown.data!.setLiveChatEnabled.userErrors).toEqual([{ code: 'ACCOUNT_NOT_FOUND', field: ['input', 'accountId'] }]);
  });

  it('is switched by `npm run account:live-chat -- <accountId> on|off`', async () => {
    // The CLI opens its own connection, so it gets a database of its own (PGlite takes one at a time).
    const database = await createTestDatabase();
    try {
      const orm = await MikroORM.init(ormOptions({ databaseUrl: database.url, poolMax: 1 }));
      await migrateToLatest(orm, { singleConnection: true });
      const account = orm.em.fork().create(Account, { name: 'CLI Co' });
      await orm.em.fork().persistAndFlush(account);
      await orm.close(true);

      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, DATABASE_POOL_MAX: '1', JWT_SECRET: 'x'.repeat(32) });
      const output: string[] = [];
      expect(await runLiveChatCommand([account.nodeId, 'on'], config, (line) => output.push(line))).toBe(0);
      expect(output.pop()).toBe(`Live chat is now ON for account "CLI Co" (${account.nodeId}).`);
      expect(await runLiveChatCommand([account.id, 'off'], config, (line) => output.push(line))).toBe(0);
      expect(output.pop()).toContain('Live chat is now OFF');
      expect(await runLiveChatCommand([account.id, 'maybe'], config, (line) => output.push(line))).toBe(2);
      expect(output.pop()).toContain('usage:');

      const check = await MikroORM.init(ormOptions({ databaseUrl: database.url, poolMax: 1 }));
      expect((await check.em.fork().findOneOrFail(Account, account.id)).liveChatEnabled).toBe(false);
      await check.close(true);
    } finally {
      await database.drop();
    }
  });
});
