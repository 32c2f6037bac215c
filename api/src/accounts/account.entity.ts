import { BigIntType, Entity, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { NodeEntity } from '../relay/node';

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

  /** Last position handed to an activity event of this account (see ActivityService.record). */
  @Property({ type: new BigIntType('number'), default: 0 })
  activityPosition: Opt<number> = 0;

  @Field(() => Date, { description: 'When the account was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
