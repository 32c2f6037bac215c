import { createSignedInUser, signUpAccount, TEST_PASSWORD } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id email role acceptingChats account { id } } userErrors { code field } }
  }
`;
const SET_ACCEPTING = /* GraphQL */ `
  mutation SetAccepting($accepting: Boolean!) {
    setAcceptingChats(accepting: $accepting) { user { id acceptingChats } userErrors { code } }
  }
`;

describe('users and roles', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('lets an admin add an AGENT to their own account, who can then sign in', async () => {
    const admin = await signUpAccount(app);
    const created = await app.gql(CREATE_USER, { input: { name: 'Ana', email: 'ana@acme.example', password: TEST_PASSWORD, role: 'AGENT' } }, admin.token);
    expect(created.data!.createUser).toMatchObject({ userErrors: [], user: { email: 'ana@acme.example', role: 'AGENT', acceptingChats: false, account: { id: admin.accountId } } });
    const login = await app.gql(`mutation { login(input: { email: "ana@acme.example", password: "${TEST_PASSWORD}" }) { user { role } } }`);
    expect(login.data!.login.user.role).toBe('AGENT');
  });

  it('forbids an AGENT to create users', async () => {
    const admin = await signUpAccount(app);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    const result = await app.gql(CREATE_USER, { input: { name: 'Mallory', email: 'mallory@acme.example', password: TEST_PASSWORD, role: 'ADMIN' } }, agent.token);
    expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
    const users = await app.gql(`{ users { edges { node { email } } } }`, {}, admin.token);
    expect(users.data!.users.edges.map((edge: { node: { email: string } }) => edge.node.email)).not.toContain('mallory@acme.example');
  });

  it('refuses an email already used in any account', async () => {
    const first = await signUpAccount(app);
    const second = await signUpAccount(app);
    const result = await app.gql(CREATE_USER, { input: { name: 'Copy', email: first.email, password: TEST_PASSWORD, role: 'AGENT' } }, second.token);
    expect(result.data!.createUser).toMatchObject({ user: null, userErrors: [{ code: 'EMAIL_TAKEN', field: ['input', 'email'] }] });
  });

  it('switches accepting chats for the signed-in user only', async () => {
    const admin = await signUpAccount(app);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    const on = await app.gql(SET_ACCEPTING, { accepting: true }, agent.token);
    expect(on.data!.setAcceptingChats).toEqual({ user: { id: agent.userId, acceptingChats: true }, userErrors: [] });
    expect((await app.gql(`{ me { acceptingChats } }`, {}, agent.token)).data!.me.acceptingChats).toBe(true);
    expect((await app.gql(`{ me { acceptingChats } }`, {}, admin.token)).data!.me.acceptingChats).toBe(false);
    const off = await app.gql(SET_ACCEPTING, { accepting: false }, agent.token);
    expect(off.data!.setAcceptingChats.user.acceptingChats).toBe(false);
  });

  it('lists the account’s users in pages with cursors', async () => {
    const admin = await signUpAccount(app);
    for (let i = 0; i < 3; i++) await createSignedInUser(app, admin.token, 'AGENT');
    const page = `query Page($after: String) { users(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await app.gql(page, {}, admin.token)).data!.users;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await app.gql(page, { after: first.pageInfo.endCursor }, admin.token)).data!.users;
    expect(second.edges).toHaveLength(2);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.edges, ...second.edges].map((edge: { node: { id: string } }) => edge.node.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBe(admin.userId);

    const bad = await app.gql(page, { after: 'garbage' }, admin.token);
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
