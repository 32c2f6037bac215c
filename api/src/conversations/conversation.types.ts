import { VisitorIdentityInput } from '../identity/identity.types';
import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ActivityEvent, ActivityEventType, ActorKind } from '../activity/activity-event.entity';
import { Contact } from '../contacts/contact.entity';
import { MutationPayload } from '../errors/user-error';
import { Message } from '../messages/message.entity';
import { InboxRemovalReason } from '../realtime/after-commit';
import { OrderDirection } from '../relay/order';
import { ConnectionType } from '../relay/connection';
import { User } from '../users/user.entity';
import { Conversation, ConversationStatus } from './conversation.entity';
import { TRANSFER_NOTE_MAX_LENGTH } from './transfer.service';

export const MESSAGE_MAX_LENGTH = 4000;

registerEnumType(InboxRemovalReason, {
  name: 'InboxRemovalReason',
  description: 'Why a chat left the live-chat inbox.',
  valuesConfig: {
    ACCEPTED: { description: 'A user accepted it.' },
    TIMED_OUT: { description: 'Nobody accepted it in time.' },
    ENDED: { description: 'It was ended before anyone accepted it.' },
    OFFERED_ELSEWHERE: { description: 'AUTO assignment: it is offered to another user now (the offer to you expired, or a pooled chat was offered to a teammate).' },
  },
});

export enum InboxEventKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  REMINDER = 'REMINDER',
}
registerEnumType(InboxEventKind, {
  name: 'InboxEventKind',
  description: 'Whether a chat entered or left the live-chat inbox, or is still waiting in it.',
  valuesConfig: {
    ADDED: { description: 'A chat is waiting for a user.' },
    REMOVED: { description: 'A chat left the inbox; see `reason`.' },
    REMINDER: { description: 'A chat is still waiting: sent every `Account.reminderSeconds` of its wait until it is accepted, ends or times out (see `waitedSeconds`).' },
  },
});

export enum AssignedChatEventKind {
  ASSIGNED = 'ASSIGNED',
  ENDED = 'ENDED',
  TRANSFERRED_IN = 'TRANSFERRED_IN',
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
}
registerEnumType(AssignedChatEventKind, {
  name: 'AssignedChatEventKind',
  description: 'What happened to a chat of the user.',
  valuesConfig: {
    ASSIGNED: { description: 'The user accepted the chat.' },
    ENDED: { description: 'The chat ended (see `conversation.endReason`).' },
    TRANSFERRED_IN: { description: 'A teammate handed the chat to the user (see `note`).' },
    TRANSFERRED_OUT: { description: 'The chat was handed from the user to a teammate: it is no longer theirs.' },
  },
});

@InputType('VisitorInput', { description: 'What the widget knows about the visitor’s page.' })
export class VisitorInput {
  @Field(() => String, { nullable: true, description: 'URL of the page the widget runs on.' })
  @IsOptional()
  @MaxLength(2000)
  pageUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'The page’s referrer.' })
  @IsOptional()
  @MaxLength(2000)
  referrer?: string | null;

  @Field(() => String, { nullable: true, description: 'The browser’s locale, e.g. "en-GB".' })
  @IsOptional()
  @MaxLength(35)
  locale?: string | null;
}

@InputType('StartConversationInput', { description: 'A visitor starting a conversation with a published flow.' })
export class StartConversationInput {
  @Field(() => ID, { description: 'The flow (its published version runs).' })
  flowId!: string;

  @Field(() => VisitorInput, { nullable: true, description: 'The visitor’s page.' })
  @IsOptional()
  visitor?: VisitorInput | null;

  @Field(() => VisitorIdentityInput, {
    nullable: true,
    description: 'A signed-in user of the customer’s site, verified by its signature: the conversation joins their contact (`Contact.verified`). A wrong signature is INVALID_IDENTITY, an account without a secret IDENTITY_NOT_CONFIGURED; no conversation starts then.',
  })
  @IsOptional()
  @ValidateNested()
  identity?: VisitorIdentityInput | null;
}

@InputType('SendMessageInput', { description: 'A message from the visitor (answer, option pick, live message) or from a user (live message).' })
export class SendMessageInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId!: string;

  @Field(() => String, { nullable: true, description: `The text (at most ${MESSAGE_MAX_LENGTH} characters).` })
  @IsOptional()
  @MaxLength(MESSAGE_MAX_LENGTH)
  body?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the option picked, when the bot offered options.' })
  @IsOptional()
  @MaxLength(64)
  optionKey?: string | null;

  @Field(() => String, { nullable: true, description: 'A client-chosen id: sending again with the same id never creates a second message.' })
  @IsOptional()
  @MaxLength(100)
  clientMessageId?: string | null;
}

@InputType('ConversationFilter', { description: 'Narrows `conversations`.' })
export class ConversationFilter {
  @Field(() => ConversationStatus, { nullable: true, description: 'Only conversations in this status.' })
  status?: ConversationStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only conversations assigned to this user.' })
  assigneeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only conversations of this contact.' })
  contactId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only conversations in which the visitor left a message while nobody was available (see `offlineMessage`); false: only the others.' })
  hasOfflineMessage?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Only conversations changed after this time: with `orderBy: { field: UPDATED_AT, direction: ASC }`, what changed since a previous sync.' })
  updatedAfter?: Date | null;
}

export enum ConversationOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ConversationOrderField, {
  name: 'ConversationOrderField',
  description: 'What conversations can be ordered by.',
  valuesConfig: {
    CREATED_AT: { description: 'When the visitor started the conversation.' },
    UPDATED_AT: { description: 'When the conversation last changed (ties broken by ID).' },
  },
});

@InputType('ConversationOrder', { description: 'How `conversations` are ordered.' })
export class ConversationOrderInput {
  @Field(() => ConversationOrderField, { description: 'The field to order by.' })
  field!: ConversationOrderField;

  @Field(() => OrderDirection, { description: 'The direction.' })
  direction!: OrderDirection;
}

@InputType('ActivityOrder', { description: 'How the activity stream is ordered: by when each event was committed.' })
export class ActivityOrderInput {
  @Field(() => OrderDirection, { description: 'ASC: oldest first; DESC (the default): newest first.' })
  direction!: OrderDirection;
}

@InputType('ActivityFilter', { description: 'Narrows the activity stream.' })
export class ActivityFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only events of this contact.' })
  contactId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events of this conversation.' })
  conversationId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events that occurred after this time.' })
  occurredAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events that occurred before this time.' })
  occurredBefore?: Date | null;

  @Field(() => [ActivityEventType], { nullable: true, description: 'Only events of these types.' })
  types?: ActivityEventType[] | null;
}

@ObjectType('StartConversationPayload', { description: 'Result of `startConversation`.' })
export class StartConversationPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The new conversation, with the bot’s first messages.' })
  conversation?: Conversation | null;

  @Field(() => String, { nullable: true, description: 'The visitor token: it reaches this conversation only. Keep it to resume after a reload.' })
  visitorToken?: string | null;
}

@ObjectType('SendMessagePayload', { description: 'Result of `sendMessage`.' })
export class SendMessagePayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The message stored (the earlier one when `clientMessageId` was seen before).' })
  message?: Message | null;

  @Field(() => Conversation, { nullable: true, description: 'The conversation after the message, with any bot replies.' })
  conversation?: Conversation | null;
}

@ObjectType('AcceptChatPayload', { description: 'Result of `acceptChat`.' })
export class AcceptChatPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The chat, now ACTIVE and assigned to the caller.' })
  conversation?: Conversation | null;
}

@ObjectType('EndChatPayload', { description: 'Result of `endChat`.' })
export class EndChatPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The chat, now ENDED.' })
  conversation?: Conversation | null;
}

@ObjectType('InboxEvent', { description: 'A chat entering or leaving the live-chat inbox, or a reminder that it still waits.' })
export class InboxEvent {
  @Field(() => InboxEventKind, { description: 'ADDED, REMOVED or REMINDER.' })
  kind!: InboxEventKind;

  @Field(() => Conversation, { description: 'The chat.' })
  conversation!: Conversation;

  @Field(() => InboxRemovalReason, { nullable: true, description: 'Why it was removed (REMOVED only).' })
  reason?: InboxRemovalReason | null;

  @Field(() => Int, { nullable: true, description: 'How many seconds the chat had waited when the reminder was sent (REMINDER only; otherwise see `conversation.waitingSince`).' })
  waitedSeconds?: number | null;
}

@ObjectType('AssignedChatEvent', { description: 'A chat assigned to, transferred to or from, or ended for, the subscribed user.' })
export class AssignedChatEvent {
  @Field(() => AssignedChatEventKind, { description: 'ASSIGNED, TRANSFERRED_IN, TRANSFERRED_OUT or ENDED.' })
  kind!: AssignedChatEventKind;

  @Field(() => Conversation, { description: 'The chat.' })
  conversation!: Conversation;

  @Field(() => String, { nullable: true, description: 'TRANSFERRED_IN: the note left by whoever handed the chat over, if any.' })
  note?: string | null;
}

@InputType('TransferChatInput', { description: 'An active chat to hand to a teammate.' })
export class TransferChatInput {
  @Field(() => ID, { description: 'The active chat.' })
  conversationId!: string;

  @Field(() => ID, { description: 'The teammate to hand it to: accepting chats and below their `maxConcurrentChats`.' })
  toUserId!: string;

  @Field(() => String, { nullable: true, description: `What the teammate should know (at most ${TRANSFER_NOTE_MAX_LENGTH} characters); never shown to the visitor.` })
  @IsOptional()
  @MaxLength(TRANSFER_NOTE_MAX_LENGTH)
  note?: string | null;
}

@ObjectType('TransferChatPayload', { description: 'Result of `transferChat`.' })
export class TransferChatPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The chat, now assigned to the teammate.' })
  conversation?: Conversation | null;
}

@ObjectType('ConversationEvent', { description: 'A new message of a conversation; status changes arrive as SYSTEM or BOT messages with the conversation’s new state.' })
export class ConversationEvent {
  @Field(() => String, { description: 'Cursor of this event: pass it as `after` when resubscribing to miss nothing.' })
  cursor!: string;

  @Field(() => Message, { description: 'The message.' })
  message!: Message;

  @Field(() => Conversation, { description: 'The conversation as it is now (status, assignee…).' })
  conversation!: Conversation;
}

@ObjectType('ActivityActor', { description: 'Who caused an activity event.' })
export class ActivityActor {
  @Field(() => ActorKind, { description: 'USER, API_KEY, VISITOR or SYSTEM.' })
  kind!: ActorKind;

  @Field(() => User, { nullable: true, description: 'The user (or the admin an API key acts for).' })
  user?: User | null;
}

export const ConversationConnection = ConnectionType(Conversation, 'Conversation', 'conversation', { totalCount: true });
export const MessageConnection = ConnectionType(Message, 'Message', 'message');
export const ContactConnection = ConnectionType(Contact, 'Contact', 'contact', { totalCount: true });
export const ActivityEventConnection = ConnectionType(ActivityEvent, 'ActivityEvent', 'activity event');
