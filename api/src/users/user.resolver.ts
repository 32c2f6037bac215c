import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { withUserErrors } from '../errors/user-error';
import { ConnectionArgs } from '../relay/connection';
import type { GraphQLContext } from '../server/context';
import { User } from './user.entity';
import { CreateUserInput, CreateUserPayload, SetAcceptingChatsPayload, UserConnection } from './user.types';

@Resolver(() => User)
export class UserResolver {
  @Authorized(Access.MEMBER)
  @Query(() => User, { nullable: true, description: 'The signed-in user (for an API key: the admin who created it).' })
  me(@Ctx() { em, viewer, services }: GraphQLContext) {
    return services.users.me(em, viewer as MemberViewer);
  }

  @Authorized(Access.MEMBER)
  @Query(() => UserConnection, { description: 'The users of the caller’s account, oldest first.' })
  users(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.users.list(em, viewer as MemberViewer, args);
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => CreateUserPayload, { description: 'Adds a licensed user to the caller’s account (admins only).' })
  createUser(@Arg('input', () => CreateUserInput, { description: 'The new user.' }) input: CreateUserInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.users.create(em, viewer as MemberViewer, input));
  }

  @Authorized(Access.MEMBER)
  @Mutation(() => SetAcceptingChatsPayload, {
    description: 'Turns the live-chat inbox on or off for the signed-in user. While on, waiting chats are shown and pushed to them.',
  })
  setAcceptingChats(
    @Arg('accepting', () => Boolean, { description: 'True to receive waiting chats, false to stop.' }) accepting: boolean,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return withUserErrors(() => services.users.setAcceptingChats(em, viewer as MemberViewer, accepting));
  }

  @FieldResolver(() => Account, { description: 'The account the user belongs to.' })
  account(@Root() user: User) {
    return user.account.load();
  }
}
