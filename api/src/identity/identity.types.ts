import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { MutationPayload } from '../errors/user-error';

@InputType('VisitorIdentityInput', {
  description:
    'Who the visitor is on the customer’s site, signed by the site’s server: `signature` is the hex HMAC-SHA256 of `userId` under the account’s identity secret (`rotateIdentitySecret`). A verified visitor joins their existing contact and its history.',
})
export class VisitorIdentityInput {
  @Field(() => String, { description: 'The site’s own, stable ID of this user (at most 200 characters).' })
  @MaxLength(200)
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Their email, trusted as verified (it may take over an unverified contact with the same email).' })
  @IsOptional()
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Their name.' })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { description: 'Hex HMAC-SHA256 of `userId` with the identity secret, computed on the site’s server (never in the browser).' })
  @MaxLength(128)
  signature!: string;
}

@ObjectType('RotateIdentitySecretPayload', { description: 'Result of `rotateIdentitySecret`. The secret is shown here once and never again.' })
export class RotateIdentitySecretPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'The new identity secret, for the site’s server only. Signatures made with the previous one stop verifying at once.' })
  secret?: string | null;

  @Field(() => Account, { nullable: true, description: 'The account, with `identitySecretRotatedAt` updated.' })
  account?: Account | null;
}
