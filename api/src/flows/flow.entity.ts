import { Entity, Index, ManyToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';
import { NodeEntity } from '../relay/node';
import { FlowStep } from './flow-step.types';

/** A bot conversation as admins edit it: a draft, plus the versions published from it. */
@ObjectType('Flow', {
  implements: NodeEntity,
  description: 'A bot conversation that qualifies visitors. Admins edit its draft `steps`; `publishFlow` freezes them into a new FlowVersion.',
})
@Entity({ tableName: 'flows' })
@Index({ properties: ['account', 'id'] })
export class Flow extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => String, { description: 'Name shown to admins.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => [FlowStep], { description: 'The draft steps, in order; the first is where a conversation starts.' })
  @Property({ type: 'json' })
  steps!: FlowStep[];

  @ManyToOne(() => 'FlowVersion', { ref: true, nullable: true, deleteRule: 'set null' })
  publishedVersion?: Ref<FlowVersion> | null;

  @Field(() => Date, { description: 'When the flow was created.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'When the draft was last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** An immutable snapshot of a flow's steps; conversations keep the version they started on. */
@ObjectType('FlowVersion', {
  implements: NodeEntity,
  description: 'An immutable, published snapshot of a flow. A conversation runs on the version it started on.',
})
@Entity({ tableName: 'flow_versions' })
@Unique({ properties: ['flow', 'version'] })
export class FlowVersion extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Flow, { ref: true, deleteRule: 'cascade' })
  flow!: Ref<Flow>;

  @Field(() => Int, { description: 'Version number, 1 for the first publication of the flow.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => [FlowStep], { description: 'The steps as published.' })
  @Property({ type: 'json' })
  steps!: FlowStep[];

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  publishedBy?: Ref<User> | null;

  @Field(() => Date, { description: 'When this version was published.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  publishedAt: Opt<Date> = new Date();
}
