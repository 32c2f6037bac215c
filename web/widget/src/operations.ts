// The widget's GraphQL documents (see schema/schema.graphql) and the shapes it reads back.

export type ConversationStatus = 'BOT' | 'WAITING' | 'ACTIVE' | 'ENDED' | 'TIMED_OUT';
export type MessageAuthor = 'VISITOR' | 'BOT' | 'AGENT' | 'SYSTEM';
export type EndReason = 'AGENT_ENDED' | 'BOT_COMPLETED' | 'UNANSWERED' | 'VISITOR_IDLE' | 'VISITOR_LEFT' | 'OFFLINE_MESSAGE_LEFT';

export interface UserError {
  code: string;
  message: string;
}

export interface MessageOption {
  key: string;
  label: string;
}

export interface ChatMessage {
  id: string;
  author: MessageAuthor;
  body: string;
  options: MessageOption[] | null;
  senderName: string | null;
  createdAt: string;
  /** Set on the visitor's own messages: matches them with their "Sending…" copy. */
  clientMessageId?: string | null;
}

export interface ConversationState {
  status: ConversationStatus;
  assigneeName: string | null;
  endReason: EndReason | null;
}

export interface ConversationEvent {
  cursor: string;
  message: ChatMessage;
  conversation: ConversationState;
}

export const START_CONVERSATION = /* GraphQL */ `
  mutation StartConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      conversation { id status }
      visitorToken
      userErrors { code message }
    }
  }
`;

export interface StartConversationData {
  startConversation: {
    conversation: { id: string; status: ConversationStatus } | null;
    visitorToken: string | null;
    userErrors: UserError[];
  };
}

export const SEND_MESSAGE = /* GraphQL */ `
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      message { id }
      conversation { status }
      userErrors { code message }
    }
  }
`;

export interface SendMessageInput {
  conversationId: string;
  clientMessageId: string;
  body?: string;
  optionKey?: string;
}

export interface SendMessageData {
  sendMessage: {
    message: { id: string } | null;
    conversation: { status: ConversationStatus } | null;
    userErrors: UserError[];
  };
}

export const END_CHAT = /* GraphQL */ `
  mutation EndChat($id: ID!) {
    endChat(conversationId: $id) {
      conversation { status }
      userErrors { code message }
    }
  }
`;

export interface EndChatData {
  endChat: {
    conversation: { status: ConversationStatus } | null;
    userErrors: UserError[];
  };
}

export const CONVERSATION_EVENTS = /* GraphQL */ `
  subscription ConversationEvents($id: ID!, $after: String) {
    conversationEvents(conversationId: $id, after: $after) {
      cursor
      message { id author body options { key label } senderName createdAt clientMessageId }
      conversation { status assigneeName endReason }
    }
  }
`;

export interface ConversationEventsData {
  conversationEvents: ConversationEvent;
}

export const WAITING_LINE = /* GraphQL */ `
  query WaitingLine($id: ID!) {
    conversation(id: $id) { status queuePosition estimatedWaitSeconds timeoutAt }
  }
`;

/** Where a waiting chat stands: its own place in line (nothing about the others), and its deadline. */
export interface WaitingLine {
  status: ConversationStatus;
  queuePosition: number | null;
  estimatedWaitSeconds: number | null;
  timeoutAt: string | null;
}

export interface WaitingLineData {
  conversation: WaitingLine | null;
}

export const CONVERSATION_RATING = /* GraphQL */ `
  query ConversationRating($id: ID!) {
    conversation(id: $id) { rating { score } }
  }
`;
export interface ConversationRatingData {
  conversation: { rating: { score: number } | null } | null;
}

export const RATE_CONVERSATION = /* GraphQL */ `
  mutation RateConversation($input: RateConversationInput!) {
    rateConversation(input: $input) { conversation { rating { score } } userErrors { code message } }
  }
`;
export interface RateConversationData {
  rateConversation: { conversation: { rating: { score: number } | null } | null; userErrors: { code: string; message: string }[] };
}

/** The signals the visitor receives: the team's typing and reads (see conversationSignals). */
export interface ConversationSignal {
  kind: 'TYPING' | 'PRESENCE' | 'READ';
  by: 'VISITOR' | 'AGENT';
  typing: boolean | null;
  name: string | null;
  cursor: string | null;
}

export const CONVERSATION_SIGNALS = /* GraphQL */ `
  subscription ConversationSignals($id: ID!, $away: Boolean) {
    conversationSignals(conversationId: $id, away: $away) { kind by typing name cursor }
  }
`;

export interface ConversationSignalsData {
  conversationSignals: ConversationSignal;
}

export const SET_TYPING = /* GraphQL */ `
  mutation SetTyping($id: ID!, $typing: Boolean!, $preview: String) {
    setTyping(conversationId: $id, typing: $typing, preview: $preview) { previewWanted userErrors { code message } }
  }
`;

export interface SetTypingData {
  setTyping: { previewWanted: boolean | null; userErrors: UserError[] };
}

export const SET_PRESENCE = /* GraphQL */ `
  mutation SetPresence($id: ID!, $away: Boolean!) {
    setPresence(conversationId: $id, away: $away) { presence userErrors { code message } }
  }
`;

export const MARK_READ = /* GraphQL */ `
  mutation MarkRead($id: ID!, $cursor: String!) {
    markRead(conversationId: $id, cursor: $cursor) { cursor userErrors { code message } }
  }
`;

/** The visitor's own transcript, a page at a time (a visitor token never reads internal notes). */
export const VISITOR_TRANSCRIPT = /* GraphQL */ `
  query VisitorTranscript($id: ID!, $after: String) {
    conversation(id: $id) {
      id
      messages(first: 100, after: $after) {
        edges { node { id author body senderName createdAt } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

export type TranscriptLine = Pick<ChatMessage, 'id' | 'author' | 'body' | 'senderName' | 'createdAt'>;

export interface VisitorTranscriptData {
  conversation: {
    id: string;
    messages: { edges: { node: TranscriptLine }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}
