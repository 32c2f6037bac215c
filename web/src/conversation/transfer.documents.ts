import { graphql } from '../graphql/generated';

export const TransferChatDocument = graphql(`
  mutation TransferChat($input: TransferChatInput!) {
    transferChat(input: $input) {
      conversation {
        ...ConversationDetails
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
