import { graphql } from '../graphql/generated';

export const ActivityEventItemFragment = graphql(`
  fragment ActivityEventItem on ActivityEvent {
    id
    cursor
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
`);

export const ActivityStreamDocument = graphql(`
  query ActivityStream($first: Int!, $after: String, $filter: ActivityFilter) {
    activityStream(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          ...ActivityEventItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ActivityEventsDocument = graphql(`
  subscription ActivityEvents($after: String) {
    activityEvents(after: $after) {
      ...ActivityEventItem
    }
  }
`);
