import { MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { ConnectionType } from '../relay/connection';
import { ApiKey } from './api-key.entity';

@InputType('CreateApiKeyInput', { description: 'A new API key for an integration.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for, e.g. "HubSpot sync".' })
  @MaxLength(120)
  name!: string;
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

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey', 'API key');
