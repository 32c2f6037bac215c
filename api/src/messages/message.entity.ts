import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { Conversation } from '../conversations/conversation.entity';
import { User } from '../users/user.entity';
import { NodeEntity } from '../relay/node';

export enum MessageAuthor {
  VISITOR = 'VISITOR',
  BOT = 'BOT',
  AGENT = 'AGENT',
  SYSTEM = 'SYSTEM',
  NOTE = 'NOTE',
}
registerEnumType(MessageAuthor, {
  name: 'MessageAuthor',
  description: 'Who wrote a message.',
  valuesConfig: {
    VISITOR: { description: 'The website visitor.' },
    BOT: { description: 'The flow’s bot.' },
    AGENT: { description: 'A user of the account (see `sender`).' },
    SYSTEM: { description: 'ChatOnce itself: someone joined, the chat ended, and similar notices.' },
    NOTE: { description: 'An internal note of a user (see `sender`), written with `addNote`: seen by the account’s users and API keys, never by the visitor.' },
  },
});

/** A choice offered with a bot message, so any widget can render buttons. */
@ObjectType('MessageOption', { description: 'A choice offered with a bot message; send its key as `sendMessage(optionKey:)`.' })
export class StoredMessageOption {
  @Field(() => String, { description: 'Key to send back.' })
  key!: string;

  @Field(() => String, { description: 'Button text.' })
  label!: string;
}

/** One message of a conversation, numbered by `seq` within it. */
@ObjectType('Message', { implements: NodeEntity, description: 'One message of a conversation, from the visitor, the bot, a user or ChatOnce itself.' })
@Entity({ tableName: 'messages' })
@Unique({ properties: ['conversation', 'seq'] })
@Unique({ properties: ['conversation', 'clientMessageId'] })
// Reports: a chat's visitor and agent messages by time (first response, messages per chat).
@Index({
  name: 'messages_live_index',
  expression: 'create index "messages_live_index" on "messages" ("conversation_id", "created_at") include ("author") where "author" in (\'VISITOR\', \'AGENT\')',
})
// Reports: the bot's messages that offer options (the live-chat offer, for the flows' funnel).
@Index({
  name: 'messages_bot_options_index',
  expression: 'create index "messages_bot_options_index" on "messages" ("conversation_id", "seq") where "author" = \'BOT\' and "options" is not null',
})
export class Message extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Conversation, { ref: true, deleteRule: 'cascade' })
  conversation!: Ref<Conversation>;

  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => MessageAuthor, { description: 'VISITOR, BOT, AGENT or SYSTEM.' })
  @Enum({ items: () => MessageAuthor, nativeEnumName: 'message_author' })
  author!: MessageAuthor;

  /** The text as the team reads it; the `body` field resolver picks `visitorBody` for the visitor. */
  @Property({ type: 'text' })
  body!: string;

  /** A SYSTEM line as its visitor reads it ("You ended the chat."), when that differs from `body`. */
  @Property({ type: 'text', nullable: true })
  visitorBody?: string | null;

  @Field(() => [StoredMessageOption], { nullable: true, description: 'Choices the visitor can pick from (bot questions and the live-chat offer).' })
  @Property({ type: 'json', nullable: true })
  options?: StoredMessageOption[] | null;

  /** The user who wrote an AGENT message. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  sender?: Ref<User> | null;

  /** Set by the client to make retries idempotent; unique within a conversation. */
  @Field(() => String, { nullable: true, description: 'The id the sending client chose to make retries idempotent.' })
  @Property({ type: 'text', nullable: true })
  clientMessageId?: string | null;

  @Field(() => Date, { description: 'When the message was written.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
