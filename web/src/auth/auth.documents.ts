import { graphql } from '../graphql/generated';

export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      name
      email
      role
      acceptingChats
      account {
        id
        name
        liveChatEnabled
      }
    }
  }
`);

export const SetAcceptingChatsDocument = graphql(`
  mutation SetAcceptingChats($accepting: Boolean!) {
    setAcceptingChats(accepting: $accepting) {
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
