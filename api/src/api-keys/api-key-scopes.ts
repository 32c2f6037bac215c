import { registerEnumType } from 'type-graphql';

/**
 * What an API key may do. Each scope gates root fields (and `node` lookups of its types); the
 * objects a permitted field returns come with their related objects (a conversation's contact,
 * say). The value is the scope's name on the wire and in error messages.
 */
export enum ApiKeyScope {
  CONTACTS_READ = 'contacts:read',
  CONTACTS_WRITE = 'contacts:write',
  CONVERSATIONS_READ = 'conversations:read',
  CONVERSATIONS_WRITE = 'conversations:write',
  ACTIVITY_READ = 'activity:read',
  WEBHOOKS_READ = 'webhooks:read',
  WEBHOOKS_WRITE = 'webhooks:write',
  FLOWS_READ = 'flows:read',
  FLOWS_WRITE = 'flows:write',
  USERS_READ = 'users:read',
  USERS_WRITE = 'users:write',
  ACCOUNT_READ = 'account:read',
  ACCOUNT_WRITE = 'account:write',
  REPORTS_READ = 'reports:read',
}

const S = ApiKeyScope;

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What an API key may do (shown in errors by its wire name, e.g. `contacts:read`). A key created without scopes has them all.',
  valuesConfig: {
    CONTACTS_READ: { description: '`contacts:read`: `contacts`, `contact`, `exportContact`.' },
    CONTACTS_WRITE: { description: '`contacts:write`: `deleteContact`.' },
    CONVERSATIONS_READ: { description: '`conversations:read`: `conversations`, `conversation`, `liveChatInbox` and the conversation subscriptions.' },
    CONVERSATIONS_WRITE: { description: '`conversations:write`: accepting, writing in, transferring and ending chats, notes, read and typing state.' },
    ACTIVITY_READ: { description: '`activity:read`: `activityStream` and the `activityEvents` subscription.' },
    WEBHOOKS_READ: { description: '`webhooks:read`: webhook endpoints, their deliveries and the event types.' },
    WEBHOOKS_WRITE: { description: '`webhooks:write`: creating, changing, deleting and testing endpoints, rotating secrets, redelivering.' },
    FLOWS_READ: { description: '`flows:read`: `flows`, `flow`.' },
    FLOWS_WRITE: { description: '`flows:write`: creating, editing and publishing flows.' },
    USERS_READ: { description: '`users:read`: `users`, `team`.' },
    USERS_WRITE: { description: '`users:write`: creating, changing, deactivating and reactivating users.' },
    ACCOUNT_READ: { description: '`account:read`: `account` and its settings, saved replies, `apiKeys`.' },
    ACCOUNT_WRITE: { description: '`account:write`: account settings and saved replies.' },
    REPORTS_READ: { description: '`reports:read`: `liveChatReport`.' },
  },
});

export const ALL_SCOPES: readonly ApiKeyScope[] = Object.values(ApiKeyScope);

/**
 * The scope each root field needs when an API key calls it. A root field missing here is
 * refused to every key (fail closed); scopes.test.ts checks that each one is either here or
 * in NO_SCOPE_NEEDED, so a new field cannot be forgotten.
 */
export const ROOT_FIELD_SCOPES: Readonly<Record<string, ApiKeyScope>> = {
  // Query
  account: S.ACCOUNT_READ,
  activityStream: S.ACTIVITY_READ,
  apiKeys: S.ACCOUNT_READ,
  cannedResponses: S.ACCOUNT_READ,
  contact: S.CONTACTS_READ,
  contacts: S.CONTACTS_READ,
  conversation: S.CONVERSATIONS_READ,
  conversations: S.CONVERSATIONS_READ,
  flow: S.FLOWS_READ,
  flows: S.FLOWS_READ,
  liveChatInbox: S.CONVERSATIONS_READ,
  liveChatReport: S.REPORTS_READ,
  team: S.USERS_READ,
  users: S.USERS_READ,
  webhookDeliveries: S.WEBHOOKS_READ,
  webhookEndpoints: S.WEBHOOKS_READ,
  webhookEventTypes: S.WEBHOOKS_READ,
  // Mutation
  acceptChat: S.CONVERSATIONS_WRITE,
  addNote: S.CONVERSATIONS_WRITE,
  startConversation: S.CONVERSATIONS_WRITE,
  createCannedResponse: S.ACCOUNT_WRITE,
  createFlow: S.FLOWS_WRITE,
  createUser: S.USERS_WRITE,
  createWebhookEndpoint: S.WEBHOOKS_WRITE,
  deactivateUser: S.USERS_WRITE,
  deleteCannedResponse: S.ACCOUNT_WRITE,
  deleteContact: S.CONTACTS_WRITE,
  deleteWebhookEndpoint: S.WEBHOOKS_WRITE,
  endChat: S.CONVERSATIONS_WRITE,
  exportContact: S.CONTACTS_READ,
  markRead: S.CONVERSATIONS_WRITE,
  publishFlow: S.FLOWS_WRITE,
  reactivateUser: S.USERS_WRITE,
  redeliverWebhook: S.WEBHOOKS_WRITE,
  rotateWebhookSecret: S.WEBHOOKS_WRITE,
  sendMessage: S.CONVERSATIONS_WRITE,
  sendTestWebhook: S.WEBHOOKS_WRITE,
  setAcceptingChats: S.CONVERSATIONS_WRITE,
  setPresence: S.CONVERSATIONS_WRITE,
  setTyping: S.CONVERSATIONS_WRITE,
  transferChat: S.CONVERSATIONS_WRITE,
  updateAccountSettings: S.ACCOUNT_WRITE,
  updateCannedResponse: S.ACCOUNT_WRITE,
  updateFlow: S.FLOWS_WRITE,
  updateUser: S.USERS_WRITE,
  updateWebhookEndpoint: S.WEBHOOKS_WRITE,
  // Subscription
  activityEvents: S.ACTIVITY_READ,
  assignedChats: S.CONVERSATIONS_READ,
  conversationEvents: S.CONVERSATIONS_READ,
  conversationSignals: S.CONVERSATIONS_READ,
  incomingChats: S.CONVERSATIONS_READ,
};

/**
 * Root fields a key may call whatever its scopes (who it is, its budget, `node` which checks the
 * object's type instead), and those no key can call at all (sign-in, visitor-only, operator-only,
 * managing keys), which their own access rules refuse.
 */
export const NO_SCOPE_NEEDED: ReadonlySet<string> = new Set(['me', 'rateLimit', 'node', 'login', 'signUp', 'rateConversation', 'setLiveChatEnabled', 'createApiKey', 'revokeApiKey', 'rotateIdentitySecret']);

/** The scope `node(id:)` needs to return an object of each type. */
export const NODE_TYPE_SCOPES: Readonly<Record<string, ApiKeyScope>> = {
  Account: S.ACCOUNT_READ,
  ActivityEvent: S.ACTIVITY_READ,
  ApiKey: S.ACCOUNT_READ,
  CannedResponse: S.ACCOUNT_READ,
  Contact: S.CONTACTS_READ,
  Conversation: S.CONVERSATIONS_READ,
  Message: S.CONVERSATIONS_READ,
  Flow: S.FLOWS_READ,
  FlowVersion: S.FLOWS_READ,
  User: S.USERS_READ,
  WebhookEndpoint: S.WEBHOOKS_READ,
  WebhookDelivery: S.WEBHOOKS_READ,
  WebhookAttempt: S.WEBHOOKS_READ,
};
