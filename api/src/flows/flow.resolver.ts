import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { withUserErrors } from '../errors/user-error';
import { ConnectionArgs } from '../relay/connection';
import { expectGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import { Flow, FlowVersion } from './flow.entity';
import { CreateFlowInput, FlowConnection, FlowPayload, FlowStatus, FlowVersionConnection, PublishFlowPayload, UpdateFlowInput } from './flow.types';

@Resolver(() => Flow)
export class FlowResolver {
  @Authorized(Access.MEMBER)
  @Query(() => FlowConnection, { description: 'The account’s flows, oldest first.' })
  flows(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.flows.list(em, viewer as MemberViewer, args);
  }

  @Authorized(Access.MEMBER)
  @Query(() => Flow, { nullable: true, description: 'One flow of the account, or null.' })
  flow(@Arg('id', () => ID, { description: 'The flow.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.flows.get(em, viewer as MemberViewer, expectGlobalId(id, 'Flow'));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => FlowPayload, {
    description:
      'Creates a flow as a draft (admins only). Publish it with `publishFlow`. Each step is checked as it is saved: the fields its kind needs, settings in range (`timeoutSeconds`), and every `next` naming a step; problems come back as `userErrors` with `field` paths like `["input", "steps", "2", "liveChat", "timeoutSeconds"]`, and nothing is saved. Only size limits (text lengths, step counts) are GraphQL errors (`BAD_USER_INPUT`).',
  })
  createFlow(@Arg('input', () => CreateFlowInput, { description: 'Name and steps.' }) input: CreateFlowInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.flows.create(em, viewer as MemberViewer, input));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => FlowPayload, {
    description:
      'Changes a flow’s draft (admins only), checked as in `createFlow`: with `userErrors` nothing changes, name included. A draft may be incomplete (an unreachable step, no END yet); `publishFlow` refuses that. Running conversations keep the version they started on.',
  })
  updateFlow(@Arg('input', () => UpdateFlowInput, { description: 'The flow and its changes.' }) input: UpdateFlowInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.flows.update(em, viewer as MemberViewer, expectGlobalId(input.id, 'Flow', 'input.id'), input));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => PublishFlowPayload, {
    description:
      'Validates the draft (the checks of every save, then: at least one step, an END is reachable, no step is unreachable, live chat enabled where used) and publishes it as a new version (admins only). Problems come back as `userErrors` with `field` paths like `["steps", "2", "next"]`.',
  })
  publishFlow(@Arg('id', () => ID, { description: 'The flow.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.flows.publish(em, viewer as MemberViewer, expectGlobalId(id, 'Flow')));
  }

  @FieldResolver(() => FlowStatus, { description: 'DRAFT until first published, then PUBLISHED.' })
  status(@Root() flow: Flow): FlowStatus {
    return flow.publishedVersion ? FlowStatus.PUBLISHED : FlowStatus.DRAFT;
  }

  @FieldResolver(() => FlowVersion, { nullable: true, description: 'The version new conversations start on; null until published.' })
  publishedVersion(@Root() flow: Flow, @Ctx() { services }: GraphQLContext) {
    return services.flows.publishedVersion(flow);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the draft differs from the published version (true for a draft never published).' })
  hasUnpublishedChanges(@Root() flow: Flow, @Ctx() { services }: GraphQLContext) {
    return services.flows.hasUnpublishedChanges(flow);
  }

  @FieldResolver(() => FlowVersionConnection, { description: 'Published versions, newest first.' })
  versions(@Root() flow: Flow, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, services }: GraphQLContext) {
    return services.flows.versions(em, flow, args);
  }
}

@Resolver(() => FlowVersion)
export class FlowVersionResolver {
  @FieldResolver(() => Flow, { description: 'The flow this version belongs to.' })
  flow(@Root() version: FlowVersion) {
    return version.flow.load();
  }
}
