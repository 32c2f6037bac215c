import { ArrayType, Entity, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';
import { NodeEntity } from '../relay/node';
import type { ApiKeyScope } from './api-key-scopes';

/** A credential for integrations; only a SHA-256 of the secret is stored. */
@ObjectType('ApiKey', {
  implements: NodeEntity,
  description: 'A credential for integrations. It acts within its account with the rights its `scopes` grant, until it expires or is revoked. The secret is shown once, at creation.',
})
@Entity({ tableName: 'api_keys' })
export class ApiKey extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  createdBy!: Ref<User>;

  @Field(() => String, { description: 'What the key is for, as its creator named it.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'The first characters of the secret, to tell keys apart.' })
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text', unique: true, hidden: true })
  secretHash!: string;

  @Field(() => Date, { description: 'When the key was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true, description: 'When the key last authenticated a request.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  /** What the key may do; null: everything, including scopes added later (keys made without scopes). */
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  scopes?: ApiKeyScope[] | null;

  @Field(() => Date, { nullable: true, description: 'When the key stops authenticating (null: never); its open websockets close then.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; a revoked key authenticates nothing.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
