import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { withUserErrors } from '../errors/user-error';
import { ConnectionArgs } from '../relay/connection';
import { expectGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { DEFAULT_OVERLAP_SECONDS, MAX_OVERLAP_SECONDS } from './webhook-endpoint-rules';
import { ALL_EVENTS, enumEventType, KNOWN_WEBHOOK_EVENTS, WebhookEventType } from './webhook-events';
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  RedeliverWebhookPayload,
  RotateWebhookSecretPayload,
  SendTestWebhookPayload,
  UpdateWebhookEndpointInput,
  UpdateWebhookEndpointPayload,
  WebhookDeliveryConnection,
  WebhookEndpointConnection,
} from './webhook.types';

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized(Access.ADMIN)
  @Mutation(() => CreateWebhookEndpointPayload, { description: 'Adds a webhook endpoint (admins and API keys). Returns its signing secret once.' })
  createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput, { description: 'URL, event types, description.' }) input: CreateWebhookEndpointInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.webhooks.create(em, viewer as MemberViewer, input));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => UpdateWebhookEndpointPayload, { description: 'Changes a webhook endpoint, or enables it again (admins and API keys).' })
  updateWebhookEndpoint(@Arg('input', () => UpdateWebhookEndpointInput, { description: 'The endpoint and its changes.' }) input: UpdateWebhookEndpointInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.webhooks.update(em, viewer as MemberViewer, expectGlobalId(input.id, 'WebhookEndpoint', 'input.id'), input));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => DeleteWebhookEndpointPayload, { description: 'Deletes a webhook endpoint and its delivery history (admins and API keys).' })
  deleteWebhookEndpoint(@Arg('id', () => ID, { description: 'The endpoint.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.webhooks.delete(em, viewer as MemberViewer, expectGlobalId(id, 'WebhookEndpoint')));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => RotateWebhookSecretPayload, {
    description:
      'Gives an endpoint a new signing secret, returned once (admins and API keys). During the overlap every delivery is signed with both secrets (`webhook-signature: v1,<new> v1,<old>`), then with the new one only.',
  })
  rotateWebhookSecret(
    @Arg('id', () => ID, { description: 'The endpoint.' }) id: string,
    @Arg('overlapSeconds', () => Int, { nullable: true, description: `How long the old secret keeps signing too: 0 (stop at once) to ${MAX_OVERLAP_SECONDS} (7 days); ${DEFAULT_OVERLAP_SECONDS} (a day) when omitted.` })
    overlapSeconds: number | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return withUserErrors(() => services.webhooks.rotateSecret(em, viewer as MemberViewer, expectGlobalId(id, 'WebhookEndpoint'), overlapSeconds));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => SendTestWebhookPayload, {
    description:
      'Sends a `webhook.test` event to one endpoint, whatever it subscribes to, through the normal delivery path (signed, retried, listed in `webhookDeliveries`); nothing is added to the activity stream (admins and API keys). At most 5 per endpoint per minute.',
  })
  sendTestWebhook(@Arg('endpointId', () => ID, { description: 'The endpoint.' }) endpointId: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.webhooks.sendTest(em, viewer as MemberViewer, expectGlobalId(endpointId, 'WebhookEndpoint', 'endpointId')));
  }

  @Authorized(Access.ADMIN)
  @Query(() => WebhookEndpointConnection, { description: 'The account’s webhook endpoints, oldest first (admins and API keys).' })
  webhookEndpoints(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.webhooks.list(em, viewer as MemberViewer, args);
  }

  @Authorized(Access.ADMIN)
  @Query(() => WebhookDeliveryConnection, { description: 'Deliveries to one endpoint, newest first, each with its attempts (admins and API keys).' })
  webhookDeliveries(
    @Arg('endpointId', () => ID, { description: 'The endpoint.' }) endpointId: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return services.webhooks.deliveries(em, viewer as MemberViewer, expectGlobalId(endpointId, 'WebhookEndpoint', 'endpointId'), args);
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => RedeliverWebhookPayload, { description: 'Sends a delivery again with the same `webhook-id`, so receivers can de-duplicate (admins and API keys).' })
  redeliverWebhook(@Arg('deliveryId', () => ID, { description: 'The delivery.' }) deliveryId: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.webhooks.redeliver(em, viewer as MemberViewer, expectGlobalId(deliveryId, 'WebhookDelivery', 'deliveryId')));
  }

  @Authorized(Access.MEMBER)
  @Query(() => [String], { description: 'The webhook event types an endpoint can subscribe to ("*" means all).' })
  webhookEventTypes(): string[] {
    return [ALL_EVENTS, ...KNOWN_WEBHOOK_EVENTS];
  }

  @FieldResolver(() => [WebhookEventType], { description: 'The event types delivered, as the enum (`events` has the same as wire strings).' })
  eventTypes(@Root() endpoint: WebhookEndpoint): WebhookEventType[] {
    return endpoint.events.map(enumEventType).filter((type): type is WebhookEventType => type !== null);
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Deliveries to this endpoint, newest first.' })
  deliveries(@Root() endpoint: WebhookEndpoint, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.webhooks.deliveries(em, viewer as MemberViewer, endpoint.id, args);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => String, { description: 'The `webhook-id` header of every attempt of this delivery.' })
  webhookId(@Root() delivery: WebhookDelivery): string {
    return `msg_${delivery.id}`;
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attempts(@Root() delivery: WebhookDelivery, @Ctx() { em, services }: GraphQLContext) {
    return services.webhooks.attempts(em, delivery.id);
  }

  @FieldResolver(() => WebhookEndpoint, { description: 'The endpoint it is for.' })
  endpoint(@Root() delivery: WebhookDelivery) {
    return delivery.endpoint.load();
  }
}
