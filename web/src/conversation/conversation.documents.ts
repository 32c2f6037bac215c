import { graphql } from '../graphql/generated';

export const TranscriptMessageFragment = graphql(`
  fragment TranscriptMessage on Message {
    id
    author
    body
    createdAt
    senderName
    clientMessageId
    cursor
  }
`);

export const ConversationDetailsFragment = graphql(`
  fragment ConversationDetails on Conversation {
    id
    status
    endReason
    endedAt
    createdAt
    acceptedAt
    waitingSince
    timeoutAt
    assignee {
      id
      name
    }
    rating {
      score
      comment
    }
  }
`);

export const ConversationViewDocument = graphql(`
  query ConversationView($id: ID!) {
    conversation(id: $id) {
      ...ConversationDetails
      ...VisitorPresence
      ...ReadState
      pageUrl
      referrer
      locale
      flow {
        id
        name
      }
      contact {
        id
        name
        email
        fields
      }
    }
  }
`);

export const ConversationMessagesDocument = graphql(`
  query ConversationMessages($id: ID!, $after: String) {
    conversation(id: $id) {
      id
      messages(first: 100, after: $after) {
        edges {
          node {
            ...TranscriptMessage
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const ConversationEventsDocument = graphql(`
  subscription ConversationEvents($conversationId: ID!, $after: String) {
    conversationEvents(conversationId: $conversationId, after: $after) {
      cursor
      message {
        ...TranscriptMessage
      }
      conversation {
        ...ConversationDetails
      }
    }
  }
`);

export const SendAgentMessageDocument = graphql(`
  mutation SendAgentMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      message {
        ...TranscriptMessage
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const EndChatDocument = graphql(`
  mutation EndChat($conversationId: ID!) {
    endChat(conversationId: $conversationId) {
      conversation {
        ...ConversationDetails
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const AddNoteDocument = graphql(`
  mutation AddNote($input: AddNoteInput!) {
    addNote(input: $input) {
      message {
        ...TranscriptMessage
      }
      userErrors {
        code
        message
      }
    }
  }
`);
