import { graphql } from '../graphql/generated';

export const AdminApiKeyFragment = graphql(`
  fragment AdminApiKey on ApiKey {
    id
    name
    prefix
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const AdminApiKeysDocument = graphql(`
  query AdminApiKeys {
    apiKeys(first: 100) {
      edges {
        node {
          ...AdminApiKey
        }
      }
    }
  }
`);

export const AdminCreateApiKeyDocument = graphql(`
  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey {
        ...AdminApiKey
      }
      secret
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const AdminRevokeApiKeyDocument = graphql(`
  mutation AdminRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      apiKey {
        ...AdminApiKey
      }
      userErrors {
        code
        message
      }
    }
  }
`);
