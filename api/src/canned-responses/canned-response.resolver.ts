import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { withUserErrors } from '../errors/user-error';
import { expectGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import { CannedResponse } from './canned-response.entity';
import { CreateCannedResponseInput, CreateCannedResponsePayload, DeleteCannedResponsePayload, UpdateCannedResponseInput, UpdateCannedResponsePayload } from './canned-response.types';

@Resolver(() => CannedResponse)
export class CannedResponseResolver {
  @Authorized(Access.MEMBER)
  @Query(() => [CannedResponse], { description: 'The account’s saved replies, by shortcut (at most 500), for every user of the account.' })
  cannedResponses(@Ctx() { em, viewer, services }: GraphQLContext) {
    return services.cannedResponses.list(em, (viewer as MemberViewer).accountId);
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => CreateCannedResponsePayload, { description: 'Adds a saved reply (admins and API keys).' })
  createCannedResponse(@Arg('input', () => CreateCannedResponseInput, { description: 'Shortcut, title and body.' }) input: CreateCannedResponseInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.cannedResponses.create(em, viewer as MemberViewer, input));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => UpdateCannedResponsePayload, { description: 'Changes a saved reply (admins and API keys).' })
  updateCannedResponse(@Arg('input', () => UpdateCannedResponseInput, { description: 'The saved reply and its changes.' }) input: UpdateCannedResponseInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.cannedResponses.update(em, viewer as MemberViewer, expectGlobalId(input.id, 'CannedResponse', 'input.id'), input));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => DeleteCannedResponsePayload, { description: 'Deletes a saved reply (admins and API keys).' })
  deleteCannedResponse(@Arg('id', () => ID, { description: 'The saved reply.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.cannedResponses.delete(em, viewer as MemberViewer, expectGlobalId(id, 'CannedResponse')));
  }
}
