import { graphql } from 'relay-runtime';

// What a Relay app of a CRM would write against ChatOnce: paged, refetchable lists.

export const contactListQuery = graphql`
  query contactsListQuery($first: Int, $after: String) {
    ...contacts_list @arguments(first: $first, after: $after)
  }
`;

export const contactList = graphql`
  fragment contacts_list on Query
  @refetchable(queryName: "contactsListRefetchQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    contacts(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) @connection(key: "contacts_contacts") {
      edges {
        node {
          id
          name
          email
          updatedAt
        }
      }
    }
  }
`;

export const contactConversations = graphql`
  fragment contacts_conversations on Contact
  @refetchable(queryName: "contactConversationsRefetchQuery")
  @argumentDefinitions(last: { type: "Int", defaultValue: 10 }, before: { type: "String" }) {
    id
    conversations(last: $last, before: $before) @connection(key: "contacts_conversations") {
      edges {
        node {
          id
          status
          createdAt
        }
      }
    }
  }
`;
