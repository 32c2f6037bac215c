import { BigIntType, Entity, Enum, Index, ManyToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { Conversation } from '../conversations/conversation.entity';
import { User } from '../users/user.entity';
import { NodeEntity } from '../relay/node';

export enum ActivityEventType {
  CONVERSATION_STARTED = 'CONVERSATION_STARTED',
  CONTACT_CREATED = 'CONTACT_CREATED',
  CONTACT_QUALIFIED = 'CONTACT_QUALIFIED',
  CONTACT_DETAILS_CAPTURED = 'CONTACT_DETAILS_CAPTURED',
  LIVE_CHAT_REQUESTED = 'LIVE_CHAT_REQUESTED',
  LIVE_CHAT_ACCEPTED = 'LIVE_CHAT_ACCEPTED',
  LIVE_CHAT_TRANSFERRED = 'LIVE_CHAT_TRANSFERRED',
  LIVE_CHAT_REQUEUED = 'LIVE_CHAT_REQUEUED',
  LIVE_CHAT_OFFERED = 'LIVE_CHAT_OFFERED',
  LIVE_CHAT_POOLED = 'LIVE_CHAT_POOLED',
  LIVE_CHAT_TIMED_OUT = 'LIVE_CHAT_TIMED_OUT',
  LIVE_CHAT_ENDED = 'LIVE_CHAT_ENDED',
  CONVERSATION_ENDED = 'CONVERSATION_ENDED',
  MESSAGE_CREATED = 'MESSAGE_CREATED',
  CONVERSATION_RATED = 'CONVERSATION_RATED',
  OFFLINE_MESSAGE_LEFT = 'OFFLINE_MESSAGE_LEFT',
  CONTACTS_MERGED = 'CONTACTS_MERGED',
  CONTACT_DELETED = 'CONTACT_DELETED',
}
registerEnumType(ActivityEventType, {
  name: 'ActivityEventType',
  description: 'Kinds of activity-stream events; webhook event types follow them.',
  valuesConfig: {
    CONVERSATION_STARTED: { description: 'A visitor started a conversation with a flow.' },
    CONTACT_CREATED: { description: 'A new contact was created for a visitor.' },
    CONTACT_QUALIFIED: { description: 'The visitor answered a qualifying question.' },
    CONTACT_DETAILS_CAPTURED: { description: 'The visitor gave a name or email.' },
    LIVE_CHAT_REQUESTED: { description: 'The visitor asked for a human; the chat entered the inbox.' },
    LIVE_CHAT_ACCEPTED: { description: 'A user accepted the chat.' },
    LIVE_CHAT_TRANSFERRED: { description: 'An active chat was handed to another user (`data`: from, to, note).' },
    LIVE_CHAT_REQUEUED: { description: 'An active chat went back to the inbox, WAITING again: its assignee was deactivated (`data`: reason `ASSIGNEE_DEACTIVATED`, fromUserId, fromUserName).' },
    LIVE_CHAT_OFFERED: {
      description:
        'AUTO assignment offered the waiting chat to one user (`data`: the user, the round, when the offer expires, why routing ran, and for every user of the account why they were or were not chosen; typed as `ActivityEvent.routingDecision`).',
    },
    LIVE_CHAT_POOLED: {
      description: 'AUTO assignment found nobody left to offer the waiting chat to: every accepting user sees it now, as with MANUAL assignment (`data` as for LIVE_CHAT_OFFERED, without a chosen user).',
    },
    LIVE_CHAT_TIMED_OUT: { description: 'Nobody accepted the chat within the flow’s timeout.' },
    LIVE_CHAT_ENDED: { description: 'A live chat ended (see `data.endReason`).' },
    CONVERSATION_ENDED: { description: 'The bot part ended without a live chat: an END step was reached, or a message was left (see `data.endReason`).' },
    MESSAGE_CREATED: { description: 'A message was written in a live chat.' },
    CONVERSATION_RATED: { description: 'The visitor rated an ended live chat (`data.score` 1–5, `data.comment`).' },
    OFFLINE_MESSAGE_LEFT: { description: 'Nobody was available, so the visitor left a message for the team (`data.message`, `data.name`, `data.email`).' },
    CONTACTS_MERGED: {
      description:
        'A visitor gave the email of another contact of the account: their conversation joined that contact (`data.keptContactId`), and the visitor’s own contact (`data.mergedContactId`) was merged into it and deleted, its conversations and activity moved.',
    },
    CONTACT_DELETED: { description: 'An admin (or API key) erased the contact’s personal data with `deleteContact` (`data.conversations`, `data.messages`: how many were erased).' },
  },
});

export enum ActorKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
  VISITOR = 'VISITOR',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'Who caused an activity event.',
  valuesConfig: {
    USER: { description: 'A user of the account (see `actor.user`).' },
    API_KEY: { description: 'An integration through an API key (acting as the admin in `actor.user`).' },
    VISITOR: { description: 'The website visitor.' },
    SYSTEM: { description: 'ChatOnce itself: timers and the bot.' },
  },
});

/** One entry of the account's activity stream, written in the transaction of the change it records. */
@ObjectType('ActivityEvent', {
  implements: NodeEntity,
  description: 'One entry of the account’s activity stream, recorded in the same transaction as the change it describes.',
})
@Entity({ tableName: 'activity_events' })
@Index({ properties: ['account', 'id'] })
@Index({ properties: ['account', 'type', 'id'] })
@Unique({ properties: ['account', 'position'] })
@Index({ properties: ['contact', 'id'] })
@Index({ properties: ['conversation', 'id'] })
// Reports: who accepted each chat (the assignee may have changed since, by a transfer), and when
// its live part ended (the conversation may carry on with the bot after it: afterChatNext).
@Index({
  name: 'activity_events_live_chat_index',
  expression:
    'create index "activity_events_live_chat_index" on "activity_events" ("conversation_id", "type", "occurred_at") include ("actor_user_id") where "type" in (\'LIVE_CHAT_ACCEPTED\', \'LIVE_CHAT_ENDED\')',
})
export class ActivityEvent extends NodeEntity {
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  /** 1, 2, 3… within the account, in commit order: the integrations feed resumes from it. Set when flushed (ActivityPositions). */
  @Property({ type: new BigIntType('number') })
  position!: Opt<number>;

  @Field(() => ActivityEventType, { description: 'What happened.' })
  @Enum({ items: () => ActivityEventType, nativeEnumName: 'activity_event_type' })
  type!: ActivityEventType;

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt: Opt<Date> = new Date();

  @ManyToOne(() => Contact, { ref: true, nullable: true, deleteRule: 'cascade' })
  contact?: Ref<Contact> | null;

  @ManyToOne(() => Conversation, { ref: true, nullable: true, deleteRule: 'cascade' })
  conversation?: Ref<Conversation> | null;

  @Enum({ items: () => ActorKind, nativeEnumName: 'actor_kind' })
  actorKind!: ActorKind;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  actorUser?: Ref<User> | null;

  @Field(() => GraphQLJSONObject, { description: 'Details that depend on `type`, e.g. the answer given or the end reason.' })
  @Property({ type: 'json' })
  data: Opt<Record<string, unknown>> = {};
}
