import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { ConnectionType } from '../relay/connection';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';

@InputType('CreateWebhookEndpointInput', { description: 'A new endpoint for webhooks.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'Where to POST deliveries; https (http only where the server allows it). Its host must resolve, to public addresses only (`INVALID_URL`, `PRIVATE_ADDRESS`).',
  })
  @MaxLength(2000)
  url!: string;

  @Field(() => [String], { description: 'Event types to receive, e.g. ["live_chat.accepted", "contact.created"], or ["*"] for all. See `webhookEventTypes`.' })
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  events!: string[];

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

  @Field(() => [String], { nullable: true, description: 'New event types.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  events?: string[] | null;

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

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, 'WebhookEndpoint', 'webhook endpoint', { totalCount: true });
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery', 'webhook delivery');
