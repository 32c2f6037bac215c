import { Field, ID, InterfaceType } from 'type-graphql';
import { Entity, PrimaryKey, type Opt } from '@mikro-orm/core';
import { uuidv7 } from 'uuidv7';
import { encodeGlobalId } from './global-id';

/**
 * Base of every stored entity and the GraphQL `Node` interface at once. IDs are UUIDv7, so
 * they sort by creation time and serve directly as keyset-pagination cursors.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque ID, fetchable with `node(id:)`.',
  resolveType: (value: object) => value.constructor.name,
})
@Entity({ abstract: true })
export abstract class NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @Field(() => ID, { name: 'id', description: 'Globally unique, opaque identifier of this object.' })
  get nodeId(): Opt<string> {
    return encodeGlobalId(this.constructor.name, this.id);
  }
}
