import { User } from '../users/user.entity';
import { signUpAccount, TEST_PASSWORD } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) { token user { email role account { name liveChatEnabled } } userErrors { code message field } }
  }
`;
const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token user { email role acceptingChats account { name liveChatEnabled } } userErrors { code field } }
  }
`;
const ME = /* GraphQL */ `{ me { email role } }`;

describe('sign-up and login', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_ATTEMPTS_PER_15_MIN: '3' });
  });
  afterAll(() => app.close());

  it('creates an account with its first ADMIN, live chat off, and a working token', async () => {
    const result = await app.gql(SIGN_UP, { input: { accountName: 'Acme', name: 'Ada', email: ' Ada@Example.COM ', password: TEST_PASSWORD } });
    const { token, user, userErrors } = result.data!.signUp;
    expect(userErrors).toEqual([]);
    expect(user).toEqual({ email: 'ada@example.com', role: 'ADMIN', acceptingChats: false, account: { name: 'Acme', liveChatEnabled: false } });
    const me = await app.gql(ME, {}, token);
    expect(me.data!.me).toEqual({ email: 'ada@example.com', role: 'ADMIN' });
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const { email } = await signUpAccount(app);
    const user = await app.runtime.orm.em.fork().findOneOrFail(User, { email }, { populate: ['passwordHash'] });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it('refuses a second sign-up with the same email, whatever its case', async () => {
    const { email } = await signUpAccount(app);
    const result = await app.gql(SIGN_UP, { input: { accountName: 'Other', name: 'Eve', email: email.toUpperCase(), password: TEST_PASSWORD } });
    expect(result.data!.signUp).toMatchObject({ token: null, user: null, userErrors: [{ code: 'EMAIL_TAKEN', field: ['input', 'email'] }] });
  });

  it('reports every bad field of a sign-up at once', async () => {
    const result = await app.gql(SIGN_UP, { input: { accountName: ' ', name: 'Eve', email: 'not-an-email', password: 'short' } });
    expect(result.data!.signUp.userErrors.map((error: { code: string }) => error.code).sort()).toEqual(['INVALID_EMAIL', 'INVALID_NAME', 'WEAK_PASSWORD']);
  });

  it('logs in with the right password and refuses a wrong one or an unknown email alike', async () => {
    const { email } = await signUpAccount(app);
    const ok = await app.gql(LOGIN, { input: { email, password: TEST_PASSWORD } });
    expect(ok.data!.login.userErrors).toEqual([]);
    expect(ok.data!.login.user.email).toBe(email);
    expect((await app.gql(ME, {}, ok.data!.login.token)).data!.me.email).toBe(email);

    const wrong = await app.gql(LOGIN, { input: { email, password: 'wrong password!' } });
    const unknown = await app.gql(LOGIN, { input: { email: 'nobody@example.com', password: TEST_PASSWORD } });
    for (const result of [wrong, unknown]) {
      expect(result.data!.login).toMatchObject({ token: null, userErrors: [{ code: 'INVALID_CREDENTIALS', message: 'Wrong email or password.' }] });
    }
  });

  it('throttles an email after repeated failures, even for the right password', async () => {
    const { email } = await signUpAccount(app);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await app.gql(LOGIN, { input: { email, password: 'wrong password!' } })).data!.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await app.gql(LOGIN.replace('userErrors {', 'userErrors { retryAfterSeconds'), { input: { email, password: TEST_PASSWORD } });
    expect(blocked.data!.login).toMatchObject({ token: null, userErrors: [{ code: 'TOO_MANY_ATTEMPTS' }] });
    // A program can wait exactly as long as it must: the lockout is minutes, not forever.
    const wait = blocked.data!.login.userErrors[0].retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60 * 60);
  });

  it('answers UNAUTHENTICATED without a token and for a forged or malformed one', async () => {
    const none = await app.gql(ME);
    expect(none.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const { token } = await signUpAccount(app);
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const bad of [forged, 'not-a-token']) {
      const result = await app.gql(ME, {}, bad);
      expect(result.status).toBe(401);
      expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('rejects over-long input as BAD_USER_INPUT before touching the database', async () => {
    const result = await app.gql(SIGN_UP, { input: { accountName: 'A'.repeat(500), name: 'Eve', email: 'eve@example.com', password: TEST_PASSWORD } });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toContain('accountName');
    expect(await app.runtime.orm.em.fork().count(User, { email: 'eve@example.com' })).toBe(0);
  });
});
