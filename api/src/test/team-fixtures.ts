import { randomBytes } from 'node:crypto';
import { TEST_PASSWORD } from './fixtures';
import type { TestApp } from './test-app';

/** A named user of an existing account, signed in (transfers and the team view name people). */
export async function namedUser(app: TestApp, adminToken: string, name: string, role: 'ADMIN' | 'AGENT' = 'AGENT') {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}@example.com`;
  const created = await app.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }`, { input: { name, email, password: TEST_PASSWORD, role } }, adminToken);
  if (!created.data?.createUser.user) throw new Error(`createUser failed: ${JSON.stringify(created)}`);
  const login = await app.gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: TEST_PASSWORD } });
  return { token: login.data!.login.token as string, userId: created.data.createUser.user.id as string, name, email };
}

const TRANSFER = /* GraphQL */ `
  mutation Transfer($input: TransferChatInput!) {
    transferChat(input: $input) { conversation { id status transferNote assignee { id name } transferredBy { id } } userErrors { code message field } }
  }
`;

export interface TransferOutcome {
  conversation: { id: string; status: string; transferNote: string | null; assignee: { id: string; name: string } | null; transferredBy: { id: string } | null } | null;
  userErrors: { code: string; message: string; field: string[] }[];
}

export async function transfer(app: TestApp, token: string, input: { conversationId: string; toUserId: string; note?: string | null }): Promise<TransferOutcome> {
  const result = await app.gql(TRANSFER, { input }, token);
  if (!result.data) throw new Error(`transferChat failed: ${JSON.stringify(result)}`);
  return result.data.transferChat as TransferOutcome;
}

/** Sets a user's `maxConcurrentChats` as an admin; returns the userErrors' codes. */
export async function setCapacity(app: TestApp, adminToken: string, userId: string, maxConcurrentChats: number | null): Promise<string[]> {
  const result = await app.gql(
    `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { maxConcurrentChats } userErrors { code } } }`,
    { input: { userId, maxConcurrentChats } },
    adminToken,
  );
  if (!result.data) throw new Error(`updateUser failed: ${JSON.stringify(result)}`);
  return result.data.updateUser.userErrors.map((error: { code: string }) => error.code);
}
