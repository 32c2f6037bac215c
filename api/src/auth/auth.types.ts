import { IsString, MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { User } from '../users/user.entity';
import { PASSWORD_MAX_LENGTH } from './password';

export const NAME_MAX_LENGTH = 120;
export const EMAIL_MAX_LENGTH = 254;

@InputType('SignUpInput', { description: 'A new account and its first admin.' })
export class SignUpInput {
  @Field(() => String, { description: 'Name of the business.' })
  @MaxLength(NAME_MAX_LENGTH)
  accountName!: string;

  @Field(() => String, { description: 'Full name of the first admin.' })
  @MaxLength(NAME_MAX_LENGTH)
  name!: string;

  @Field(() => String, { description: 'Sign-in email of the first admin.' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

@InputType('LoginInput', { description: 'Credentials of a user.' })
export class LoginInput {
  @Field(() => String, { description: 'Sign-in email.' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @Field(() => String, { description: 'Password.' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

@ObjectType('AuthPayload', { description: 'Result of `signUp` and `login`.' })
export class AuthPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'User token: send it as `Authorization: Bearer <token>`.' })
  token?: string | null;

  @Field(() => User, { nullable: true, description: 'The signed-in user.' })
  user?: User | null;
}
