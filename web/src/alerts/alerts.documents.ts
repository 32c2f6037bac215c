import { graphql } from '../graphql/generated';

/** What the alerts write back when a message arrives: the preview in "My chats". */
export const ChatLastMessageFragment = graphql(`
  fragment ChatLastMessage on Conversation {
    id
    lastMessage {
      id
      author
      body
      createdAt
      cursor
    }
  }
`);
