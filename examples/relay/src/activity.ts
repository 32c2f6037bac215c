import { graphql } from 'relay-runtime';

export const activityFeed = graphql`
  fragment activity_feed on Query
  @refetchable(queryName: "activityFeedRefetchQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 50 }, after: { type: "String" }) {
    activityStream(first: $first, after: $after) @connection(key: "activity_activityStream") {
      edges {
        node {
          id
          type
          occurredAt
        }
      }
    }
  }
`;

export const conversationMessages = graphql`
  fragment activity_conversationMessages on Conversation
  @refetchable(queryName: "conversationMessagesRefetchQuery")
  @argumentDefinitions(last: { type: "Int", defaultValue: 30 }, before: { type: "String" }) {
    id
    messages(last: $last, before: $before) @connection(key: "activity_messages") {
      edges {
        node {
          id
          author
          body
        }
      }
    }
  }
`;
