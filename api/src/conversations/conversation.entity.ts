import { Entity, Enum, Index, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
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
  },
});

/** One visitor's conversation: the bot part, then possibly a live chat with a user. */
@Entity({ tableName: 'conversations' })
@Index({ properties: ['account', 'status'] })
@Index({ properties: ['account', 'id'] })
@Index({ properties: ['status', 'timeoutAt'] })
@Index({ properties: ['status', 'idleDeadlineAt'] })
export class Conversation extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => FlowVersion, { ref: true })
  flowVersion!: Ref<FlowVersion>;

  @ManyToOne(() => Contact, { ref: true, deleteRule: 'cascade' })
  contact!: Ref<Contact>;

  @Enum({ items: () => ConversationStatus, nativeEnumName: 'conversation_status' })
  status: Opt<ConversationStatus> = ConversationStatus.BOT;

  /** Key of the flow step the bot is at (or last was at). */
  @Property({ type: 'text', nullable: true })
  currentStepKey?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  assignee?: Ref<User> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  waitingSince?: Date | null;

  /** Deadline of the unanswered timeout; the worker's sweep relies on it if a queued job is lost. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  timeoutAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  /** Deadline of the idle ending, pushed forward by each visitor message in a live chat. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  idleDeadlineAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @Enum({ items: () => EndReason, nativeEnumName: 'end_reason', nullable: true })
  endReason?: EndReason | null;

  /** Highest message sequence number; messages are numbered 1, 2, 3… within a conversation. */
  @Property({ type: 'integer', default: 0 })
  lastMessageSeq: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  pageUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  referrer?: string | null;

  @Property({ type: 'text', nullable: true })
  locale?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
