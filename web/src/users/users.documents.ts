import { graphql } from '../graphql/generated';

export const AdminUserFragment = graphql(`
  fragment AdminUser on User {
    id
    name
    email
    role
    active
    deactivatedAt
    acceptingChats
    activeChatCount
    maxConcurrentChats
    createdAt
  }
`);

export const AdminUsersDocument = graphql(`
  query AdminUsers($filter: UserFilter) {
    users(first: 100, filter: $filter) {
      edges {
        node {
          ...AdminUser
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export const AdminCreateUserDocument = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        ...AdminUser
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const AdminSetRoleDocument = graphql(`
  mutation AdminSetRole($userId: ID!, $role: UserRole!) {
    updateUser(input: { userId: $userId, role: $role }) {
      user {
        ...AdminUser
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const AdminDeactivateUserDocument = graphql(`
  mutation AdminDeactivateUser($userId: ID!) {
    deactivateUser(input: { userId: $userId }) {
      user {
        ...AdminUser
      }
      requeuedConversations {
        id
        status
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const AdminReactivateUserDocument = graphql(`
  mutation AdminReactivateUser($userId: ID!) {
    reactivateUser(input: { userId: $userId }) {
      user {
        ...AdminUser
      }
      userErrors {
        code
        message
      }
    }
  }
`);
