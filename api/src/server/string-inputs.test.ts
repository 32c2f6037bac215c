import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { signUpAccount } from '../test/fixtures';
import { startTestApp, wsExecute, type TestApp } from '../test/test-app';

type Path = (string | number)[];
const NUL_VALUE = 'before\u0000after';

/** Every position of a string (String, ID, or a string inside a JSONObject) in an input type, nested and in lists. */
function stringPaths(type: GraphQLInputType, seen: string[] = []): Path[] {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return stringPaths(nullable.ofType, seen).map((path) => [0, ...path]);
  if (isScalarType(nullable)) return ['String', 'ID'].includes(nullable.name) ? [[]] : nullable.name === 'JSONObject' ? [['key']] : [];
  if (!isInputObjectType(nullable) || seen.includes(nullable.name)) return [];
  return Object.values(nullable.getFields()).flatMap((field) => stringPaths(field.type, [...seen, nullable.name]).map((path) => [field.name, ...path]));
}

/** A value that validation accepts for `type`, with every required field filled. */
function sample(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [sample(nullable.ofType)];
  if (isEnumType(nullable)) return nullable.getValues()[0].value;
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(Object.values(nullable.getFields()).filter((field) => isNonNullType(field.type)).map((field) => [field.name, sample(field.type)]));
  }
  switch ((nullable as { name: string }).name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTimeISO':
      return '2030-01-01T00:00:00.000Z';
    case 'JSONObject':
      return {};
    default:
      return 'x';
  }
}

/** `value` with `nul` set at `path` (creating objects and one-item lists on the way). */
function withValueAt(type: GraphQLInputType, value: unknown, path: Path, nul: unknown): unknown {
  if (!path.length) return nul;
  const nullable = getNullableType(type) as GraphQLInputType;
  const [head, ...rest] = path;
  if (isListType(nullable)) return [withValueAt(nullable.ofType, Array.isArray(value) ? value[0] : sample(nullable.ofType), rest, nul)];
  if (isScalarType(nullable)) return { [head]: nul }; // JSONObject
  const fields = (nullable as { getFields(): Record<string, { type: GraphQLInputType }> }).getFields();
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [head]: withValueAt(fields[head].type, object[head] ?? sample(fields[head].type), rest, nul) };
}

/** GraphQL literal syntax for a JSON value; strings are JSON-escaped, which GraphQL reads the same (\u0000 included). */
function literal(type: GraphQLInputType, value: unknown): string {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return `[${(value as unknown[]).map((item) => literal(nullable.ofType, item)).join(', ')}]`;
  if (isEnumType(nullable)) return String(value);
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    return `{ ${Object.entries(value as object).map(([key, item]) => `${key}: ${literal(fields[key].type, item)}`).join(', ')} }`;
  }
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${JSON.stringify(item)}`).join(', ')} }`;
  return JSON.stringify(value);
}

interface Probe {
  operation: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
  arg: GraphQLArgument;
  path: Path;
}

function probes(schema: GraphQLSchema): Probe[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([operation, root]) =>
    Object.values(root?.getFields() ?? {}).flatMap((field) => field.args.flatMap((arg) => stringPaths(arg.type).map((path) => ({ operation, field, arg, path: [arg.name, ...path] })))),
  );
}

/** Both forms of one probe: the NUL in a variable, and written into the document. */
function documents({ operation, field, arg, path }: Probe): { query: string; variables: Record<string, unknown> }[] {
  const required = field.args.filter((other) => other !== arg && isNonNullType(other.type));
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const value = withValueAt(arg.type, sample(arg.type), path.slice(1), NUL_VALUE);
  const variables = Object.fromEntries([...required.map((other) => [other.name, sample(other.type)]), [arg.name, value]]);
  const definitions = [...required, arg].map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const byVariable = `${operation} Probe(${definitions}) { ${field.name}(${[...required, arg].map((a) => `${a.name}: $${a.name}`).join(', ')})${selection} }`;
  const inline = `${operation} { ${field.name}(${[...required, arg].map((a) => `${a.name}: ${literal(a.type, variables[a.name])}`).join(', ')})${selection} }`;
  return [
    { query: byVariable, variables },
    { query: inline, variables: {} },
  ];
}

describe('NUL characters in string inputs', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token } = await signUpAccount(app));
  });
  afterAll(() => app.close());

  const rowCounts = async () => {
    const connection = app.runtime.orm.em.getConnection();
    const tables = await connection.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
    const counts = await Promise.all(tables.map(async ({ table_name }) => [table_name, Number((await connection.execute(`select count(*) as n from "${table_name}"`))[0].n)] as const));
    return Object.fromEntries(counts);
  };

  it('are refused as BAD_USER_INPUT naming the field, for every String and ID argument and input field of the schema, and nothing is stored', async () => {
    const introspection = await app.gql<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data!);
    const all = probes(schema);
    // The schema has dozens of such positions; the walk must have found them, nested ones included.
    expect(all.length).toBeGreaterThan(60);
    expect(all.some(({ path }) => path.length >= 4)).toBe(true);
    const before = await rowCounts();
    const failures: string[] = [];
    const ws = app.wsClient(`Bearer ${token}`);
    for (const probe of all) {
      for (const { query, variables } of documents(probe)) {
        const result =
          probe.operation === 'subscription'
            ? await Promise.race([
                wsExecute(ws, query, variables).then(
                  (value) => ({ ...value, status: 200 }),
                  (errors) => ({ status: 400, errors }),
                ),
                new Promise<{ status: number; errors?: undefined }>((resolve) => setTimeout(() => resolve({ status: 0 }), 3000)),
              ])
            : await app.gql(query, variables, token);
        const error = result.errors?.[0];
        const expected = probe.path.map(String);
        if (result.status !== 400 || error?.extensions?.code !== 'BAD_USER_INPUT' || JSON.stringify(error.extensions.fields) !== JSON.stringify([expected]) || !error.message.includes(expected.join('.'))) {
          failures.push(`${probe.field.name}(${expected.join('.')}) ${query.includes('$') ? 'variable' : 'literal'}: ${result.status} ${JSON.stringify(result.errors ?? result)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    process.stdout.write(`NUL probes: ${all.length} string positions × (variable, literal), all refused\n`);
  });

  it('refuses an unpaired surrogate the same way (validators throw on it, the database would store U+FFFD)', async () => {
    const result = await app.gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email: 'a\ud800@example.com', password: 'x' } });
    expect(result.status).toBe(400);
    expect(result.errors![0]).toMatchObject({ message: expect.stringContaining('input.email (argument of login) contains an unpaired UTF-16 surrogate'), extensions: { code: 'BAD_USER_INPUT', fields: [['input', 'email']] } });
  });

  it('leaves other unusual text alone', async () => {
    const result = await app.gql(`query($name: String!) { __type(name: $name) { name } }`, { name: 'Zürich 💬 \u200b\u0001 \ud83d\udcac' }, token);
    expect(result.errors).toBeUndefined();
  });
});
