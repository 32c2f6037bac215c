/** Why a chat left the inbox. */
export enum InboxRemovalReason {
  ACCEPTED = 'ACCEPTED',
  TIMED_OUT = 'TIMED_OUT',
  ENDED = 'ENDED',
  /** AUTO assignment: the chat is offered to someone else now (see routing/). */
  OFFERED_ELSEWHERE = 'OFFERED_ELSEWHERE',
}

export type InboxEventKind = 'ADDED' | 'REMOVED' | 'REMINDER';
export type AssignedEventKind = 'ASSIGNED' | 'ENDED' | 'TRANSFERRED_IN' | 'TRANSFERRED_OUT';
export type TimerKind = 'waiting-timeout' | 'idle-check' | 'waiting-reminder';

/** What travels through Redis: identifiers only; each subscriber loads what it may see. */
export interface InboxMessage {
  kind: InboxEventKind;
  conversationId: string;
  reason: InboxRemovalReason | null;
  /** REMINDER: how long the chat had waited when the reminder was sent. */
  waitedSeconds?: number;
  /** AUTO assignment: only this user's inbox takes the event (the chat is offered to them, or no longer). */
  onlyUserId?: string;
  /** AUTO assignment: every inbox but this user's takes it (a pooled chat now offered to them). */
  exceptUserId?: string;
}

/** Which of the account's inboxes an inbox event is for (all, without either). */
export type InboxAudience = Pick<InboxMessage, 'onlyUserId' | 'exceptUserId'>;
/** On a user's own inbox topic: their "accepting chats" switch, so their stream filters in process. */
export interface AcceptingMessage {
  kind: 'ACCEPTING';
  accepting: boolean;
}
export interface AssignedMessage {
  kind: AssignedEventKind;
  conversationId: string;
  /** TRANSFERRED_IN: the note the previous assignee left (bounded, see transfer.service.ts). */
  note?: string | null;
}
/** On USER_ACCESS_CHANGED: what happened to a user's access (see EventDispatcher.userAccessChanged). */
export type UserAccessChange = 'deactivated' | 'role';
export interface UserAccessMessage {
  userId: string;
  change: UserAccessChange;
}
/** Pub/sub notifications that feed a replay carry the `position` the stream resumes after. */
export interface ConversationMessage {
  conversationId: string;
  /** The new message's `seq`. */
  position: number;
  /** The message as committed, so live subscribers need not read it back (see MessageService.liveReads). */
  committed?: unknown;
}
export interface ActivityMessage {
  accountId: string;
  eventId: string;
  position: number;
}

/**
 * What a transaction wants announced once it has committed: subscription events and timers.
 * Collected inside the transaction, dispatched after it, so nothing is announced for a
 * change that rolled back. (A crash in between loses only announcements: timers are swept
 * from their deadline columns, and subscribers catch up with their `after` cursor.)
 */
export class AfterCommit {
  readonly inbox: { accountId: string; message: InboxMessage }[] = [];
  readonly assigned: { userId: string; message: AssignedMessage }[] = [];
  private readonly conversationEvents: { conversationId: string; position: number; committed: () => unknown }[] = [];
  private readonly activityEvents: { accountId: string; event: { id: string; position: number } }[] = [];
  readonly timers: { kind: TimerKind; conversationId: string; at: Date }[] = [];
  readonly webhookDeliveries: string[] = [];
  /** AUTO assignment: offers whose expiry jobs to schedule (see routing/). */
  readonly offerExpiries: { conversationId: string; round: number; at: Date }[] = [];

  inboxEvent(accountId: string, kind: InboxEventKind, conversationId: string, reason: InboxRemovalReason | null = null, audience: InboxAudience = {}): void {
    this.inbox.push({ accountId, message: { kind, conversationId, reason, ...audience } });
  }

  offerExpiry(conversationId: string, round: number, at: Date): void {
    this.offerExpiries.push({ conversationId, round, at });
  }

  assignedEvent(userId: string, kind: AssignedEventKind, conversationId: string, note?: string | null): void {
    this.assigned.push({ userId, message: note === undefined ? { kind, conversationId } : { kind, conversationId, note } });
  }

  /** `committed` is called when announced: the message and its conversation are as committed by then. */
  conversationEvent(conversationId: string, seq: number, committed: () => unknown): void {
    this.conversationEvents.push({ conversationId, position: seq, committed });
  }

  get conversation(): ConversationMessage[] {
    return this.conversationEvents.map(({ conversationId, position, committed }) => ({ conversationId, position, committed: committed() }));
  }

  /** The event's position is read when announced: it is taken only when the event is flushed. */
  activityEvent(accountId: string, event: { id: string; position: number }): void {
    this.activityEvents.push({ accountId, event });
  }

  get activity(): ActivityMessage[] {
    return this.activityEvents.map(({ accountId, event }) => ({ accountId, eventId: event.id, position: event.position }));
  }

  webhookDelivery(deliveryId: string): void {
    this.webhookDeliveries.push(deliveryId);
  }

  timer(kind: TimerKind, conversationId: string, at: Date): void {
    this.timers.push({ kind, conversationId, at });
  }
}
