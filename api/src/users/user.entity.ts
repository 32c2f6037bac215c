import { Entity, Enum, Index, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { NodeEntity } from '../relay/node';

export enum UserRole {
  ADMIN = 'ADMIN',
  AGENT = 'AGENT',
}
registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'What a user may do in their account.',
  valuesConfig: {
    ADMIN: { description: 'Manages users, API keys, flows and webhooks, and chats like an agent.' },
    AGENT: { description: 'Chats with visitors and reads the activity stream.' },
  },
});

/** A licensed member of an account's team. */
@ObjectType('User', { implements: NodeEntity, description: 'A licensed member of an account: an admin or an agent.' })
@Entity({ tableName: 'users' })
@Index({ properties: ['account', 'acceptingChats'] })
export class User extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => String, { description: 'Full name, shown to visitors when this user joins a chat.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Sign-in email address, unique across ChatOnce (stored lower-case).' })
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => UserRole, { description: 'ADMIN or AGENT.' })
  @Enum({ items: () => UserRole, nativeEnumName: 'user_role' })
  role!: UserRole;

  @Field(() => Boolean, { description: 'Whether this user currently receives waiting live chats in their inbox.' })
  @Property({ type: 'boolean', default: false })
  acceptingChats: Opt<boolean> = false;

  /** Checked under the user's row lock when they accept or are transferred a chat (see capacity.ts). */
  @Field(() => Int, { nullable: true, description: 'How many ACTIVE chats the user may have at once (set by an admin); null: no limit.' })
  @Property({ type: 'integer', nullable: true })
  maxConcurrentChats?: number | null = null;

  @Field(() => Date, { description: 'When the user was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  /** Set by `deactivateUser`: from then on the user cannot sign in and their tokens authenticate nothing. */
  @Field(() => Date, { nullable: true, description: 'When an admin deactivated the user (`deactivateUser`); null while they are active.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deactivatedAt?: Date | null = null;

  /** User tokens issued at or before this instant's second are refused, also once the user is reactivated. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true, hidden: true })
  tokensValidFrom?: Date | null = null;

  /** Active: may sign in and use their tokens. */
  get active(): Opt<boolean> {
    return this.deactivatedAt == null;
  }
}
