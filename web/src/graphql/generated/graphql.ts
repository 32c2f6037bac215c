/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Kinds of activity-stream events; webhook event types follow them. */
export type ActivityEventType =
  /** A visitor gave the email of another contact of the account: their conversation joined that contact (`data.keptContactId`), and the visitor’s own contact (`data.mergedContactId`) was merged into it and deleted, its conversations and activity moved. */
  | 'CONTACTS_MERGED'
  /** A new contact was created for a visitor. */
  | 'CONTACT_CREATED'
  /** An admin (or API key) erased the contact’s personal data with `deleteContact` (`data.conversations`, `data.messages`: how many were erased). */
  | 'CONTACT_DELETED'
  /** The visitor gave a name or email. */
  | 'CONTACT_DETAILS_CAPTURED'
  /** The visitor answered a qualifying question. */
  | 'CONTACT_QUALIFIED'
  /** The bot part ended without a live chat: an END step was reached, or a message was left (see `data.endReason`). */
  | 'CONVERSATION_ENDED'
  /** The visitor rated an ended live chat (`data.score` 1–5, `data.comment`). */
  | 'CONVERSATION_RATED'
  /** A visitor started a conversation with a flow. */
  | 'CONVERSATION_STARTED'
  /** A user accepted the chat. */
  | 'LIVE_CHAT_ACCEPTED'
  /** A live chat ended (see `data.endReason`). */
  | 'LIVE_CHAT_ENDED'
  /** AUTO assignment offered the waiting chat to one user (`data`: the user, the round, when the offer expires, why routing ran, and for every user of the account why they were or were not chosen; typed as `ActivityEvent.routingDecision`). */
  | 'LIVE_CHAT_OFFERED'
  /** AUTO assignment found nobody left to offer the waiting chat to: every accepting user sees it now, as with MANUAL assignment (`data` as for LIVE_CHAT_OFFERED, without a chosen user). */
  | 'LIVE_CHAT_POOLED'
  /** The visitor asked for a human; the chat entered the inbox. */
  | 'LIVE_CHAT_REQUESTED'
  /** An active chat went back to the inbox, WAITING again: its assignee was deactivated (`data`: reason `ASSIGNEE_DEACTIVATED`, fromUserId, fromUserName). */
  | 'LIVE_CHAT_REQUEUED'
  /** Nobody accepted the chat within the flow’s timeout. */
  | 'LIVE_CHAT_TIMED_OUT'
  /** An active chat was handed to another user (`data`: from, to, note). */
  | 'LIVE_CHAT_TRANSFERRED'
  /** A message was written in a live chat. */
  | 'MESSAGE_CREATED'
  /** Nobody was available, so the visitor left a message for the team (`data.message`, `data.name`, `data.email`). */
  | 'OFFLINE_MESSAGE_LEFT';

/** Narrows the activity stream. */
export type ActivityFilter = {
  /** Only events of this contact. */
  contactId?: string | number | null | undefined;
  /** Only events of this conversation. */
  conversationId?: string | number | null | undefined;
  /** Only events that occurred after this time. */
  occurredAfter?: string | null | undefined;
  /** Only events that occurred before this time. */
  occurredBefore?: string | null | undefined;
  /** Only events of these types. */
  types?: Array<ActivityEventType> | null | undefined;
};

/** Who caused an activity event. */
export type ActorKind =
  /** An integration through an API key (acting as the admin in `actor.user`). */
  | 'API_KEY'
  /** ChatOnce itself: timers and the bot. */
  | 'SYSTEM'
  /** A user of the account (see `actor.user`). */
  | 'USER'
  /** The website visitor. */
  | 'VISITOR';

/** An internal note on a conversation. */
export type AddNoteInput = {
  /** The note, 1 to 4,000 characters (`EMPTY_MESSAGE` when blank, `NOTE_TOO_LONG` when longer). */
  body: string;
  /** The conversation, in any status. */
  conversationId: string | number;
};

/** What an API key may do (shown in errors by its wire name, e.g. `contacts:read`). A key created without scopes has them all. */
export type ApiKeyScope =
  /** `account:read`: `account` and its settings, saved replies, `apiKeys`. */
  | 'ACCOUNT_READ'
  /** `account:write`: account settings and saved replies. */
  | 'ACCOUNT_WRITE'
  /** `activity:read`: `activityStream` and the `activityEvents` subscription. */
  | 'ACTIVITY_READ'
  /** `contacts:read`: `contacts`, `contact`, `exportContact`. */
  | 'CONTACTS_READ'
  /** `contacts:write`: `deleteContact`. */
  | 'CONTACTS_WRITE'
  /** `conversations:read`: `conversations`, `conversation`, `liveChatInbox` and the conversation subscriptions. */
  | 'CONVERSATIONS_READ'
  /** `conversations:write`: accepting, writing in, transferring and ending chats, notes, read and typing state. */
  | 'CONVERSATIONS_WRITE'
  /** `flows:read`: `flows`, `flow`. */
  | 'FLOWS_READ'
  /** `flows:write`: creating, editing and publishing flows. */
  | 'FLOWS_WRITE'
  /** `reports:read`: `liveChatReport`. */
  | 'REPORTS_READ'
  /** `users:read`: `users`, `team`. */
  | 'USERS_READ'
  /** `users:write`: creating, changing, deactivating and reactivating users. */
  | 'USERS_WRITE'
  /** `webhooks:read`: webhook endpoints, their deliveries and the event types. */
  | 'WEBHOOKS_READ'
  /** `webhooks:write`: creating, changing, deleting and testing endpoints, rotating secrets, redelivering. */
  | 'WEBHOOKS_WRITE';

/** What happened to a chat of the user. */
export type AssignedChatEventKind =
  /** The user accepted the chat. */
  | 'ASSIGNED'
  /** The chat ended (see `conversation.endReason`). */
  | 'ENDED'
  /** A teammate handed the chat to the user (see `note`). */
  | 'TRANSFERRED_IN'
  /** The chat was handed from the user to a teammate: it is no longer theirs. */
  | 'TRANSFERRED_OUT';

/** How waiting chats reach the account’s users. */
export type AssignmentMode =
  /** Each waiting chat is offered to one accepting user below capacity (fewest active chats and live offers, then longest since their last chat, then the longest-standing user), who alone sees it for `Account.offerSeconds`; then to the next. When nobody is left to offer it to, it is pooled: every accepting user sees it, as in MANUAL. */
  | 'AUTO'
  /** Every user who is accepting chats sees every waiting chat; the first to accept it gets it (the default). */
  | 'MANUAL';

/** A date closed, or with special hours. */
export type BusinessHoursExceptionInput = {
  /** Closed all day (then no intervals). Default false: open during `intervals` only. */
  closed?: boolean | null | undefined;
  /** The date in the account’s time zone, "YYYY-MM-DD". */
  date: string;
  /** The day’s special hours (at most 10); required unless closed. */
  intervals?: Array<TimeIntervalInput> | null | undefined;
};

/** Business hours as a whole (they replace the previous ones). Problems come back as `INVALID_TIME_ZONE` or `INVALID_BUSINESS_HOURS` naming the field. */
export type BusinessHoursInput = {
  /** Dates closed or with special hours (at most 366). */
  exceptions?: Array<BusinessHoursExceptionInput> | null | undefined;
  /** IANA time zone, e.g. "Europe/Berlin" or "America/New_York". */
  timeZone: string;
  /** Opening hours per weekday (at most 70 intervals, not overlapping within a day); a day without any is closed. */
  weekly: Array<OpeningIntervalInput>;
};

/** What an ephemeral conversation signal says. */
export type ConversationSignalKind =
  /** The visitor’s presence changed (`presence`, `lastSeenAt`). */
  | 'PRESENCE'
  /** A side read the conversation up to `cursor`. */
  | 'READ'
  /** Someone started or stopped typing (`typing`, `name`, `preview`). */
  | 'TYPING';

/** Where a conversation is in its life. */
export type ConversationStatus =
  /** A user accepted it; visitor and user are chatting. */
  | 'ACTIVE'
  /** The visitor is talking to the bot. */
  | 'BOT'
  /** Over; see `endReason`. */
  | 'ENDED'
  /** Nobody accepted it within the flow’s timeout. */
  | 'TIMED_OUT'
  /** In the live-chat inbox, waiting for a user to accept it. */
  | 'WAITING';

/** A new API key for an integration. */
export type CreateApiKeyInput = {
  /** When the key stops working: in the future and at most 730 days ahead (EXPIRY_IN_PAST, EXPIRY_TOO_FAR). Omitted: it works until revoked. */
  expiresAt?: string | null | undefined;
  /** What the key is for, e.g. "HubSpot sync". */
  name: string;
  /** What the key may do: give only what the integration needs. Omitted: every scope, now and added later (as keys made before scopes existed); an empty list is NO_SCOPES. */
  scopes?: Array<ApiKeyScope> | null | undefined;
};

/** A new saved reply. */
export type CreateCannedResponseInput = {
  /** The text, 1 to 5,000 characters (`INVALID_BODY` otherwise); may hold `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`. */
  body: string;
  /** Typed after "/" to pick it: 1 to 32 lowercase letters, digits, "-" or "_" (a leading "/" is dropped). Taken already: `SHORTCUT_TAKEN`; otherwise invalid: `INVALID_SHORTCUT`. */
  shortcut: string;
  /** A short name, 1 to 100 characters (`INVALID_TITLE` otherwise). */
  title: string;
};

/** A new licensed user of the caller’s account. */
export type CreateUserInput = {
  /** Sign-in email, unique across ChatOnce. */
  email: string;
  /** Full name. */
  name: string;
  /** Initial password, at least 10 characters. */
  password: string;
  /** ADMIN or AGENT. */
  role: UserRole;
};

/** A new endpoint for webhooks. */
export type CreateWebhookEndpointInput = {
  /** What the endpoint is for. */
  description?: string | null | undefined;
  /** Event types to receive, e.g. [LIVE_CHAT_ACCEPTED, CONTACT_CREATED], or [ALL]. One of `eventTypes` and `events` is required (`NO_EVENTS`). */
  eventTypes?: Array<WebhookEventType> | null | undefined;
  /**
   * Event types to receive as wire strings, e.g. ["live_chat.accepted", "contact.created"], or ["*"] for all. See `webhookEventTypes`. Given with `eventTypes`, the endpoint receives both.
   * @deprecated Use `eventTypes` (the WebhookEventType enum); the wire strings stay as they are.
   */
  events?: Array<string> | null | undefined;
  /** Where to POST deliveries; https (http only where the server allows it). Its host must resolve, to public addresses only (`INVALID_URL`, `PRIVATE_ADDRESS`). */
  url: string;
};

/** Why a conversation ended. */
export type EndReason =
  /** A user ended the live chat. */
  | 'AGENT_ENDED'
  /** The bot reached an END step without a live chat. */
  | 'BOT_COMPLETED'
  /** An admin erased the contact with `deleteContact` while the conversation was open. */
  | 'CONTACT_DELETED'
  /** Nobody was available (outside business hours, or nobody accepting chats), so the visitor left a message instead (see `offlineMessage`). */
  | 'OFFLINE_MESSAGE_LEFT'
  /** Nobody accepted the live chat in time (status TIMED_OUT). */
  | 'UNANSWERED'
  /** The visitor sent nothing for the idle timeout (ten minutes by default). */
  | 'VISITOR_IDLE'
  /** The visitor closed the chat. */
  | 'VISITOR_LEFT';

/** Whether a flow has ever been published. */
export type FlowStatus =
  /** Never published: visitors cannot start it yet. */
  | 'DRAFT'
  /** A version is published; see `hasUnpublishedChanges` for edits since. */
  | 'PUBLISHED';

/** Whether a chat entered or left the live-chat inbox, or is still waiting in it. */
export type InboxEventKind =
  /** A chat is waiting for a user. */
  | 'ADDED'
  /** A chat is still waiting: sent every `Account.reminderSeconds` of its wait until it is accepted, ends or times out (see `waitedSeconds`). */
  | 'REMINDER'
  /** A chat left the inbox; see `reason`. */
  | 'REMOVED';

/** Why a chat left the live-chat inbox. */
export type InboxRemovalReason =
  /** A user accepted it. */
  | 'ACCEPTED'
  /** It was ended before anyone accepted it. */
  | 'ENDED'
  /** AUTO assignment: it is offered to another user now (the offer to you expired, or a pooled chat was offered to a teammate). */
  | 'OFFERED_ELSEWHERE'
  /** Nobody accepted it in time. */
  | 'TIMED_OUT';

/** How `LiveChatReport.rows` break the period down. */
export type LiveChatReportGrouping =
  /** One `LiveChatAgentRow` per user of the account. */
  | 'AGENT'
  /** One `LiveChatPeriodRow` per calendar day in `timeZone` (23 or 25 hours long on a daylight-saving change), every day of the range, empty ones too. */
  | 'DAY'
  /** One `LiveChatFlowRow` per flow of the account: the funnel from starting a conversation to an accepted chat. */
  | 'FLOW'
  /** One `LiveChatPeriodRow` per hour, starting at the hour of `from` in `timeZone`; a repeated local hour (clocks going back) is two rows with different UTC offsets. At most 31 days. */
  | 'HOUR';

/** The period of a live-chat report, the time zone its days and hours are counted in, and its breakdown. */
export type LiveChatReportInput = {
  /** Start of the period (included). */
  from: string;
  /** What `rows` holds: periods (DAY, HOUR), agents or flows. */
  groupBy: LiveChatReportGrouping;
  /** IANA time zone that days and hours are counted in, e.g. `Europe/Berlin` or `UTC` (`INVALID_TIME_ZONE` otherwise). */
  timeZone: string;
  /** End of the period (excluded); after `from`, at most 400 days later (31 for `HOUR`). */
  to: string;
};

/** Credentials of a user. */
export type LoginInput = {
  /** Sign-in email. */
  email: string;
  /** Password. */
  password: string;
};

/** Who wrote a message. */
export type MessageAuthor =
  /** A user of the account (see `sender`). */
  | 'AGENT'
  /** The flow’s bot. */
  | 'BOT'
  /** An internal note of a user (see `sender`), written with `addNote`: seen by the account’s users and API keys, never by the visitor. */
  | 'NOTE'
  /** ChatOnce itself: someone joined, the chat ended, and similar notices. */
  | 'SYSTEM'
  /** The website visitor. */
  | 'VISITOR';

/** Opening hours on one day of every week. */
export type OpeningIntervalInput = {
  /** "HH:MM" after `opens`, at most "24:00" (until midnight). An overnight opening is two intervals, one on each day. */
  closes: string;
  /** The day of the week. */
  day: Weekday;
  /** "HH:MM" from "00:00" to "23:59". */
  opens: string;
};

/** A message from the visitor (answer, option pick, live message) or from a user (live message). */
export type SendMessageInput = {
  /** The text (at most 4000 characters). */
  body?: string | null | undefined;
  /** A client-chosen id: sending again with the same id never creates a second message. */
  clientMessageId?: string | null | undefined;
  /** The conversation. */
  conversationId: string | number;
  /** Key of the option picked, when the bot offered options. */
  optionKey?: string | null | undefined;
};

/** Which side of the chat a signal is about. */
export type SignalSide =
  /** A user of the account. */
  | 'AGENT'
  /** The visitor. */
  | 'VISITOR';

/** Open from `opens` until `closes` ("HH:MM", the account’s time zone). */
export type TimeIntervalInput = {
  /** "HH:MM" after `opens`, at most "24:00" (until midnight). An overnight opening is two intervals, one on each day. */
  closes: string;
  /** "HH:MM" from "00:00" to "23:59". */
  opens: string;
};

/** An active chat to hand to a teammate. */
export type TransferChatInput = {
  /** The active chat. */
  conversationId: string | number;
  /** What the teammate should know (at most 1000 characters); never shown to the visitor. */
  note?: string | null | undefined;
  /** The teammate to hand it to: accepting chats and below their `maxConcurrentChats`. */
  toUserId: string | number;
};

/** Account settings to change; omitted fields stay as they are. */
export type UpdateAccountSettingsInput = {
  /** MANUAL: every accepting user sees every waiting chat. AUTO: each is offered to one user at a time for `offerSeconds`. Switching to MANUAL pools the chats on offer; switching to AUTO offers the waiting ones. Null: unchanged. */
  assignment?: AssignmentMode | null | undefined;
  /** The business hours, replacing the previous ones; null: always open (the default). Omitted: unchanged. Problems: `INVALID_TIME_ZONE`, `INVALID_BUSINESS_HOURS` (naming the field). */
  businessHours?: BusinessHoursInput | null | undefined;
  /** The accept window of AUTO assignment, in seconds (from 5, or the operator’s OFFER_MIN_SECONDS, to 600); it applies to offers made from now on. Outside the range: `INVALID_OFFER_SECONDS`. Null: unchanged. */
  offerSeconds?: number | null | undefined;
  /** Seconds between reminders while a chat waits (from 5, or the operator’s REMINDER_MIN_SECONDS, to 3600), or null (or 0) to turn reminders off. Outside the range: `INVALID_REMINDER_SECONDS`. */
  reminderSeconds?: number | null | undefined;
  /** Whether agents see the visitor’s draft while the visitor types (“sneak peek”). Null: unchanged. */
  typingPreview?: boolean | null | undefined;
};

/** Changes to a saved reply: fields left out stay as they are. */
export type UpdateCannedResponseInput = {
  /** A new body. */
  body?: string | null | undefined;
  /** The saved reply. */
  id: string | number;
  /** A new shortcut (rules as in `createCannedResponse`). */
  shortcut?: string | null | undefined;
  /** A new title. */
  title?: string | null | undefined;
};

/** Changes to an endpoint; omitted fields stay as they are. */
export type UpdateWebhookEndpointInput = {
  /** New description. */
  description?: string | null | undefined;
  /** Enable (e.g. after a 410 disabled it) or disable the endpoint. */
  enabled?: boolean | null | undefined;
  /** New event types, replacing the old ones. */
  eventTypes?: Array<WebhookEventType> | null | undefined;
  /**
   * New event types, as wire strings (with `eventTypes`: both).
   * @deprecated Use `eventTypes` (the WebhookEventType enum); the wire strings stay as they are.
   */
  events?: Array<string> | null | undefined;
  /** The endpoint. */
  id: string | number;
  /** New URL, checked as on creation. */
  url?: string | null | undefined;
};

/** Narrows `users`. */
export type UserFilter = {
  /** true: active users only; false: deactivated users only; left out: both. */
  active?: boolean | null | undefined;
};

/** What a user may do in their account. */
export type UserRole =
  /** Manages users, API keys, flows and webhooks, and chats like an agent. */
  | 'ADMIN'
  /** Chats with visitors and reads the activity stream. */
  | 'AGENT';

/** Whether the visitor has the chat open right now. */
export type VisitorPresence =
  /** The widget is connected but its page is hidden (another tab, minimised). */
  | 'AWAY'
  /** No widget has been connected for a few seconds (tab closed, network lost). */
  | 'OFFLINE'
  /** The widget is connected and its page is visible. */
  | 'ONLINE';

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** Given up: a final 4xx, 410 Gone, or every retry failed. */
  | 'FAILED'
  /** Not attempted yet. */
  | 'PENDING'
  /** An attempt failed; another is scheduled at `nextAttemptAt`. */
  | 'RETRYING'
  /** Not sent because the endpoint was disabled when the event happened (or before its attempt); `skippedReason` says so. Never sent on its own, not even once the endpoint is enabled again: `redeliverWebhook` sends it. */
  | 'SKIPPED'
  /** The receiver answered 2xx. */
  | 'SUCCEEDED';

/** A webhook event type an endpoint can subscribe to. On the wire (the body’s `type`, `WebhookEndpoint.events`) each is the string in its description. */
export type WebhookEventType =
  /** `*`: every event type, present and future. */
  | 'ALL'
  /** `contact.merged`: see ActivityEventType.CONTACTS_MERGED. */
  | 'CONTACTS_MERGED'
  /** `contact.created`: see ActivityEventType.CONTACT_CREATED. */
  | 'CONTACT_CREATED'
  /** `contact.deleted`: see ActivityEventType.CONTACT_DELETED. */
  | 'CONTACT_DELETED'
  /** `contact.details_captured`: see ActivityEventType.CONTACT_DETAILS_CAPTURED. */
  | 'CONTACT_DETAILS_CAPTURED'
  /** `contact.qualified`: see ActivityEventType.CONTACT_QUALIFIED. */
  | 'CONTACT_QUALIFIED'
  /** `conversation.ended`: see ActivityEventType.CONVERSATION_ENDED. */
  | 'CONVERSATION_ENDED'
  /** `conversation.rated`: see ActivityEventType.CONVERSATION_RATED. */
  | 'CONVERSATION_RATED'
  /** `conversation.started`: see ActivityEventType.CONVERSATION_STARTED. */
  | 'CONVERSATION_STARTED'
  /** `live_chat.accepted`: see ActivityEventType.LIVE_CHAT_ACCEPTED. */
  | 'LIVE_CHAT_ACCEPTED'
  /** `live_chat.ended`: see ActivityEventType.LIVE_CHAT_ENDED. */
  | 'LIVE_CHAT_ENDED'
  /** `live_chat.offered`: see ActivityEventType.LIVE_CHAT_OFFERED. */
  | 'LIVE_CHAT_OFFERED'
  /** `live_chat.pooled`: see ActivityEventType.LIVE_CHAT_POOLED. */
  | 'LIVE_CHAT_POOLED'
  /** `live_chat.requested`: see ActivityEventType.LIVE_CHAT_REQUESTED. */
  | 'LIVE_CHAT_REQUESTED'
  /** `live_chat.requeued`: see ActivityEventType.LIVE_CHAT_REQUEUED. */
  | 'LIVE_CHAT_REQUEUED'
  /** `live_chat.timed_out`: see ActivityEventType.LIVE_CHAT_TIMED_OUT. */
  | 'LIVE_CHAT_TIMED_OUT'
  /** `live_chat.transferred`: see ActivityEventType.LIVE_CHAT_TRANSFERRED. */
  | 'LIVE_CHAT_TRANSFERRED'
  /** `message.created`: see ActivityEventType.MESSAGE_CREATED. */
  | 'MESSAGE_CREATED'
  /** `offline_message.left`: see ActivityEventType.OFFLINE_MESSAGE_LEFT. */
  | 'OFFLINE_MESSAGE_LEFT';

/** A day of the week. */
export type Weekday =
  /** Friday. */
  | 'FRIDAY'
  /** Monday. */
  | 'MONDAY'
  /** Saturday. */
  | 'SATURDAY'
  /** Sunday. */
  | 'SUNDAY'
  /** Thursday. */
  | 'THURSDAY'
  /** Tuesday. */
  | 'TUESDAY'
  /** Wednesday. */
  | 'WEDNESDAY';

export type ActivityEventItemFragment = { __typename: 'ActivityEvent', id: string, cursor: string, type: ActivityEventType, occurredAt: string, data: Record<string, unknown>, actor: { __typename: 'ActivityActor', kind: ActorKind, user: { __typename: 'User', id: string, name: string } | null }, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null, conversation: { __typename: 'Conversation', id: string } | null };

export type ActivityStreamQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: ActivityFilter | null | undefined;
}>;


export type ActivityStreamQuery = { activityStream: { __typename: 'ActivityEventConnection', edges: Array<{ __typename: 'ActivityEventEdge', cursor: string, node: { __typename: 'ActivityEvent', id: string, cursor: string, type: ActivityEventType, occurredAt: string, data: Record<string, unknown>, actor: { __typename: 'ActivityActor', kind: ActorKind, user: { __typename: 'User', id: string, name: string } | null }, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null, conversation: { __typename: 'Conversation', id: string } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ActivityEventsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ActivityEventsSubscription = { activityEvents: { __typename: 'ActivityEvent', id: string, cursor: string, type: ActivityEventType, occurredAt: string, data: Record<string, unknown>, actor: { __typename: 'ActivityActor', kind: ActorKind, user: { __typename: 'User', id: string, name: string } | null }, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null, conversation: { __typename: 'Conversation', id: string } | null } };

export type ChatLastMessageFragment = { __typename: 'Conversation', id: string, lastMessage: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, cursor: string } | null };

export type AdminApiKeyFragment = { __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null };

export type AdminApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminApiKeysQuery = { apiKeys: { __typename: 'ApiKeyConnection', edges: Array<{ __typename: 'ApiKeyEdge', node: { __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } }> } };

export type AdminCreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type AdminCreateApiKeyMutation = { createApiKey: { __typename: 'CreateApiKeyPayload', secret: string | null, apiKey: { __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type AdminRevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type AdminRevokeApiKeyMutation = { revokeApiKey: { __typename: 'RevokeApiKeyPayload', apiKey: { __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { __typename: 'AuthPayload', token: string | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { __typename: 'User', id: string, name: string, email: string, role: UserRole, acceptingChats: boolean, account: { __typename: 'Account', id: string, name: string, liveChatEnabled: boolean } } | null };

export type SetAcceptingChatsMutationVariables = Exact<{
  accepting: boolean;
}>;


export type SetAcceptingChatsMutation = { setAcceptingChats: { __typename: 'SetAcceptingChatsPayload', user: { __typename: 'User', id: string, acceptingChats: boolean } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AccountBusinessHoursFragment = { __typename: 'Account', id: string, openNow: boolean, businessHours: { __typename: 'BusinessHours', timeZone: string, weekly: Array<{ __typename: 'OpeningInterval', day: Weekday, opens: string, closes: string }>, exceptions: Array<{ __typename: 'BusinessHoursException', date: string, closed: boolean, intervals: Array<{ __typename: 'TimeInterval', opens: string, closes: string }> }> } | null };

export type BusinessHoursQueryVariables = Exact<{ [key: string]: never; }>;


export type BusinessHoursQuery = { account: { __typename: 'Account', id: string, openNow: boolean, businessHours: { __typename: 'BusinessHours', timeZone: string, weekly: Array<{ __typename: 'OpeningInterval', day: Weekday, opens: string, closes: string }>, exceptions: Array<{ __typename: 'BusinessHoursException', date: string, closed: boolean, intervals: Array<{ __typename: 'TimeInterval', opens: string, closes: string }> }> } | null } | null };

export type UpdateBusinessHoursMutationVariables = Exact<{
  input: UpdateAccountSettingsInput;
}>;


export type UpdateBusinessHoursMutation = { updateAccountSettings: { __typename: 'UpdateAccountSettingsPayload', account: { __typename: 'Account', id: string, openNow: boolean, businessHours: { __typename: 'BusinessHours', timeZone: string, weekly: Array<{ __typename: 'OpeningInterval', day: Weekday, opens: string, closes: string }>, exceptions: Array<{ __typename: 'BusinessHoursException', date: string, closed: boolean, intervals: Array<{ __typename: 'TimeInterval', opens: string, closes: string }> }> } | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type ContactPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ContactPageQuery = { contact: { __typename: 'Contact', id: string, name: string | null, email: string | null, fields: Record<string, unknown>, createdAt: string, conversations: { __typename: 'ConversationConnection', edges: Array<{ __typename: 'ConversationEdge', node: { __typename: 'Conversation', id: string, status: ConversationStatus, endReason: EndReason | null, createdAt: string, endedAt: string | null, pageUrl: string | null, flow: { __typename: 'Flow', id: string, name: string } | null, assignee: { __typename: 'User', id: string, name: string } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null };

export type TranscriptMessageFragment = { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, senderName: string | null, clientMessageId: string | null, cursor: string };

export type ConversationDetailsFragment = { __typename: 'Conversation', id: string, status: ConversationStatus, endReason: EndReason | null, endedAt: string | null, createdAt: string, acceptedAt: string | null, waitingSince: string | null, timeoutAt: string | null, assignee: { __typename: 'User', id: string, name: string } | null, rating: { __typename: 'ConversationRating', score: number, comment: string | null } | null };

export type ConversationViewQueryVariables = Exact<{
  id: string | number;
}>;


export type ConversationViewQuery = { conversation: { __typename: 'Conversation', pageUrl: string | null, referrer: string | null, locale: string | null, id: string, status: ConversationStatus, endReason: EndReason | null, endedAt: string | null, createdAt: string, acceptedAt: string | null, waitingSince: string | null, timeoutAt: string | null, visitorPresence: VisitorPresence | null, visitorLastSeenAt: string | null, visitorReadCursor: string | null, agentReadCursor: string | null, flow: { __typename: 'Flow', id: string, name: string } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null, fields: Record<string, unknown> } | null, assignee: { __typename: 'User', id: string, name: string } | null, rating: { __typename: 'ConversationRating', score: number, comment: string | null } | null } | null };

export type ConversationMessagesQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type ConversationMessagesQuery = { conversation: { __typename: 'Conversation', id: string, messages: { __typename: 'MessageConnection', edges: Array<{ __typename: 'MessageEdge', node: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, senderName: string | null, clientMessageId: string | null, cursor: string } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null };

export type ConversationEventsSubscriptionVariables = Exact<{
  conversationId: string | number;
  after?: string | null | undefined;
}>;


export type ConversationEventsSubscription = { conversationEvents: { __typename: 'ConversationEvent', cursor: string, message: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, senderName: string | null, clientMessageId: string | null, cursor: string }, conversation: { __typename: 'Conversation', id: string, status: ConversationStatus, endReason: EndReason | null, endedAt: string | null, createdAt: string, acceptedAt: string | null, waitingSince: string | null, timeoutAt: string | null, assignee: { __typename: 'User', id: string, name: string } | null, rating: { __typename: 'ConversationRating', score: number, comment: string | null } | null } } };

export type SendAgentMessageMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type SendAgentMessageMutation = { sendMessage: { __typename: 'SendMessagePayload', message: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, senderName: string | null, clientMessageId: string | null, cursor: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type EndChatMutationVariables = Exact<{
  conversationId: string | number;
}>;


export type EndChatMutation = { endChat: { __typename: 'EndChatPayload', conversation: { __typename: 'Conversation', id: string, status: ConversationStatus, endReason: EndReason | null, endedAt: string | null, createdAt: string, acceptedAt: string | null, waitingSince: string | null, timeoutAt: string | null, assignee: { __typename: 'User', id: string, name: string } | null, rating: { __typename: 'ConversationRating', score: number, comment: string | null } | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AddNoteMutationVariables = Exact<{
  input: AddNoteInput;
}>;


export type AddNoteMutation = { addNote: { __typename: 'AddNotePayload', message: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, senderName: string | null, clientMessageId: string | null, cursor: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type ConversationSignalsSubscriptionVariables = Exact<{
  conversationId: string | number;
}>;


export type ConversationSignalsSubscription = { conversationSignals: { __typename: 'ConversationSignal', kind: ConversationSignalKind, by: SignalSide, typing: boolean | null, preview: string | null, presence: VisitorPresence | null, lastSeenAt: string | null, cursor: string | null, at: string } };

export type VisitorPresenceFragment = { __typename: 'Conversation', id: string, visitorPresence: VisitorPresence | null, visitorLastSeenAt: string | null };

export type ReadStateFragment = { __typename: 'Conversation', id: string, visitorReadCursor: string | null, agentReadCursor: string | null };

export type SetTypingMutationVariables = Exact<{
  conversationId: string | number;
  typing: boolean;
}>;


export type SetTypingMutation = { setTyping: { __typename: 'SetTypingPayload', delivered: boolean | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type MarkReadMutationVariables = Exact<{
  conversationId: string | number;
  cursor: string;
}>;


export type MarkReadMutation = { markRead: { __typename: 'MarkReadPayload', cursor: string | null, userErrors: Array<{ __typename: 'UserError', code: string }> } };

export type SignalledStateQueryVariables = Exact<{
  id: string | number;
}>;


export type SignalledStateQuery = { conversation: { __typename: 'Conversation', id: string, visitorPresence: VisitorPresence | null, visitorLastSeenAt: string | null, visitorReadCursor: string | null, agentReadCursor: string | null } | null };

export type WaitingPresenceQueryVariables = Exact<{ [key: string]: never; }>;


export type WaitingPresenceQuery = { conversations: { __typename: 'ConversationConnection', edges: Array<{ __typename: 'ConversationEdge', node: { __typename: 'Conversation', id: string, visitorPresence: VisitorPresence | null, visitorLastSeenAt: string | null } }> } };

export type TransferChatMutationVariables = Exact<{
  input: TransferChatInput;
}>;


export type TransferChatMutation = { transferChat: { __typename: 'TransferChatPayload', conversation: { __typename: 'Conversation', id: string, status: ConversationStatus, endReason: EndReason | null, endedAt: string | null, createdAt: string, acceptedAt: string | null, waitingSince: string | null, timeoutAt: string | null, assignee: { __typename: 'User', id: string, name: string } | null, rating: { __typename: 'ConversationRating', score: number, comment: string | null } | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type FlowsQueryVariables = Exact<{ [key: string]: never; }>;


export type FlowsQuery = { flows: { __typename: 'FlowConnection', edges: Array<{ __typename: 'FlowEdge', node: { __typename: 'Flow', id: string, name: string, status: FlowStatus, hasUnpublishedChanges: boolean, updatedAt: string, publishedVersion: { __typename: 'FlowVersion', id: string, version: number, publishedAt: string } | null } }> } };

export type InboxChatFragment = { __typename: 'Conversation', id: string, status: ConversationStatus, createdAt: string, waitingSince: string | null, timeoutAt: string | null, pageUrl: string | null, offer: { __typename: 'ChatOffer', round: number, expiresAt: string, user: { __typename: 'User', id: string } } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null, fields: Record<string, unknown> } | null };

export type LiveChatInboxQueryVariables = Exact<{ [key: string]: never; }>;


export type LiveChatInboxQuery = { liveChatInbox: Array<{ __typename: 'Conversation', id: string, status: ConversationStatus, createdAt: string, waitingSince: string | null, timeoutAt: string | null, pageUrl: string | null, offer: { __typename: 'ChatOffer', round: number, expiresAt: string, user: { __typename: 'User', id: string } } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null, fields: Record<string, unknown> } | null }> };

export type IncomingChatsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type IncomingChatsSubscription = { incomingChats: { __typename: 'InboxEvent', kind: InboxEventKind, reason: InboxRemovalReason | null, waitedSeconds: number | null, conversation: { __typename: 'Conversation', id: string, status: ConversationStatus, createdAt: string, waitingSince: string | null, timeoutAt: string | null, pageUrl: string | null, offer: { __typename: 'ChatOffer', round: number, expiresAt: string, user: { __typename: 'User', id: string } } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null, fields: Record<string, unknown> } | null } } };

export type AcceptChatMutationVariables = Exact<{
  conversationId: string | number;
}>;


export type AcceptChatMutation = { acceptChat: { __typename: 'AcceptChatPayload', conversation: { __typename: 'Conversation', id: string, status: ConversationStatus, acceptedAt: string | null, assignee: { __typename: 'User', id: string, name: string } | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type MessagesLeftQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MessagesLeftQuery = { conversations: { __typename: 'ConversationConnection', edges: Array<{ __typename: 'ConversationEdge', node: { __typename: 'Conversation', id: string, offlineMessage: { __typename: 'OfflineMessage', body: string, leftAt: string } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } }, account: { __typename: 'Account', id: string, openNow: boolean, businessHours: { __typename: 'BusinessHours', timeZone: string } | null } | null };

export type ChatSummaryFragment = { __typename: 'Conversation', id: string, status: ConversationStatus, acceptedAt: string | null, updatedAt: string, endReason: EndReason | null, visitorPresence: VisitorPresence | null, transferNote: string | null, transferredBy: { __typename: 'User', id: string, name: string } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null, lastMessage: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, cursor: string } | null };

export type MyChatsQueryVariables = Exact<{
  assigneeId: string | number;
}>;


export type MyChatsQuery = { conversations: { __typename: 'ConversationConnection', edges: Array<{ __typename: 'ConversationEdge', node: { __typename: 'Conversation', id: string, status: ConversationStatus, acceptedAt: string | null, updatedAt: string, endReason: EndReason | null, visitorPresence: VisitorPresence | null, transferNote: string | null, transferredBy: { __typename: 'User', id: string, name: string } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null, lastMessage: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, cursor: string } | null } }> } };

export type AssignedChatsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AssignedChatsSubscription = { assignedChats: { __typename: 'AssignedChatEvent', kind: AssignedChatEventKind, conversation: { __typename: 'Conversation', id: string, status: ConversationStatus, acceptedAt: string | null, updatedAt: string, endReason: EndReason | null, visitorPresence: VisitorPresence | null, transferNote: string | null, transferredBy: { __typename: 'User', id: string, name: string } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null, lastMessage: { __typename: 'Message', id: string, author: MessageAuthor, body: string, createdAt: string, cursor: string } | null } } };

export type HeadlineFiguresFragment = { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number, abandoned: number, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } };

export type ReportHeadlinesQueryVariables = Exact<{
  today: LiveChatReportInput;
  todayBefore: LiveChatReportInput;
  week: LiveChatReportInput;
  weekBefore: LiveChatReportInput;
  month: LiveChatReportInput;
  monthBefore: LiveChatReportInput;
}>;


export type ReportHeadlinesQuery = { today: { __typename: 'LiveChatReport', totals: { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number, abandoned: number, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } } }, todayBefore: { __typename: 'LiveChatReport', totals: { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number, abandoned: number, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } } }, week: { __typename: 'LiveChatReport', totals: { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number, abandoned: number, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } } }, weekBefore: { __typename: 'LiveChatReport', totals: { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number, abandoned: number, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } } }, month: { __typename: 'LiveChatReport', totals: { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number, abandoned: number, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } } }, monthBefore: { __typename: 'LiveChatReport', totals: { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number, abandoned: number, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } } } };

export type AgentReportRowFragment = { __typename: 'LiveChatAgentRow', accepted: number, missedWhileAccepting: number, acceptingSeconds: number, ratings: number, ratingAverage: number | null, agent: { __typename: 'User', id: string, name: string }, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } };

export type FlowReportRowFragment = { __typename: 'LiveChatFlowRow', conversations: number, offered: number, offerAccepted: number, detailsGiven: number, requested: number, accepted: number, missed: number, messagesLeft: number, flow: { __typename: 'Flow', id: string, name: string } };

export type ReportDetailsQueryVariables = Exact<{
  byDay: LiveChatReportInput;
  byAgent: LiveChatReportInput;
  byFlow: LiveChatReportInput;
}>;


export type ReportDetailsQuery = { byDay: { __typename: 'LiveChatReport', timeToAcceptDistribution: Array<{ __typename: 'DurationBucket', fromSeconds: number, toSeconds: number | null, chats: number }>, rows: Array<
      | { __typename: 'LiveChatAgentRow' }
      | { __typename: 'LiveChatFlowRow' }
      | { __typename: 'LiveChatPeriodRow', start: string, label: string, figures: { __typename: 'LiveChatFigures', requested: number, accepted: number, missed: number } }
    > }, byAgent: { __typename: 'LiveChatReport', rows: Array<
      | { __typename: 'LiveChatAgentRow', accepted: number, missedWhileAccepting: number, acceptingSeconds: number, ratings: number, ratingAverage: number | null, agent: { __typename: 'User', id: string, name: string }, timeToAccept: { __typename: 'DurationSummary', medianSeconds: number | null }, firstResponse: { __typename: 'DurationSummary', medianSeconds: number | null } }
      | { __typename: 'LiveChatFlowRow' }
      | { __typename: 'LiveChatPeriodRow' }
    > }, byFlow: { __typename: 'LiveChatReport', rows: Array<
      | { __typename: 'LiveChatAgentRow' }
      | { __typename: 'LiveChatFlowRow', conversations: number, offered: number, offerAccepted: number, detailsGiven: number, requested: number, accepted: number, missed: number, messagesLeft: number, flow: { __typename: 'Flow', id: string, name: string } }
      | { __typename: 'LiveChatPeriodRow' }
    > } };

export type AssignmentSettingsFragment = { __typename: 'Account', id: string, assignment: AssignmentMode, offerSeconds: number };

export type AssignmentSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type AssignmentSettingsQuery = { account: { __typename: 'Account', id: string, assignment: AssignmentMode, offerSeconds: number } | null };

export type UpdateAssignmentMutationVariables = Exact<{
  input: UpdateAccountSettingsInput;
}>;


export type UpdateAssignmentMutation = { updateAccountSettings: { __typename: 'UpdateAccountSettingsPayload', account: { __typename: 'Account', id: string, assignment: AssignmentMode, offerSeconds: number } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type SavedReplyFragment = { __typename: 'CannedResponse', id: string, shortcut: string, title: string, body: string };

export type SavedRepliesQueryVariables = Exact<{ [key: string]: never; }>;


export type SavedRepliesQuery = { cannedResponses: Array<{ __typename: 'CannedResponse', id: string, shortcut: string, title: string, body: string }> };

export type CreateSavedReplyMutationVariables = Exact<{
  input: CreateCannedResponseInput;
}>;


export type CreateSavedReplyMutation = { createCannedResponse: { __typename: 'CreateCannedResponsePayload', cannedResponse: { __typename: 'CannedResponse', id: string, shortcut: string, title: string, body: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type UpdateSavedReplyMutationVariables = Exact<{
  input: UpdateCannedResponseInput;
}>;


export type UpdateSavedReplyMutation = { updateCannedResponse: { __typename: 'UpdateCannedResponsePayload', cannedResponse: { __typename: 'CannedResponse', id: string, shortcut: string, title: string, body: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type DeleteSavedReplyMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteSavedReplyMutation = { deleteCannedResponse: { __typename: 'DeleteCannedResponsePayload', deletedCannedResponseId: string | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type TeamMemberFragment = { __typename: 'User', id: string, name: string, role: UserRole, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null };

export type TeamQueryVariables = Exact<{ [key: string]: never; }>;


export type TeamQuery = { team: { __typename: 'Team', members: Array<{ __typename: 'User', id: string, name: string, role: UserRole, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null }>, waitingChats: Array<{ __typename: 'Conversation', id: string, waitingSince: string | null, createdAt: string, offer: { __typename: 'ChatOffer', user: { __typename: 'User', id: string, name: string } } | null, contact: { __typename: 'Contact', id: string, name: string | null, email: string | null } | null }> } };

export type SetTeammateAcceptingMutationVariables = Exact<{
  userId: string | number;
  accepting: boolean;
}>;


export type SetTeammateAcceptingMutation = { setAcceptingChats: { __typename: 'SetAcceptingChatsPayload', user: { __typename: 'User', id: string, acceptingChats: boolean } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type SetCapacityMutationVariables = Exact<{
  userId: string | number;
  maxConcurrentChats?: number | null | undefined;
}>;


export type SetCapacityMutation = { updateUser: { __typename: 'UpdateUserPayload', user: { __typename: 'User', id: string, maxConcurrentChats: number | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AdminUserFragment = { __typename: 'User', id: string, name: string, email: string, role: UserRole, active: boolean, deactivatedAt: string | null, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null, createdAt: string };

export type AdminUsersQueryVariables = Exact<{
  filter?: UserFilter | null | undefined;
}>;


export type AdminUsersQuery = { users: { __typename: 'UserConnection', edges: Array<{ __typename: 'UserEdge', node: { __typename: 'User', id: string, name: string, email: string, role: UserRole, active: boolean, deactivatedAt: string | null, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null, createdAt: string } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean } } };

export type AdminCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type AdminCreateUserMutation = { createUser: { __typename: 'CreateUserPayload', user: { __typename: 'User', id: string, name: string, email: string, role: UserRole, active: boolean, deactivatedAt: string | null, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null, createdAt: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type AdminSetRoleMutationVariables = Exact<{
  userId: string | number;
  role: UserRole;
}>;


export type AdminSetRoleMutation = { updateUser: { __typename: 'UpdateUserPayload', user: { __typename: 'User', id: string, name: string, email: string, role: UserRole, active: boolean, deactivatedAt: string | null, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null, createdAt: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AdminDeactivateUserMutationVariables = Exact<{
  userId: string | number;
}>;


export type AdminDeactivateUserMutation = { deactivateUser: { __typename: 'DeactivateUserPayload', user: { __typename: 'User', id: string, name: string, email: string, role: UserRole, active: boolean, deactivatedAt: string | null, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null, createdAt: string } | null, requeuedConversations: Array<{ __typename: 'Conversation', id: string, status: ConversationStatus }>, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AdminReactivateUserMutationVariables = Exact<{
  userId: string | number;
}>;


export type AdminReactivateUserMutation = { reactivateUser: { __typename: 'ReactivateUserPayload', user: { __typename: 'User', id: string, name: string, email: string, role: UserRole, active: boolean, deactivatedAt: string | null, acceptingChats: boolean, activeChatCount: number, maxConcurrentChats: number | null, createdAt: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AdminWebhookEndpointFragment = { __typename: 'WebhookEndpoint', id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledAt: string | null, disabledReason: string | null, createdAt: string };

export type AdminWebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminWebhookEndpointsQuery = { webhookEndpoints: { __typename: 'WebhookEndpointConnection', edges: Array<{ __typename: 'WebhookEndpointEdge', node: { __typename: 'WebhookEndpoint', id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledAt: string | null, disabledReason: string | null, createdAt: string } }> } };

export type AdminCreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type AdminCreateWebhookEndpointMutation = { createWebhookEndpoint: { __typename: 'CreateWebhookEndpointPayload', secret: string | null, endpoint: { __typename: 'WebhookEndpoint', id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledAt: string | null, disabledReason: string | null, createdAt: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type AdminUpdateWebhookEndpointMutationVariables = Exact<{
  input: UpdateWebhookEndpointInput;
}>;


export type AdminUpdateWebhookEndpointMutation = { updateWebhookEndpoint: { __typename: 'UpdateWebhookEndpointPayload', endpoint: { __typename: 'WebhookEndpoint', id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledAt: string | null, disabledReason: string | null, createdAt: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AdminDeleteWebhookEndpointMutationVariables = Exact<{
  id: string | number;
}>;


export type AdminDeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { __typename: 'DeleteWebhookEndpointPayload', deletedEndpointId: string | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export type AdminWebhookDeliveryFragment = { __typename: 'WebhookDelivery', id: string, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, createdAt: string, completedAt: string | null, nextAttemptAt: string | null, skippedReason: string | null, webhookId: string, attempts: Array<{ __typename: 'WebhookAttempt', id: string, attemptNumber: number, startedAt: string, durationMs: number, responseStatus: number | null, error: string | null }> };

export type AdminWebhookDeliveriesQueryVariables = Exact<{
  endpointId: string | number;
  after?: string | null | undefined;
}>;


export type AdminWebhookDeliveriesQuery = { node:
    | { __typename: 'Account', id: string }
    | { __typename: 'ActivityEvent', id: string }
    | { __typename: 'ApiKey', id: string }
    | { __typename: 'CannedResponse', id: string }
    | { __typename: 'Contact', id: string }
    | { __typename: 'Conversation', id: string }
    | { __typename: 'Flow', id: string }
    | { __typename: 'FlowVersion', id: string }
    | { __typename: 'Message', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'WebhookAttempt', id: string }
    | { __typename: 'WebhookDelivery', id: string }
    | { __typename: 'WebhookEndpoint', id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledAt: string | null, disabledReason: string | null, createdAt: string }
   | null, webhookDeliveries: { __typename: 'WebhookDeliveryConnection', edges: Array<{ __typename: 'WebhookDeliveryEdge', node: { __typename: 'WebhookDelivery', id: string, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, createdAt: string, completedAt: string | null, nextAttemptAt: string | null, skippedReason: string | null, webhookId: string, attempts: Array<{ __typename: 'WebhookAttempt', id: string, attemptNumber: number, startedAt: string, durationMs: number, responseStatus: number | null, error: string | null }> } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type AdminRedeliverWebhookMutationVariables = Exact<{
  deliveryId: string | number;
}>;


export type AdminRedeliverWebhookMutation = { redeliverWebhook: { __typename: 'RedeliverWebhookPayload', delivery: { __typename: 'WebhookDelivery', id: string, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, createdAt: string, completedAt: string | null, nextAttemptAt: string | null, skippedReason: string | null, webhookId: string, attempts: Array<{ __typename: 'WebhookAttempt', id: string, attemptNumber: number, startedAt: string, durationMs: number, responseStatus: number | null, error: string | null }> } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string }> } };

export const ActivityEventItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityEventItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ActivityEventItemFragment, unknown>;
export const ChatLastMessageFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatLastMessage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<ChatLastMessageFragment, unknown>;
export const AdminApiKeyFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminApiKey"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]} as unknown as DocumentNode<AdminApiKeyFragment, unknown>;
export const AccountBusinessHoursFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountBusinessHours"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"openNow"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"weekly"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"opens"}},{"kind":"Field","name":{"kind":"Name","value":"closes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exceptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}},{"kind":"Field","name":{"kind":"Name","value":"intervals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opens"}},{"kind":"Field","name":{"kind":"Name","value":"closes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountBusinessHoursFragment, unknown>;
export const TranscriptMessageFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptMessage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]} as unknown as DocumentNode<TranscriptMessageFragment, unknown>;
export const ConversationDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}}]} as unknown as DocumentNode<ConversationDetailsFragment, unknown>;
export const VisitorPresenceFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VisitorPresence"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitorPresence"}},{"kind":"Field","name":{"kind":"Name","value":"visitorLastSeenAt"}}]}}]} as unknown as DocumentNode<VisitorPresenceFragment, unknown>;
export const ReadStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReadState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitorReadCursor"}},{"kind":"Field","name":{"kind":"Name","value":"agentReadCursor"}}]}}]} as unknown as DocumentNode<ReadStateFragment, unknown>;
export const InboxChatFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboxChat"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<InboxChatFragment, unknown>;
export const ChatSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"visitorPresence"}},{"kind":"Field","name":{"kind":"Name","value":"transferNote"}},{"kind":"Field","name":{"kind":"Name","value":"transferredBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<ChatSummaryFragment, unknown>;
export const HeadlineFiguresFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HeadlineFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requested"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"abandoned"}},{"kind":"Field","name":{"kind":"Name","value":"timeToAccept"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}}]}}]} as unknown as DocumentNode<HeadlineFiguresFragment, unknown>;
export const AgentReportRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentReportRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatAgentRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"missedWhileAccepting"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"timeToAccept"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ratings"}},{"kind":"Field","name":{"kind":"Name","value":"ratingAverage"}}]}}]} as unknown as DocumentNode<AgentReportRowFragment, unknown>;
export const FlowReportRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FlowReportRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatFlowRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversations"}},{"kind":"Field","name":{"kind":"Name","value":"offered"}},{"kind":"Field","name":{"kind":"Name","value":"offerAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"detailsGiven"}},{"kind":"Field","name":{"kind":"Name","value":"requested"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"messagesLeft"}}]}}]} as unknown as DocumentNode<FlowReportRowFragment, unknown>;
export const AssignmentSettingsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssignmentSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"assignment"}},{"kind":"Field","name":{"kind":"Name","value":"offerSeconds"}}]}}]} as unknown as DocumentNode<AssignmentSettingsFragment, unknown>;
export const SavedReplyFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedReply"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CannedResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shortcut"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]} as unknown as DocumentNode<SavedReplyFragment, unknown>;
export const TeamMemberFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TeamMember"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}}]}}]} as unknown as DocumentNode<TeamMemberFragment, unknown>;
export const AdminUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminUserFragment, unknown>;
export const AdminWebhookEndpointFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookEndpoint"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminWebhookEndpointFragment, unknown>;
export const AdminWebhookDeliveryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookDelivery"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDelivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attemptCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"skippedReason"}},{"kind":"Field","name":{"kind":"Name","value":"webhookId"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attemptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"responseStatus"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<AdminWebhookDeliveryFragment, unknown>;
export const ActivityStreamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivityStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityEventItem"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityEventItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ActivityStreamQuery, ActivityStreamQueryVariables>;
export const ActivityEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ActivityEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityEventItem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityEventItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ActivityEventsSubscription, ActivityEventsSubscriptionVariables>;
export const AdminApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminApiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminApiKey"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminApiKey"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]} as unknown as DocumentNode<AdminApiKeysQuery, AdminApiKeysQueryVariables>;
export const AdminCreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminCreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminApiKey"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminApiKey"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]} as unknown as DocumentNode<AdminCreateApiKeyMutation, AdminCreateApiKeyMutationVariables>;
export const AdminRevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminRevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminApiKey"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminApiKey"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]} as unknown as DocumentNode<AdminRevokeApiKeyMutation, AdminRevokeApiKeyMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"liveChatEnabled"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const SetAcceptingChatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAcceptingChats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accepting"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAcceptingChats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accepting"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accepting"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SetAcceptingChatsMutation, SetAcceptingChatsMutationVariables>;
export const BusinessHoursDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BusinessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountBusinessHours"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountBusinessHours"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"openNow"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"weekly"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"opens"}},{"kind":"Field","name":{"kind":"Name","value":"closes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exceptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}},{"kind":"Field","name":{"kind":"Name","value":"intervals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opens"}},{"kind":"Field","name":{"kind":"Name","value":"closes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BusinessHoursQuery, BusinessHoursQueryVariables>;
export const UpdateBusinessHoursDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateBusinessHours"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAccountSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAccountSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountBusinessHours"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountBusinessHours"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"openNow"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"weekly"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"opens"}},{"kind":"Field","name":{"kind":"Name","value":"closes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exceptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}},{"kind":"Field","name":{"kind":"Name","value":"intervals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opens"}},{"kind":"Field","name":{"kind":"Name","value":"closes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateBusinessHoursMutation, UpdateBusinessHoursMutationVariables>;
export const ContactPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContactPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContactPageQuery, ContactPageQueryVariables>;
export const ConversationViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConversationView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConversationDetails"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"VisitorPresence"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReadState"}},{"kind":"Field","name":{"kind":"Name","value":"pageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"referrer"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VisitorPresence"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitorPresence"}},{"kind":"Field","name":{"kind":"Name","value":"visitorLastSeenAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReadState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitorReadCursor"}},{"kind":"Field","name":{"kind":"Name","value":"agentReadCursor"}}]}}]} as unknown as DocumentNode<ConversationViewQuery, ConversationViewQueryVariables>;
export const ConversationMessagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConversationMessages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TranscriptMessage"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptMessage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]} as unknown as DocumentNode<ConversationMessagesQuery, ConversationMessagesQueryVariables>;
export const ConversationEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConversationEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TranscriptMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConversationDetails"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptMessage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}}]} as unknown as DocumentNode<ConversationEventsSubscription, ConversationEventsSubscriptionVariables>;
export const SendAgentMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendAgentMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TranscriptMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptMessage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]} as unknown as DocumentNode<SendAgentMessageMutation, SendAgentMessageMutationVariables>;
export const EndChatDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndChat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endChat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConversationDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}}]} as unknown as DocumentNode<EndChatMutation, EndChatMutationVariables>;
export const AddNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddNoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TranscriptMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptMessage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]} as unknown as DocumentNode<AddNoteMutation, AddNoteMutationVariables>;
export const ConversationSignalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConversationSignals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationSignals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"typing"}},{"kind":"Field","name":{"kind":"Name","value":"preview"}},{"kind":"Field","name":{"kind":"Name","value":"presence"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ConversationSignalsSubscription, ConversationSignalsSubscriptionVariables>;
export const SetTypingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTyping"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"typing"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTyping"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"typing"},"value":{"kind":"Variable","name":{"kind":"Name","value":"typing"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delivered"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SetTypingMutation, SetTypingMutationVariables>;
export const MarkReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cursor"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"cursor"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cursor"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<MarkReadMutation, MarkReadMutationVariables>;
export const SignalledStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SignalledState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VisitorPresence"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReadState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VisitorPresence"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitorPresence"}},{"kind":"Field","name":{"kind":"Name","value":"visitorLastSeenAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReadState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitorReadCursor"}},{"kind":"Field","name":{"kind":"Name","value":"agentReadCursor"}}]}}]} as unknown as DocumentNode<SignalledStateQuery, SignalledStateQueryVariables>;
export const WaitingPresenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WaitingPresence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"WAITING"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VisitorPresence"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VisitorPresence"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitorPresence"}},{"kind":"Field","name":{"kind":"Name","value":"visitorLastSeenAt"}}]}}]} as unknown as DocumentNode<WaitingPresenceQuery, WaitingPresenceQueryVariables>;
export const TransferChatDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransferChat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferChatInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferChat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConversationDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}}]} as unknown as DocumentNode<TransferChatMutation, TransferChatMutationVariables>;
export const FlowsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Flows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"hasUnpublishedChanges"}},{"kind":"Field","name":{"kind":"Name","value":"publishedVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowsQuery, FlowsQueryVariables>;
export const LiveChatInboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LiveChatInbox"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveChatInbox"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboxChat"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboxChat"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<LiveChatInboxQuery, LiveChatInboxQueryVariables>;
export const IncomingChatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IncomingChats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incomingChats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"waitedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboxChat"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboxChat"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<IncomingChatsSubscription, IncomingChatsSubscriptionVariables>;
export const AcceptChatDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptChat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptChat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AcceptChatMutation, AcceptChatMutationVariables>;
export const MessagesLeftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MessagesLeft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"hasOfflineMessage"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"offlineMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"leftAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"openNow"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}}]}}]}}]} as unknown as DocumentNode<MessagesLeftQuery, MessagesLeftQueryVariables>;
export const MyChatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyChats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"assigneeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"assigneeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"assigneeId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"ACTIVE"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"visitorPresence"}},{"kind":"Field","name":{"kind":"Name","value":"transferNote"}},{"kind":"Field","name":{"kind":"Name","value":"transferredBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<MyChatsQuery, MyChatsQueryVariables>;
export const AssignedChatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AssignedChats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignedChats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatSummary"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"visitorPresence"}},{"kind":"Field","name":{"kind":"Name","value":"transferNote"}},{"kind":"Field","name":{"kind":"Name","value":"transferredBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<AssignedChatsSubscription, AssignedChatsSubscriptionVariables>;
export const ReportHeadlinesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportHeadlines"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"today"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"todayBefore"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"week"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"weekBefore"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"monthBefore"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"today"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"today"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HeadlineFigures"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"todayBefore"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"todayBefore"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HeadlineFigures"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"week"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"week"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HeadlineFigures"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"weekBefore"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"weekBefore"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HeadlineFigures"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"month"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HeadlineFigures"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"monthBefore"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"monthBefore"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HeadlineFigures"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HeadlineFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requested"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"abandoned"}},{"kind":"Field","name":{"kind":"Name","value":"timeToAccept"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}}]}}]} as unknown as DocumentNode<ReportHeadlinesQuery, ReportHeadlinesQueryVariables>;
export const ReportDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"byDay"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"byAgent"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"byFlow"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"byDay"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"byDay"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeToAcceptDistribution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"toSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"chats"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatPeriodRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requested"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}}]}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byAgent"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"byAgent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgentReportRow"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byFlow"},"name":{"kind":"Name","value":"liveChatReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"byFlow"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowReportRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentReportRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatAgentRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"missedWhileAccepting"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"timeToAccept"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"medianSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ratings"}},{"kind":"Field","name":{"kind":"Name","value":"ratingAverage"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FlowReportRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveChatFlowRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversations"}},{"kind":"Field","name":{"kind":"Name","value":"offered"}},{"kind":"Field","name":{"kind":"Name","value":"offerAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"detailsGiven"}},{"kind":"Field","name":{"kind":"Name","value":"requested"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"messagesLeft"}}]}}]} as unknown as DocumentNode<ReportDetailsQuery, ReportDetailsQueryVariables>;
export const AssignmentSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssignmentSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssignmentSettings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssignmentSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"assignment"}},{"kind":"Field","name":{"kind":"Name","value":"offerSeconds"}}]}}]} as unknown as DocumentNode<AssignmentSettingsQuery, AssignmentSettingsQueryVariables>;
export const UpdateAssignmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAssignment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAccountSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAccountSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssignmentSettings"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssignmentSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"assignment"}},{"kind":"Field","name":{"kind":"Name","value":"offerSeconds"}}]}}]} as unknown as DocumentNode<UpdateAssignmentMutation, UpdateAssignmentMutationVariables>;
export const SavedRepliesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SavedReplies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cannedResponses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SavedReply"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedReply"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CannedResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shortcut"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]} as unknown as DocumentNode<SavedRepliesQuery, SavedRepliesQueryVariables>;
export const CreateSavedReplyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSavedReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCannedResponseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCannedResponse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cannedResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SavedReply"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedReply"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CannedResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shortcut"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]} as unknown as DocumentNode<CreateSavedReplyMutation, CreateSavedReplyMutationVariables>;
export const UpdateSavedReplyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSavedReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCannedResponseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCannedResponse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cannedResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SavedReply"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedReply"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CannedResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shortcut"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]} as unknown as DocumentNode<UpdateSavedReplyMutation, UpdateSavedReplyMutationVariables>;
export const DeleteSavedReplyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSavedReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCannedResponse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedCannedResponseId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteSavedReplyMutation, DeleteSavedReplyMutationVariables>;
export const TeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TeamMember"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitingChats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TeamMember"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}}]}}]} as unknown as DocumentNode<TeamQuery, TeamQueryVariables>;
export const SetTeammateAcceptingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTeammateAccepting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accepting"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAcceptingChats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"accepting"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accepting"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SetTeammateAcceptingMutation, SetTeammateAcceptingMutationVariables>;
export const SetCapacityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCapacity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxConcurrentChats"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"maxConcurrentChats"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxConcurrentChats"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SetCapacityMutation, SetCapacityMutationVariables>;
export const AdminUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUser"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminUsersQuery, AdminUsersQueryVariables>;
export const AdminCreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminCreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminCreateUserMutation, AdminCreateUserMutationVariables>;
export const AdminSetRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminSetRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserRole"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminSetRoleMutation, AdminSetRoleMutationVariables>;
export const AdminDeactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminDeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requeuedConversations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminDeactivateUserMutation, AdminDeactivateUserMutationVariables>;
export const AdminReactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminReactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingChats"}},{"kind":"Field","name":{"kind":"Name","value":"activeChatCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentChats"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminReactivateUserMutation, AdminReactivateUserMutationVariables>;
export const AdminWebhookEndpointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminWebhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminWebhookEndpoint"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookEndpoint"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminWebhookEndpointsQuery, AdminWebhookEndpointsQueryVariables>;
export const AdminCreateWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminCreateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminWebhookEndpoint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookEndpoint"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminCreateWebhookEndpointMutation, AdminCreateWebhookEndpointMutationVariables>;
export const AdminUpdateWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminUpdateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminWebhookEndpoint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookEndpoint"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AdminUpdateWebhookEndpointMutation, AdminUpdateWebhookEndpointMutationVariables>;
export const AdminDeleteWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminDeleteWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedEndpointId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AdminDeleteWebhookEndpointMutation, AdminDeleteWebhookEndpointMutationVariables>;
export const AdminWebhookDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminWebhookDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminWebhookEndpoint"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminWebhookDelivery"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookEndpoint"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookDelivery"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDelivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attemptCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"skippedReason"}},{"kind":"Field","name":{"kind":"Name","value":"webhookId"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attemptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"responseStatus"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<AdminWebhookDeliveriesQuery, AdminWebhookDeliveriesQueryVariables>;
export const AdminRedeliverWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminRedeliverWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deliveryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeliverWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deliveryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deliveryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delivery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminWebhookDelivery"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminWebhookDelivery"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDelivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attemptCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"skippedReason"}},{"kind":"Field","name":{"kind":"Name","value":"webhookId"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attemptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"responseStatus"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<AdminRedeliverWebhookMutation, AdminRedeliverWebhookMutationVariables>;