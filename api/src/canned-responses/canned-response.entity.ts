import { Entity, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { NodeEntity } from '../relay/node';
import { User } from '../users/user.entity';

/** A saved reply: text an agent inserts into the composer by its shortcut. */
@ObjectType('CannedResponse', {
  implements: NodeEntity,
  description:
    'A saved reply of the account. In the inbox composer, typing "/" and its shortcut inserts its body, with placeholders such as `{{visitor.name}}`, `{{visitor.email}}` and `{{agent.name}}` filled in. Admins manage them; every user of the account uses them.',
})
@Entity({ tableName: 'canned_responses' })
@Unique({ properties: ['account', 'shortcut'] })
export class CannedResponse extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => String, { description: 'What is typed after "/" to pick it: lowercase letters, digits, "-" and "_", unique within the account.' })
  @Property({ type: 'text' })
  shortcut!: string;

  @Field(() => String, { description: 'A short name shown in the list of saved replies.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { description: 'The text inserted, placeholders unfilled (`{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`).' })
  @Property({ type: 'text' })
  body!: string;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Field(() => Date, { description: 'When it was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'When it was last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
