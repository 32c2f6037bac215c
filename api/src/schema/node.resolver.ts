import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { Access, requireScopeForNode } from '../auth/auth-checker';
import { Reach, reachOf } from '../auth/tenant-access';
import { decodeGlobalId } from '../relay/global-id';
import { NodeEntity } from '../relay/node';
import type { GraphQLContext } from '../server/context';

@Resolver()
export class NodeResolver {
  @Authorized(Access.MEMBER)
  @Query(() => NodeEntity, { nullable: true, description: 'Any object by its global ID, or null when it does not exist or is outside your account.' })
  async node(@Arg('id', () => ID, { description: 'A global ID.' }) id: string, @Ctx() context: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<NodeEntity | null> {
    const decoded = decodeGlobalId(id);
    // Every object type implementing Node is an entity of the same name.
    const type = decoded && info.schema.getType(decoded.typeName);
    if (!decoded || !isObjectType(type) || !type.getInterfaces().some((face) => face.name === 'Node')) return null;
    const meta = context.em.getMetadata().find(decoded.typeName);
    if (!meta) return null;
    const entity = (await context.em.findOne(meta.class, decoded.id)) as NodeEntity | null;
    // The same rule as every field: only what a member of the object's account (admin, where needed) reads.
    if (!entity || (await reachOf(context, entity)) !== Reach.MEMBER) return null;
    requireScopeForNode(context.viewer, decoded.typeName);
    return entity;
  }
}
