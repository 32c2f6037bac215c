import { signUpAccount } from '../test/fixtures';
import { startTestApp, wsExecute, type TestApp } from '../test/test-app';

describe('the HTTP and websocket server', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers /healthz and /readyz', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    // This app runs no worker (jobs/worker-heartbeat.test.ts covers the field).
    expect(await ready.json()).toEqual({ status: 'ready', postgres: 'ok', redis: 'ok', worker: expect.stringMatching(/^none seen for \d+ s$/) });
  });

  it('sends security headers, and lets other sites load resources such as widget.js', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers a malformed body with a clean JSON error', async () => {
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('serves queries over GET, and refuses a GET that could be a cross-site request', async () => {
    const query = encodeURIComponent('{ __typename }');
    const ok = await fetch(`${app.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' }, extensions: { cost: { requested: 1, remaining: null, resetAt: null } } });
    const csrf = await fetch(`${app.url}/graphql?query=${query}`);
    expect(csrf.status).toBe(400);
  });

  it('follows GraphQL over HTTP: an invalid document is a 400 with a stable code', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('follows GraphQL over HTTP for methods, bodies and media types', async () => {
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${app.url}/graphql`, { method: 'POST', headers, body });
    const mutationOverGet = await fetch(`${app.url}/graphql?query=${encodeURIComponent('mutation { login(input: { email: "a@b.co", password: "x" }) { token } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(mutationOverGet.status).toBe(405);
    expect(mutationOverGet.headers.get('allow')).toBe('POST');
    expect((await post('{ "query": "{ __typename }" }', { 'content-type': 'text/plain' })).status).toBe(400);
    expect((await post('{ "variables": {} }')).status).toBe(400);
    expect((await post('[{ "query": "{ __typename }" }, { "query": "{ __typename }" }]')).status).toBe(400);
    const ok = await post('{ "query": "{ __typename }" }', { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('application/graphql-response+json');
    const invalidVariables = await post(JSON.stringify({ query: 'query($n: Int!) { users(first: $n) { edges { cursor } } }', variables: { n: 'ten' } }));
    expect(invalidVariables.status).toBe(400);
    expect(((await invalidVariables.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses queries nested deeper than the limit', async () => {
    const { token } = await signUpAccount(app);
    const deep = `{ me { account { id } } flows { edges { node { versions { edges { node { flow { versions { edges { node { flow { versions { edges { node { id } } } } } } } } } } } } } } }`;
    const result = await app.gql(deep, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors![0]).toMatchObject({ message: 'This operation nests fields 15 levels deep; at most 12 are allowed.', extensions: { code: 'QUERY_TOO_DEEP', depth: 15, maximum: 12 } });
    expect(result).not.toHaveProperty('data');
  });

  it('runs operations over graphql-ws with the token from connectionParams', async () => {
    const { token, email } = await signUpAccount(app);
    const signedIn = await wsExecute(app.wsClient(`Bearer ${token}`), '{ me { email } }');
    expect(signedIn.data).toEqual({ me: { email } });
    const anonymous = await wsExecute(app.wsClient(), '{ me { email } }');
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('closes a websocket whose token is invalid with 4403', async () => {
    const codes: number[] = [];
    const client = app.wsClient('Bearer forged.token.value', { onClose: (code) => codes.push(code) });
    await expect(wsExecute(client, '{ __typename }')).rejects.toBeDefined();
    expect(codes).toEqual([4403]);
  });
});

describe('readiness without Redis', () => {
  it('reports 503 naming the unreachable service, without hanging', async () => {
    const app = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const started = Date.now();
      const response = await fetch(`${app.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', postgres: 'ok', redis: expect.not.stringMatching(/^ok$/) });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await app.close();
    }
  });
});

describe('query complexity', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_MAX_COST: '5000' });
  });
  afterAll(() => app.close());

  it('multiplies page sizes, so nested large pages are refused and small ones pass', async () => {
    const { token } = await signUpAccount(app);
    const nested = `query($n: Int!) { flows(first: $n) { edges { node { versions(first: $n) { edges { node { steps { key } } } } } } } }`;
    const small = await app.gql(nested, { n: 10 }, token);
    expect(small.errors).toBeUndefined();
    const large = await app.gql(nested, { n: 100 }, token);
    expect(large.status).toBe(400);
    expect(large.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximum: 5000 });
    await expect(wsExecute(app.wsClient(`Bearer ${token}`), nested, { n: 100 })).rejects.toEqual([
      { message: expect.stringContaining('too much'), extensions: { code: 'QUERY_TOO_COMPLEX', complexity: 40301, maximum: 5000 } },
    ]);
  });
});
