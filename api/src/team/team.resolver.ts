import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import type { GraphQLContext } from '../server/context';
import { Team } from './team.types';

@Resolver(() => Team)
export class TeamResolver {
  @Authorized(Access.MEMBER)
  @Query(() => Team, { description: 'The caller’s team: who is accepting chats, each one’s active chats and capacity, and the waiting chats with their age.' })
  team(@Ctx() { em, viewer, services }: GraphQLContext) {
    return services.team.overview(em, (viewer as MemberViewer).accountId);
  }
}
