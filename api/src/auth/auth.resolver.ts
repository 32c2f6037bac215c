import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { withUserErrors } from '../errors/user-error';
import type { GraphQLContext } from '../server/context';
import type { SignedIn } from './auth.service';
import { AuthPayload, LoginInput, SignUpInput } from './auth.types';
import { actAlsoAs } from './tenant-access';

/** The payload's user is read as the user just signed in, whatever token the request carried. */
function signedInAs(context: GraphQLContext, signedIn: SignedIn): SignedIn {
  const { user } = signedIn;
  actAlsoAs(context, { kind: 'user', userId: user.id, accountId: user.account.id, role: user.role });
  return signedIn;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates a new account with its first ADMIN user and signs them in.' })
  signUp(@Arg('input', () => SignUpInput, { description: 'The account and its first admin.' }) input: SignUpInput, @Ctx() context: GraphQLContext) {
    return withUserErrors(async () => signedInAs(context, await context.services.auth.signUp(context.em, input)));
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs a user in and returns a user token. Repeated failures for one email are throttled (`TOO_MANY_ATTEMPTS`).',
  })
  login(@Arg('input', () => LoginInput, { description: 'Email and password.' }) input: LoginInput, @Ctx() context: GraphQLContext) {
    return withUserErrors(async () => signedInAs(context, await context.services.auth.login(context.em, input)));
  }
}
