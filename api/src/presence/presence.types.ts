import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';

/** Longest draft preview kept from a setTyping call (the rest is cut). */
export const PREVIEW_MAX_LENGTH = 500;
/** A typing indicator without a fresh signal for this long is dropped by clients (and its Redis key expires). */
export const TYPING_TTL_SECONDS = 6;

export enum VisitorPresence {
  ONLINE = 'ONLINE',
  AWAY = 'AWAY',
  OFFLINE = 'OFFLINE',
}
registerEnumType(VisitorPresence, {
  name: 'VisitorPresence',
  description: 'Whether the visitor has the chat open right now.',
  valuesConfig: {
    ONLINE: { description: 'The widget is connected and its page is visible.' },
    AWAY: { description: 'The widget is connected but its page is hidden (another tab, minimised).' },
    OFFLINE: { description: 'No widget has been connected for a few seconds (tab closed, network lost).' },
  },
});

export enum SignalKind {
  TYPING = 'TYPING',
  PRESENCE = 'PRESENCE',
  READ = 'READ',
}
registerEnumType(SignalKind, {
  name: 'ConversationSignalKind',
  description: 'What an ephemeral conversation signal says.',
  valuesConfig: {
    TYPING: { description: 'Someone started or stopped typing (`typing`, `name`, `preview`).' },
    PRESENCE: { description: 'The visitor’s presence changed (`presence`, `lastSeenAt`).' },
    READ: { description: 'A side read the conversation up to `cursor`.' },
  },
});

export enum SignalSide {
  VISITOR = 'VISITOR',
  AGENT = 'AGENT',
}
registerEnumType(SignalSide, {
  name: 'SignalSide',
  description: 'Which side of the chat a signal is about.',
  valuesConfig: { VISITOR: { description: 'The visitor.' }, AGENT: { description: 'A user of the account.' } },
});

/** What travels through Redis on Topic.SIGNALS: small, and never stored. */
export interface SignalMessage {
  kind: SignalKind;
  accountId: string;
  conversationId: string;
  by: SignalSide;
  /** The sending user's id, or `visitor`: a participant's own streams skip their own signals. */
  senderId: string;
  typing?: boolean;
  name?: string | null;
  preview?: string | null;
  presence?: VisitorPresence;
  lastSeenAt?: string | null;
  cursor?: string;
  at: string;
}

@ObjectType('ConversationSignal', {
  description: 'An ephemeral signal of one conversation: typing, the visitor’s presence, or a read. Never stored as a message and never replayed.',
})
export class ConversationSignal {
  @Field(() => SignalKind, { description: 'TYPING, PRESENCE or READ.' })
  kind!: SignalKind;

  @Field(() => ID, { description: 'The conversation.' })
  conversationId!: string;

  @Field(() => SignalSide, { description: 'Whose signal: the visitor’s or the account’s users’ side.' })
  by!: SignalSide;

  @Field(() => Boolean, { nullable: true, description: 'TYPING: true while typing. Without a new signal for 6 seconds, treat it as false.' })
  typing?: boolean | null;

  @Field(() => String, { nullable: true, description: 'TYPING by AGENT: the name of the user typing.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'TYPING by VISITOR: the visitor’s draft, only when the account turned on typing previews (never sent to a visitor token).' })
  preview?: string | null;

  @Field(() => VisitorPresence, { nullable: true, description: 'PRESENCE: the visitor’s new presence.' })
  presence?: VisitorPresence | null;

  @Field(() => Date, { nullable: true, description: 'PRESENCE: when the visitor was last connected.' })
  lastSeenAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'READ: the side’s read cursor (a `Message.cursor`).' })
  cursor?: string | null;

  @Field(() => Date, { description: 'When the signal was sent.' })
  at!: Date;
}

@ObjectType('SetTypingPayload', { description: 'Result of setTyping.' })
export class SetTypingPayload extends MutationPayload {
  @Field(() => Boolean, { nullable: true, description: 'Whether the signal was passed on (false for a repeated stop).' })
  delivered?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'For a visitor: whether the account shows agents the draft, so the widget should send `preview`. Never true otherwise.' })
  previewWanted?: boolean;
}

@ObjectType('SetPresencePayload', { description: 'Result of setPresence.' })
export class SetPresencePayload extends MutationPayload {
  @Field(() => VisitorPresence, { nullable: true, description: 'The visitor’s presence now.' })
  presence?: VisitorPresence;
}

@ObjectType('MarkReadPayload', { description: 'Result of markRead.' })
export class MarkReadPayload extends MutationPayload {
  /** Which conversation: `conversation` is read only when asked for. */
  conversationId?: string;

  @Field(() => String, { nullable: true, description: 'The caller’s side’s read cursor now (`visitorReadCursor` for a visitor, `agentReadCursor` for users).' })
  cursor?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the cursor moved (false when it was already at or past this message).' })
  moved?: boolean;
}
