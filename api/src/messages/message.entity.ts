import { Entity, Enum, ManyToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { Conversation } from '../conversations/conversation.entity';
import { User } from '../users/user.entity';
import { NodeEntity } from '../relay/node';

export enum MessageAuthor {
  VISITOR = 'VISITOR',
  BOT = 'BOT',
  AGENT = 'AGENT',
  SYSTEM = 'SYSTEM',
}
registerEnumType(MessageAuthor, {
  name: 'MessageAuthor',
  description: 'Who wrote a message.',
  valuesConfig: {
    VISITOR: { description: 'The website visitor.' },
    BOT: { description: 'The flow’s bot.' },
    AGENT: { description: 'A user of the account (see `sender`).' },
    SYSTEM: { description: 'ChatOnce itself: someone joined, the chat ended, and similar notices.' },
  },
});

/** A stored choice offered with a bot message, so any widget can render buttons. */
export interface StoredMessageOption {
  key: string;
  label: string;
}

/** One message of a conversation, numbered by `seq` within it. */
@Entity({ tableName: 'messages' })
@Unique({ properties: ['conversation', 'seq'] })
@Unique({ properties: ['conversation', 'clientMessageId'] })
export class Message extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Conversation, { ref: true, deleteRule: 'cascade' })
  conversation!: Ref<Conversation>;

  @Property({ type: 'integer' })
  seq!: number;

  @Enum({ items: () => MessageAuthor, nativeEnumName: 'message_author' })
  author!: MessageAuthor;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'json', nullable: true })
  options?: StoredMessageOption[] | null;

  /** The user who wrote an AGENT message. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  sender?: Ref<User> | null;

  /** Set by the client to make retries idempotent; unique within a conversation. */
  @Property({ type: 'text', nullable: true })
  clientMessageId?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
