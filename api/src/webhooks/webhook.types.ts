import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { ConnectionType } from '../relay/connection';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { WebhookEventType } from './webhook-events';

const EVENTS_DEPRECATION = 'Use `eventTypes` (the WebhookEventType enum); the wire strings stay as they are.';

@InputType('CreateWebhookEndpointInput', { description: 'A new endpoint for webhooks.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'Where to POST deliveries; https (http only where the server allows it). Its host must resolve, to public addresses only (`INVALID_URL`, `PRIVATE_ADDRESS`).',
  })
  @MaxLength(2000)
  url!: string;

  @Field(() => [String], {
    nullable: true,
    deprecationReason: EVENTS_DEPRECATION,
    description: 'Event types to receive as wire strings, e.g. ["live_chat.accepted", "contact.created"], or ["*"] for all. See `webhookEventTypes`. Given with `eventTypes`, the endpoint receives both.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  events?: string[] | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'Event types to receive, e.g. [LIVE_CHAT_ACCEPTED, CONTACT_CREATED], or [ALL]. One of `eventTypes` and `events` is required (`NO_EVENTS`).' })
  @IsOptional()
  @ArrayMaxSize(50)
  eventTypes?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@InputType('UpdateWebhookEndpointInput', { description: 'Changes to an endpoint; omitted fields stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New URL, checked as on creation.' })
  @IsOptional()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [String], { nullable: true, deprecationReason: EVENTS_DEPRECATION, description: 'New event types, as wire strings (with `eventTypes`: both).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  events?: string[] | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'New event types, replacing the old ones.' })
  @IsOptional()
  @ArrayMaxSize(50)
  eventTypes?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Enable (e.g. after a 410 disabled it) or disable the endpoint.' })
  @IsOptional()
  enabled?: boolean | null;
}

@ObjectType('CreateWebhookEndpointPayload', { description: 'Result of `createWebhookEndpoint`. The secret is shown here once.' })
export class CreateWebhookEndpointPayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The new endpoint.' })
  endpoint?: WebhookEndpoint | null;

  @Field(() => String, { nullable: true, description: 'The signing secret (`whsec_…`) to verify `webhook-signature`. Store it now: it is shown once.' })
  secret?: string | null;
}

@ObjectType('UpdateWebhookEndpointPayload', { description: 'Result of `updateWebhookEndpoint`.' })
export class UpdateWebhookEndpointPayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint, updated.' })
  endpoint?: WebhookEndpoint | null;
}

@ObjectType('DeleteWebhookEndpointPayload', { description: 'Result of `deleteWebhookEndpoint`.' })
export class DeleteWebhookEndpointPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted endpoint.' })
  deletedEndpointId?: string | null;
}

@ObjectType('RedeliverWebhookPayload', { description: 'Result of `redeliverWebhook`.' })
export class RedeliverWebhookPayload extends MutationPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, queued again (same `webhook-id`).' })
  delivery?: WebhookDelivery | null;
}

@ObjectType('RotateWebhookSecretPayload', { description: 'Result of `rotateWebhookSecret`. The new secret is shown here once.' })
export class RotateWebhookSecretPayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint, with its new secret.' })
  endpoint?: WebhookEndpoint | null;

  @Field(() => String, { nullable: true, description: 'The new signing secret (`whsec_…`). Store it now: it is shown once.' })
  secret?: string | null;

  @Field(() => Date, { nullable: true, description: 'Until when deliveries are signed with the old secret as well (`webhook-signature: v1,<new> v1,<old>`); null when `overlapSeconds` was 0.' })
  previousSecretExpiresAt?: Date | null;
}

@ObjectType('SendTestWebhookPayload', { description: 'Result of `sendTestWebhook`.' })
export class SendTestWebhookPayload extends MutationPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The `webhook.test` delivery, queued: its attempts show in `webhookDeliveries` like any other.' })
  delivery?: WebhookDelivery | null;
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, 'WebhookEndpoint', 'webhook endpoint', { totalCount: true });
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery', 'webhook delivery');
