import type { EntityManager } from '@mikro-orm/core';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import { actingUserId, isMember, type Viewer } from '../auth/viewer';
import { fail } from '../errors/user-error';
import { MessageAuthor } from '../messages/message.entity';
import type { MessageService } from '../messages/message.service';
import { AfterCommit } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';
import type { RoutingService } from '../routing/routing.service';
import { User, UserRole } from '../users/user.entity';
import { lockUserCapacity } from './capacity';
import { lockForViewer, OPEN_STATUSES, subjectOf } from './conversation-access';
import { type Conversation, ConversationStatus } from './conversation.entity';
import { ConversationErrorCode as Code } from './conversation.errors';

export interface TransferDeps {
  activity: ActivityService;
  messages: MessageService;
  dispatcher: EventDispatcher;
  routing: RoutingService;
}

/** The longest note a transfer carries (it travels with the assignedChats event). */
export const TRANSFER_NOTE_MAX_LENGTH = 1000;

/**
 * Hands an active chat from its assignee to a teammate. Locks the chat's row like accepting and
 * ending do, so a transfer racing an end or another transfer is decided by whoever locks first,
 * and each later caller sees the state the first committed (ended: CONVERSATION_CLOSED; handed
 * on: NOT_ASSIGNED). The target's row is locked after the chat's, as an accept does, so their
 * capacity is counted once no other chat can be joining them (see capacity.ts).
 */
export class TransferService {
  constructor(private readonly deps: TransferDeps) {}

  async transfer(em: EntityManager, viewer: Viewer, input: { conversationId: string; toUserId: string | null; note?: string | null }): Promise<{ conversation: Conversation }> {
    if (!isMember(viewer)) fail(Code.NOT_A_USER, 'Only the account’s users can transfer chats.', ['input', 'conversationId']);
    const note = input.note?.trim() || null;
    const afterCommit = new AfterCommit();
    const conversation = await em.transactional(async (tem) => {
      const locked = await lockForViewer(tem, viewer, input.conversationId);
      if (!OPEN_STATUSES.includes(locked.status)) fail(Code.CONVERSATION_CLOSED, 'This chat has ended.', ['input', 'conversationId']);
      if (locked.status !== ConversationStatus.ACTIVE || !locked.assignee) fail(Code.NOT_ACTIVE, 'Only an accepted chat can be transferred.', ['input', 'conversationId']);
      const actingId = actingUserId(viewer);
      if (locked.assignee.id !== actingId && viewer.role !== UserRole.ADMIN) fail(Code.NOT_ASSIGNED, 'Only the user handling this chat (or an admin) can transfer it.', ['input', 'conversationId']);
      if (input.toUserId === locked.assignee.id) fail(Code.TARGET_NOT_AVAILABLE, 'This teammate is already handling the chat.', ['input', 'toUserId']);
      // A user of another account, or no user at all, reads exactly like a teammate who is away.
      const target = input.toUserId ? await lockUserCapacity(tem, input.toUserId, locked.account.id) : null;
      if (!target || !target.user.acceptingChats) fail(Code.TARGET_NOT_AVAILABLE, 'This teammate is not accepting chats right now.', ['input', 'toUserId']);
      if (target.full) fail(Code.AT_CAPACITY, `${target.user.name} already has as many chats as they can take.`, ['input', 'toUserId']);

      const from = locked.assignee.getEntity();
      const to = target.user;
      const by = actingId === from.id ? from : await tem.findOneOrFail(User, actingId);
      locked.assignee = tem.getReference(User, to.id, { wrapped: true });
      locked.transferredBy = tem.getReference(User, by.id, { wrapped: true });
      locked.transferNote = note;
      await this.deps.routing.assigned(tem, locked, to.id, new Date());
      // The team reads who handed it on and why; the visitor only that someone new is here.
      const handed = by.id === from.id ? `${from.name} transferred the chat to ${to.name}.` : `${by.name} transferred the chat from ${from.name} to ${to.name}.`;
      this.deps.messages.append(tem, afterCommit, locked, {
        author: MessageAuthor.SYSTEM,
        body: note ? `${handed} Note: ${note}` : handed,
        visitorBody: `${to.name} joined the chat.`,
        senderId: to.id,
      });
      // The chat and its line first, then the event (which reads the transaction id), as accepting does.
      await tem.flush();
      await this.deps.activity.record(tem, afterCommit, {
        ...subjectOf(locked),
        type: ActivityEventType.LIVE_CHAT_TRANSFERRED,
        actor: viewer,
        data: { fromUserId: from.nodeId, fromUserName: from.name, toUserId: to.nodeId, toUserName: to.name, note },
      });
      afterCommit.assignedEvent(from.id, 'TRANSFERRED_OUT', locked.id);
      afterCommit.assignedEvent(to.id, 'TRANSFERRED_IN', locked.id, note);
      return locked;
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return { conversation };
  }
}
