import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum FlowStepKind {
  MESSAGE = 'MESSAGE',
  QUESTION = 'QUESTION',
  LIVE_CHAT = 'LIVE_CHAT',
  END = 'END',
}
registerEnumType(FlowStepKind, {
  name: 'FlowStepKind',
  description: 'What a flow step does.',
  valuesConfig: {
    MESSAGE: { description: 'The bot says `text`, then goes to `next`.' },
    QUESTION: {
      description:
        'The bot says `text` and waits. With `options` the visitor picks one and the flow follows its `next`; without, the free-text answer is stored in the contact field `field` and the flow goes to `next`.',
    },
    LIVE_CHAT: { description: 'The bot offers a human (see `liveChat`); accepting puts the chat in the live-chat inbox.' },
    END: { description: 'The bot says its optional `text` and the bot part of the conversation ends.' },
  },
});

export enum OfflineMode {
  WAIT = 'WAIT',
  LEAVE_MESSAGE = 'LEAVE_MESSAGE',
}
registerEnumType(OfflineMode, {
  name: 'OfflineMode',
  description: 'What a LIVE_CHAT step does outside the account’s business hours, or while nobody is accepting chats.',
  valuesConfig: {
    WAIT: { description: 'Offer a human as usual; the chat waits in the inbox until someone accepts it or it times out (the default).' },
    LEAVE_MESSAGE: {
      description:
        'Do not offer a human: say `unavailableMessage`, ask for name and email if they are not known yet, then for a message (`leaveMessagePrompt`). The message is stored on the conversation (`offlineMessage`), recorded as OFFLINE_MESSAGE_LEFT, and the conversation ends with `leaveMessageThanks`.',
    },
  },
});

/**
 * Size bounds on flow input, so one admin cannot store megabytes of bot text: checked by
 * class-validator before anything runs (BAD_USER_INPUT). Every other rule (empty text, key
 * format, ranges) is flow validation, answered as userErrors with field paths.
 */
export const FLOW_LIMITS = { steps: 200, options: 20, key: 64, text: 2000, label: 80, name: 120 } as const;

/** How long a LIVE_CHAT step may let a chat wait in the inbox, in seconds. */
export const TIMEOUT_SECONDS_RANGE = { min: 1, max: 86_400 } as const;

@InputType('ContactDetailsInput', { description: 'Whether and how the bot asks for name and email before the chat enters the inbox.' })
export class ContactDetailsInput {
  @Field(() => Boolean, { description: 'Ask the visitor for name and email once they accept, before the hand-off message.' })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'The question asking for the name (default: "What is your name?").' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.text)
  namePrompt?: string | null;

  @Field(() => String, { nullable: true, description: 'The question asking for the email (default: "What is your email address?").' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.text)
  emailPrompt?: string | null;
}

@InputType('LiveChatSettingsInput', { description: 'Settings of a LIVE_CHAT step, in the product’s own words.' })
export class LiveChatSettingsInput {
  @Field(() => String, { description: 'What the bot says to offer a human. Shown with the options `accept` and `decline`.' })
  @MaxLength(FLOW_LIMITS.text)
  offerMessage!: string;

  @Field(() => String, { nullable: true, description: 'Label of the `accept` option (default: "Yes, connect me").' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.label)
  acceptLabel?: string | null;

  @Field(() => String, { nullable: true, description: 'Label of the `decline` option (default: "No, thanks").' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.label)
  declineLabel?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the step that follows when the visitor declines.' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.key)
  declineNext?: string | null;

  @Field(() => String, { description: 'What the bot says as the chat enters the inbox (after any name and email): someone is being looked for.' })
  @MaxLength(FLOW_LIMITS.text)
  handoffMessage!: string;

  @Field(() => Int, { description: `Seconds a chat waits in the inbox before it times out: from ${TIMEOUT_SECONDS_RANGE.min} to ${TIMEOUT_SECONDS_RANGE.max} (a day); outside, an OUT_OF_RANGE userError.` })
  timeoutSeconds!: number;

  @Field(() => String, { description: 'What the visitor sees when nobody accepted in time.' })
  @MaxLength(FLOW_LIMITS.text)
  timeoutMessage!: string;

  @Field(() => ContactDetailsInput, { nullable: true, description: 'Ask for name and email before the chat enters the inbox.' })
  @IsOptional()
  @ValidateNested()
  collectContactDetails?: ContactDetailsInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'When nobody in the account is accepting chats, do not offer a human: say `unavailableMessage` (if set) and go to `declineNext`. Default false (offer anyway; someone may come online before the timeout).',
  })
  @IsOptional()
  skipWhenNobodyAvailable?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the bot says instead of the offer when nobody is available: when it is skipped (`skipWhenNobodyAvailable`), or before taking a message (`offlineMode` LEAVE_MESSAGE; default there: "Sorry, nobody is available to chat right now. Leave us a message and we’ll get back to you.").',
  })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.text)
  unavailableMessage?: string | null;

  @Field(() => OfflineMode, {
    nullable: true,
    description: 'What happens outside the account’s business hours or while nobody is accepting chats: WAIT (the default) or LEAVE_MESSAGE. LEAVE_MESSAGE comes before `skipWhenNobodyAvailable`.',
  })
  @IsOptional()
  offlineMode?: OfflineMode | null;

  @Field(() => String, { nullable: true, description: 'LEAVE_MESSAGE: the question asking for the message (default: "What would you like us to know?").' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.text)
  leaveMessagePrompt?: string | null;

  @Field(() => String, { nullable: true, description: 'LEAVE_MESSAGE: what the bot says once the message is stored, before the conversation ends (default: "Thanks! We’ve got your message and will get back to you by email.").' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.text)
  leaveMessageThanks?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Key of the step the bot runs once a user ends the live chat (typically thanks and a rating question); not after the visitor leaves, goes idle or times out. Without it the conversation ends with the chat. LIVE_CHAT steps reached from there are passed over as declined: the visitor has had their chat.',
  })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.key)
  afterChatNext?: string | null;
}

@InputType('FlowOptionInput', { description: 'A choice offered by a QUESTION step.' })
export class FlowOptionInput {
  @Field(() => String, { description: 'Stable key, sent back by `sendMessage(optionKey:)`: letters, digits, "_" and "-".' })
  @MaxLength(FLOW_LIMITS.key)
  key!: string;

  @Field(() => String, { description: 'Button text shown to the visitor.' })
  @MaxLength(FLOW_LIMITS.label)
  label!: string;

  @Field(() => String, { description: 'Key of the step that follows when this option is picked.' })
  @MaxLength(FLOW_LIMITS.key)
  next!: string;
}

@InputType('FlowStepInput', { description: 'One step of a flow. Which fields apply depends on `kind`.' })
export class FlowStepInput {
  @Field(() => String, { description: 'Unique key of the step within the flow, referenced by `next`: letters, digits, "_" and "-".' })
  @MaxLength(FLOW_LIMITS.key)
  key!: string;

  @Field(() => FlowStepKind, { description: 'What the step does.' })
  kind!: FlowStepKind;

  @Field(() => String, { nullable: true, description: 'What the bot says (MESSAGE, QUESTION, END).' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.text)
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the following step (MESSAGE, and QUESTION without options).' })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.key)
  next?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Contact field that stores a free-text answer (QUESTION without options): `name`, `email` or a custom field name.',
  })
  @IsOptional()
  @MaxLength(FLOW_LIMITS.key)
  field?: string | null;

  @Field(() => [FlowOptionInput], { nullable: true, description: 'Choices of a QUESTION step.' })
  @IsOptional()
  @ArrayMaxSize(FLOW_LIMITS.options)
  @ValidateNested({ each: true })
  options?: FlowOptionInput[] | null;

  @Field(() => LiveChatSettingsInput, { nullable: true, description: 'Settings of a LIVE_CHAT step.' })
  @IsOptional()
  @ValidateNested()
  liveChat?: LiveChatSettingsInput | null;
}

// Stored shapes (JSON in flows and flow versions) and their GraphQL output types.

@ObjectType('ContactDetailsSettings', { description: 'Whether and how the bot asks for name and email.' })
export class ContactDetailsSettings {
  @Field(() => Boolean, { description: 'Ask for name and email once the visitor accepts, before the hand-off message.' })
  enabled!: boolean;

  @Field(() => String, { description: 'The question asking for the name.' })
  namePrompt!: string;

  @Field(() => String, { description: 'The question asking for the email.' })
  emailPrompt!: string;
}

@ObjectType('LiveChatSettings', { description: 'Settings of a LIVE_CHAT step.' })
export class LiveChatSettings {
  @Field(() => String, { description: 'What the bot says to offer a human.' })
  offerMessage!: string;

  @Field(() => String, { description: 'Label of the `accept` option.' })
  acceptLabel!: string;

  @Field(() => String, { description: 'Label of the `decline` option.' })
  declineLabel!: string;

  @Field(() => String, { nullable: true, description: 'Key of the step that follows a decline.' })
  declineNext!: string | null;

  @Field(() => String, { description: 'What the bot says as the chat enters the inbox.' })
  handoffMessage!: string;

  @Field(() => Int, { description: 'Seconds a chat waits in the inbox before it times out.' })
  timeoutSeconds!: number;

  @Field(() => String, { description: 'What the visitor sees when nobody accepted in time.' })
  timeoutMessage!: string;

  @Field(() => ContactDetailsSettings, { description: 'Name and email collection.' })
  collectContactDetails!: ContactDetailsSettings;

  @Field(() => Boolean, { description: 'Whether the offer is skipped while nobody in the account is accepting chats.' })
  skipWhenNobodyAvailable!: boolean;

  @Field(() => String, { nullable: true, description: 'What the bot says when nobody is available (offer skipped, or before taking a message).' })
  unavailableMessage!: string | null;

  @Field(() => OfflineMode, { description: 'What happens outside business hours or while nobody is accepting chats.' })
  offlineMode!: OfflineMode;

  @Field(() => String, { description: 'LEAVE_MESSAGE: the question asking for the message.' })
  leaveMessagePrompt!: string;

  @Field(() => String, { description: 'LEAVE_MESSAGE: the thanks once the message is stored.' })
  leaveMessageThanks!: string;

  @Field(() => String, { nullable: true, description: 'Key of the step the bot runs once a user ends the live chat; null: the conversation ends with the chat.' })
  afterChatNext!: string | null;
}

@ObjectType('FlowOption', { description: 'A choice offered by a QUESTION step.' })
export class FlowOption {
  @Field(() => String, { description: 'Stable key of the option.' })
  key!: string;

  @Field(() => String, { description: 'Button text.' })
  label!: string;

  @Field(() => String, { description: 'Key of the step that follows.' })
  next!: string;
}

@ObjectType('FlowStep', { description: 'One step of a flow.' })
export class FlowStep {
  @Field(() => String, { description: 'Unique key of the step within the flow.' })
  key!: string;

  @Field(() => FlowStepKind, { description: 'What the step does.' })
  kind!: FlowStepKind;

  @Field(() => String, { nullable: true, description: 'What the bot says.' })
  text!: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the following step.' })
  next!: string | null;

  @Field(() => String, { nullable: true, description: 'Contact field that stores a free-text answer.' })
  field!: string | null;

  @Field(() => [FlowOption], { nullable: true, description: 'Choices of a QUESTION step.' })
  options!: FlowOption[] | null;

  @Field(() => LiveChatSettings, { nullable: true, description: 'Settings of a LIVE_CHAT step.' })
  liveChat!: LiveChatSettings | null;
}

export const LIVE_CHAT_DEFAULTS = {
  acceptLabel: 'Yes, connect me',
  declineLabel: 'No, thanks',
  namePrompt: 'What is your name?',
  emailPrompt: 'What is your email address?',
  offlineUnavailableMessage: 'Sorry, nobody is available to chat right now. Leave us a message and we’ll get back to you.',
  leaveMessagePrompt: 'What would you like us to know?',
  leaveMessageThanks: 'Thanks! We’ve got your message and will get back to you by email.',
} as const;

/** Normalises admin input into the stored shape: every field present, defaults filled in. */
export function toStoredSteps(steps: FlowStepInput[]): FlowStep[] {
  return steps.map((step) => ({
    key: step.key,
    kind: step.kind,
    text: step.text ?? null,
    next: step.next ?? null,
    field: step.field ?? null,
    options: step.options ? step.options.map(({ key, label, next }) => ({ key, label, next })) : null,
    liveChat: step.liveChat
      ? {
          offerMessage: step.liveChat.offerMessage,
          acceptLabel: step.liveChat.acceptLabel ?? LIVE_CHAT_DEFAULTS.acceptLabel,
          declineLabel: step.liveChat.declineLabel ?? LIVE_CHAT_DEFAULTS.declineLabel,
          declineNext: step.liveChat.declineNext ?? null,
          handoffMessage: step.liveChat.handoffMessage,
          timeoutSeconds: step.liveChat.timeoutSeconds,
          timeoutMessage: step.liveChat.timeoutMessage,
          collectContactDetails: {
            enabled: step.liveChat.collectContactDetails?.enabled ?? false,
            namePrompt: step.liveChat.collectContactDetails?.namePrompt ?? LIVE_CHAT_DEFAULTS.namePrompt,
            emailPrompt: step.liveChat.collectContactDetails?.emailPrompt ?? LIVE_CHAT_DEFAULTS.emailPrompt,
          },
          skipWhenNobodyAvailable: step.liveChat.skipWhenNobodyAvailable ?? false,
          unavailableMessage: step.liveChat.unavailableMessage ?? null,
          offlineMode: step.liveChat.offlineMode ?? OfflineMode.WAIT,
          leaveMessagePrompt: step.liveChat.leaveMessagePrompt ?? LIVE_CHAT_DEFAULTS.leaveMessagePrompt,
          leaveMessageThanks: step.liveChat.leaveMessageThanks ?? LIVE_CHAT_DEFAULTS.leaveMessageThanks,
          afterChatNext: step.liveChat.afterChatNext ?? null,
        }
      : null,
  }));
}
