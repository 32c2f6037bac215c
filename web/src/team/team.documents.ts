import { graphql } from '../graphql/generated';

export const TeamMemberFragment = graphql(`
  fragment TeamMember on User {
    id
    name
    role
    acceptingChats
    activeChatCount
    maxConcurrentChats
  }
`);

export const TeamDocument = graphql(`
  query Team {
    team {
      members {
        ...TeamMember
      }
      waitingChats {
        id
        waitingSince
        createdAt
        offer {
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
      }
    }
  }
`);

export const SetTeammateAcceptingDocument = graphql(`
  mutation SetTeammateAccepting($userId: ID!, $accepting: Boolean!) {
    setAcceptingChats(userId: $userId, accepting: $accepting) {
      user {
        id
        acceptingChats
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const SetCapacityDocument = graphql(`
  mutation SetCapacity($userId: ID!, $maxConcurrentChats: Int) {
    updateUser(input: { userId: $userId, maxConcurrentChats: $maxConcurrentChats }) {
      user {
        id
        maxConcurrentChats
      }
      userErrors {
        code
        message
      }
    }
  }
`);
