import { graphql } from '../graphql/generated';

export const BusinessHoursFragment = graphql(`
  fragment AccountBusinessHours on Account {
    id
    openNow
    businessHours {
      timeZone
      weekly {
        day
        opens
        closes
      }
      exceptions {
        date
        closed
        intervals {
          opens
          closes
        }
      }
    }
  }
`);

export const BusinessHoursDocument = graphql(`
  query BusinessHours {
    account {
      ...AccountBusinessHours
    }
  }
`);

export const UpdateBusinessHoursDocument = graphql(`
  mutation UpdateBusinessHours($input: UpdateAccountSettingsInput!) {
    updateAccountSettings(input: $input) {
      account {
        ...AccountBusinessHours
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
