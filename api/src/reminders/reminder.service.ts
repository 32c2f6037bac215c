import type { EntityManager } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import { scheduleTimer } from '../../../jobs/live-chat-timers.queue';
import type { Queues } from '../../../jobs/queues';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import type { EventDispatcher } from '../realtime/dispatcher';

export interface ReminderDeps {
  redis: Redis;
  queues: Queues;
  dispatcher: EventDispatcher;
}

/** What one reminder job did. */
export type ReminderOutcome = 'reminded' | 'armed' | 'already-sent' | 'stopped';

/**
 * Waiting chats ring again: every `Account.reminderSeconds` of its wait, a chat still waiting
 * is announced as a REMINDER to the account's accepting users (the inbox topic, as ADDED is),
 * until it is accepted, ends or times out.
 *
 * A chain of `waiting-reminder` jobs per chat, the first due when the chat starts waiting. Each
 * job reads the chat without a lock (a reminder changes nothing), publishes, then schedules the
 * next on the grid `waitingSince + k × interval`, so the job ids of a chat's reminders are fixed
 * and one tick is one job on any number of workers. A retried job (a worker killed mid-way)
 * publishes only if no attempt did: a Redis key per tick, set before publishing, so a reminder
 * can be lost but never sent twice. One read racing an accept is filtered by the inbox streams
 * (see realtime/inbox-stream.ts), which drop a REMINDER of a chat no longer waiting.
 */
export class ReminderService {
  constructor(private readonly deps: ReminderDeps) {}

  /** The reminder job due at `due` (the chain's first job is due when the chat started waiting). */
  async remind(em: EntityManager, conversationId: string, due: Date, now = new Date()): Promise<ReminderOutcome> {
    const chat = await em.findOne(
      Conversation,
      { id: conversationId, status: ConversationStatus.WAITING },
      { fields: ['waitingSince', 'timeoutAt', 'account.reminderSeconds'], disableIdentityMap: true },
    );
    const interval = chat?.account.getEntity().reminderSeconds;
    if (!chat?.waitingSince || !interval) return 'stopped';
    const waitingSince = chat.waitingSince.getTime();
    const timeoutAt = chat.timeoutAt?.getTime() ?? Infinity;
    const stillWaiting = now.getTime() < timeoutAt;
    let outcome: ReminderOutcome = 'armed';
    if (due.getTime() > waitingSince && stillWaiting) {
      // EX: the key outlives any retry of this tick's job, then goes.
      const first = await this.deps.redis.set(`reminder:${conversationId}:${due.getTime()}`, '1', 'EX', interval + 3600, 'NX');
      if (first) {
        this.deps.dispatcher.inboxReminder(chat.account.id, conversationId, Math.round((now.getTime() - waitingSince) / 1000));
        outcome = 'reminded';
      } else {
        outcome = 'already-sent';
      }
    }
    // The next tick after both the due time and now (a late job skips the ticks it missed).
    const step = interval * 1000;
    const next = waitingSince + (Math.floor((Math.max(due.getTime(), now.getTime()) - waitingSince) / step) + 1) * step;
    // A reminder at the timeout would ring for a chat about to leave the inbox.
    if (next < timeoutAt) await scheduleTimer(this.deps.queues.liveChatTimers, 'waiting-reminder', conversationId, new Date(next));
    return outcome;
  }
}
