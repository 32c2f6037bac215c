import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from '../users/user.entity';
import { ALL_SCOPES, ApiKeyScope } from './api-key-scopes';
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
  // A key that could mint keys would outlive its own revocation through the keys it made.
  @Authorized(Access.ADMIN_USER)
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key for an integration (admins signed in as users; API keys cannot). The secret is returned once.' })
  createApiKey(@Arg('input', () => CreateApiKeyInput, { description: 'The key’s name, scopes and expiry.' }) input: CreateApiKeyInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.apiKeys.create(em, viewer as MemberViewer, input));
  }

  @Authorized(Access.ADMIN)
  @Query(() => ApiKeyConnection, { description: 'The account’s API keys, revoked ones included, oldest first (admins only).' })
  apiKeys(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.apiKeys.list(em, viewer as MemberViewer, args);
  }

  @FieldResolver(() => [ApiKeyScope], { description: 'What the key may do; a request outside them is FORBIDDEN, naming the missing scope in `extensions.missingScope`.' })
  scopes(@Root() apiKey: ApiKey): readonly ApiKeyScope[] {
    return apiKey.scopes ?? ALL_SCOPES;
  }

  @FieldResolver(() => User, { description: 'The admin who created the key: it acts in their name, and goes when they are deleted.' })
  createdBy(@Root() apiKey: ApiKey) {
    return apiKey.createdBy.load();
  }

  // Managing credentials is a person's act: a leaked key must not be able to revoke the keys of the other integrations.
  @Authorized(Access.ADMIN_USER)
  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes an API key; it stops working immediately (admins signed in as users; API keys cannot).' })
  revokeApiKey(@Arg('id', () => ID, { description: 'The API key.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.apiKeys.revoke(em, viewer as MemberViewer, expectGlobalId(id, 'ApiKey')));
  }
}
