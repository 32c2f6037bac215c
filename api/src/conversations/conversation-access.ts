import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { isMember, type Viewer } from '../auth/viewer';
import { fail } from '../errors/user-error';
import { Conversation, ConversationStatus } from './conversation.entity';
import { ConversationErrorCode as Code } from './conversation.errors';

/** Statuses in which a conversation can still change: the bot's part, waiting, live. */
export const OPEN_STATUSES = [ConversationStatus.BOT, ConversationStatus.WAITING, ConversationStatus.ACTIVE];

/** Who may reach a conversation: its own visitor, or any member of its account. */
export function reachableBy(viewer: Viewer, conversationId: string): FilterQuery<Conversation> | null {
  if (viewer.kind === 'visitor') return viewer.conversationId === conversationId ? { id: conversationId } : null;
  return isMember(viewer) ? { id: conversationId, account: viewer.accountId } : null;
}

/** Locks the row of a conversation the viewer may act on; CONVERSATION_NOT_FOUND otherwise. */
export async function lockForViewer(tem: EntityManager, viewer: Viewer, conversationId: string): Promise<Conversation> {
  const where = reachableBy(viewer, conversationId);
  // With its assignee (joined, not locked): the conversation's subscribers show their name.
  const conversation = where
    ? await tem.findOne(Conversation, where, { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['c0'], populate: ['assignee'], strategy: 'joined' })
    : null;
  if (!conversation) fail(Code.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', ['conversationId']);
  // When the lock was granted after a wait, PostgreSQL re-checks the locked row at its new
  // version but keeps the joined row it first read: an assignee set meanwhile (an accept, a
  // transfer) does not match it and arrives as none. Read again, now that the row is ours.
  if (conversation.status === ConversationStatus.ACTIVE && !conversation.assignee?.isInitialized()) {
    return tem.findOneOrFail(Conversation, conversation.id, { populate: ['assignee'], refresh: true });
  }
  return conversation;
}

/** What an activity event of a conversation is about. */
export function subjectOf(conversation: Conversation) {
  return { accountId: conversation.account.id, contactId: conversation.contact.id, conversationId: conversation.id };
}

export function secondsBetween(from: Date | null | undefined, to: Date): number | null {
  return from ? Math.round((to.getTime() - from.getTime()) / 1000) : null;
}
