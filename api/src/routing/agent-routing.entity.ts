import { Entity, ManyToOne, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';

/**
 * What AUTO assignment remembers of each user: when they last took a chat (accepted one, or
 * were transferred one), so the longest idle is offered first. Written on every accept and
 * transfer, whatever the account's mode, so switching to AUTO starts from real history.
 * Its own table, not a column of users: the users' read cache drops a user at every change.
 */
@Entity({ tableName: 'agent_routing' })
export class AgentRouting {
  @ManyToOne(() => User, { primary: true, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  [PrimaryKeyProp]?: 'user';

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  lastAssignedAt!: Date;
}
