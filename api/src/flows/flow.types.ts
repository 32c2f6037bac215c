import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { ConnectionType } from '../relay/connection';
import { Flow, FlowVersion } from './flow.entity';
import { FLOW_LIMITS, FlowStepInput } from './flow-step.types';

export enum FlowStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(FlowStatus, {
  name: 'FlowStatus',
  description: 'Whether a flow has ever been published.',
  valuesConfig: {
    DRAFT: { description: 'Never published: visitors cannot start it yet.' },
    PUBLISHED: { description: 'A version is published; see `hasUnpublishedChanges` for edits since.' },
  },
});

@InputType('CreateFlowInput', { description: 'A new flow, saved as a draft.' })
export class CreateFlowInput {
  @Field(() => String, { description: 'Name shown to admins.' })
  @MaxLength(FLOW_LIMITS.name)
  name!: string;

  @Field(() => [FlowStepInput], { description: `The steps in order; the first is where conversations start (at most ${FLOW_LIMITS.steps}).` })
  @ArrayMaxSize(FLOW_LIMITS.steps)
  @ValidateNested({ each: true })
  steps!: FlowStepInput[];
}

@InputType('UpdateFlowInput', { description: 'Changes to a flow’s draft; omitted fields stay as they are.' })
export class UpdateFlowInput {
  @Field(() => ID, { description: 'The flow.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.name)
  name?: string | null;

  @Field(() => [FlowStepInput], { nullable: true, description: 'New steps, replacing the draft’s steps.' })
  @IsOptional()
  @ArrayMaxSize(FLOW_LIMITS.steps)
  @ValidateNested({ each: true })
  steps?: FlowStepInput[] | null;
}

@ObjectType('FlowPayload', { description: 'Result of `createFlow` and `updateFlow`.' })
export class FlowPayload extends MutationPayload {
  @Field(() => Flow, { nullable: true, description: 'The flow.' })
  flow?: Flow | null;
}

@ObjectType('PublishFlowPayload', { description: 'Result of `publishFlow`.' })
export class PublishFlowPayload extends MutationPayload {
  @Field(() => Flow, { nullable: true, description: 'The flow.' })
  flow?: Flow | null;

  @Field(() => FlowVersion, { nullable: true, description: 'The published version (the existing one when the draft had not changed).' })
  flowVersion?: FlowVersion | null;
}

export const FlowConnection = ConnectionType(Flow, 'Flow', 'flow', { totalCount: true });
export const FlowVersionConnection = ConnectionType(FlowVersion, 'FlowVersion', 'flow version');
