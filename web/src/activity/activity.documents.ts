import { graphql } from '../graphql/generated';

export const ActivityStreamDocument = graphql(`
  query ActivityStream($first: Int!, $after: String, $filter: ActivityFilter) {
    activityStream(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          type
          occurredAt
          data
          actor {
            kind
            user {
              id
              name
            }
          }
          contact {
            id
            name
            email
          }
          conversation {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
