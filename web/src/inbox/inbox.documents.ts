import { graphql } from '../graphql/generated';

export const InboxChatFragment = graphql(`
  fragment InboxChat on Conversation {
    id
    status
    createdAt
    waitingSince
    timeoutAt
    offer {
      round
      expiresAt
      user {
        id
      }
    }
    pageUrl
    contact {
      id
      name
      email
      fields
    }
  }
`);

export const LiveChatInboxDocument = graphql(`
  query LiveChatInbox {
    liveChatInbox {
      ...InboxChat
    }
  }
`);

export const IncomingChatsDocument = graphql(`
  subscription IncomingChats {
    incomingChats {
      kind
      reason
      waitedSeconds
      conversation {
        ...InboxChat
      }
    }
  }
`);

export const AcceptChatDocument = graphql(`
  mutation AcceptChat($conversationId: ID!) {
    acceptChat(conversationId: $conversationId) {
      conversation {
        id
        status
        acceptedAt
        assignee {
          id
          name
        }
      }
      userErrors {
        code
        message
      }
    }
  }
`);
