import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { CannedResponse } from './canned-response.entity';

@InputType('CreateCannedResponseInput', { description: 'A new saved reply.' })
export class CreateCannedResponseInput {
  @Field(() => String, { description: 'Typed after "/" to pick it: 1 to 32 lowercase letters, digits, "-" or "_" (a leading "/" is dropped). Taken already: `SHORTCUT_TAKEN`; otherwise invalid: `INVALID_SHORTCUT`.' })
  shortcut!: string;

  @Field(() => String, { description: 'A short name, 1 to 100 characters (`INVALID_TITLE` otherwise).' })
  title!: string;

  @Field(() => String, { description: 'The text, 1 to 5,000 characters (`INVALID_BODY` otherwise); may hold `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`.' })
  body!: string;
}

@InputType('UpdateCannedResponseInput', { description: 'Changes to a saved reply: fields left out stay as they are.' })
export class UpdateCannedResponseInput {
  @Field(() => ID, { description: 'The saved reply.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'A new shortcut (rules as in `createCannedResponse`).' })
  shortcut?: string | null;

  @Field(() => String, { nullable: true, description: 'A new title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'A new body.' })
  body?: string | null;
}

@ObjectType('CreateCannedResponsePayload', { description: 'Result of `createCannedResponse`.' })
export class CreateCannedResponsePayload extends MutationPayload {
  @Field(() => CannedResponse, { nullable: true, description: 'The saved reply created.' })
  cannedResponse?: CannedResponse | null;
}

@ObjectType('UpdateCannedResponsePayload', { description: 'Result of `updateCannedResponse`.' })
export class UpdateCannedResponsePayload extends MutationPayload {
  @Field(() => CannedResponse, { nullable: true, description: 'The saved reply as it is now.' })
  cannedResponse?: CannedResponse | null;
}

@ObjectType('DeleteCannedResponsePayload', { description: 'Result of `deleteCannedResponse`.' })
export class DeleteCannedResponsePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted saved reply.' })
  deletedCannedResponseId?: string | null;
}
