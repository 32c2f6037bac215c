import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { ActivityEvent } from '../activity/activity-event.entity';
import { NodeEntity } from '../relay/node';

/** Where an account wants its activity delivered, signed with a per-endpoint secret. */
@Entity({ tableName: 'webhook_endpoints' })
@Index({ properties: ['account', 'id'] })
export class WebhookEndpoint extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** Activity event types delivered to this endpoint. */
  @Property({ type: 'text[]' })
  events!: string[];

  /** The signing secret, encrypted at rest: signing needs it back, so it cannot be hashed. */
  @Property({ type: 'text', hidden: true })
  secretCiphertext!: string;

  @Property({ type: 'boolean', default: true })
  enabled: Opt<boolean> = true;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  disabledAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  RETRYING = 'RETRYING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** One event to deliver to one endpoint (the outbox row); its attempts are recorded apart. */
@Entity({ tableName: 'webhook_deliveries' })
@Index({ properties: ['endpoint', 'id'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Unique({ properties: ['endpoint', 'event'] })
export class WebhookDelivery extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => WebhookEndpoint, { ref: true, deleteRule: 'cascade' })
  endpoint!: Ref<WebhookEndpoint>;

  @ManyToOne(() => ActivityEvent, { ref: true, deleteRule: 'cascade' })
  event!: Ref<ActivityEvent>;

  @Property({ type: 'text' })
  eventType!: string;

  /** The JSON body sent, fixed at creation so redeliveries send the same bytes. */
  @Property({ type: 'text' })
  payload!: string;

  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: Opt<WebhookDeliveryStatus> = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer', default: 0 })
  attemptCount: Opt<number> = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  completedAt?: Date | null;
}

/** One HTTP attempt of a delivery: what was answered and how long it took. */
@Entity({ tableName: 'webhook_attempts' })
@Index({ properties: ['delivery', 'id'] })
export class WebhookAttempt extends NodeEntity {
  @ManyToOne(() => WebhookDelivery, { ref: true, deleteRule: 'cascade' })
  delivery!: Ref<WebhookDelivery>;

  @Property({ type: 'integer' })
  attemptNumber!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startedAt: Opt<Date> = new Date();

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: 'integer', nullable: true })
  responseStatus?: number | null;

  /** At most a few KiB of the response body, for debugging receivers. */
  @Property({ type: 'text', nullable: true })
  responseExcerpt?: string | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
