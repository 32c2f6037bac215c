import { graphql } from '../graphql/generated';

export const ChatSummaryFragment = graphql(`
  fragment ChatSummary on Conversation {
    id
    status
    acceptedAt
    updatedAt
    endReason
    visitorPresence
    transferNote
    transferredBy {
      id
      name
    }
    contact {
      id
      name
      email
    }
    lastMessage {
      id
      author
      body
      createdAt
      cursor
    }
  }
`);

export const MyChatsDocument = graphql(`
  query MyChats($assigneeId: ID!) {
    conversations(first: 50, filter: { assigneeId: $assigneeId, status: ACTIVE }) {
      edges {
        node {
          ...ChatSummary
        }
      }
    }
  }
`);

export const AssignedChatsDocument = graphql(`
  subscription AssignedChats {
    assignedChats {
      kind
      conversation {
        ...ChatSummary
      }
    }
  }
`);
