import { Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { Contact } from '../contacts/contact.entity';
import { withUserErrors } from '../errors/user-error';
import type { GraphQLContext } from '../server/context';
import { RotateIdentitySecretPayload } from './identity.types';

@Resolver(() => Contact)
export class IdentityResolver {
  // A secret that lets a site vouch for its users is a person's to mint, as API keys are.
  @Authorized(Access.ADMIN_USER)
  @Mutation(() => RotateIdentitySecretPayload, {
    description:
      'Creates the account’s identity verification secret, or replaces it (admins signed in as users). Returned once: the site’s server signs each user ID with it (`startConversation(input: { identity })`). Signatures made with a previous secret stop verifying at once.',
  })
  rotateIdentitySecret(@Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.identity.rotate(em, viewer as MemberViewer));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the site vouched for this person: a verified `identity` started one of their conversations (see `externalUserId`).' })
  verified(@Root() contact: Contact): boolean {
    return Boolean(contact.externalUserId);
  }
}
