import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { withUserErrors } from '../errors/user-error';
import { ConnectionArgs } from '../relay/connection';
import { expectGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import { ApiKey } from './api-key.entity';
import { ApiKeyConnection, CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.types';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Access.ADMIN)
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key for an integration (admins only). The secret is returned once.' })
  createApiKey(@Arg('input', () => CreateApiKeyInput, { description: 'The key’s name.' }) input: CreateApiKeyInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.apiKeys.create(em, viewer as MemberViewer, input.name));
  }

  @Authorized(Access.ADMIN)
  @Query(() => ApiKeyConnection, { description: 'The account’s API keys, revoked ones included, oldest first (admins only).' })
  apiKeys(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.apiKeys.list(em, viewer as MemberViewer, args);
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes an API key; it stops working immediately (admins only).' })
  revokeApiKey(@Arg('id', () => ID, { description: 'The API key.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.apiKeys.revoke(em, viewer as MemberViewer, expectGlobalId(id, 'ApiKey')));
  }
}
