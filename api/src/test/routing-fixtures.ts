import { enableLiveChat, signUpAccount, type SignedUpAccount } from './fixtures';
import { accept, demoSteps, publishFlow, setAccepting } from './live-chat-fixtures';
import { namedUser } from './team-fixtures';
import type { TestApp } from './test-app';

export type Agent = Awaited<ReturnType<typeof namedUser>>;

const UPDATE_SETTINGS = /* GraphQL */ `
  mutation($input: UpdateAccountSettingsInput!) {
    updateAccountSettings(input: $input) { account { assignment offerSeconds } userErrors { code field message } }
  }
`;

/** Sets the account's assignment mode (and accept window); returns the payload. */
export async function setAssignment(app: TestApp, adminToken: string, input: { assignment?: 'MANUAL' | 'AUTO'; offerSeconds?: number }) {
  const result = await app.gql(UPDATE_SETTINGS, { input }, adminToken);
  if (!result.data) throw new Error(`updateAccountSettings failed: ${JSON.stringify(result)}`);
  return result.data.updateAccountSettings as { account: { assignment: string; offerSeconds: number } | null; userErrors: { code: string; field: string[]; message: string }[] };
}

/** An account with live chat on, a flow whose chats wait an hour, AUTO assignment, and the named users (not yet accepting). */
export async function autoAccount(app: TestApp, names: string[], offerSeconds = 30): Promise<{ admin: SignedUpAccount; flowId: string; agents: Agent[] }> {
  const admin = await signUpAccount(app, 'Routing Co');
  await enableLiveChat(app, admin.accountId);
  const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 3600 }));
  const agents: Agent[] = [];
  for (const name of names) agents.push(await namedUser(app, admin.token, name));
  const set = await setAssignment(app, admin.token, { assignment: 'AUTO', offerSeconds });
  if (set.userErrors.length) throw new Error(`setAssignment failed: ${JSON.stringify(set.userErrors)}`);
  return { admin, flowId, agents };
}

export async function acceptingAll(app: TestApp, agents: Agent[], accepting = true): Promise<void> {
  for (const agent of agents) await setAccepting(app, agent.token, accepting);
}

export interface Offer {
  user: { id: string; name: string };
  round: number;
  expiresAt: string;
}

/** The chat as the team reads it: status and the live offer. */
export async function offerOf(app: TestApp, token: string, conversationId: string): Promise<{ status: string; offer: Offer | null }> {
  const result = await app.gql(`query($id: ID!) { conversation(id: $id) { status offer { user { id name } round expiresAt } } }`, { id: conversationId }, token);
  return result.data!.conversation;
}

/** IDs in the user's liveChatInbox. */
export async function inboxIds(app: TestApp, token: string): Promise<string[]> {
  const result = await app.gql(`{ liveChatInbox { id } }`, {}, token);
  return result.data!.liveChatInbox.map((chat: { id: string }) => chat.id);
}

export interface Decision {
  type: 'LIVE_CHAT_OFFERED' | 'LIVE_CHAT_POOLED';
  routingDecision: {
    trigger: string;
    round: number;
    offeredToUserId: string | null;
    offeredToName: string | null;
    expiresAt: string | null;
    previousUserId: string | null;
    agents: { userId: string; name: string; outcome: string; activeChats: number; liveOffers: number; maxConcurrentChats: number | null; lastAssignedAt: string | null }[];
  };
  data: Record<string, unknown>;
}

/** The chat's routing decisions, oldest first. */
export async function decisions(app: TestApp, adminToken: string, conversationId: string): Promise<Decision[]> {
  const result = await app.gql(
    `query($id: ID!) {
      activityStream(first: 100, filter: { conversationId: $id, types: [LIVE_CHAT_OFFERED, LIVE_CHAT_POOLED] }) {
        edges { node { type data routingDecision { trigger round offeredToUserId offeredToName expiresAt previousUserId agents { userId name outcome activeChats liveOffers maxConcurrentChats lastAssignedAt } } } }
      }
    }`,
    { id: conversationId },
    adminToken,
  );
  if (!result.data) throw new Error(`activityStream failed: ${JSON.stringify(result)}`);
  return result.data.activityStream.edges.map((edge: { node: Decision }) => edge.node).reverse();
}

/** The outcome each named user had in a decision, by name. */
export function outcomes(decision: Decision): Record<string, string> {
  return Object.fromEntries(decision.routingDecision.agents.map((agent) => [agent.name, agent.outcome]));
}

/** Accepts and ends a chat as `agent`, so they have taken one (and are less idle), without an active chat. */
export async function takeAndEnd(app: TestApp, agent: Agent, conversationId: string): Promise<void> {
  const accepted = await accept(app, agent.token, conversationId);
  if (accepted.userErrors.length) throw new Error(`accept failed: ${JSON.stringify(accepted.userErrors)}`);
  const ended = await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: conversationId }, agent.token);
  if (ended.data?.endChat.userErrors.length) throw new Error(`endChat failed: ${JSON.stringify(ended.data.endChat.userErrors)}`);
}
