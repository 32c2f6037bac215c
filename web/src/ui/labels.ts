import type { ActivityEventType, ConversationStatus, EndReason } from '../graphql/generated/graphql';

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  BOT: 'With the bot',
  WAITING: 'Waiting',
  ACTIVE: 'Active',
  ENDED: 'Ended',
  TIMED_OUT: 'Timed out',
};

export const END_REASON_LABELS: Record<EndReason, string> = {
  AGENT_ENDED: 'Ended by an agent',
  BOT_COMPLETED: 'Bot conversation completed',
  UNANSWERED: 'Nobody accepted in time',
  VISITOR_IDLE: 'Visitor went idle',
  VISITOR_LEFT: 'Visitor left',
  OFFLINE_MESSAGE_LEFT: 'Message left (nobody available)',
  CONTACT_DELETED: 'Contact deleted',
};

export const ACTIVITY_TYPE_LABELS: Record<ActivityEventType, string> = {
  CONTACT_CREATED: 'Contact created',
  CONTACT_DETAILS_CAPTURED: 'Contact details captured',
  CONTACT_QUALIFIED: 'Contact qualified',
  CONVERSATION_STARTED: 'Conversation started',
  CONVERSATION_ENDED: 'Conversation ended',
  LIVE_CHAT_REQUESTED: 'Live chat requested',
  LIVE_CHAT_ACCEPTED: 'Live chat accepted',
  LIVE_CHAT_TRANSFERRED: 'Live chat transferred',
  LIVE_CHAT_REQUEUED: 'Live chat back in the inbox',
  LIVE_CHAT_OFFERED: 'Chat offered',
  LIVE_CHAT_POOLED: 'Chat shown to everyone',
  LIVE_CHAT_ENDED: 'Live chat ended',
  LIVE_CHAT_TIMED_OUT: 'Live chat timed out',
  MESSAGE_CREATED: 'Message',
  CONVERSATION_RATED: 'Chat rated',
  OFFLINE_MESSAGE_LEFT: 'Message left',
  CONTACTS_MERGED: 'Contacts merged',
  CONTACT_DELETED: 'Contact deleted',
};

/** In the order an agent thinks about them, for the filter. */
export const ACTIVITY_TYPES = Object.keys(ACTIVITY_TYPE_LABELS) as ActivityEventType[];
