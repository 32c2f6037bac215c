import { createHash } from 'node:crypto';
import { ApiKey } from './api-key.entity';
import { createSignedInUser, dbId, signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($name: String!) {
    createApiKey(input: { name: $name }) { apiKey { id name prefix lastUsedAt revokedAt } secret userErrors { code field } }
  }
`;
const REVOKE_KEY = /* GraphQL */ `
  mutation Revoke($id: ID!) { revokeApiKey(id: $id) { apiKey { id revokedAt } userErrors { code } } }
`;

describe('API keys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('shows the secret once and stores only its SHA-256', async () => {
    const admin = await signUpAccount(app);
    const result = await app.gql(CREATE_KEY, { name: 'CRM sync' }, admin.token);
    const { apiKey, secret, userErrors } = result.data!.createApiKey;
    expect(userErrors).toEqual([]);
    expect(secret).toMatch(/^ck_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);

    const stored = await app.runtime.orm.em.fork().findOneOrFail(ApiKey, { name: 'CRM sync', account: dbId(admin.accountId) });
    expect(stored.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret);
    const listed = await app.gql(`{ apiKeys { edges { node { id name prefix } } } }`, {}, admin.token);
    expect(listed.data!.apiKeys.edges).toEqual([{ node: { id: apiKey.id, name: 'CRM sync', prefix: apiKey.prefix } }]);
    const fields = await app.gql(`{ __type(name: "ApiKey") { fields { name } } }`);
    expect(fields.data!.__type.fields.map((field: { name: string }) => field.name)).not.toContain('secret');
  });

  it('authenticates as the account with admin scope and records its last use', async () => {
    const admin = await signUpAccount(app, 'Keyed');
    const { secret, apiKey } = (await app.gql(CREATE_KEY, { name: 'Zapier' }, admin.token)).data!.createApiKey;
    const account = await app.gql(`{ account { id name } me { id } }`, {}, secret);
    expect(account.data).toEqual({ account: { id: admin.accountId, name: 'Keyed' }, me: { id: admin.userId } });
    const created = await app.gql(`mutation { createFlow(input: { name: "From API", steps: [] }) { flow { name } userErrors { code } } }`, {}, secret);
    expect(created.data!.createFlow).toEqual({ flow: { name: 'From API' }, userErrors: [] });
    const [listed] = (await app.gql(`{ apiKeys { edges { node { lastUsedAt } } } }`, {}, admin.token)).data!.apiKeys.edges;
    expect(listed.node.lastUsedAt).not.toBeNull();
    expect(apiKey.lastUsedAt).toBeNull();
  });

  it('stops working the moment it is revoked', async () => {
    const admin = await signUpAccount(app);
    const { secret, apiKey } = (await app.gql(CREATE_KEY, { name: 'Temp' }, admin.token)).data!.createApiKey;
    expect((await app.gql(`{ account { id } }`, {}, secret)).data!.account.id).toBe(admin.accountId);
    const revoked = await app.gql(REVOKE_KEY, { id: apiKey.id }, admin.token);
    expect(revoked.data!.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    const after = await app.gql(`{ account { id } }`, {}, secret);
    expect(after.status).toBe(401);
    expect(after.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('is for admins only, and an unknown key is refused', async () => {
    const admin = await signUpAccount(app);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    expect((await app.gql(CREATE_KEY, { name: 'Nope' }, agent.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await app.gql(`{ apiKeys { edges { node { id } } } }`, {}, agent.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const unknown = await app.gql(`{ account { id } }`, {}, 'ck_' + 'x'.repeat(43));
    expect(unknown.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('cannot create or revoke keys itself, so revoking a key leaves nothing behind', async () => {
    const admin = await signUpAccount(app);
    const { secret } = (await app.gql(CREATE_KEY, { name: 'Integration' }, admin.token)).data!.createApiKey;
    const other = (await app.gql(CREATE_KEY, { name: 'Other integration' }, admin.token)).data!.createApiKey.apiKey;

    const minted = await app.gql(CREATE_KEY, { name: 'Offspring' }, secret);
    expect(minted.data).toBeNull();
    expect(minted.errors).toEqual([expect.objectContaining({ path: ['createApiKey'], extensions: { code: 'FORBIDDEN' } })]);
    expect(minted.errors![0].message).toMatch(/API keys cannot manage API keys/);
    const revoked = await app.gql(REVOKE_KEY, { id: other.id }, secret);
    expect(revoked.errors![0].extensions!.code).toBe('FORBIDDEN');

    const listed = await app.gql(`{ apiKeys { edges { node { name revokedAt } } } }`, {}, admin.token);
    expect(listed.data!.apiKeys.edges).toEqual([{ node: { name: 'Integration', revokedAt: null } }, { node: { name: 'Other integration', revokedAt: null } }]);
    // What keys are for still works with one.
    expect((await app.gql(`{ apiKeys { edges { node { name } } } }`, {}, secret)).data!.apiKeys.edges).toHaveLength(2);
  });
});

describe('revoking a key with open subscriptions', () => {
  it('closes its websockets at once', async () => {
    const app = await startTestApp();
    try {
      const admin = await signUpAccount(app);
      const { secret, apiKey } = (await app.gql(CREATE_KEY, { name: 'Feed' }, admin.token)).data!.createApiKey;
      const closed: number[] = [];
      const client = app.wsClient(`Bearer ${secret}`, { onClose: (code) => closed.push(code) });
      const events: unknown[] = [];
      client.subscribe({ query: 'subscription { activityEvents { id } }' }, { next: (value) => events.push(value), error: () => undefined, complete: () => undefined });
      for (let i = 0; i < 50 && !(await app.runtime.redis.call('PUBSUB', 'NUMSUB', `${app.runtime.redisPrefix}:ACTIVITY:${dbId(admin.accountId)}`) as [string, number])[1]; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const started = Date.now();
      await app.gql(REVOKE_KEY, { id: apiKey.id }, admin.token);
      for (let i = 0; i < 100 && !closed.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(closed).toEqual([4403]);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await app.close();
    }
  });
});
