import { IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { AssignmentMode } from '../routing/assignment-mode';
import { Account } from './account.entity';
import { BusinessHoursInput } from './business-hours.types';

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

@InputType('UpdateAccountSettingsInput', { description: 'Account settings to change; omitted fields stay as they are.' })
export class UpdateAccountSettingsInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Seconds between reminders while a chat waits (from 5, or the operator’s REMINDER_MIN_SECONDS, to 3600), or null (or 0) to turn reminders off. Outside the range: `INVALID_REMINDER_SECONDS`.',
  })
  reminderSeconds?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether agents see the visitor’s draft while the visitor types (“sneak peek”). Null: unchanged.' })
  typingPreview?: boolean | null;

  @Field(() => BusinessHoursInput, {
    nullable: true,
    description: 'The business hours, replacing the previous ones; null: always open (the default). Omitted: unchanged. Problems: `INVALID_TIME_ZONE`, `INVALID_BUSINESS_HOURS` (naming the field).',
  })
  @IsOptional()
  @ValidateNested()
  businessHours?: BusinessHoursInput | null;

  @Field(() => AssignmentMode, {
    nullable: true,
    description: 'MANUAL: every accepting user sees every waiting chat. AUTO: each is offered to one user at a time for `offerSeconds`. Switching to MANUAL pools the chats on offer; switching to AUTO offers the waiting ones. Null: unchanged.',
  })
  assignment?: AssignmentMode | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The accept window of AUTO assignment, in seconds (from 5, or the operator’s OFFER_MIN_SECONDS, to 600); it applies to offers made from now on. Outside the range: `INVALID_OFFER_SECONDS`. Null: unchanged.',
  })
  offerSeconds?: number | null;
}

@ObjectType('UpdateAccountSettingsPayload', { description: 'Result of `updateAccountSettings`.' })
export class UpdateAccountSettingsPayload extends MutationPayload {
  @Field(() => Account, { nullable: true, description: 'The account, with its settings as they are now.' })
  account?: Account | null;
}
