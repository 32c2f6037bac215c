import { graphql } from '../graphql/generated';

export const ConversationSignalsDocument = graphql(`
  subscription ConversationSignals($conversationId: ID!) {
    conversationSignals(conversationId: $conversationId) {
      kind
      by
      typing
      preview
      presence
      lastSeenAt
      cursor
      at
    }
  }
`);

export const VisitorPresenceFragment = graphql(`
  fragment VisitorPresence on Conversation {
    id
    visitorPresence
    visitorLastSeenAt
  }
`);

export const ReadStateFragment = graphql(`
  fragment ReadState on Conversation {
    id
    visitorReadCursor
    agentReadCursor
  }
`);

export const SetTypingDocument = graphql(`
  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {
    setTyping(conversationId: $conversationId, typing: $typing) {
      delivered
      userErrors {
        code
        message
      }
    }
  }
`);

export const MarkReadDocument = graphql(`
  mutation MarkRead($conversationId: ID!, $cursor: String!) {
    markRead(conversationId: $conversationId, cursor: $cursor) {
      cursor
      userErrors {
        code
      }
    }
  }
`);

export const SignalledStateDocument = graphql(`
  query SignalledState($id: ID!) {
    conversation(id: $id) {
      ...VisitorPresence
      ...ReadState
    }
  }
`);

export const WaitingPresenceDocument = graphql(`
  query WaitingPresence {
    conversations(first: 50, filter: { status: WAITING }) {
      edges {
        node {
          ...VisitorPresence
        }
      }
    }
  }
`);
