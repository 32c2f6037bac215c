import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer';
import type { RedisBackedPubSub } from '../server/pub-sub';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { User } from '../users/user.entity';
import type { AcceptingMessage, InboxMessage } from './after-commit';
import { oncePerEvent } from './per-event';
import { Topic } from './topics';

/**
 * A user's inbox: the account's inbox events while the user is accepting chats. The switch is
 * read once, after both topics are subscribed; from then on the user's own topic carries every
 * change, in publish order with the account's events (one Redis connection), so a user who
 * stops accepting receives nothing published after that.
 *
 * With AUTO assignment an event may be addressed to one user (`onlyUserId`) or to all but one
 * (`exceptUserId`): a filter in this process, like the switch.
 *
 * A REMINDER is passed on only while its chat is still waiting (read once per event in this
 * process): the reminder job reads without a lock, so its REMINDER can be published just after
 * an accept's REMOVED. Read after that REMOVED arrived, the chat is no longer waiting.
 */
export async function inboxStream(listen: RedisBackedPubSub['listen'], em: EntityManager, viewer: Extract<Viewer, { kind: 'user' }>): Promise<AsyncIterableIterator<InboxMessage>> {
  // The user's topic last: a test waiting for it knows the account's is live too.
  const messages = await listen<InboxMessage | AcceptingMessage>(Topic.INBOX, [viewer.accountId, viewer.userId]);
  let accepting: boolean;
  try {
    const user = await em.findOne(User, { id: viewer.userId, account: viewer.accountId }, { fields: ['acceptingChats'] });
    accepting = user?.acceptingChats ?? false;
  } catch (error) {
    await messages.return?.();
    throw error;
  }
  const iterator: AsyncIterableIterator<InboxMessage> = {
    async next() {
      for (;;) {
        const result = await messages.next();
        if (result.done) return { value: undefined, done: true };
        if (result.value.kind === 'ACCEPTING') accepting = result.value.accepting;
        else if (accepting && addressedTo(result.value, viewer.userId) && (result.value.kind !== 'REMINDER' || (await remindsUser(em, result.value, viewer.userId)))) return { value: result.value, done: false };
      }
    },
    return: async () => {
      await messages.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error: unknown) => {
      await messages.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** AUTO assignment addresses some events to one user's inbox, or to all but one (see routing/). */
function addressedTo(message: InboxMessage, userId: string): boolean {
  return (!message.onlyUserId || message.onlyUserId === userId) && message.exceptUserId !== userId;
}

/** A REMINDER rings while its chat still waits, for everyone when it is pooled, for the offeree alone while it is offered. */
async function remindsUser(em: EntityManager, message: InboxMessage, userId: string): Promise<boolean> {
  const waiting = await stillWaiting(em, message);
  return waiting !== null && (waiting.offeredTo === null || waiting.offeredTo === userId);
}

/** The chat if it still waits, with whom it is offered to (null: pooled): read once per event in this process. */
function stillWaiting(em: EntityManager, message: InboxMessage): Promise<{ offeredTo: string | null } | null> {
  return oncePerEvent(message, 'still-waiting', async () => {
    const waiting = await em.fork().findOne(Conversation, { id: message.conversationId, status: ConversationStatus.WAITING }, { fields: ['id', 'offeredTo'], disableIdentityMap: true });
    return waiting ? { offeredTo: waiting.offeredTo?.id ?? null } : null;
  }).catch(() => null); // the database unreachable: a lost reminder, not a failed stream
}
