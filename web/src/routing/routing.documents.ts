import { graphql } from '../graphql/generated';

export const AssignmentSettingsFragment = graphql(`
  fragment AssignmentSettings on Account {
    id
    assignment
    offerSeconds
  }
`);

export const AssignmentSettingsDocument = graphql(`
  query AssignmentSettings {
    account {
      ...AssignmentSettings
    }
  }
`);

export const UpdateAssignmentDocument = graphql(`
  mutation UpdateAssignment($input: UpdateAccountSettingsInput!) {
    updateAccountSettings(input: $input) {
      account {
        ...AssignmentSettings
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
