import { randomBytes } from 'node:crypto';
import { signUpAccount } from '../test/fixtures';
import { collect } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { pointsFor } from './query-budget';

const CREATE_KEY = `mutation($name: String!) { createApiKey(input: { name: $name }) { apiKey { id } secret } }`;

async function post(app: TestApp, query: string, key: string) {
  const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { data?: any; errors?: { extensions?: Record<string, unknown> }[]; extensions?: { cost?: { requested: number; remaining: number | null; resetAt: string | null } } } };
}

describe('query budgets of API keys', () => {
  // Two API processes on one Redis: the budget is shared, not per process.
  const redisPrefix = `budget-${randomBytes(3).toString('hex')}:`;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp({ API_KEY_POINTS_PER_HOUR: '10', ACCOUNT_POINTS_PER_HOUR: '15' }, { redisPrefix });
    second = await startTestApp({ API_KEY_POINTS_PER_HOUR: '10', ACCOUNT_POINTS_PER_HOUR: '15' }, { redisPrefix, database: first.database });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('reports every charge in extensions.cost and refuses with 429, Retry-After and RATE_LIMITED once spent, across processes', async () => {
    const admin = await signUpAccount(first);
    const { secret } = (await first.gql(CREATE_KEY, { name: 'CRM' }, admin.token)).data!.createApiKey;
    const remaining: (number | null)[] = [];
    for (let call = 0; call < 10; call++) {
      const result = await post(call % 2 ? second : first, '{ account { id } }', secret);
      expect(result.status).toBe(200);
      expect(result.body.extensions?.cost).toMatchObject({ requested: 1, resetAt: expect.any(String) });
      remaining.push(result.body.extensions!.cost!.remaining);
    }
    expect(remaining).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);

    const refused = await post(second, '{ account { id } }', secret);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(refused.retryAfter) });
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.extensions?.cost?.remaining).toBe(0);
    // A refused request costs nothing: the budget stays at 0, not below.
    const peek = await post(first, '{ rateLimit { limit cost remaining resetAt } }', secret);
    expect(peek.status).toBe(429);

    // Subscriptions are charged too, once when they start.
    const socket = first.wsClient(`Bearer ${secret}`);
    const stream = await collect(socket, `subscription { incomingChats { kind } }`);
    const failure = await stream.waitFor(() => true, 5000).then(
      () => 'an event',
      (error: unknown) => (error instanceof Error ? error.message : JSON.stringify(error)),
    );
    expect(failure).toContain('RATE_LIMITED');
  });

  it('charges by what a query could return, caps the account across its keys, and leaves users alone', async () => {
    const admin = await signUpAccount(first);
    const keys = await Promise.all(['a', 'b'].map(async (name) => (await first.gql(CREATE_KEY, { name }, admin.token)).data!.createApiKey.secret as string));
    // A page of 100 contacts with three fields each: hundreds of items at worst, a few points.
    const big = await post(first, '{ contacts(first: 100) { edges { node { id name email } } } }', keys[0]);
    expect(big.status).toBe(200);
    const spentByA = big.body.extensions!.cost!.requested;
    expect(spentByA).toBeGreaterThan(pointsFor(0));
    expect(spentByA).toBeLessThan(10);

    const rate = await post(first, '{ rateLimit { limit cost remaining } }', keys[1]);
    // Key b has spent nothing, but the account (15 points) has spent what key a did.
    expect(rate.body.data!.rateLimit).toEqual({ limit: 10, cost: 1, remaining: Math.min(10 - 1, 15 - spentByA - 1) });

    const me = await first.gql(`{ me { id } }`, {}, admin.token);
    for (let call = 0; call < 3; call++) expect((await first.gql(`{ me { id } }`, {}, admin.token)).status).toBe(200);
    expect((me as { extensions?: { cost?: unknown } }).extensions?.cost).toEqual({ requested: 1, remaining: null, resetAt: null });
  });
});
