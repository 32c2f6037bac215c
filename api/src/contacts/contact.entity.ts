import { Entity, Index, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Account } from '../accounts/account.entity';
import { NodeEntity } from '../relay/node';

/** A website visitor as the account knows them: details given and answers to the bot. */
@ObjectType('Contact', { implements: NodeEntity, description: 'A website visitor, with the details they gave and their answers to the bot.' })
@Entity({ tableName: 'contacts' })
@Index({ properties: ['account', 'id'] })
@Index({ properties: ['account', 'email'] })
// Incremental sync: what changed since a CRM's last run, oldest change first.
@Index({ properties: ['account', 'updatedAt', 'id'] })
// The contact a captured email joins (contact-merge.ts), whatever the case it was typed in.
@Index({ name: 'contacts_account_lower_email_index', expression: 'create index "contacts_account_lower_email_index" on "contacts" ("account_id", lower("email")) where "email" is not null' })
// One contact per verified user of the customer's site.
@Index({ name: 'contacts_account_external_user_id_unique', expression: 'create unique index "contacts_account_external_user_id_unique" on "contacts" ("account_id", "external_user_id") where "external_user_id" is not null' })
export class Contact extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => String, { nullable: true, description: 'The customer’s own user ID of this person, from a verified `identity` (see `startConversation`); null for visitors never verified.' })
  @Property({ type: 'text', nullable: true })
  externalUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name, when the visitor gave it.' })
  @Property({ type: 'text', nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address, when the visitor gave it (validated).' })
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Answers to the bot and custom fields, by field name.' })
  @Property({ type: 'json' })
  fields: Opt<Record<string, string>> = {};

  @Field(() => Date, { description: 'When the contact was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'When the contact last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  /** Set by `deleteContact`: the personal data is gone, the row stays so counts and timelines hold. */
  @Field(() => Date, {
    nullable: true,
    description: 'When `deleteContact` erased this contact: its name, email and fields are empty, its messages read “[erased]”. Null for a contact that was not erased.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  erasedAt?: Date | null;
}
