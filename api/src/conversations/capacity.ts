import { LockMode, type EntityManager } from '@mikro-orm/core';
import { User } from '../users/user.entity';
import { Conversation, ConversationStatus } from './conversation.entity';

/**
 * Whether `userId` may take one more ACTIVE chat, decided under their row lock.
 *
 * Two transactions giving the same user a chat (two accepts, an accept and a transfer) both
 * lock the user's row after the chat's and count only once they hold it: the second counts
 * after the first committed, so a user at capacity-1 gains one chat, never two. The count is a
 * statement of its own: a subquery of the locking statement would read the snapshot taken
 * before it waited for the lock, without the winner's chat.
 *
 * Returns the user as locked (fresh from the row), or null when they are not in `accountId`.
 */
export async function lockUserCapacity(tem: EntityManager, userId: string, accountId: string): Promise<{ user: User; full: boolean } | null> {
  const user = await tem.findOne(User, { id: userId, account: accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!user) return null;
  if (user.maxConcurrentChats == null) return { user, full: false };
  const active = await tem.count(Conversation, { assignee: userId, status: ConversationStatus.ACTIVE });
  return { user, full: active >= user.maxConcurrentChats };
}

/**
 * Whether `userId` is still active, under a share lock of their row: a deactivation holds the row
 * for update until it commits, so an accept waiting here sees it once it has, and a deactivation
 * waiting for this lock finds the chat this accept gives them (and puts it back in the inbox).
 * One statement; unlike lockUserCapacity it does not serialise one user's concurrent accepts.
 */
export async function lockActiveUser(tem: EntityManager, userId: string): Promise<boolean> {
  const row = await tem.findOne(User, { id: userId, deactivatedAt: null }, { lockMode: LockMode.PESSIMISTIC_READ, fields: ['id'], disableIdentityMap: true });
  return row !== null;
}
