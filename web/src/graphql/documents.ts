import { gql, type TypedDocumentNode } from '@apollo/client';

// Hand-typed until schema/schema.graphql exists; `npm run codegen` then emits the real
// types into ./generated, and documents should move to its `graphql()` function.

/** Smallest valid query against any schema: proves the GraphQL round trip. */
export const PingDocument: TypedDocumentNode<{ __typename: 'Query' }, Record<string, never>> = gql`
  query Ping {
    __typename
  }
`;
