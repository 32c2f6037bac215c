import { graphql } from '../graphql/generated';

export const SavedReplyFragment = graphql(`
  fragment SavedReply on CannedResponse {
    id
    shortcut
    title
    body
  }
`);

export const SavedRepliesDocument = graphql(`
  query SavedReplies {
    cannedResponses {
      ...SavedReply
    }
  }
`);

export const CreateSavedReplyDocument = graphql(`
  mutation CreateSavedReply($input: CreateCannedResponseInput!) {
    createCannedResponse(input: $input) {
      cannedResponse {
        ...SavedReply
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const UpdateSavedReplyDocument = graphql(`
  mutation UpdateSavedReply($input: UpdateCannedResponseInput!) {
    updateCannedResponse(input: $input) {
      cannedResponse {
        ...SavedReply
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const DeleteSavedReplyDocument = graphql(`
  mutation DeleteSavedReply($id: ID!) {
    deleteCannedResponse(id: $id) {
      deletedCannedResponseId
      userErrors {
        code
        message
      }
    }
  }
`);
