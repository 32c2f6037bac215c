// The documents the suite sends: the inbox's and the widget's own (web/src/inbox,
// web/src/conversation, web/widget/src/operations.ts), copied as text so the measured traffic
// is what the product's clients send. ChatOnce and the baselines receive the same documents.

export const ME = `{ me { id name } }`;

const INBOX_CHAT = `
  fragment InboxChat on Conversation {
    id
    status
    createdAt
    waitingSince
    timeoutAt
    pageUrl
    contact { id name email fields }
  }
`;

export const LIVE_CHAT_INBOX = `
  query LiveChatInbox { liveChatInbox { ...InboxChat } }
  ${INBOX_CHAT}
`;

export const INCOMING_CHATS = `
  subscription IncomingChats { incomingChats { kind reason conversation { ...InboxChat } } }
  ${INBOX_CHAT}
`;

export const ACCEPT_CHAT = `
  mutation AcceptChat($conversationId: ID!) {
    acceptChat(conversationId: $conversationId) {
      conversation { id status acceptedAt assignee { id name } }
      userErrors { code message }
    }
  }
`;

const TRANSCRIPT_MESSAGE = `
  fragment TranscriptMessage on Message { id author body createdAt senderName clientMessageId cursor }
`;

const CONVERSATION_DETAILS = `
  fragment ConversationDetails on Conversation {
    id status endReason endedAt createdAt acceptedAt waitingSince timeoutAt
    assignee { id name }
  }
`;

/** The inbox's conversation stream (the agent's side of a chat). */
export const AGENT_CONVERSATION_EVENTS = `
  subscription ConversationEvents($conversationId: ID!, $after: String) {
    conversationEvents(conversationId: $conversationId, after: $after) {
      cursor
      message { ...TranscriptMessage }
      conversation { ...ConversationDetails }
    }
  }
  ${TRANSCRIPT_MESSAGE}
  ${CONVERSATION_DETAILS}
`;

export const SEND_AGENT_MESSAGE = `
  mutation SendAgentMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      message { ...TranscriptMessage }
      userErrors { code message }
    }
  }
  ${TRANSCRIPT_MESSAGE}
`;

/** The widget's documents (the visitor's side). */
export const START_CONVERSATION = `
  mutation StartConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      conversation { id status }
      visitorToken
      userErrors { code message }
    }
  }
`;

export const VISITOR_SEND_MESSAGE = `
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      message { id }
      conversation { status }
      userErrors { code message }
    }
  }
`;

export const VISITOR_CONVERSATION_EVENTS = `
  subscription ConversationEvents($id: ID!, $after: String) {
    conversationEvents(conversationId: $id, after: $after) {
      cursor
      message { id author body options { key label } senderName createdAt }
      conversation { status assigneeName endReason }
    }
  }
`;

export const SET_ACCEPTING_CHATS = `
  mutation SetAcceptingChats($accepting: Boolean!) {
    setAcceptingChats(accepting: $accepting) { user { id acceptingChats } userErrors { code message } }
  }
`;

export interface UserErrorData {
  code: string;
  message: string;
}

export interface InboxEventData {
  incomingChats: { kind: 'ADDED' | 'REMOVED'; reason: string | null; conversation: { id: string } };
}

export interface ConversationEventData {
  conversationEvents: { cursor: string; message: { id: string; author: string; body: string } };
}

export interface StartConversationData {
  startConversation: { conversation: { id: string; status: string } | null; visitorToken: string | null; userErrors: UserErrorData[] };
}

export interface SendMessageData {
  sendMessage: { message: { id: string } | null; conversation: { status: string } | null; userErrors: UserErrorData[] };
}

export interface AcceptChatData {
  acceptChat: { conversation: { id: string; status: string; assignee: { id: string } | null } | null; userErrors: UserErrorData[] };
}
