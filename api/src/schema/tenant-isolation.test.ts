import { DEMO_FLOW_STEPS } from '../seed/demo-seed';
import { createSignedInUser, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

/**
 * A user of account B must get nothing of account A through any query or mutation: lists
 * come back without A's rows, lookups by ID (node included) come back null or NOT_FOUND.
 */
describe('tenant isolation', () => {
  let app: TestApp;
  let a: SignedUpAccount;
  let b: SignedUpAccount;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    a = await signUpAccount(app, 'Account A');
    b = await signUpAccount(app, 'Account B');
    await enableLiveChat(app, a.accountId);
    const agentA = await createSignedInUser(app, a.token, 'AGENT');
    const flow = await app.gql(`mutation($input: CreateFlowInput!) { createFlow(input: $input) { flow { id } } }`, { input: { name: 'A flow', steps: DEMO_FLOW_STEPS } }, a.token);
    ids.flow = flow.data!.createFlow.flow.id;
    const published = await app.gql(`mutation($id: ID!) { publishFlow(id: $id) { flowVersion { id } } }`, { id: ids.flow }, a.token);
    ids.flowVersion = published.data!.publishFlow.flowVersion.id;
    const key = await app.gql(`mutation { createApiKey(input: { name: "A key" }) { apiKey { id } } }`, {}, a.token);
    ids.apiKey = key.data!.createApiKey.apiKey.id;
    ids.account = a.accountId;
    ids.admin = a.userId;
    ids.agent = agentA.userId;
  });
  afterAll(() => app.close());

  it('node(id) resolves A’s objects for A and returns null for B, for every type', async () => {
    for (const [name, id] of Object.entries(ids)) {
      const own = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, a.token);
      expect([name, own.data!.node]).toEqual([name, { id }]);
      const foreign = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, b.token);
      expect([name, foreign.data!.node, foreign.errors]).toEqual([name, null, undefined]);
    }
  });

  it('lists and lookups of B contain nothing of A', async () => {
    const result = await app.gql(
      `query($flow: ID!) {
        account { id name }
        me { id account { id } }
        users(first: 100) { edges { node { id } } }
        flows(first: 100) { edges { node { id } } }
        apiKeys(first: 100) { edges { node { id } } }
        flow(id: $flow) { id }
      }`,
      { flow: ids.flow },
      b.token,
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    for (const id of Object.values(ids)) expect(text).not.toContain(id);
    expect(result.data!.account.name).toBe('Account B');
    expect(result.data!.flow).toBeNull();
  });

  it('B cannot change A’s flows or keys', async () => {
    const update = await app.gql(`mutation($id: ID!) { updateFlow(input: { id: $id, name: "Taken" }) { userErrors { code } } }`, { id: ids.flow }, b.token);
    expect(update.data!.updateFlow.userErrors).toEqual([{ code: 'FLOW_NOT_FOUND' }]);
    const publish = await app.gql(`mutation($id: ID!) { publishFlow(id: $id) { userErrors { code } } }`, { id: ids.flow }, b.token);
    expect(publish.data!.publishFlow.userErrors).toEqual([{ code: 'FLOW_NOT_FOUND' }]);
    const revoke = await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { userErrors { code } } }`, { id: ids.apiKey }, b.token);
    expect(revoke.data!.revokeApiKey.userErrors).toEqual([{ code: 'API_KEY_NOT_FOUND' }]);

    const stillA = await app.gql(`query($id: ID!) { flow(id: $id) { name } apiKeys { edges { node { revokedAt } } } }`, { id: ids.flow }, a.token);
    expect(stillA.data).toEqual({ flow: { name: 'A flow' }, apiKeys: { edges: [{ node: { revokedAt: null } }] } });
  });

  it('an API key of B is scoped to B like its users', async () => {
    const key = await app.gql(`mutation { createApiKey(input: { name: "B key" }) { secret } }`, {}, b.token);
    const secret = key.data!.createApiKey.secret;
    const result = await app.gql(`query($id: ID!) { node(id: $id) { id } flows { edges { node { id } } } }`, { id: ids.flow }, secret);
    expect(result.data).toEqual({ node: null, flows: { edges: [] } });
  });
});
