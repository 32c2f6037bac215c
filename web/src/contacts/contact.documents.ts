import { graphql } from '../graphql/generated';

export const ContactPageDocument = graphql(`
  query ContactPage($id: ID!) {
    contact(id: $id) {
      id
      name
      email
      fields
      createdAt
      conversations(first: 20) {
        edges {
          node {
            id
            status
            endReason
            createdAt
            endedAt
            pageUrl
            flow {
              id
              name
            }
            assignee {
              id
              name
            }
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
