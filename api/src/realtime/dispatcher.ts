import type { EntityManager } from '@mikro-orm/core';
import type { PubSub } from 'type-graphql';
import { scheduleTimer } from '../../../jobs/live-chat-timers.queue';
import { enqueueAgentAvailability, scheduleOfferExpiry } from '../../../jobs/routing.queue';
import { scheduleDelivery } from '../../../jobs/webhook-deliveries.queue';
import type { Queues } from '../../../jobs/queues';
import type { Logger } from '../logging/logger';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import type { AcceptingMessage, AfterCommit, InboxMessage, UserAccessChange } from './after-commit';
import { Topic } from './topics';

/** Announces what a committed transaction collected in its AfterCommit. */
export class EventDispatcher {
  constructor(
    private readonly pubSub: PubSub,
    private readonly queues: Queues,
    private readonly logger: Logger,
  ) {}

  /** Tells every API process to close the websockets of a revoked key. */
  apiKeyRevoked(apiKeyId: string): void {
    this.pubSub.publish(Topic.API_KEY_REVOKED, 'all', { apiKeyId });
  }

  /**
   * Tells every API process to close the websockets of a user who was deactivated (for good:
   * 4403) or whose role changed (for a reconnect, since a connection keeps the role it opened with).
   */
  userAccessChanged(userId: string, change: UserAccessChange): void {
    this.pubSub.publish(Topic.USER_ACCESS_CHANGED, 'all', { userId, change });
  }

  /**
   * After the switch committed: the user's inbox streams (on any process) filter by it from the
   * next message on. Published before anything else that user's change announces, so it arrives first.
   */
  acceptingChanged(userId: string, accepting: boolean): void {
    const message: AcceptingMessage = { kind: 'ACCEPTING', accepting };
    this.pubSub.publish(Topic.INBOX, userId, message);
    // AUTO assignment: their live offers move on, or pooled chats may be offered to them.
    this.availabilityChanged(userId);
  }

  /** Pushes the chats already waiting to a user who just started accepting chats (AUTO: the pooled ones and those offered to them). */
  async announceWaitingChats(em: EntityManager, userId: string, accountId: string): Promise<void> {
    const waiting = await em
      .fork()
      .find(Conversation, { account: accountId, status: ConversationStatus.WAITING, $or: [{ offeredTo: null }, { offeredTo: userId }] }, { fields: ['id'], orderBy: { waitingSince: 'asc' } });
    for (const { id } of waiting) this.pubSub.publish(Topic.INBOX, userId, { kind: 'ADDED', conversationId: id, reason: null });
  }

  /** A waiting chat rings again for the account's accepting users (see ReminderService). */
  inboxReminder(accountId: string, conversationId: string, waitedSeconds: number): void {
    const message: InboxMessage = { kind: 'REMINDER', conversationId, reason: null, waitedSeconds };
    this.pubSub.publish(Topic.INBOX, accountId, message);
  }

  /** Never throws: a lost job costs a pooled chat an earlier offer, or an offer its early move (the expiry still moves it). */
  private availabilityChanged(userId: string): void {
    enqueueAgentAvailability(this.queues.routing, userId).catch((error: unknown) => this.logger.error({ err: error, userId }, 'could not enqueue an availability change for routing'));
  }

  /**
   * Never throws: the change is committed already. A lost timer is caught by the sweep; a lost
   * event by the subscriber's `after` cursor or a refetch.
   */
  async dispatch(em: EntityManager, afterCommit: AfterCommit): Promise<void> {
    try {
      // One message per event for the whole account: each subscriber filters by its user's accepting switch.
      for (const { accountId, message } of afterCommit.inbox) this.pubSub.publish(Topic.INBOX, accountId, message);
      for (const { userId, message } of afterCommit.assigned) this.pubSub.publish(Topic.ASSIGNED, userId, message);
      for (const message of afterCommit.conversation) this.pubSub.publish(Topic.CONVERSATION, message.conversationId, message);
      for (const message of afterCommit.activity) this.pubSub.publish(Topic.ACTIVITY, message.accountId, message);
      for (const timer of afterCommit.timers) await scheduleTimer(this.queues.liveChatTimers, timer.kind, timer.conversationId, timer.at);
      for (const deliveryId of afterCommit.webhookDeliveries) await scheduleDelivery(this.queues.webhookDeliveries, deliveryId, 1);
      for (const offer of afterCommit.offerExpiries) await scheduleOfferExpiry(this.queues.routing, offer.conversationId, offer.round, offer.at);
      // A chat that ended or was handed on frees its user's capacity (AUTO assignment may offer them a pooled chat).
      for (const { userId, message } of afterCommit.assigned) if (message.kind === 'ENDED' || message.kind === 'TRANSFERRED_OUT') this.availabilityChanged(userId);
    } catch (error) {
      this.logger.error({ err: error }, 'could not announce a committed change; timers and webhooks fall back to the sweep');
    }
  }
}
