import { graphql } from '../graphql/generated';

export const FlowsDocument = graphql(`
  query Flows {
    flows(first: 100) {
      edges {
        node {
          id
          name
          status
          hasUnpublishedChanges
          publishedVersion {
            id
            version
            publishedAt
          }
          updatedAt
        }
      }
    }
  }
`);
