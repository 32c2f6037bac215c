import { Entity, Enum, Index, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { FlowVersion } from '../flows/flow.entity';
import { User } from '../users/user.entity';
import { NodeEntity } from '../relay/node';

export enum ConversationStatus {
  BOT = 'BOT',
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  TIMED_OUT = 'TIMED_OUT',
}
registerEnumType(ConversationStatus, {
  name: 'ConversationStatus',
  description: 'Where a conversation is in its life.',
  valuesConfig: {
    BOT: { description: 'The visitor is talking to the bot.' },
    WAITING: { description: 'In the live-chat inbox, waiting for a user to accept it.' },
    ACTIVE: { description: 'A user accepted it; visitor and user are chatting.' },
    ENDED: { description: 'Over; see `endReason`.' },
    TIMED_OUT: { description: 'Nobody accepted it within the flow’s timeout.' },
  },
});

export enum EndReason {
  AGENT_ENDED = 'AGENT_ENDED',
  VISITOR_IDLE = 'VISITOR_IDLE',
  VISITOR_LEFT = 'VISITOR_LEFT',
  BOT_COMPLETED = 'BOT_COMPLETED',
  UNANSWERED = 'UNANSWERED',
  OFFLINE_MESSAGE_LEFT = 'OFFLINE_MESSAGE_LEFT',
  CONTACT_DELETED = 'CONTACT_DELETED',
}
registerEnumType(EndReason, {
  name: 'EndReason',
  description: 'Why a conversation ended.',
  valuesConfig: {
    AGENT_ENDED: { description: 'A user ended the live chat.' },
    VISITOR_IDLE: { description: 'The visitor sent nothing for the idle timeout (ten minutes by default).' },
    VISITOR_LEFT: { description: 'The visitor closed the chat.' },
    BOT_COMPLETED: { description: 'The bot reached an END step without a live chat.' },
    UNANSWERED: { description: 'Nobody accepted the live chat in time (status TIMED_OUT).' },
    OFFLINE_MESSAGE_LEFT: { description: 'Nobody was available (outside business hours, or nobody accepting chats), so the visitor left a message instead (see `offlineMessage`).' },
    CONTACT_DELETED: { description: 'An admin erased the contact with `deleteContact` while the conversation was open.' },
  },
});

/** What the bot is waiting for from the visitor. */
export enum BotPhase {
  /** An answer to a QUESTION step. */
  ANSWER = 'ANSWER',
  /** accept or decline of a LIVE_CHAT offer. */
  OFFER = 'OFFER',
  /** The visitor's name, before the chat enters the inbox. */
  NAME = 'NAME',
  /** The visitor's email, before the chat enters the inbox. */
  EMAIL = 'EMAIL',
  /** The visitor's name, before they leave a message (nobody available). */
  OFFLINE_NAME = 'OFFLINE_NAME',
  /** The visitor's email, before they leave a message. */
  OFFLINE_EMAIL = 'OFFLINE_EMAIL',
  /** The message left for the team while nobody is available. */
  OFFLINE_MESSAGE = 'OFFLINE_MESSAGE',
}

/** One visitor's conversation: the bot part, then possibly a live chat with a user. */
@ObjectType('Conversation', {
  implements: NodeEntity,
  description: 'A visitor’s conversation: the bot part, then possibly a live chat with a user of the account.',
})
@Entity({ tableName: 'conversations' })
@Index({ properties: ['account', 'status'] })
@Index({ properties: ['account', 'id'] })
@Index({ properties: ['status', 'timeoutAt'] })
@Index({ properties: ['status', 'idleDeadlineAt'] })
@Index({ properties: ['contact', 'id'] })
@Index({ properties: ['assignee', 'status'] })
// The account's recent accept times, for the estimated wait (see wait-estimates.ts).
@Index({ properties: ['account', 'acceptedAt'] })
// "Messages left", newest first: only the few conversations with one are in it.
@Index({
  name: 'conversations_offline_messages_index',
  expression: 'create index "conversations_offline_messages_index" on "conversations" ("account_id", "id") where "offline_message_at" is not null',
})
// Reports (reports/live-chat-report.sql.ts): the account's live chats by the time they entered
// the inbox, covering what the figures read, so a year of chats is read from the index alone.
@Index({
  name: 'conversations_live_chats_index',
  expression:
    'create index "conversations_live_chats_index" on "conversations" ("account_id", "waiting_since") include ("id", "accepted_at", "ended_at", "status", "end_reason", "rating_score") where "waiting_since" is not null',
})
// Reports: the chats that timed out, by when, for "missed while accepting".
@Index({
  name: 'conversations_timed_out_index',
  expression: 'create index "conversations_timed_out_index" on "conversations" ("account_id", "ended_at") include ("waiting_since", "id") where "status" = \'TIMED_OUT\'',
})
// Reports: conversations by when they started (the flows' funnel).
@Index({ properties: ['account', 'createdAt'] })
export class Conversation extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => FlowVersion, { ref: true })
  flowVersion!: Ref<FlowVersion>;

  @ManyToOne(() => Contact, { ref: true, deleteRule: 'cascade' })
  contact!: Ref<Contact>;

  @Field(() => ConversationStatus, { description: 'BOT, WAITING (in the inbox), ACTIVE (accepted), ENDED or TIMED_OUT.' })
  @Enum({ items: () => ConversationStatus, nativeEnumName: 'conversation_status' })
  status: Opt<ConversationStatus> = ConversationStatus.BOT;

  /** Key of the flow step the bot is at (or last was at). */
  @Property({ type: 'text', nullable: true })
  currentStepKey?: string | null;

  /** What the bot waits for at that step; null when it waits for nothing. */
  @Enum({ items: () => BotPhase, nativeEnumName: 'bot_phase', nullable: true })
  botPhase?: BotPhase | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  assignee?: Ref<User> | null;

  /** Who last handed the chat on (see transfer.service.ts); the note they left is for the team only. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  transferredBy?: Ref<User> | null;

  @Field(() => String, { nullable: true, description: 'The note left with the latest transfer of this chat, for the user it was handed to (team only).' })
  @Property({ type: 'text', nullable: true })
  transferNote?: string | null;

  /** AUTO assignment (see routing/): the one user a waiting chat is offered to now; null: pooled, every accepting user sees it. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  offeredTo?: Ref<User> | null;

  /** When the current offer passes to the next user (the routing queue's job and sweep act on it). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  offerExpiresAt?: Date | null;

  /** How many offers this chat has had (1, 2, 3…): an offer's expiry job names its round, so it acts once. */
  @Property({ type: 'integer', default: 0 })
  offerRound: Opt<number> = 0;

  /** The users this chat has been offered to, oldest first: none is offered it twice. */
  @Property({ type: 'json', default: '[]' })
  offeredUserIds: Opt<string[]> = [];

  @Field(() => Date, { nullable: true, description: 'When the chat entered the live-chat inbox.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  waitingSince?: Date | null;

  /** Deadline of the unanswered timeout; the worker's sweep relies on it if a queued job is lost. */
  @Field(() => Date, { nullable: true, description: 'When a waiting chat times out unless someone accepts it (for countdowns).' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  timeoutAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a user accepted the chat.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  /** Deadline of the idle ending, pushed forward by each visitor message in a live chat. */
  @Field(() => Date, { nullable: true, description: 'When an active chat ends unless the visitor writes again.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  idleDeadlineAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the conversation ended or timed out.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @Field(() => EndReason, { nullable: true, description: 'Why it ended.' })
  @Enum({ items: () => EndReason, nativeEnumName: 'end_reason', nullable: true })
  endReason?: EndReason | null;

  /** The visitor's rating of the live chat (see ratings/); exposed as `Conversation.rating`. */
  @Property({ type: 'smallint', nullable: true })
  ratingScore?: number | null;

  @Property({ type: 'text', nullable: true })
  ratingComment?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  ratedAt?: Date | null;

  /** What the visitor left while nobody was available (see bot-engine's LEAVE_MESSAGE); exposed as `Conversation.offlineMessage`. */
  @Property({ type: 'text', nullable: true })
  offlineMessage?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  offlineMessageAt?: Date | null;

  /** Highest message sequence number; messages are numbered 1, 2, 3… within a conversation. */
  @Property({ type: 'integer', default: 0 })
  lastMessageSeq: Opt<number> = 0;

  /** `seq` of the last message the visitor has read (0: none); only moves forward (presence/read-state.service.ts). */
  @Property({ type: 'integer', default: 0 })
  visitorReadSeq: Opt<number> = 0;

  /** `seq` of the last message the account's users have read (0: none); only moves forward. */
  @Property({ type: 'integer', default: 0 })
  agentReadSeq: Opt<number> = 0;

  @Field(() => String, { nullable: true, description: 'Page the visitor started the conversation on.' })
  @Property({ type: 'text', nullable: true })
  pageUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Referrer of that page.' })
  @Property({ type: 'text', nullable: true })
  referrer?: string | null;

  @Field(() => String, { nullable: true, description: 'Locale of the visitor’s browser.' })
  @Property({ type: 'text', nullable: true })
  locale?: string | null;

  /** Started with a valid identity signature: the visitor is `contact.externalUserId` (verified). */
  @Property({ type: 'boolean', default: false })
  identityVerified: Opt<boolean> = false;

  @Field(() => Date, { description: 'When the visitor started the conversation.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'When the conversation last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
