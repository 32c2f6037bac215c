import { Entity, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { NodeEntity } from '../relay/node';
import { User } from '../users/user.entity';

/**
 * One stretch of time a user was accepting chats, from switching on to switching off (open
 * while they still are). Written by `syncAcceptingPeriod` whenever `setAcceptingChats` runs, so
 * reports can tell how long each user took chats and which chats timed out while they did.
 * Not exposed in the schema: reports aggregate it.
 */
@Entity({ tableName: 'accepting_periods' })
@Index({ properties: ['account', 'startedAt'] })
// A user has at most one open period: a second "on" finds it and changes nothing.
@Index({
  name: 'accepting_periods_open_index',
  expression: 'create unique index "accepting_periods_open_index" on "accepting_periods" ("user_id") where "ended_at" is null',
})
export class AcceptingPeriod extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startedAt!: Date;

  /** Null while the user is still accepting chats. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  endedAt?: Opt<Date> | null = null;
}
