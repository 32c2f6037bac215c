import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { withUserErrors } from '../errors/user-error';
import { ConnectionArgs } from '../relay/connection';
import type { GraphQLContext } from '../server/context';
import { User } from './user.entity';
import { decodeGlobalId } from '../relay/global-id';
import {
  CreateUserInput,
  CreateUserPayload,
  DeactivateUserInput,
  DeactivateUserPayload,
  ReactivateUserInput,
  ReactivateUserPayload,
  SetAcceptingChatsPayload,
  UpdateUserInput,
  UpdateUserPayload,
  UserConnection,
  UserFilter,
} from './user.types';

/** A user ID argument as a UUID, or null when it is not one (answered like a user of another account). */
function userUuid(id: string): string | null {
  const decoded = decodeGlobalId(id);
  return decoded?.typeName === 'User' ? decoded.id : null;
}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Access.MEMBER)
  @Query(() => User, { nullable: true, description: 'The signed-in user (for an API key: the admin who created it).' })
  me(@Ctx() { em, viewer, services }: GraphQLContext) {
    return services.users.me(em, viewer as MemberViewer);
  }

  @Authorized(Access.MEMBER)
  @Query(() => UserConnection, { description: 'The users of the caller’s account, oldest first, deactivated ones included (see `User.active`) unless filtered.' })
  users(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => UserFilter, { nullable: true, description: 'Narrow to active or deactivated users.' }) filter: UserFilter | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return services.users.list(em, viewer as MemberViewer, args, { active: filter?.active });
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => CreateUserPayload, { description: 'Adds a licensed user to the caller’s account (admins only).' })
  createUser(@Arg('input', () => CreateUserInput, { description: 'The new user.' }) input: CreateUserInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.users.create(em, viewer as MemberViewer, input));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => UpdateUserPayload, { description: 'Changes a user of the caller’s account (admins only): their `maxConcurrentChats` and `role`.' })
  updateUser(@Arg('input', () => UpdateUserInput, { description: 'The user and what changes.' }) input: UpdateUserInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.users.update(em, viewer as MemberViewer, userUuid(input.userId), { maxConcurrentChats: input.maxConcurrentChats, role: input.role }));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => DeactivateUserPayload, {
    description:
      'Deactivates a user of the caller’s account (admins only), in one transaction: they can no longer sign in (`login` answers `USER_DEACTIVATED`), their tokens are refused at once (`UNAUTHENTICATED`, `extensions.reason` `USER_DEACTIVATED`) and their open websockets closed (4403), their accepting chats goes off, and their ACTIVE chats go back to WAITING in every accepting inbox (`LIVE_CHAT_REQUEUED`). Nobody can deactivate themselves (`CANNOT_DEACTIVATE_SELF`) nor the last active admin (`LAST_ADMIN`). Deactivating a deactivated user changes nothing.',
  })
  deactivateUser(@Arg('input', () => DeactivateUserInput, { description: 'The user.' }) input: DeactivateUserInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    // A refusal requeued nothing.
    return withUserErrors(() => services.users.deactivate(em, viewer as MemberViewer, userUuid(input.userId))).then((payload) => ({ requeuedConversations: [], ...payload }));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => ReactivateUserPayload, { description: 'Lets a deactivated user of the caller’s account sign in again (admins only). Reactivating an active user changes nothing.' })
  reactivateUser(@Arg('input', () => ReactivateUserInput, { description: 'The user.' }) input: ReactivateUserInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.users.reactivate(em, viewer as MemberViewer, userUuid(input.userId)));
  }

  @FieldResolver(() => Boolean, { description: 'False once an admin deactivated the user: they cannot sign in, and are left out of the team view.' })
  active(@Root() user: User) {
    return user.active;
  }

  @Authorized(Access.MEMBER)
  @Mutation(() => SetAcceptingChatsPayload, {
    description:
      'Turns the live-chat inbox on or off for the signed-in user (or, for an admin, for `userId` of their account). While on, waiting chats are shown and pushed to them. A deactivated user cannot be switched on (`USER_DEACTIVATED`).',
  })
  setAcceptingChats(
    @Arg('accepting', () => Boolean, { description: 'True to receive waiting chats, false to stop.' }) accepting: boolean,
    @Arg('userId', () => ID, { nullable: true, description: 'A teammate to switch instead of the caller (admins only; FORBIDDEN otherwise).' }) userId: string | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    // An ID that is not a user's (null here) reads like a user of another account: USER_NOT_FOUND.
    return withUserErrors(() => services.users.setAcceptingChats(em, viewer as MemberViewer, accepting, userId == null ? undefined : userUuid(userId)));
  }

  @FieldResolver(() => Int, { description: 'How many ACTIVE chats the user has now (compare with `maxConcurrentChats`).' })
  activeChatCount(@Root() user: User, @Ctx() { loaders }: GraphQLContext) {
    return loaders.activeChatCount.load(user.id);
  }

  @FieldResolver(() => Account, { description: 'The account the user belongs to.' })
  account(@Root() user: User) {
    return user.account.load();
  }
}
