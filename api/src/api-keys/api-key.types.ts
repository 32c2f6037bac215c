import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { ConnectionType } from '../relay/connection';
import { ApiKey } from './api-key.entity';
import { ApiKeyScope } from './api-key-scopes';

export const MAX_KEY_LIFETIME_DAYS = 730;

@InputType('CreateApiKeyInput', { description: 'A new API key for an integration.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for, e.g. "HubSpot sync".' })
  @MaxLength(120)
  name!: string;

  @Field(() => [ApiKeyScope], {
    nullable: true,
    description: 'What the key may do: give only what the integration needs. Omitted: every scope, now and added later (as keys made before scopes existed); an empty list is NO_SCOPES.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  scopes?: ApiKeyScope[] | null;

  @Field(() => Date, { nullable: true, description: `When the key stops working: in the future and at most ${MAX_KEY_LIFETIME_DAYS} days ahead (EXPIRY_IN_PAST, EXPIRY_TOO_FAR). Omitted: it works until revoked.` })
  @IsOptional()
  expiresAt?: Date | null;
}

@ObjectType('CreateApiKeyPayload', { description: 'Result of `createApiKey`. The secret is shown here once and never again.' })
export class CreateApiKeyPayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key.' })
  apiKey?: ApiKey | null;

  @Field(() => String, { nullable: true, description: 'The secret, to send as `Authorization: Bearer <secret>`. Store it now: it is shown once.' })
  secret?: string | null;
}

@ObjectType('RevokeApiKeyPayload', { description: 'Result of `revokeApiKey`.' })
export class RevokeApiKeyPayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The revoked key.' })
  apiKey?: ApiKey | null;
}

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey', 'API key', { totalCount: true });
