import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '../auth/auth.types';
import { PASSWORD_MAX_LENGTH } from '../auth/password';
import { MutationPayload } from '../errors/user-error';
import { ConnectionType } from '../relay/connection';
import { Conversation } from '../conversations/conversation.entity';
import { User, UserRole } from './user.entity';

@InputType('CreateUserInput', { description: 'A new licensed user of the caller’s account.' })
export class CreateUserInput {
  @Field(() => String, { description: 'Full name.' })
  @MaxLength(NAME_MAX_LENGTH)
  name!: string;

  @Field(() => String, { description: 'Sign-in email, unique across ChatOnce.' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @Field(() => String, { description: 'Initial password, at least 10 characters.' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @Field(() => UserRole, { description: 'ADMIN or AGENT.' })
  role!: UserRole;
}

@ObjectType('CreateUserPayload', { description: 'Result of `createUser`.' })
export class CreateUserPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The new user.' })
  user?: User | null;
}

@ObjectType('SetAcceptingChatsPayload', { description: 'Result of `setAcceptingChats`.' })
export class SetAcceptingChatsPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user, with `acceptingChats` updated.' })
  user?: User | null;
}

export const UserConnection = ConnectionType(User, 'User', 'user', { totalCount: true });

@InputType('UpdateUserInput', { description: 'An admin’s change to a user of their account; fields left out stay as they are.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'The user.' })
  userId!: string;

  @Field(() => Int, { nullable: true, description: 'How many ACTIVE chats the user may have at once, 1 to 100; null for no limit (`INVALID_CAPACITY` otherwise).' })
  @IsOptional()
  maxConcurrentChats?: number | null;

  @Field(() => UserRole, {
    nullable: true,
    description: 'A new role. Demoting the account’s last active admin is refused (`LAST_ADMIN`); the user’s open websockets are closed (code 4499) to reconnect with it.',
  })
  @IsOptional()
  role?: UserRole | null;
}

@InputType('UserFilter', { description: 'Narrows `users`.' })
export class UserFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: active users only; false: deactivated users only; left out: both.' })
  active?: boolean | null;
}

@InputType('DeactivateUserInput', { description: 'The user to deactivate.' })
export class DeactivateUserInput {
  @Field(() => ID, { description: 'A user of the caller’s account other than the caller (`CANNOT_DEACTIVATE_SELF`).' })
  userId!: string;
}

@ObjectType('DeactivateUserPayload', { description: 'Result of `deactivateUser`.' })
export class DeactivateUserPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user, deactivated (`active` false, `deactivatedAt` set, `acceptingChats` false).' })
  user?: User | null;

  @Field(() => [Conversation], { description: 'The chats the user was handling, now WAITING in the inbox again.' })
  requeuedConversations: Conversation[] = [];
}

@InputType('ReactivateUserInput', { description: 'The user to reactivate.' })
export class ReactivateUserInput {
  @Field(() => ID, { description: 'A deactivated user of the caller’s account.' })
  userId!: string;
}

@ObjectType('ReactivateUserPayload', { description: 'Result of `reactivateUser`.' })
export class ReactivateUserPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user, active again: they sign in with their password (tokens issued before the deactivation stay refused).' })
  user?: User | null;
}

@ObjectType('UpdateUserPayload', { description: 'Result of `updateUser`.' })
export class UpdateUserPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user as updated.' })
  user?: User | null;
}
