import { buildSchema, type GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { NODE_TYPE_SCOPES, NO_SCOPE_NEEDED, ROOT_FIELD_SCOPES } from './api-key-scopes';

const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { apiKey { id scopes expiresAt createdBy { id } } secret userErrors { code field } }
  }
`;

describe('what the scopes table covers', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '../../../schema/schema.graphql'), 'utf8'));

  it('names every root field of the schema, and nothing else', () => {
    const rootFields = ['Query', 'Mutation', 'Subscription'].flatMap((type) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields()));
    const uncovered = rootFields.filter((field) => !(field in ROOT_FIELD_SCOPES) && !NO_SCOPE_NEEDED.has(field));
    expect(uncovered).toEqual([]);
    const unknown = [...Object.keys(ROOT_FIELD_SCOPES), ...NO_SCOPE_NEEDED].filter((field) => !rootFields.includes(field));
    expect(unknown).toEqual([]);
  });

  it('names every Node type', () => {
    const nodeTypes = Object.values(schema.getTypeMap()).filter((type) => 'getInterfaces' in type && type.getInterfaces().some((face) => face.name === 'Node'));
    expect(nodeTypes.map((type) => type.name).filter((name) => !(name in NODE_TYPE_SCOPES))).toEqual([]);
  });
});

describe('scoped, expiring API keys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function keyWith(adminToken: string, input: Record<string, unknown>) {
    const result = await app.gql(CREATE_KEY, { input: { name: 'Integration', ...input } }, adminToken);
    return result.data!.createApiKey;
  }

  it('reads back its scopes, expiry and creator; without scopes it has them all', async () => {
    const admin = await signUpAccount(app);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const scoped = await keyWith(admin.token, { scopes: ['CONVERSATIONS_READ', 'CONTACTS_READ', 'CONTACTS_READ'], expiresAt });
    expect(scoped.userErrors).toEqual([]);
    expect(scoped.apiKey).toEqual({ id: expect.any(String), scopes: ['CONTACTS_READ', 'CONVERSATIONS_READ'], expiresAt, createdBy: { id: admin.userId } });
    const full = await keyWith(admin.token, {});
    expect(full.apiKey.scopes).toContain('WEBHOOKS_WRITE');
    expect(full.apiKey.scopes).toHaveLength(Object.keys(NODE_TYPE_SCOPES).length > 0 ? full.apiKey.scopes.length : 0);
    expect(full.apiKey.expiresAt).toBeNull();
  });

  it('refuses an empty scope list and expiries in the past or too far ahead, all at once', async () => {
    const admin = await signUpAccount(app);
    const past = await keyWith(admin.token, { name: ' ', scopes: [], expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.userErrors).toEqual([
      { code: 'INVALID_NAME', field: ['input', 'name'] },
      { code: 'NO_SCOPES', field: ['input', 'scopes'] },
      { code: 'EXPIRY_IN_PAST', field: ['input', 'expiresAt'] },
    ]);
    const far = await keyWith(admin.token, { expiresAt: new Date(Date.now() + 800 * 86_400_000).toISOString() });
    expect(far.userErrors).toEqual([{ code: 'EXPIRY_TOO_FAR', field: ['input', 'expiresAt'] }]);
    const listed = await app.gql(`{ apiKeys { edges { node { id } } } }`, {}, admin.token);
    expect(listed.data!.apiKeys.edges).toEqual([]);
  });

  it('does only what its scopes say, over HTTP: FORBIDDEN names the missing scope', async () => {
    const admin = await signUpAccount(app);
    const { secret } = await keyWith(admin.token, { scopes: ['CONTACTS_READ'] });
    expect((await app.gql(`{ contacts(first: 1) { edges { cursor } } }`, {}, secret)).data).toEqual({ contacts: { edges: [] } });
    // Who it is and its budget need no scope.
    expect((await app.gql(`{ me { id } rateLimit { limit } }`, {}, secret)).data!.me).toEqual({ id: admin.userId });

    for (const [query, scope] of [
      [`{ conversations(first: 1) { edges { cursor } } }`, 'conversations:read'],
      [`{ activityStream(first: 1) { edges { cursor } } }`, 'activity:read'],
      [`mutation { createFlow(input: { name: "x", steps: [] }) { flow { id } } }`, 'flows:write'],
      [`{ webhookEndpoints { edges { cursor } } }`, 'webhooks:read'],
    ] as const) {
      const refused = await app.gql(query, {}, secret);
      expect({ query, code: refused.errors?.[0]?.extensions?.code, missingScope: refused.errors?.[0]?.extensions?.missingScope }).toEqual({ query, code: 'FORBIDDEN', missingScope: scope });
      expect(refused.errors![0].message).toContain(scope);
    }
    // node(id:) checks the object's type: the account is account:read.
    const node = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: admin.accountId }, secret);
    expect(node.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScope: 'account:read' });
    const flows = await app.gql(`mutation { createFlow(input: { name: "x", steps: [] }) { flow { id } } }`, {}, admin.token);
    expect(flows.data!.createFlow.flow).not.toBeNull();
  });

  it('a result cached for one key is not served to a key without its scope', async () => {
    const admin = await signUpAccount(app);
    const reader = await keyWith(admin.token, { scopes: ['CONVERSATIONS_READ'] });
    const other = await keyWith(admin.token, { scopes: ['CONTACTS_READ'] });
    const inbox = `query Inbox { liveChatInbox { id } }`;
    expect((await app.gql(inbox, {}, reader.secret)).data).toEqual({ liveChatInbox: [] });
    expect((await app.gql(inbox, {}, reader.secret)).data).toEqual({ liveChatInbox: [] });
    const refused = await app.gql(inbox, {}, other.secret);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScope: 'conversations:read' });
  });

  it('does only what its scopes say over websockets too', async () => {
    const admin = await signUpAccount(app);
    const { secret } = await keyWith(admin.token, { scopes: ['CONTACTS_READ'] });
    const client = app.wsClient(`Bearer ${secret}`);
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { activityEvents { id } }' },
        { next: (value) => resolve(value.errors ?? value), error: (error) => resolve(error), complete: () => resolve('complete') },
      );
    });
    expect(JSON.stringify(outcome)).toContain('activity:read');
    expect(JSON.stringify(outcome)).toContain('FORBIDDEN');
  });

  it('stops working when it expires, on HTTP and on its open websockets', async () => {
    const admin = await signUpAccount(app);
    const { secret } = await keyWith(admin.token, { scopes: ['ACTIVITY_READ'], expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await app.gql(`{ activityStream(first: 1) { edges { cursor } } }`, {}, secret)).errors).toBeUndefined();
    const closed: number[] = [];
    const client = app.wsClient(`Bearer ${secret}`, { onClose: (code) => closed.push(code) });
    client.subscribe({ query: 'subscription { activityEvents { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    for (let i = 0; i < 150 && !closed.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toEqual([4403]);
    const after = await app.gql(`{ activityStream(first: 1) { edges { cursor } } }`, {}, secret);
    expect(after.status).toBe(401);
    expect(after.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('expired') });
  });
});
