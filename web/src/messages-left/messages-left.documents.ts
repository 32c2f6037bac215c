import { graphql } from '../graphql/generated';

export const MessagesLeftDocument = graphql(`
  query MessagesLeft($first: Int!, $after: String) {
    conversations(first: $first, after: $after, filter: { hasOfflineMessage: true }) {
      edges {
        node {
          id
          offlineMessage {
            body
            leftAt
          }
          contact {
            id
            name
            email
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    account {
      id
      openNow
      businessHours {
        timeZone
      }
    }
  }
`);
