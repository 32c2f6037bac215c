import { decodeGlobalId } from '../relay/global-id';
import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery';

export interface SignedUpAccount {
  token: string;
  userId: string;
  accountId: string;
  email: string;
}

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user { id account { id } }
      userErrors { code message field }
    }
  }
`;

/** A new account with its admin, through the public API. */
export async function signUpAccount(app: TestApp, accountName = 'Acme'): Promise<SignedUpAccount> {
  const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
  const result = await app.gql(SIGN_UP, { input: { accountName, name: 'Ada Admin', email, password: TEST_PASSWORD } });
  const payload = result.data?.signUp;
  if (!payload?.token) throw new Error(`signUp failed: ${JSON.stringify(result)}`);
  return { token: payload.token, userId: payload.user.id, accountId: payload.user.account.id, email };
}

const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id email role } userErrors { code message field } }
  }
`;
const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) { token user { id } userErrors { code message field } }
  }
`;

/** A user of an existing account, signed in. */
export async function createSignedInUser(app: TestApp, adminToken: string, role: 'ADMIN' | 'AGENT' = 'AGENT') {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`;
  const created = await app.gql(CREATE_USER, { input: { name: `Test ${role}`, email, password: TEST_PASSWORD, role } }, adminToken);
  if (!created.data?.createUser.user) throw new Error(`createUser failed: ${JSON.stringify(created)}`);
  const login = await app.gql(LOGIN, { input: { email, password: TEST_PASSWORD } });
  return { token: login.data!.login.token as string, userId: created.data.createUser.user.id as string, email };
}

/** Switches live chat for an account as the platform operator would. */
export async function enableLiveChat(app: TestApp, accountId: string, enabled = true): Promise<void> {
  await app.runtime.services.accounts.setLiveChatEnabled(app.runtime.orm.em.fork(), accountId, enabled);
}

/** The database UUID behind a global ID, for checks that read the database directly. */
export function dbId(globalId: string): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded) throw new Error(`not a global ID: ${globalId}`);
  return decoded.id;
}

/**
 * "Redis lost its jobs": deletes this app's BullMQ keys, and only those (the Redis is shared
 * with other test files and people). Returns how many keys went.
 */
export async function forgetQueuedJobs(app: TestApp): Promise<number> {
  const { connection, prefix } = app.runtime.queues;
  let deleted = 0;
  for (let cursor = '0'; ; ) {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) deleted += await connection.del(...keys);
    cursor = next;
    if (cursor === '0') return deleted;
  }
}
