import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { ActivityEvent } from '../activity/activity-event.entity';
import { NodeEntity } from '../relay/node';

/** Where an account wants its activity delivered, signed with a per-endpoint secret. */
@ObjectType('WebhookEndpoint', { implements: NodeEntity, description: 'A URL that receives the account’s events as signed webhooks (Standard Webhooks).' })
@Entity({ tableName: 'webhook_endpoints' })
@Index({ properties: ['account', 'id'] })
export class WebhookEndpoint extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  @Property({ type: 'text' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** Activity event types delivered to this endpoint, as wire strings (`eventTypes` shows them as the enum). */
  @Field(() => [String], { description: 'Event types delivered, as on the wire, e.g. `live_chat.accepted`; `*` for all.' })
  @Property({ type: 'text[]' })
  events!: string[];

  /** The signing secret, encrypted at rest: signing needs it back, so it cannot be hashed. */
  @Property({ type: 'text', hidden: true })
  secretCiphertext!: string;

  /** The secret replaced by the latest rotation, encrypted like the current one; deliveries are signed with it too until `previousSecretExpiresAt`. */
  @Property({ type: 'text', hidden: true, nullable: true })
  previousSecretCiphertext?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when deliveries also carry a signature made with the secret replaced by the latest `rotateWebhookSecret` (past once the overlap is over; null when there is none).',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  previousSecretExpiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the signing secret was last rotated; null if never.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  secretRotatedAt?: Date | null;

  @Field(() => Boolean, { description: 'Whether deliveries are sent. A receiver answering 410 Gone disables its endpoint.' })
  @Property({ type: 'boolean', default: true })
  enabled: Opt<boolean> = true;

  @Field(() => Date, { nullable: true, description: 'When the endpoint was disabled.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  disabledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  @Field(() => Date, { description: 'When the endpoint was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  RETRYING = 'RETRYING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not attempted yet.' },
    RETRYING: { description: 'An attempt failed; another is scheduled at `nextAttemptAt`.' },
    SUCCEEDED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Given up: a final 4xx, 410 Gone, or every retry failed.' },
    SKIPPED: {
      description:
        'Not sent because the endpoint was disabled when the event happened (or before its attempt); `skippedReason` says so. Never sent on its own, not even once the endpoint is enabled again: `redeliverWebhook` sends it.',
    },
  },
});

/** One event to deliver to one endpoint (the outbox row); its attempts are recorded apart. */
@ObjectType('WebhookDelivery', { implements: NodeEntity, description: 'One event sent (or to be sent) to one endpoint, with every attempt.' })
@Entity({ tableName: 'webhook_deliveries' })
@Index({ properties: ['endpoint', 'id'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Unique({ properties: ['endpoint', 'event'] })
export class WebhookDelivery extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => WebhookEndpoint, { ref: true, deleteRule: 'cascade' })
  endpoint!: Ref<WebhookEndpoint>;

  /** The activity event delivered; null for a `webhook.test` delivery, which records no activity. */
  @ManyToOne(() => ActivityEvent, { ref: true, nullable: true, deleteRule: 'cascade' })
  event?: Ref<ActivityEvent> | null;

  @Field(() => String, { description: 'The webhook event type, e.g. `live_chat.timed_out`, or `webhook.test` for a delivery of `sendTestWebhook`.' })
  @Property({ type: 'text' })
  eventType!: string;

  /** The JSON body sent, fixed at creation so redeliveries send the same bytes. */
  @Field(() => String, { description: 'The exact JSON body sent, the same bytes on every attempt.' })
  @Property({ type: 'text' })
  payload!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'PENDING, RETRYING, SUCCEEDED, FAILED or SKIPPED.' })
  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: Opt<WebhookDeliveryStatus> = WebhookDeliveryStatus.PENDING;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Property({ type: 'integer', default: 0 })
  attemptCount: Opt<number> = 0;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (RETRYING).' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;

  @Field(() => Date, { description: 'When the event was put in the outbox.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true, description: 'When it succeeded, was given up or was skipped.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why a SKIPPED delivery was not sent: `endpoint disabled`. Null in every other status.' })
  @Property({ type: 'text', nullable: true })
  skippedReason?: string | null;
}

/** One HTTP attempt of a delivery: what was answered and how long it took. */
@ObjectType('WebhookAttempt', { implements: NodeEntity, description: 'One HTTP attempt of a delivery.' })
@Entity({ tableName: 'webhook_attempts' })
@Index({ properties: ['delivery', 'id'] })
export class WebhookAttempt extends NodeEntity {
  @ManyToOne(() => WebhookDelivery, { ref: true, deleteRule: 'cascade' })
  delivery!: Ref<WebhookDelivery>;

  @Field(() => Int, { description: '1 for the first attempt.' })
  @Property({ type: 'integer' })
  attemptNumber!: number;

  @Field(() => Date, { description: 'When the request was sent.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startedAt: Opt<Date> = new Date();

  @Field(() => Int, { description: 'How long until the response (or the failure), in milliseconds.' })
  @Property({ type: 'integer' })
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when no response came.' })
  @Property({ type: 'integer', nullable: true })
  responseStatus?: number | null;

  /** The start of the response body, for debugging receivers. */
  @Field(() => String, { nullable: true, description: 'The start of the response body (at most 2 KiB).' })
  @Property({ type: 'text', nullable: true })
  responseExcerpt?: string | null;

  @Field(() => String, { nullable: true, description: 'Why no response came: timeout, refused connection, blocked address…' })
  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
