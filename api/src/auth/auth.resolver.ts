import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { withUserErrors } from '../errors/user-error';
import type { GraphQLContext } from '../server/context';
import { AuthPayload, LoginInput, SignUpInput } from './auth.types';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates a new account with its first ADMIN user and signs them in.' })
  signUp(@Arg('input', () => SignUpInput, { description: 'The account and its first admin.' }) input: SignUpInput, @Ctx() { em, services }: GraphQLContext) {
    return withUserErrors(() => services.auth.signUp(em, input));
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs a user in and returns a user token. Repeated failures for one email are throttled (`TOO_MANY_ATTEMPTS`).',
  })
  login(@Arg('input', () => LoginInput, { description: 'Email and password.' }) input: LoginInput, @Ctx() { em, services }: GraphQLContext) {
    return withUserErrors(() => services.auth.login(em, input));
  }
}
