import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/config';
import { migrateToLatest } from '../db/database';
import { ormOptions } from '../db/orm-options';
import { createSignedInUser, signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { createTestDatabase } from '../test/test-database';
import { Account } from './account.entity';
import { runLiveChatCommand } from './live-chat-cli';

const SET_LIVE_CHAT = /* GraphQL */ `
  mutation Set($input: SetLiveChatEnabledInput!) {
    setLiveChatEnabled(input: $input) { account { id liveChatEnabled } userErrors { code field } }
  }
`;

const UPDATE_SETTINGS = /* GraphQL */ `
  mutation Update($input: UpdateAccountSettingsInput!) {
    updateAccountSettings(input: $input) { account { id reminderSeconds typingPreview } userErrors { code field } }
  }
`;

describe('account settings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ REMINDER_MIN_SECONDS: '5' });
  });
  afterAll(() => app.close());

  const settings = async (token: string) => (await app.gql(`{ account { reminderSeconds typingPreview } }`, {}, token)).data!.account;

  it('start as reminders every 20 s and no typing preview, and change only the settings given', async () => {
    const admin = await signUpAccount(app);
    expect(await settings(admin.token)).toEqual({ reminderSeconds: 20, typingPreview: false });

    const preview = await app.gql(UPDATE_SETTINGS, { input: { typingPreview: true } }, admin.token);
    expect(preview.data!.updateAccountSettings).toEqual({ account: { id: admin.accountId, reminderSeconds: 20, typingPreview: true }, userErrors: [] });

    const slower = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 45 } }, admin.token);
    expect(slower.data!.updateAccountSettings.account).toEqual({ id: admin.accountId, reminderSeconds: 45, typingPreview: true });

    // null turns reminders off (and so does 0); an omitted setting stays.
    const off = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: null } }, admin.token);
    expect(off.data!.updateAccountSettings.account).toEqual({ id: admin.accountId, reminderSeconds: null, typingPreview: true });
    await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 5 } }, admin.token);
    const zero = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 0, typingPreview: false } }, admin.token);
    expect(zero.data!.updateAccountSettings.account).toEqual({ id: admin.accountId, reminderSeconds: null, typingPreview: false });
    expect(await settings(admin.token)).toEqual({ reminderSeconds: null, typingPreview: false });
  });

  it('refuses intervals out of range, changing nothing', async () => {
    const admin = await signUpAccount(app);
    for (const reminderSeconds of [4, -1, 3601, 1_000_000]) {
      const result = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds, typingPreview: true } }, admin.token);
      expect([reminderSeconds, result.data!.updateAccountSettings]).toEqual([reminderSeconds, { account: null, userErrors: [{ code: 'INVALID_REMINDER_SECONDS', field: ['input', 'reminderSeconds'] }] }]);
    }
    expect(await settings(admin.token)).toEqual({ reminderSeconds: 20, typingPreview: false });
    const bounds = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 3600 } }, admin.token);
    expect(bounds.data!.updateAccountSettings.userErrors).toEqual([]);
  });

  it('is for the account’s admins (and its API keys) only, and changes their own account', async () => {
    const admin = await signUpAccount(app);
    const other = await signUpAccount(app, 'Other Co');
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    const byAgent = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 30 } }, agent.token);
    expect(byAgent.errors![0].extensions!.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 30 } });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    const byOtherAdmin = await app.gql(UPDATE_SETTINGS, { input: { reminderSeconds: 30 } }, other.token);
    expect(byOtherAdmin.data!.updateAccountSettings.account.id).toBe(other.accountId);
    expect(await settings(admin.token)).toEqual({ reminderSeconds: 20, typingPreview: false });
    expect(await settings(agent.token)).toEqual({ reminderSeconds: 20, typingPreview: false });
  });
});

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
