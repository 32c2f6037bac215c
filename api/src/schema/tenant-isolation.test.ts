import { randomBytes } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { Client } from 'graphql-ws';
import { Account } from '../accounts/account.entity';
import { ActivityEvent } from '../activity/activity-event.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { NO_SCOPE_NEEDED } from '../api-keys/api-key-scopes';
import { signUserToken } from '../auth/tokens';
import { CannedResponse } from '../canned-responses/canned-response.entity';
import type { Viewer } from '../auth/viewer';
import { Contact } from '../contacts/contact.entity';
import { Conversation } from '../conversations/conversation.entity';
import { Flow, FlowVersion } from '../flows/flow.entity';
import { FlowStepKind } from '../flows/flow-step.types';
import { Message, MessageAuthor } from '../messages/message.entity';
import { Topic } from '../realtime/topics';
import type { NodeEntity } from '../relay/node';
import type { GraphQLContext } from '../server/context';
import { createLoaders } from '../server/loaders';
import { dbId, enableLiveChat, signUpAccount, TEST_PASSWORD, type SignedUpAccount } from '../test/fixtures';
import { accept, collect, demoSteps, publishFlow, send, setAccepting, visitorToInbox, waitForChannel, type Visitor } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { User, UserRole } from '../users/user.entity';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook.entity';
import { CONVERSATION_EVENTS, END_CHAT, SEND_MESSAGE, START_CONVERSATION, type ConversationEvent } from '../../../web/widget/src/operations';

/**
 * Tenant isolation, walked exhaustively. Every root field (found by introspection, so a new
 * one without a row in ROOT_FIELDS fails the test) is called with account A's IDs as each
 * principal, selecting every field reachable from its result (again by introspection). A is
 * seeded with marker strings and IDs; none may reach a principal outside its group. Then
 * every field of every Node type is called directly on an object of A as each outside viewer.
 */

const PRINCIPALS = [
  'anonymous',
  'visitorX',
  'visitorY',
  'agentA',
  'adminA',
  'keyA',
  /** A's key with no scope at all: refused everything but what needs none. */
  'scopelessKeyA',
  'revokedKeyA',
  'adminB',
  'keyB',
  'expiredToken',
  'otherSecretToken',
  'algNoneToken',
  'visitorAsUserToken',
] as const;
type Principal = (typeof PRINCIPALS)[number];
/** Credentials that authenticate nothing: every request is UNAUTHENTICATED, every websocket closed with 4403. */
const INVALID: Principal[] = ['revokedKeyA', 'expiredToken', 'otherSecretToken', 'algNoneToken', 'visitorAsUserToken'];
const VISITORS: Principal[] = ['visitorX', 'visitorY'];
const KEYS: Principal[] = ['keyA', 'scopelessKeyA', 'keyB'];

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';
type Expectations = Record<Principal, Outcome>;

/** Who may call a root field, as the expected outcome for each principal. */
function outcomes(access: 'public' | 'participant' | 'member' | 'admin' | 'adminUser' | 'user' | 'operator', overrides: Partial<Expectations> = {}): Expectations {
  const outcome = (principal: Principal): Outcome => {
    if (INVALID.includes(principal)) return 'UNAUTHENTICATED';
    if (access === 'public') return 'ok';
    if (principal === 'anonymous') return 'UNAUTHENTICATED';
    if (access === 'participant') return 'ok';
    if (access === 'operator' || VISITORS.includes(principal)) return 'FORBIDDEN';
    if (access === 'member') return 'ok';
    if ((access === 'user' || access === 'adminUser') && KEYS.includes(principal)) return 'FORBIDDEN';
    if (access === 'user') return 'ok';
    return principal === 'agentA' ? 'FORBIDDEN' : 'ok';
  };
  return { ...(Object.fromEntries(PRINCIPALS.map((principal) => [principal, outcome(principal)])) as Expectations), ...overrides };
}

type Variables = Record<string, unknown>;
interface Row {
  /** The variables (A's IDs) of the call each principal makes, or of several calls. */
  variables?: (principal: Principal) => Variables | Variables[] | Promise<Variables | Variables[]>;
  /** Whether the call succeeds (`ok`: no GraphQL error; userErrors are data) or which code refuses it. */
  expect: Expectations;
  /** Subscriptions: who must hear the events the test triggers in A, and what in them tells they came. */
  hears?: { by: Principal[]; sign: () => string };
}

const tag = randomBytes(3).toString('hex');
/** Distinctive strings seeded in A, by who may see them. */
const MARK = {
  accountName: `account-name-${tag}`,
  flowName: `flow-name-${tag}`,
  versionStep: `version-step-${tag}`,
  draftStep: `draft-step-${tag}`,
  agentName: `agent-name-${tag}`,
  agentEmail: `agent-${tag}@example.com`,
  keyName: `key-name-${tag}`,
  revokedKeyName: `revoked-key-name-${tag}`,
  webhookUrl: `https://203.0.113.10/hooks-${tag}/a`,
  webhookDescription: `hook-description-${tag}`,
  attemptExcerpt: `attempt-excerpt-${tag}`,
  xContactName: `x-contact-${tag}`,
  xContactEmail: `x-contact-${tag}@example.com`,
  xAgentMessage: `x-agent-says-${tag}`,
  xVisitorMessage: `x-visitor-says-${tag}`,
  xLiveMessage: `x-live-${tag}`,
  yContactName: `y-contact-${tag}`,
  yContactEmail: `y-contact-${tag}@example.com`,
  cannedBody: `canned-body-${tag}`,
  xNote: `x-note-${tag}`,
};

// Each sweep sends about a thousand operations: far past the default timeout on a loaded machine.
jest.setTimeout(180_000);

describe('tenant isolation', () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  let a: SignedUpAccount;
  let b: SignedUpAccount;
  let flowId: string;
  let x: Visitor;
  let y: Visitor;
  /** The chat the subscription test puts through A's inbox. */
  let triggered = '';
  const tokens = {} as Record<Principal, string | undefined>;
  /** Global IDs of A's objects, by name. */
  const ids: Record<string, string> = {};
  const groups = { team: [] as string[], admin: [] as string[], conversationX: [] as string[], conversationY: [] as string[] };
  const responses = Object.fromEntries(PRINCIPALS.map((principal) => [principal, [] as string[]])) as Record<Principal, string[]>;
  const victims = { apiKeys: [] as string[], endpoints: [] as string[], cannedResponses: [] as string[], contacts: [] as string[], activeUsers: [] as string[], deactivatedUsers: [] as string[] };
  /** What the walk checked: (root field × principal), operations sent (HTTP and websocket), (Node field × viewer). */
  const cases = { rootFieldPrincipal: 0, operations: 0, nodeFieldViewer: 0 };

  /** What a principal must never see of A. */
  function forbiddenFor(principal: Principal): string[] {
    if (principal === 'adminA' || principal === 'keyA') return [];
    if (principal === 'agentA') return groups.admin;
    // `me` needs no scope: the admin the key acts for and their account, and nothing else of A.
    if (principal === 'scopelessKeyA') {
      const own = new Set([MARK.accountName, a.email, ids.account, dbId(ids.account), ids.admin, dbId(ids.admin)]);
      return [...groups.team, ...groups.admin, ...groups.conversationX, ...groups.conversationY].filter((marker) => !own.has(marker));
    }
    if (principal === 'visitorX') return [...groups.team, ...groups.admin, ...groups.conversationY];
    if (principal === 'visitorY') return [...groups.team, ...groups.admin, ...groups.conversationX];
    return [...groups.team, ...groups.admin, ...groups.conversationX, ...groups.conversationY];
  }

  /** A global ID is a marker both as it is and as the raw UUID in it. */
  function markIds(group: keyof typeof groups, ...names: string[]) {
    for (const name of names) groups[group].push(ids[name], dbId(ids[name]));
  }

  function record(principal: Principal, what: string, response: unknown): void {
    const text = JSON.stringify(response);
    responses[principal].push(text);
    const leaked = forbiddenFor(principal).filter((marker) => text.includes(marker));
    expect([what, principal, leaked]).toEqual([what, principal, []]);
  }

  const ROOT_FIELDS: Record<string, Row> = {
    'Query.account': { expect: outcomes('member') },
    'Query.cannedResponses': { expect: outcomes('member') },
    'Query.rateLimit': { expect: outcomes('member') },
    'Query.activityStream': { variables: () => ({ filter: { conversationId: ids.conversationX }, first: 5 }), expect: outcomes('member') },
    'Query.apiKeys': { expect: outcomes('admin') },
    'Query.contact': { variables: () => ({ id: ids.contactX }), expect: outcomes('member') },
    'Query.contacts': { variables: () => ({ first: 5 }), expect: outcomes('member') },
    'Query.conversation': { variables: () => [{ id: ids.conversationX }, { id: ids.conversationY }], expect: outcomes('participant') },
    'Query.conversations': { variables: () => ({ filter: { contactId: ids.contactX } }), expect: outcomes('member') },
    'Query.flow': { variables: () => ({ id: flowId }), expect: outcomes('member') },
    'Query.flows': { expect: outcomes('member') },
    'Query.liveChatInbox': { expect: outcomes('member') },
    // Each grouping: B's members get B's users and flows, never A's (whose chats are in the period).
    'Query.liveChatReport': {
      variables: () =>
        ['DAY', 'AGENT', 'FLOW'].map((groupBy) => ({ input: { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString(), timeZone: 'Europe/Berlin', groupBy } })),
      expect: outcomes('member'),
    },
    'Query.me': { expect: outcomes('member') },
    'Query.node': { variables: () => Object.values(ids).map((id) => ({ id })), expect: outcomes('member') },
    'Query.team': { expect: outcomes('member') },
    'Query.users': { expect: outcomes('member') },
    'Query.webhookDeliveries': { variables: () => ({ endpointId: ids.webhookEndpoint }), expect: outcomes('admin') },
    'Query.webhookEndpoints': { expect: outcomes('admin') },
    'Query.webhookEventTypes': { expect: outcomes('member') },

    'Mutation.acceptChat': { variables: () => ({ conversationId: ids.conversationX }), expect: outcomes('member') },
    'Mutation.createApiKey': { variables: () => ({ input: { name: 'walk key' } }), expect: outcomes('adminUser') },
    'Mutation.addNote': { variables: () => ({ input: { conversationId: ids.conversationX, body: 'walk note' } }), expect: outcomes('member') },
    'Mutation.createCannedResponse': { variables: () => ({ input: { shortcut: `walk-${randomBytes(4).toString('hex')}`, title: 'Walk', body: 'Walk reply' } }), expect: outcomes('admin') },
    'Mutation.createFlow': { variables: () => ({ input: { name: 'walk flow', steps: [] } }), expect: outcomes('admin') },
    'Mutation.createUser': {
      variables: () => ({ input: { name: 'Walk User', email: `walk-${randomBytes(4).toString('hex')}@example.com`, password: TEST_PASSWORD, role: 'AGENT' } }),
      expect: outcomes('admin'),
    },
    'Mutation.createWebhookEndpoint': { variables: () => ({ input: { url: 'https://203.0.113.11/walk-hook', events: ['*'] } }), expect: outcomes('admin') },
    // Each caller gets a fresh active user of A to deactivate, and a deactivated one to reactivate: A's agent stays as seeded.
    'Mutation.deactivateUser': { variables: async (principal) => ({ input: { userId: await victimUser(principal, 'active') } }), expect: outcomes('admin') },
    'Mutation.reactivateUser': { variables: async (principal) => ({ input: { userId: await victimUser(principal, 'deactivated') } }), expect: outcomes('admin') },
    'Mutation.deleteCannedResponse': { variables: async (principal) => ({ id: await victimCannedResponse(principal) }), expect: outcomes('admin') },
    // A's admin and key erase a victim each; nobody else erases anything (checked below).
    'Mutation.deleteContact': { variables: async (principal) => ({ id: await victimContact(principal) }), expect: outcomes('admin') },
    'Mutation.exportContact': { variables: () => ({ id: ids.contactX }), expect: outcomes('admin') },
    'Mutation.deleteWebhookEndpoint': { variables: async (principal) => ({ id: await victimEndpoint(principal) }), expect: outcomes('admin') },
    'Mutation.login': { variables: () => ({ input: { email: MARK.agentEmail, password: 'not the password' } }), expect: outcomes('public') },
    // X's chat is still live during the sweep: its visitor is answered NOT_RATEABLE, as data.
    'Mutation.rateConversation': { variables: () => ({ input: { conversationId: ids.conversationX, score: 5 } }), expect: outcomes('participant') },
    'Mutation.publishFlow': { variables: () => ({ id: flowId }), expect: outcomes('admin') },
    'Mutation.redeliverWebhook': { variables: () => ({ deliveryId: ids.webhookDelivery }), expect: outcomes('admin') },
    // Outsiders' rotations are checked below: every victim endpoint keeps its first secret.
    'Mutation.rotateWebhookSecret': { variables: async (principal) => ({ id: await victimEndpoint(principal), overlapSeconds: 60 }), expect: outcomes('admin') },
    'Mutation.sendTestWebhook': { variables: () => ({ endpointId: ids.webhookEndpoint }), expect: outcomes('admin') },
    'Mutation.revokeApiKey': { variables: async (principal) => ({ id: await victimApiKey(principal) }), expect: outcomes('adminUser') },
    'Mutation.rotateIdentitySecret': { expect: outcomes('adminUser') },
    'Mutation.sendMessage': { variables: () => ({ input: { conversationId: ids.conversationX, body: 'walk ping' } }), expect: outcomes('participant') },
    'Mutation.setTyping': { variables: () => ({ conversationId: ids.conversationX, typing: true, preview: 'walk draft' }), expect: outcomes('participant') },
    'Mutation.setPresence': { variables: () => ({ conversationId: ids.conversationX, away: false }), expect: outcomes('participant') },
    // The cursor of message 1 of X.
    'Mutation.markRead': { variables: () => ({ conversationId: ids.conversationX, cursor: Buffer.from('seq:1').toString('base64url') }), expect: outcomes('participant') },
    'Mutation.setAcceptingChats': { variables: () => ({ accepting: true }), expect: outcomes('member') },
    'Mutation.setLiveChatEnabled': { variables: () => ({ input: { accountId: ids.account, enabled: true } }), expect: outcomes('operator') },
    'Mutation.signUp': {
      variables: () => ({ input: { accountName: 'Walk Co', name: 'Walk Admin', email: `walk-${randomBytes(4).toString('hex')}@example.com`, password: TEST_PASSWORD } }),
      expect: outcomes('public'),
    },
    'Mutation.startConversation': { variables: () => ({ input: { flowId } }), expect: outcomes('public') },
    // Each caller changes its own account (B's admin changes B): A's settings stay as seeded.
    'Mutation.updateAccountSettings': { variables: () => ({ input: { typingPreview: false, assignment: 'MANUAL', offerSeconds: 30 } }), expect: outcomes('admin') },
    // X's assignee is A's agent: handing it to them changes nothing (TARGET_NOT_AVAILABLE); B reaches no chat.
    'Mutation.transferChat': { variables: () => ({ input: { conversationId: ids.conversationX, toUserId: ids.agent, note: 'walk note' } }), expect: outcomes('member') },
    // A's agent stays an agent (the role named is the one it has); B reaches no user of A.
    'Mutation.updateUser': { variables: () => ({ input: { userId: ids.agent, maxConcurrentChats: 50, role: 'AGENT' } }), expect: outcomes('admin') },
    'Mutation.updateCannedResponse': { variables: () => ({ input: { id: ids.cannedResponse } }), expect: outcomes('admin') },
    'Mutation.updateFlow': { variables: () => ({ input: { id: flowId } }), expect: outcomes('admin') },
    'Mutation.updateWebhookEndpoint': { variables: () => ({ input: { id: ids.webhookEndpoint } }), expect: outcomes('admin') },
    // Last of the mutations: it ends conversation X.
    'Mutation.endChat': { variables: () => ({ conversationId: ids.conversationX }), expect: outcomes('participant') },

    // A's members resume after A's newest event (a full replay is slow); B replays everything it has (nothing).
    'Subscription.activityEvents': { variables: async (principal) => (['agentA', 'adminA', 'keyA'].includes(principal) ? { after: await newestActivityCursor() } : {}), expect: outcomes('member'), hears: { by: ['agentA', 'adminA', 'keyA'], sign: () => triggered } },
    'Subscription.assignedChats': { expect: outcomes('user'), hears: { by: ['agentA'], sign: () => triggered } },
    'Subscription.conversationEvents': {
      variables: () => ({ conversationId: ids.conversationX }),
      expect: outcomes('participant', { visitorY: 'FORBIDDEN', adminB: 'FORBIDDEN', keyB: 'FORBIDDEN' }),
      hears: { by: ['visitorX', 'agentA', 'adminA', 'keyA'], sign: () => MARK.xLiveMessage },
    },
    'Subscription.conversationSignals': {
      variables: () => ({ conversationId: ids.conversationX }),
      expect: outcomes('participant', { visitorY: 'FORBIDDEN', adminB: 'FORBIDDEN', keyB: 'FORBIDDEN' }),
      // Visitor X and X's agent both type (see the events below): each side hears the other's.
      hears: { by: ['visitorX', 'agentA', 'adminA', 'keyA'], sign: () => 'TYPING' },
    },
    'Subscription.incomingChats': { expect: outcomes('user'), hears: { by: ['agentA', 'adminA'], sign: () => triggered } },
  };
  // A key's scopes come on top of its role: without the one a field needs, FORBIDDEN (scopes.test.ts checks the table).
  for (const [name, row] of Object.entries(ROOT_FIELDS)) {
    const field = name.slice(name.indexOf('.') + 1);
    // `node` needs none itself but the read scope of the object's type, which every type has.
    const needsNone = NO_SCOPE_NEEDED.has(field) && field !== 'node';
    row.expect.scopelessKeyA = needsNone || row.expect.keyA !== 'ok' ? row.expect.keyA : 'FORBIDDEN';
  }

  async function newestActivityCursor(): Promise<string> {
    const result = await app.gql(`{ activityStream(first: 1) { edges { node { cursor } } } }`, {}, a.token);
    return result.data!.activityStream.edges[0].node.cursor;
  }

  async function victimEndpoint(principal: Principal): Promise<string> {
    const { endpoint } = await app.runtime.services.webhooks.create(app.runtime.orm.em.fork(), adminViewer(), { url: 'https://203.0.113.12/victim-hook', events: ['*'] });
    if (principal !== 'adminA' && principal !== 'keyA') victims.endpoints.push(endpoint.id);
    return endpoint.nodeId;
  }

  async function victimContact(principal: Principal): Promise<string> {
    const em = app.runtime.orm.em.fork();
    const contact = em.create(Contact, { account: dbId(a.accountId), name: 'Victim Contact', email: `victim-${randomBytes(4).toString('hex')}@example.com` });
    await em.flush();
    if (principal !== 'adminA' && principal !== 'keyA') victims.contacts.push(contact.id);
    return contact.nodeId;
  }

  async function victimCannedResponse(principal: Principal): Promise<string> {
    const shortcut = `victim-${randomBytes(4).toString('hex')}`;
    const { cannedResponse } = await app.runtime.services.cannedResponses.create(app.runtime.orm.em.fork(), adminViewer(), { shortcut, title: 'Victim', body: 'Victim reply' });
    if (principal !== 'adminA' && principal !== 'keyA') victims.cannedResponses.push(cannedResponse.id);
    return cannedResponse.nodeId;
  }

  async function victimUser(principal: Principal, state: 'active' | 'deactivated'): Promise<string> {
    const em = app.runtime.orm.em.fork();
    const email = `victim-${randomBytes(4).toString('hex')}@example.com`;
    const { user } = await app.runtime.services.users.create(em, adminViewer(), { name: 'Victim', email, password: TEST_PASSWORD, role: UserRole.AGENT });
    if (state === 'deactivated') await app.runtime.services.users.deactivate(em.fork(), adminViewer(), user.id);
    if (principal !== 'adminA' && principal !== 'keyA') victims[state === 'active' ? 'activeUsers' : 'deactivatedUsers'].push(user.id);
    return user.nodeId;
  }

  async function victimApiKey(principal: Principal): Promise<string> {
    const { apiKey } = await app.runtime.services.apiKeys.create(app.runtime.orm.em.fork(), adminViewer(), { name: 'victim key' });
    if (principal !== 'adminA') victims.apiKeys.push(apiKey.id);
    return apiKey.nodeId;
  }

  function adminViewer(): Extract<Viewer, { kind: 'user' }> {
    return { kind: 'user', userId: dbId(a.userId), accountId: dbId(a.accountId), role: UserRole.ADMIN };
  }

  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_MAX_DEPTH: '50', GRAPHQL_MAX_COST: '1000000000' });
    const gqlOk = async (query: string, variables: Variables, token?: string) => {
      const result = await app.gql(query, variables, token);
      if (result.errors || !result.data) throw new Error(`${query}: ${JSON.stringify(result)}`);
      const payload = Object.values(result.data)[0];
      if (payload?.userErrors?.length) throw new Error(`${query}: ${JSON.stringify(payload.userErrors)}`);
      return payload;
    };

    a = await signUpAccount(app, MARK.accountName);
    await enableLiveChat(app, a.accountId);
    const agent = await gqlOk(`mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }`, {
      input: { name: MARK.agentName, email: MARK.agentEmail, password: TEST_PASSWORD, role: 'AGENT' },
    }, a.token);
    const agentLogin = await gqlOk(`mutation($input: LoginInput!) { login(input: $input) { token userErrors { code } } }`, { input: { email: MARK.agentEmail, password: TEST_PASSWORD } });
    const steps = demoSteps().map((step) => (step.key === 'support' ? { ...step, text: `Write to us (${MARK.versionStep})` } : step));
    flowId = await publishFlow(app, a.token, steps);
    await gqlOk(`mutation($name: String!) { updateFlow(input: { id: "${flowId}", name: $name }) { userErrors { code } } }`, { name: MARK.flowName }, a.token);
    // The draft now differs from the published version: unpublished steps are flow internals too.
    const draft = steps.map((step) => (step.key === 'support' ? { ...step, text: `Draft (${MARK.draftStep})`, kind: FlowStepKind.END } : step));
    await gqlOk(`mutation($input: UpdateFlowInput!) { updateFlow(input: $input) { userErrors { code } } }`, { input: { id: flowId, steps: draft } }, a.token);
    const webhook = await gqlOk(`mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } userErrors { code } } }`, {
      input: { url: MARK.webhookUrl, events: ['*'], description: MARK.webhookDescription },
    }, a.token);
    const createKey = `mutation($name: String!) { createApiKey(input: { name: $name }) { apiKey { id } secret userErrors { code } } }`;
    const key = await gqlOk(createKey, { name: MARK.keyName }, a.token);
    const revoked = await gqlOk(createKey, { name: MARK.revokedKeyName }, a.token);
    await gqlOk(`mutation($id: ID!) { revokeApiKey(id: $id) { userErrors { code } } }`, { id: revoked.apiKey.id }, a.token);
    // createApiKey refuses an empty scope list; the row is what a key whose scopes all went would be.
    const scopeless = await gqlOk(createKey, { name: 'Scopeless' }, a.token);
    await app.runtime.orm.em.fork().nativeUpdate(ApiKey, { id: dbId(scopeless.apiKey.id) }, { scopes: [] });

    const canned = await gqlOk(`mutation($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { cannedResponse { id } userErrors { code } } }`, {
      input: { shortcut: 'walk-seed', title: 'Seeded reply', body: MARK.cannedBody },
    }, a.token);

    await setAccepting(app, agentLogin.token, true);
    await setAccepting(app, a.token, true);
    x = await visitorToInbox(app, flowId, MARK.xContactName, MARK.xContactEmail);
    await accept(app, agentLogin.token, x.conversationId);
    const agentMessage = await send(app, agentLogin.token, x.conversationId, { body: MARK.xAgentMessage });
    await send(app, x.token, x.conversationId, { body: MARK.xVisitorMessage });
    // The team's note on X: never for X's visitor.
    await gqlOk(`mutation($input: AddNoteInput!) { addNote(input: $input) { message { id } userErrors { code } } }`, { input: { conversationId: x.conversationId, body: MARK.xNote } }, agentLogin.token);
    y = await visitorToInbox(app, flowId, MARK.yContactName, MARK.yContactEmail);

    b = await signUpAccount(app, 'Account B');
    await enableLiveChat(app, b.accountId);
    await setAccepting(app, b.token, true);
    const keyB = await gqlOk(createKey, { name: 'B key' }, b.token);

    const em = app.runtime.orm.em.fork();
    const delivery = await em.findOneOrFail(WebhookDelivery, { account: dbId(a.accountId) }, { orderBy: { id: 'asc' } });
    const attempt = em.create(WebhookAttempt, { delivery, attemptNumber: 1, durationMs: 12, responseStatus: 500, responseExcerpt: MARK.attemptExcerpt });
    await em.flush();
    const contactX = (await em.findOneOrFail(Conversation, dbId(x.conversationId))).contact;
    const contactY = (await em.findOneOrFail(Conversation, dbId(y.conversationId))).contact;
    const event = await em.findOneOrFail(ActivityEvent, { conversation: dbId(x.conversationId) }, { orderBy: { id: 'desc' } });
    const version = await em.findOneOrFail(FlowVersion, { flow: dbId(flowId) });

    Object.assign(ids, {
      account: a.accountId,
      flow: flowId,
      admin: a.userId,
      agent: agent.user.id,
      apiKey: key.apiKey.id,
      revokedApiKey: revoked.apiKey.id,
      flowVersion: version.nodeId,
      contactX: (await em.findOneOrFail(Contact, contactX.id)).nodeId,
      contactY: (await em.findOneOrFail(Contact, contactY.id)).nodeId,
      conversationX: x.conversationId,
      conversationY: y.conversationId,
      messageX: agentMessage.message!.id,
      activityEvent: event.nodeId,
      webhookEndpoint: webhook.endpoint.id,
      webhookDelivery: delivery.nodeId,
      webhookAttempt: attempt.nodeId,
      cannedResponse: canned.cannedResponse.id,
    });
    groups.team.push(MARK.accountName, MARK.flowName, MARK.versionStep, MARK.draftStep, a.email, MARK.agentEmail, MARK.cannedBody, MARK.xNote);
    markIds('team', 'account', 'admin', 'agent', 'flowVersion', 'contactX', 'contactY', 'activityEvent', 'cannedResponse');
    groups.admin.push(MARK.keyName, MARK.revokedKeyName, MARK.webhookUrl, MARK.webhookDescription, MARK.attemptExcerpt);
    markIds('admin', 'apiKey', 'revokedApiKey', 'webhookEndpoint', 'webhookDelivery', 'webhookAttempt');
    // Visitor X typed its own name and email as messages, and is chatting with the agent.
    groups.conversationX.push(MARK.xContactName, MARK.xContactEmail, MARK.xAgentMessage, MARK.xVisitorMessage, MARK.xLiveMessage, MARK.agentName);
    markIds('conversationX', 'conversationX', 'messageX');
    groups.conversationY.push(MARK.yContactName, MARK.yContactEmail);
    markIds('conversationY', 'conversationY');

    const secret = app.runtime.config.JWT_SECRET;
    const claims = { userId: dbId(a.userId), accountId: dbId(a.accountId) };
    Object.assign(tokens, {
      anonymous: undefined,
      visitorX: x.token,
      visitorY: y.token,
      agentA: agentLogin.token,
      adminA: a.token,
      keyA: key.secret,
      scopelessKeyA: scopeless.secret,
      revokedKeyA: revoked.secret,
      adminB: b.token,
      keyB: keyB.secret,
      expiredToken: signUserToken(claims, secret, -60),
      otherSecretToken: signUserToken(claims, randomBytes(32).toString('hex'), 3600),
      algNoneToken: unsignedToken({ sub: claims.userId, acc: claims.accountId, iss: 'chatonce', aud: 'chatonce:user', exp: Math.floor(Date.now() / 1000) + 3600 }),
      // The visitor's conversation as the subject of a user token.
      visitorAsUserToken: signUserToken({ userId: dbId(x.conversationId), accountId: dbId(a.accountId) }, secret, 3600),
    });

    const introspection = await app.gql<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data!);
  });
  afterAll(() => app.close());

  function rootFields(): Map<string, { kind: 'query' | 'mutation' | 'subscription'; field: GraphQLField<unknown, unknown> }> {
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
      ['subscription', schema.getSubscriptionType()],
    ] as const;
    const found = new Map<string, { kind: 'query' | 'mutation' | 'subscription'; field: GraphQLField<unknown, unknown> }>();
    for (const [kind, type] of roots) for (const field of Object.values(type!.getFields())) found.set(`${type!.name}.${field.name}`, { kind, field });
    return found;
  }

  /**
   * One operation calling a root field with the given variables, selecting everything below
   * it. An interface result (`node`) selects the type its ID names: fragments on every type
   * at once would conflict (`Conversation` and `Conversation!` under one name).
   */
  function documentFor(kind: string, field: GraphQLField<unknown, unknown>, variables: Variables): string {
    const used = field.args.filter((arg) => arg.name in variables);
    const definitions = used.length ? `(${used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})` : '';
    const args = used.length ? `(${used.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
    const named = schema.getType(typeof variables.id === 'string' ? typeOfId(variables.id) : '');
    const type = isAbstractType(getNamedType(field.type)) && isObjectType(named) ? named : field.type;
    const fragment = type === field.type ? selection(schema, type, []) : `{ __typename ... on ${named!.name} ${selection(schema, type, [])} }`;
    return `${kind} Walk${definitions} { ${field.name}${args} ${fragment} }`;
  }

  it('has a row for every root field, and only for those', () => {
    expect(Object.keys(ROOT_FIELDS).sort()).toEqual([...rootFields().keys()].sort());
  });

  async function sweep(kind: 'query' | 'mutation') {
    for (const [name, row] of Object.entries(ROOT_FIELDS)) {
      const root = rootFields().get(name)!;
      if (root.kind !== kind) continue;
      cases.rootFieldPrincipal += PRINCIPALS.length;
      const calls = await Promise.all(PRINCIPALS.map(async (principal) => [(await row.variables?.(principal)) ?? {}].flat().map((variables) => ({ principal, variables }))));
      // Every call of one field at once (the fields one after the other): a race must not leak either.
      await Promise.all(
        calls.flat().map(async ({ principal, variables }) => {
          cases.operations++;
          const result = await app.gql(documentFor(kind, root.field, variables), variables, tokens[principal]);
          const what = `${name}(${JSON.stringify(variables)})`;
          record(principal, what, result);
          const outcome = result.errors ? (result.errors[0].extensions?.code ?? 'no code') : 'ok';
          // The first error's message, when the outcome is not the one expected, says why.
          const actual = outcome === row.expect[principal] ? outcome : `${outcome}: ${result.errors?.[0].message}`;
          expect([what, principal, actual]).toEqual([what, principal, row.expect[principal]]);
        }),
      );
    }
  }

  it('queries: each principal gets what it may, and nothing of A it may not', async () => {
    await sweep('query');
  });

  it('subscriptions: refused where they must be; B-side subscribers hear nothing of A', async () => {
    const subscriptions = [...rootFields()].filter(([, root]) => root.kind === 'subscription');
    interface Heard {
      name: string;
      principal: Principal;
      values: Record<string, unknown>[];
      closed?: number;
    }
    const heard: Heard[] = [];
    const clients: Client[] = [];
    for (const principal of PRINCIPALS) {
      const listeners: Heard[] = [];
      const client = app.wsClient(tokens[principal] ? `Bearer ${tokens[principal]}` : undefined, {
        onClose: (code) => listeners.forEach((listener) => (listener.closed ??= code)),
      });
      clients.push(client);
      for (const [name, { field }] of subscriptions) {
        const variables = ((await ROOT_FIELDS[name].variables?.(principal)) ?? {}) as Variables;
        const entry: Heard = { name, principal, values: [] };
        listeners.push(entry);
        heard.push(entry);
        client.subscribe({ query: documentFor('subscription', field, variables), variables }, {
          next: (value) => void entry.values.push(value as Record<string, unknown>),
          // Refused when it starts (graphql-ws sends the errors as such), or the socket was closed.
          error: (error) => void entry.values.push(Array.isArray(error) ? { errors: error } : { error: String((error as { code?: number }).code ?? error) }),
          complete: () => undefined,
        });
      }
    }
    const refused = (entry: Heard) => ROOT_FIELDS[entry.name].expect[entry.principal] !== 'ok';
    // Wait until every refusal came back and the allowed subscriptions are registered in Redis.
    await until(() => heard.filter(refused).every((entry) => entry.values.length > 0 || entry.closed !== undefined), 'refusals');
    const channels: [string, string][] = [
      [Topic.ACTIVITY, a.accountId],
      [Topic.ACTIVITY, b.accountId],
      [Topic.CONVERSATION, ids.conversationX],
      ...[a.userId, ids.agent, b.userId].flatMap((user) => [[Topic.INBOX, user], [Topic.ASSIGNED, user]] as [string, string][]),
    ];
    for (const [topic, id] of channels) await waitForChannel(app, topic, dbId(id));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Events in A: a chat enters the inbox and is accepted, and visitor X writes.
    const z = await visitorToInbox(app, flowId, 'Zed', 'zed@example.com');
    triggered = z.conversationId;
    await accept(app, tokens.agentA!, z.conversationId);
    await send(app, x.token, x.conversationId, { body: MARK.xLiveMessage });
    await waitForChannel(app, Topic.SIGNALS, dbId(ids.conversationX));
    for (const token of [x.token, tokens.agentA!]) {
      const typed = await app.gql(`mutation($id: ID!) { setTyping(conversationId: $id, typing: true) { userErrors { code } } }`, { id: x.conversationId }, token);
      expect(typed.data!.setTyping.userErrors).toEqual([]);
    }

    cases.rootFieldPrincipal += heard.length;
    cases.operations += heard.length;
    for (const entry of heard) {
      const expected = ROOT_FIELDS[entry.name].expect[entry.principal];
      if (INVALID.includes(entry.principal)) {
        // The token is checked when the connection opens; graphql-ws closes it with 4403 Forbidden.
        expect([entry.name, entry.principal, entry.closed]).toEqual([entry.name, entry.principal, 4403]);
      } else if (expected !== 'ok') {
        const code = (entry.values[0] as { errors?: { extensions?: { code?: string } }[] })?.errors?.[0]?.extensions?.code;
        expect([entry.name, entry.principal, code]).toEqual([entry.name, entry.principal, expected]);
      }
    }
    // Subscribing without `after` replays history first: wait for the live events themselves.
    const mustHear = heard.filter((entry) => ROOT_FIELDS[entry.name].hears?.by.includes(entry.principal));
    await until(() => mustHear.every((entry) => JSON.stringify(entry.values).includes(ROOT_FIELDS[entry.name].hears!.sign())), 'events for A’s subscribers');
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const entry of heard) {
      record(entry.principal, entry.name, entry.values);
      if (refused(entry)) continue;
      expect([entry.name, entry.principal, entry.values.filter((value) => value.errors || value.error)]).toEqual([entry.name, entry.principal, []]);
      // B has no activity, no chats: anything B's subscribers hear came from A.
      if (entry.principal === 'adminB' || entry.principal === 'keyB') expect([entry.name, entry.principal, entry.values]).toEqual([entry.name, entry.principal, []]);
    }
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('mutations: each principal gets what it may, and nothing of A it may not', async () => {
    await sweep('mutation');
    // Nobody outside A changed A.
    const em = app.runtime.orm.em.fork();
    expect(await em.count(ApiKey, { id: { $in: victims.apiKeys }, revokedAt: { $ne: null } })).toBe(0);
    expect(await em.count(WebhookEndpoint, { id: { $in: victims.endpoints } })).toBe(victims.endpoints.length);
    expect(await em.count(WebhookEndpoint, { id: { $in: victims.endpoints }, secretRotatedAt: { $ne: null } })).toBe(0);
    // One test delivery each for A's admin and A's key, none for anyone else.
    expect(await em.count(WebhookDelivery, { endpoint: dbId(ids.webhookEndpoint), eventType: 'webhook.test' })).toBe(2);
    expect(await em.count(CannedResponse, { id: { $in: victims.cannedResponses } })).toBe(victims.cannedResponses.length);
    expect(await em.count(Contact, { id: { $in: victims.contacts }, erasedAt: null, name: 'Victim Contact' })).toBe(victims.contacts.length);
    expect(await em.count(User, { id: { $in: victims.activeUsers }, deactivatedAt: null })).toBe(victims.activeUsers.length);
    expect(await em.count(User, { id: { $in: victims.deactivatedUsers }, deactivatedAt: { $ne: null } })).toBe(victims.deactivatedUsers.length);
    expect((await em.findOneOrFail(CannedResponse, dbId(ids.cannedResponse))).body).toBe(MARK.cannedBody);
    expect((await em.findOneOrFail(Flow, dbId(flowId))).name).toBe(MARK.flowName);
  });

  it('every field of every Node type, on an object of A, is closed to viewers outside it', async () => {
    const em = app.runtime.orm.em.fork();
    const accountId = dbId(a.accountId);
    const samples: Record<string, NodeEntity> = {
      Account: await em.findOneOrFail(Account, accountId),
      ActivityEvent: await em.findOneOrFail(ActivityEvent, dbId(ids.activityEvent)),
      ApiKey: await em.findOneOrFail(ApiKey, dbId(ids.apiKey)),
      CannedResponse: await em.findOneOrFail(CannedResponse, dbId(ids.cannedResponse)),
      Contact: await em.findOneOrFail(Contact, dbId(ids.contactX)),
      Conversation: await em.findOneOrFail(Conversation, dbId(ids.conversationX)),
      Flow: await em.findOneOrFail(Flow, dbId(flowId)),
      FlowVersion: await em.findOneOrFail(FlowVersion, dbId(ids.flowVersion)),
      Message: await em.findOneOrFail(Message, { conversation: dbId(ids.conversationX), author: MessageAuthor.AGENT }),
      User: await em.findOneOrFail(User, dbId(ids.agent)),
      WebhookAttempt: await em.findOneOrFail(WebhookAttempt, dbId(ids.webhookAttempt)),
      WebhookDelivery: await em.findOneOrFail(WebhookDelivery, dbId(ids.webhookDelivery)),
      WebhookEndpoint: await em.findOneOrFail(WebhookEndpoint, dbId(ids.webhookEndpoint)),
    };
    const served = app.http.schema;
    const nodeTypes = Object.values(served.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && type.getInterfaces().some((face) => face.name === 'Node'));
    expect(Object.keys(samples).sort()).toEqual(nodeTypes.map((type) => type.name).sort());

    // What a visitor reads of its own conversation and messages (the widget's needs); the rest is the team's.
    const visitorReads: Record<string, string[]> = {
      Conversation: ['id', 'status', 'endReason', 'assigneeName', 'messages', 'lastMessage', 'pageUrl', 'referrer', 'locale', 'waitingSince', 'timeoutAt', 'queuePosition', 'estimatedWaitSeconds', 'rating', 'acceptedAt', 'idleDeadlineAt', 'endedAt', 'createdAt', 'updatedAt', 'visitorReadCursor', 'agentReadCursor'],
      Message: ['id', 'author', 'body', 'options', 'senderName', 'clientMessageId', 'createdAt', 'cursor', 'conversation'],
    };
    const viewers: [string, Viewer][] = [
      ['anonymous', { kind: 'anonymous' }],
      ['visitorX', { kind: 'visitor', accountId, conversationId: dbId(x.conversationId) }],
      ['visitorY', { kind: 'visitor', accountId, conversationId: dbId(y.conversationId) }],
      ['agentA', { kind: 'user', accountId, userId: dbId(ids.agent), role: UserRole.AGENT }],
      ['adminB', { kind: 'user', accountId: dbId(b.accountId), userId: dbId(b.userId), role: UserRole.ADMIN }],
      ['keyB', { kind: 'apiKey', accountId: dbId(b.accountId), apiKeyId: '00000000-0000-7000-8000-000000000000', actingUserId: dbId(b.userId), role: UserRole.ADMIN, scopes: 'all', expiresAt: null }],
    ];
    const adminOnly = ['ApiKey', 'WebhookEndpoint', 'WebhookDelivery', 'WebhookAttempt'];
    let walked = 0;
    for (const type of nodeTypes) {
      const entity = samples[type.name];
      for (const field of Object.values(type.getFields())) {
        for (const [name, viewer] of viewers) {
          const ownVisitor = name === 'visitorX' && (type.name === 'Conversation' || type.name === 'Message');
          const expected = name === 'agentA' ? (adminOnly.includes(type.name) ? 'FORBIDDEN' : 'reads') : ownVisitor ? (visitorReads[type.name].includes(field.name) ? 'reads' : 'null') : 'FORBIDDEN';
          const context = { em: em.fork(), viewer, ip: '127.0.0.1', logger: app.runtime.logger, services: app.runtime.services, listen: app.runtime.listen } as GraphQLContext;
          context.loaders = createLoaders(context.em);
          const args = Object.fromEntries(field.args.filter((arg) => arg.defaultValue !== undefined).map((arg) => [arg.name, arg.defaultValue]));
          const info = { fieldName: field.name, parentType: type, returnType: field.type, schema: served, path: { prev: undefined, key: field.name, typename: type.name } } as unknown as GraphQLResolveInfo;
          let outcome: string;
          try {
            const value = await field.resolve!(entity, args, context, info);
            outcome = value === null || value === undefined ? 'null' : 'reads';
          } catch (error) {
            outcome = (error as { extensions?: { code?: string } }).extensions?.code ?? String(error);
          }
          // A field that is empty for this object (no assignee yet, say) reads as null for anyone.
          if (expected === 'reads' && outcome === 'null') outcome = 'reads';
          walked++;
          expect([`${type.name}.${field.name}`, name, outcome]).toEqual([`${type.name}.${field.name}`, name, expected]);
        }
      }
    }
    cases.nodeFieldViewer += walked;
  });

  it('node(id) resolves every Node type (WebhookAttempt included) for A’s admin, within the rule for others', async () => {
    const adminOnly = new Set(['ApiKey', 'WebhookEndpoint', 'WebhookDelivery', 'WebhookAttempt']);
    const seen = new Set<string>();
    for (const id of Object.values(ids)) {
      const node = async (principal: Principal) => (await app.gql(`query($id: ID!) { node(id: $id) { id __typename } }`, { id }, tokens[principal])).data!.node;
      expect([id, await node('adminA')]).toEqual([id, { id, __typename: typeOfId(id) }]);
      expect([id, await node('agentA')]).toEqual([id, adminOnly.has(typeOfId(id)) ? null : { id, __typename: typeOfId(id) }]);
      expect([id, await node('adminB'), await node('keyB')]).toEqual([id, null, null]);
      seen.add(typeOfId(id));
    }
    const nodeTypes = schema.getPossibleTypes(schema.getType('Node') as never).map((type) => type.name);
    expect([...seen].sort()).toEqual([...nodeTypes].sort());
    const attempt = await app.gql(`query($id: ID!) { node(id: $id) { ... on WebhookAttempt { responseExcerpt responseStatus } } }`, { id: ids.webhookAttempt }, tokens.keyA);
    expect(attempt.data!.node).toEqual({ responseExcerpt: MARK.attemptExcerpt, responseStatus: 500 });
  });

  it('the widget’s own documents still get what it shows, as its visitor', async () => {
    const started = await app.gql(START_CONVERSATION, { input: { flowId } });
    expect(started.errors).toBeUndefined();
    const { conversation, visitorToken } = started.data!.startConversation;
    expect(conversation.status).toBe('BOT');
    const sent = await app.gql(SEND_MESSAGE, { input: { conversationId: conversation.id, clientMessageId: 'w1', optionKey: 'pricing' } }, visitorToken);
    expect(sent.data!.sendMessage).toEqual({ message: { id: expect.any(String) }, conversation: { status: 'BOT' }, userErrors: [] });
    const ended = await app.gql(END_CHAT, { id: conversation.id }, visitorToken);
    expect(ended.data!.endChat).toEqual({ conversation: { status: 'ENDED' }, userErrors: [] });

    // Visitor X's transcript, replayed from the start: the agent's name on the message and the chat.
    const events = await collect<ConversationEvent>(app.wsClient(`Bearer ${x.token}`), CONVERSATION_EVENTS, { id: x.conversationId, after: null });
    const fromAgent = await events.waitFor((event) => event.message.body === MARK.xAgentMessage);
    expect(fromAgent).toMatchObject({ message: { author: 'AGENT', senderName: MARK.agentName, options: null }, conversation: { assigneeName: MARK.agentName } });
    const offer = events.events.find((event) => event.message.options?.some((option) => option.key === 'accept'));
    expect(offer?.message.author).toBe('BOT');
    events.dispose();
  });

  it('the walk saw every marker where it is allowed (so it reached the data it guards)', () => {
    const seenBy = (principal: Principal) => responses[principal].join('\n');
    // Raw UUIDs are markers against leaks only: the API itself answers with global IDs.
    const missing = (principal: Principal, markers: string[]) => markers.filter((marker) => !UUID.test(marker) && !seenBy(principal).includes(marker));
    const all = [...groups.team, ...groups.admin, ...groups.conversationX, ...groups.conversationY];
    expect(missing('adminA', all)).toEqual([]);
    expect(missing('keyA', all)).toEqual([]);
    expect(missing('agentA', [...groups.team, ...groups.conversationX, ...groups.conversationY])).toEqual([]);
    expect(missing('visitorX', groups.conversationX)).toEqual([]);
    expect(cases.rootFieldPrincipal).toBe(Object.keys(ROOT_FIELDS).length * PRINCIPALS.length);
    process.stdout.write(`tenant isolation: ${JSON.stringify(cases)}\n`);
  });
});

/** Every field below a type, once per type on a path (cycles end there); nested pages are short. */
function selection(schema: GraphQLSchema, type: GraphQLOutputType, path: string[]): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isAbstractType(named)) return `{ __typename ${schema.getPossibleTypes(named).map((possible) => `... on ${possible.name} ${selection(schema, possible, path)}`).join(' ')} }`;
  const fields = Object.values(named.getFields()).flatMap((field) => {
    const child = getNamedType(field.type);
    if (!isLeafType(child) && path.includes(child.name)) return [];
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return [];
    const args = field.args.some((arg) => arg.name === 'first') ? `(first: ${child.name === 'MessageConnection' ? 25 : 3})` : '';
    return [`${field.name}${args} ${selection(schema, field.type, [...path, named.name])}`];
  });
  return `{ __typename ${fields.join(' ')} }`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f-]{27}$/;

function typeOfId(id: string): string {
  return Buffer.from(id, 'base64').toString().split(':')[0];
}

/** A JWT with `alg: none` and no signature. */
function unsignedToken(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
