import {
  Lexer,
  Source,
  TokenKind,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { uuidv7 } from 'uuidv7';
import { signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

/**
 * Hostile traffic generated from the schema: documents with oversized, unicode, NUL and
 * wrongly typed values, huge lists, deep nesting and many aliases, plus malformed HTTP bodies
 * and media types. Nothing may answer 5xx or INTERNAL_SERVER_ERROR, and no document over a
 * limit may run. Deterministic: FUZZ_SEED replays a run; the seed is printed with any failure.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 2000);
const MALFORMED = 400;
const WS_DOCUMENTS = 250;
const LIMITS = { depth: 12, aliases: 20, tokens: 5000 };
const MARKER = `refused${SEED}`;

function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

type Random = ReturnType<typeof prng>;

const globalId = (type: string, id = uuidv7()) => Buffer.from(`${type}:${id}`).toString('base64');
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hostileString(r: Random): string {
  switch (r.int(18)) {
    case 0:
      return '';
    case 1:
      return 'x'.repeat(r.pick([256, 5000, 40_000]));
    case 2:
      return '😀👩‍👩‍👧‍👦'.repeat(r.int(500) + 1);
    case 3:
      return '\u202eevil\u200b\u200d\ufeff';
    case 4:
      return `a\u0000b`;
    case 5:
      return '\ud800 lone surrogate \udfff';
    case 6:
      return uuidv7();
    case 7:
      return globalId(r.pick(['Conversation', 'Flow', 'User', 'Contact', 'WebhookEndpoint', 'ApiKey', 'Nope']));
    case 8:
      return cursor(r.pick([['nope'], [1], [-1], [uuidv7()], {}, [null], ['2026-01-01T00:00:00.000Z']]));
    case 9:
      return "'; drop table accounts; --";
    case 10:
      return 'grace@example.com';
    case 11:
      return r.pick(['https://example.com/a?b=c', 'javascript:alert(1)', 'http://127.0.0.1:1/', 'ftp://x', 'http://[::1]/']);
    case 12:
      return '%s%n%x{{7*7}}${7*7}';
    case 13:
      return Buffer.from(`activity:${uuidv7()}:${r.int(1e6)}`).toString('base64url');
    case 14:
      return '\\u0000 escaped, not NUL';
    case 15:
      return '2026-02-30T25:61:00Z';
    case 16:
      return ' '.repeat(r.int(50));
    default:
      return `fuzz-${r.int(1e9)}`;
  }
}

function hostileValue(r: Random, depth = 0): unknown {
  switch (r.int(12)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 0.5, -0]);
    case 2:
      return r.chance(0.5);
    case 3:
      // Only the outermost list is huge, so a value stays a few thousand items at most.
      return depth < 3 ? Array.from({ length: depth === 0 ? r.pick([0, 1, 3, 2000]) : r.int(3) }, () => (depth === 0 ? r.pick(['x', 1, null]) : hostileValue(r, depth + 1))) : [];
    case 4:
      return depth < 3 ? { a: hostileValue(r, depth + 1), [hostileString(r).slice(0, 20) || 'k']: hostileValue(r, depth + 1) } : {};
    case 5: {
      // Much deeper than any input type.
      let nested: unknown = 'deep';
      for (let i = 0; i < r.pick([50, 500, 5000]); i++) nested = r.chance(0.5) ? [nested] : { a: nested };
      return nested;
    }
    default:
      return hostileString(r);
  }
}

interface Built {
  query: string;
  variables: Record<string, unknown>;
  depth: number;
  aliases: number;
}

/** One operation on a random root field: arguments as variables or literals, a random selection. */
class DocumentBuilder {
  private variables: Record<string, unknown> = {};
  private definitions: string[] = [];
  private aliases = 0;
  private maxDepth = 0;

  constructor(
    private readonly r: Random,
    private readonly schema: GraphQLSchema,
  ) {}

  value(type: GraphQLInputType, depth = 0): unknown {
    const { r } = this;
    if (r.chance(0.12)) return hostileValue(r);
    if (!isNonNullType(type) && r.chance(0.1)) return null;
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) {
      if (depth > 4) return [];
      // A huge list only of scalars, or the value would grow exponentially with nesting.
      const huge = isLeafType(getNamedType(nullable.ofType)) && r.chance(0.1);
      return Array.from({ length: huge ? r.pick([300, 3000]) : r.int(4) }, () => this.value(nullable.ofType, depth + 1));
    }
    if (isEnumType(nullable)) return r.chance(0.9) ? r.pick(nullable.getValues()).value : hostileString(r);
    if (isInputObjectType(nullable)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(nullable.getFields())) {
        if ((isNonNullType(field.type) && r.chance(0.95)) || r.chance(0.5)) object[field.name] = depth > 4 ? null : this.value(field.type, depth + 1);
      }
      if (r.chance(0.05)) object.unknownField = hostileValue(r);
      return object;
    }
    switch ((nullable as GraphQLNamedType).name) {
      case 'Int':
        return r.chance(0.8) ? r.pick([0, 1, 5, 20, 100, 101, -1, 2 ** 31]) : hostileValue(r);
      case 'Float':
        return r.pick([0, 1.5, -1, 1e308]);
      case 'Boolean':
        return r.chance(0.5);
      case 'DateTimeISO':
        return r.pick([new Date(Date.now() + r.int(1e9)).toISOString(), '2026-02-30T25:61:00Z', 'yesterday']);
      case 'JSONObject':
        return hostileValue(r);
      default:
        return hostileString(r);
    }
  }

  /** GraphQL literal syntax; some values have none (a JSON key that is not a name): they become a string. */
  literal(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (Array.isArray(value)) return `[${value.map((item) => this.literal(item)).join(' ')}]`;
    if (typeof value === 'object') {
      return `{ ${Object.entries(value)
        .map(([key, item]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(key) ? key : 'bad'}: ${this.literal(item)}`)
        .join(' ')} }`;
    }
    if (typeof value === 'string' && /^[A-Z][A-Z_]+$/.test(value) && this.r.chance(0.5)) return value; // an enum literal
    return JSON.stringify(value);
  }

  args(field: GraphQLField<unknown, unknown>): string {
    const parts: string[] = [];
    for (const arg of field.args) {
      if (!isNonNullType(arg.type) && this.r.chance(0.4)) continue;
      const value = this.value(arg.type);
      if (this.r.chance(0.6)) {
        const name = `v${this.definitions.length}`;
        this.definitions.push(`$${name}: ${this.r.chance(0.9) ? arg.type.toString() : 'String'}`);
        this.variables[name] = value;
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${this.literal(value)}`);
      }
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  selection(type: GraphQLNamedType, depth: number, targetDepth: number): string {
    const { r } = this;
    this.maxDepth = Math.max(this.maxDepth, depth);
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      const chosen = r.pick(possible);
      return `{ __typename ... on ${chosen.name} ${this.selection(chosen, depth, targetDepth)} }`;
    }
    const fields = Object.values((type as GraphQLObjectType).getFields());
    const composite = fields.filter((field) => !isLeafType(getNamedType(field.type)));
    const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type)));
    const parts: string[] = [];
    for (let i = 0; i < 1 + r.int(3); i++) {
      const leaf = leaves.length ? r.pick(leaves) : undefined;
      if (leaf) parts.push(this.alias() + leaf.name);
    }
    if (r.chance(0.1)) {
      const many = r.pick([2, 5, 19, 21, 40]);
      for (let i = 0; i < many; i++) parts.push(`${this.alias(true)}__typename`);
    }
    const descend = depth < targetDepth && composite.length ? 1 + r.int(depth < 3 ? 3 : 1) : 0;
    for (let i = 0; i < descend; i++) {
      const field = r.pick(composite);
      parts.push(`${this.alias()}${field.name}${this.args(field)} ${this.selection(getNamedType(field.type), depth + 1, targetDepth)}`);
    }
    if (!parts.length) parts.push('__typename');
    return `{ ${parts.join(' ')} }`;
  }

  private alias(always = false): string {
    if (!always && !this.r.chance(0.15)) return '';
    this.aliases += 1;
    return `a${this.aliases}: `;
  }

  build(operation: 'query' | 'mutation' | 'subscription'): Built {
    const root = operation === 'query' ? this.schema.getQueryType()! : operation === 'mutation' ? this.schema.getMutationType()! : this.schema.getSubscriptionType()!;
    const field = this.r.pick(Object.values(root.getFields()));
    const type = getNamedType(field.type);
    const targetDepth = this.r.pick([1, 2, 4, 8, 13, 16]);
    const args = this.args(field);
    const selection = isLeafType(type) ? '' : ` ${this.selection(type, 2, targetDepth)}`;
    this.maxDepth = Math.max(this.maxDepth, 1);
    const header = this.definitions.length ? `(${this.definitions.join(', ')})` : '';
    return { query: `${operation} Fuzz${header} { ${field.name}${args}${selection} }`, variables: this.variables, depth: this.maxDepth, aliases: this.aliases };
  }
}

function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) count++;
  } catch {
    return -1; // not lexable: a syntax error, which is not a limit
  }
  return count;
}

/** Documents that must be refused and whose mutation would leave a row named with MARKER. */
function overLimitMarkers(i: number): Built[] {
  const account = `${MARKER}-${i}`;
  const signUp = `signUp(input: { accountName: "${account}", name: "x", email: "${account}@example.com", password: "correct horse battery" }) { token }`;
  const deepFlow = `createFlow(input: { name: "${account}", steps: [{ key: "end", kind: END, text: "Bye" }] }) { flow { ${'versions { edges { node { flow { '.repeat(3)}id${' } } } }'.repeat(3)} } }`;
  return [
    { query: `mutation { ${signUp} ${Array.from({ length: 21 }, (_, n) => `t${n}: __typename`).join(' ')} }`, variables: {}, depth: 2, aliases: 21 },
    { query: `mutation { ${deepFlow} }`, variables: {}, depth: 15, aliases: 0 },
    { query: `mutation { ${signUp} ${'__typename '.repeat(5000)}}`, variables: {}, depth: 1, aliases: 0 },
  ];
}

describe('fuzzing the GraphQL endpoint', () => {
  let app: TestApp;
  let token: string;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token } = await signUpAccount(app));
    schema = buildClientSchema((await app.gql<IntrospectionQuery>(getIntrospectionQuery())).data!);
  });
  afterAll(() => app.close());

  const failures: string[] = [];
  const check = (label: string, status: number, text: string, mustNotRun: boolean) => {
    let body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const codes = (body?.errors ?? []).map((error) => error.extensions?.code);
    const problem =
      status >= 500 ? `HTTP ${status}` : codes.includes('INTERNAL_SERVER_ERROR') ? 'INTERNAL_SERVER_ERROR' : mustNotRun && body && 'data' in body ? 'over the limits, yet executed' : null;
    if (problem && failures.length < 20) failures.push(`[seed ${SEED}] ${label}: ${problem}: ${text.slice(0, 300)}`);
  };

  it('answers thousands of hostile documents and requests without a 5xx, an INTERNAL_SERVER_ERROR or running anything over the limits', async () => {
    const r = prng(SEED);
    const started = Date.now();
    const tokens = [token, undefined, 'Bearer garbage', 'ck_' + 'x'.repeat(43)];
    let executed = 0;
    let refused = 0;
    const codes = new Map<string, number>();

    const documents: (Built & { label: string })[] = [];
    for (let i = 0; i < DOCUMENTS; i++) documents.push({ ...new DocumentBuilder(r, schema).build(r.chance(0.6) ? 'query' : 'mutation'), label: `document ${i}` });
    for (let i = 0; i < 10; i++) documents.push(...overLimitMarkers(i).map((built, n) => ({ ...built, label: `marker ${i}.${n}` })));

    const send = async ({ query, variables, depth, aliases, label }: Built & { label: string }) => {
      // Mostly signed in, so resolvers run; sometimes anonymous or with a token that fails.
      const auth = r.chance(0.75) ? token : r.pick(tokens);
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: r.pick(['application/graphql-response+json', 'application/json', '*/*']), ...(auth ? { authorization: auth.startsWith('Bearer') ? auth : `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const tokenTotal = tokenCount(query);
      const over = depth > LIMITS.depth || aliases > LIMITS.aliases || tokenTotal > LIMITS.tokens;
      check(`${label} ${JSON.stringify({ depth, aliases, tokens: tokenTotal })} ${query.slice(0, 200)}`, response.status, text, over);
      if (text.includes('"data"')) executed++;
      else refused++;
      const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? 'none';
      codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    // Four at a time, as a few clients would.
    for (let i = 0; i < documents.length; i += 4) await Promise.all(documents.slice(i, i + 4).map(send));

    const url = `${app.url}/graphql`;
    const bodies: (() => { method?: string; headers?: Record<string, string>; body?: string | Buffer; path?: string })[] = [
      () => ({ body: '{"query": ' }),
      () => ({ body: Buffer.from(Array.from({ length: 200 }, () => r.int(256))) }),
      () => ({ body: JSON.stringify(r.pick([[], [{ query: '{ __typename }' }], 1, 'str', null, true])) }),
      () => ({ body: JSON.stringify({ query: hostileValue(r), variables: hostileValue(r), operationName: hostileValue(r), extensions: hostileValue(r) }) }),
      () => ({ body: JSON.stringify({ query: '{ __typename }', variables: r.pick(['{"a":1}', '[]', 7, [1, 2]]) }) }),
      () => ({ body: `{"query":"{ __typename }","variables":${'['.repeat(r.pick([1000, 50_000]))}${']'.repeat(0)}` }),
      () => ({ body: `{"query":"{ __typename }","variables":{"a":${'['.repeat(40_000)}1${']'.repeat(40_000)}}}` }),
      () => ({ body: JSON.stringify({ query: `query($a: String) { __typename }`, variables: { a: 'x'.repeat(300_000) } }) }),
      () => ({ headers: { 'content-type': r.pick(['text/plain', 'application/graphql', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/xml', '']) }, body: JSON.stringify({ query: '{ __typename }' }) }),
      () => ({ headers: { 'content-type': 'application/json', 'content-encoding': r.pick(['gzip', 'deflate', 'br', 'zstd', 'bogus']) }, body: Buffer.from('not compressed') }),
      () => ({ method: r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']), body: r.chance(0.5) ? JSON.stringify({ query: '{ __typename }' }) : undefined }),
      () => ({ method: 'GET', headers: { 'apollo-require-preflight': 'true' }, path: `?query=${encodeURIComponent(r.pick(['{ __typename }', 'mutation { __typename }', '{', `{ ${'a: __typename '.repeat(30)}}`]))}&variables=${encodeURIComponent(r.pick(['{', '[]', '{"a":1}', '']))}` }),
      () => ({ headers: { 'content-type': 'application/json', accept: r.pick(['text/html', 'application/xml', 'image/png', 'application/graphql-response+json;q=0', '*/*;q=0']) }, body: JSON.stringify({ query: '{ __typename }' }) }),
      () => ({ headers: { 'content-type': 'application/json', authorization: r.pick(['Bearer', 'Basic abc', 'Bearer a b c', `Bearer ${'x'.repeat(10_000)}`, 'Bearer \u00e9']) }, body: JSON.stringify({ query: '{ me { id } }' }) }),
    ];
    for (let i = 0; i < MALFORMED; i++) {
      const { method = 'POST', headers = { 'content-type': 'application/json' }, body, path = '' } = r.pick(bodies)();
      let response: Response;
      try {
        response = await fetch(url + path, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
      } catch (error) {
        // A header value fetch itself refuses to send is not the server's answer.
        if (String(error).includes('Headers') || String((error as Error).cause).includes('header')) continue;
        throw error;
      }
      check(`malformed ${i} ${method} ${JSON.stringify(headers)} ${String(body ?? '').slice(0, 80)}`, response.status, await response.text(), false);
    }

    // The same kind of documents over graphql-ws, subscriptions included: an error is a message, never a 4500 close.
    const closes: number[] = [];
    // 1000 is the lazy client closing between operations and 1009 a message over maxPayload (the
    // websocket's 413); anything else is the server hanging up.
    const ws = app.wsClient(`Bearer ${token}`, { onClose: (code) => code !== 1000 && code !== 1009 && closes.push(code) });
    for (let i = 0; i < WS_DOCUMENTS; i++) {
      const { query, variables, depth, aliases } = new DocumentBuilder(r, schema).build(r.pick(['query', 'mutation', 'subscription'] as const));
      const over = depth > LIMITS.depth || aliases > LIMITS.aliases || tokenCount(query) > LIMITS.tokens;
      const outcome = await new Promise<{ data: boolean; text: string }>((resolve) => {
        let data = false;
        let text = '';
        const timer = setTimeout(() => {
          dispose();
          resolve({ data, text });
        }, 150);
        const dispose = ws.subscribe(
          { query, variables },
          {
            next: (value) => {
              data ||= 'data' in value;
              text += JSON.stringify(value);
            },
            error: (error) => {
              clearTimeout(timer);
              resolve({ data, text: text + JSON.stringify(error) });
            },
            complete: () => {
              clearTimeout(timer);
              resolve({ data, text });
            },
          },
        );
      });
      check(`websocket ${i} ${query.slice(0, 200)}`, 200, outcome.text, false);
      if (over && outcome.data && failures.length < 20) failures.push(`[seed ${SEED}] websocket ${i}: over the limits, yet executed: ${query.slice(0, 200)}`);
    }
    if (closes.length) failures.push(`[seed ${SEED}] the websocket closed: ${closes.join(', ')}`);

    const leftovers = await app.runtime.orm.em
      .getConnection()
      .execute<{ n: string }[]>(`select (select count(*) from accounts where name like ?) + (select count(*) from flows where name like ?) as n`, [`${MARKER}%`, `${MARKER}%`]);
    if (Number(leftovers[0].n)) failures.push(`[seed ${SEED}] ${leftovers[0].n} rows written by documents over the limits`);

    process.stdout.write(`fuzz seed ${SEED}: ${documents.length} documents (${executed} executed, ${refused} refused before running) ${MALFORMED} malformed requests and ${WS_DOCUMENTS} websocket documents in ${Date.now() - started} ms; first error codes ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}\n`);
    expect(failures).toEqual([]);
    // The run must have reached resolvers, not only the door.
    expect(executed).toBeGreaterThan(DOCUMENTS / 4);
  }, 120_000);
});
