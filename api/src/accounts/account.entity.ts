import { BigIntType, Entity, Enum, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { NodeEntity } from '../relay/node';
import { AssignmentMode, DEFAULT_OFFER_SECONDS } from '../routing/assignment-mode';
import type { BusinessHours as StoredBusinessHours } from './business-hours';
import { BusinessHours } from './business-hours.types';

/** Reminder interval of a new account (see Account.reminderSeconds). */
export const DEFAULT_REMINDER_SECONDS = 20;

/** A customer of ChatOnce: one business, its users, flows, contacts and conversations. */
@ObjectType('Account', { implements: NodeEntity, description: 'A customer business: its users, flows, contacts and conversations.' })
@Entity({ tableName: 'accounts' })
export class Account extends NodeEntity {
  @Field(() => String, { description: 'Display name of the business.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Boolean, {
    description: 'Whether live chat is rolled out to this account. Switched by the platform operator; while false, flows with a LIVE_CHAT step cannot be published.',
  })
  @Property({ type: 'boolean', default: false })
  liveChatEnabled: Opt<boolean> = false;

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds between reminders while a chat waits: every accepting user’s inbox rings again (`InboxEvent.kind` REMINDER) until the chat is accepted, ends or times out. Null: no reminders. Default 20.',
  })
  @Property({ type: 'integer', nullable: true, default: DEFAULT_REMINDER_SECONDS })
  reminderSeconds: Opt<number> | null = DEFAULT_REMINDER_SECONDS;

  /** The identity verification secret, sealed (secret-box); shown once by `rotateIdentitySecret`. */
  @Property({ type: 'text', nullable: true, hidden: true })
  identitySecretSealed?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the identity verification secret was last set by `rotateIdentitySecret`; null: identity verification is off (an `identity` given to `startConversation` is IDENTITY_NOT_CONFIGURED).' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  identitySecretRotatedAt?: Date | null;

  @Field(() => Boolean, { description: 'Whether agents see the visitor’s draft while the visitor types (“sneak peek”). Default false.' })
  @Property({ type: 'boolean', default: false })
  typingPreview: Opt<boolean> = false;

  @Field(() => BusinessHours, {
    nullable: true,
    description: 'When the team takes live chats. Null: always open. Outside them, a LIVE_CHAT step with `offlineMode` LEAVE_MESSAGE takes a message instead (see `openNow`).',
  })
  @Property({ type: 'jsonb', nullable: true })
  businessHours?: StoredBusinessHours | null;

  @Field(() => AssignmentMode, { description: 'MANUAL (the default): every accepting user sees every waiting chat. AUTO: each waiting chat is offered to one user at a time (see `offerSeconds`).' })
  @Enum({ items: () => AssignmentMode, nativeEnumName: 'assignment_mode', default: AssignmentMode.MANUAL })
  assignment: Opt<AssignmentMode> = AssignmentMode.MANUAL;

  @Field(() => Int, { description: `With AUTO assignment: how long one user has to accept the chat offered to them, in seconds, before it is offered to the next. Default ${DEFAULT_OFFER_SECONDS}.` })
  @Property({ type: 'integer', default: DEFAULT_OFFER_SECONDS })
  offerSeconds: Opt<number> = DEFAULT_OFFER_SECONDS;

  /** Last position handed to an activity event of this account (see ActivityService.record). */
  @Property({ type: new BigIntType('number'), default: 0 })
  activityPosition: Opt<number> = 0;

  @Field(() => Date, { description: 'When the account was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
