import { getIntrospectionQuery } from 'graphql';
import { signUpAccount } from '../test/fixtures';
import { startTestApp, wsExecute, type TestApp } from '../test/test-app';

/** The refusals, each with the document that earns it; every one is refused before it runs. */
const aliases = (n: number, field = '__typename') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const nested = (levels: number) => `{ flows(first: 1) { edges { node { ${'versions(first: 1) { edges { node { flow { '.repeat(levels)}id${' } } } }'.repeat(levels)} } } } }`;
const fragmentBomb = (levels: number) =>
  `query { ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${i === levels - 1 ? '__typename' : `...F${i + 1} ...F${i + 1}`} }`).join(' ')}`;

const CASES: { name: string; query: string; code: string; message: RegExp }[] = [
  { name: 'a syntax error', query: '{ me { id ', code: 'GRAPHQL_PARSE_FAILED', message: /^Syntax Error: Expected Name, found <EOF>/ },
  { name: 'too many aliases of __typename', query: aliases(21), code: 'TOO_MANY_ALIASES', message: /uses 21 aliases; at most 20 are allowed/ },
  { name: 'aliases spread through fragments', query: `{ ...A ...A } fragment A on Query { ${Array.from({ length: 11 }, (_, i) => `x${i}: __typename`).join(' ')} }`, code: 'TOO_MANY_ALIASES', message: /uses 22 aliases/ },
  { name: 'fields nested too deep', query: nested(4), code: 'QUERY_TOO_DEEP', message: /nests fields 20 levels deep; at most 12 are allowed/ },
  { name: 'depth through fragments', query: `{ flows(first: 1) { edges { node { ...F } } } } fragment F on Flow { versions(first: 1) { edges { node { flow { ...G } } } } } fragment G on Flow { versions(first: 1) { edges { node { flow { versions(first: 1) { edges { node { id } } } } } } } }`, code: 'QUERY_TOO_DEEP', message: /nests fields 15 levels deep/ },
  { name: 'brackets nested too deep', query: `{ __type(name: ${'['.repeat(70)}"x"${']'.repeat(70)}) { name } }`, code: 'QUERY_TOO_DEEP', message: /nests brackets more than 64 levels deep/ },
  { name: 'too many tokens', query: `{ ${'__typename '.repeat(5000)}}`, code: 'TOO_MANY_TOKENS', message: /more than 5000 tokens/ },
  { name: 'large nested pages', query: '{ flows(first: 100) { edges { node { versions(first: 100) { edges { node { flow { versions(first: 100) { edges { node { id } } } } } } } } } } }', code: 'QUERY_TOO_COMPLEX', message: /complexity 3040301, at most 50000/ },
  { name: 'a fragment bomb', query: fragmentBomb(30), code: 'QUERY_TOO_COMPLEX', message: /complexity \d+/ },
  { name: 'a document too repetitive to validate', query: `{ ${'me { id } '.repeat(1200)}}`, code: 'QUERY_TOO_COMPLEX', message: /too large or repetitive to validate/ },
];

describe('document limits', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token } = await signUpAccount(app));
  });
  afterAll(() => app.close());

  const post = (query: string, accept?: string) =>
    fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
      body: JSON.stringify({ query }),
    });

  it.each(CASES)('refuses $name over HTTP with 400, its own code and a message naming the limit', async ({ query, code, message }) => {
    const response = await post(query, 'application/graphql-response+json');
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect({ status: response.status, code: body.errors[0].extensions.code }).toEqual({ status: 400, code });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toMatch(message);
    expect(body.errors[0].message).not.toMatch(/Validation aborted/);
    // Refused before execution: a response without a data entry.
    expect(body).not.toHaveProperty('data');
  });

  it.each(CASES)('refuses $name over websockets with the same code', async ({ query, code, message }) => {
    const errors = await wsExecute(app.wsClient(`Bearer ${token}`), query).then(
      () => [],
      (rejected: { message: string; extensions: { code: string } }[]) => rejected,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].extensions.code).toBe(code);
    expect(errors[0].message).toMatch(message);
  });

  it('answers a client that asks for plain application/json with 200, as GraphQL over HTTP says for that media type', async () => {
    for (const [accept, status] of [['application/json', 200], ['*/*', 400], ['application/graphql-response+json, application/json;q=0.9', 400]] as const) {
      const response = await post('{ me { id ', accept);
      expect({ accept, status: response.status }).toEqual({ accept, status });
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }
  });

  it('lets through what clients really send: the full introspection query, twenty aliases, a page of 20 under a page of 10', async () => {
    for (const query of [getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true, specifiedByUrl: true }), aliases(20), '{ flows(first: 10) { edges { node { versions { edges { node { id } } } } } } }']) {
      const result = await app.gql(query, {}, token);
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
    }
  });

  // Checked documents are cached by their text: what depends on variables or on the caller must not be.
  it('costs the same cached document afresh with each request\'s variables', async () => {
    const query = 'query Pages($n: Int!) { flows(first: $n) { edges { node { versions(first: $n) { edges { node { flow { versions(first: $n) { edges { node { id } } } } } } } } } } }';
    for (const [n, refused] of [[2, false], [100, true], [2, false], [100, true]] as const) {
      const result = await app.gql(query, { n }, token);
      expect({ n, code: result.errors?.[0]?.extensions?.code ?? null }).toEqual({ n, code: refused ? 'QUERY_TOO_COMPLEX' : null });
    }
    for (const [n, refused] of [[2, false], [100, true]] as const) {
      const outcome = await wsExecute(app.wsClient(`Bearer ${token}`), query, { n }).then(
        () => null,
        (rejected: { extensions: { code: string } }[]) => rejected[0].extensions.code,
      );
      expect({ n, outcome }).toEqual({ n, outcome: refused ? 'QUERY_TOO_COMPLEX' : null });
    }
  });

  it('reports an invalid document every time it is sent, and a valid one answers each caller as itself', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await post('{ me { nope } }', 'application/graphql-response+json');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringContaining('nope') });
      const wsErrors = await wsExecute(app.wsClient(`Bearer ${token}`), '{ me { nope } }').then(
        () => [],
        (rejected: { message: string; extensions: { code: string } }[]) => rejected,
      );
      expect(wsErrors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringContaining('nope') });
    }
    const other = await signUpAccount(app, 'Other');
    const [mine, theirs, anonymous] = await Promise.all([app.gql('{ me { id } }', {}, token), app.gql('{ me { id } }', {}, other.token), app.gql('{ me { id } }')]);
    expect(mine.data?.me?.id).not.toBe(theirs.data?.me?.id);
    expect(theirs.data?.me?.id).toBe(other.userId);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
