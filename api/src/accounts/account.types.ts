import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { Account } from './account.entity';

@InputType('SetLiveChatEnabledInput', { description: 'Rolls live chat out to an account, or back.' })
export class SetLiveChatEnabledInput {
  @Field(() => ID, { description: 'The account.' })
  accountId!: string;

  @Field(() => Boolean, { description: 'True to enable live chat, false to disable it.' })
  enabled!: boolean;
}

@ObjectType('SetLiveChatEnabledPayload', { description: 'Result of `setLiveChatEnabled`.' })
export class SetLiveChatEnabledPayload extends MutationPayload {
  @Field(() => Account, { nullable: true, description: 'The account, updated.' })
  account?: Account | null;
}
