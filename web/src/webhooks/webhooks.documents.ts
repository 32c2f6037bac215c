import { graphql } from '../graphql/generated';

export const AdminWebhookEndpointFragment = graphql(`
  fragment AdminWebhookEndpoint on WebhookEndpoint {
    id
    url
    description
    events
    enabled
    disabledAt
    disabledReason
    createdAt
  }
`);

export const AdminWebhookEndpointsDocument = graphql(`
  query AdminWebhookEndpoints {
    webhookEndpoints(first: 100) {
      edges {
        node {
          ...AdminWebhookEndpoint
        }
      }
    }
  }
`);

export const AdminCreateWebhookEndpointDocument = graphql(`
  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        ...AdminWebhookEndpoint
      }
      secret
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const AdminUpdateWebhookEndpointDocument = graphql(`
  mutation AdminUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      endpoint {
        ...AdminWebhookEndpoint
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const AdminDeleteWebhookEndpointDocument = graphql(`
  mutation AdminDeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id) {
      deletedEndpointId
      userErrors {
        code
        message
      }
    }
  }
`);

export const AdminWebhookDeliveryFragment = graphql(`
  fragment AdminWebhookDelivery on WebhookDelivery {
    id
    eventType
    status
    attemptCount
    createdAt
    completedAt
    nextAttemptAt
    skippedReason
    webhookId
    attempts {
      id
      attemptNumber
      startedAt
      durationMs
      responseStatus
      error
    }
  }
`);

export const AdminWebhookDeliveriesDocument = graphql(`
  query AdminWebhookDeliveries($endpointId: ID!, $after: String) {
    node(id: $endpointId) {
      id
      ... on WebhookEndpoint {
        ...AdminWebhookEndpoint
      }
    }
    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {
      edges {
        node {
          ...AdminWebhookDelivery
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdminRedeliverWebhookDocument = graphql(`
  mutation AdminRedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      delivery {
        ...AdminWebhookDelivery
      }
      userErrors {
        code
        message
      }
    }
  }
`);
