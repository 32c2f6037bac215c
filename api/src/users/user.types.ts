import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '../auth/auth.types';
import { PASSWORD_MAX_LENGTH } from '../auth/password';
import { MutationPayload } from '../errors/user-error';
import { ConnectionType } from '../relay/connection';
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
}

@ObjectType('UpdateUserPayload', { description: 'Result of `updateUser`.' })
export class UpdateUserPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user as updated.' })
  user?: User | null;
}
