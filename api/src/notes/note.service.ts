import type { EntityManager } from '@mikro-orm/core';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import { lockForViewer, subjectOf } from '../conversations/conversation-access';
import { fail } from '../errors/user-error';
import { Message, MessageAuthor } from '../messages/message.entity';
import type { MessageService } from '../messages/message.service';
import { AfterCommit } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';

export const NoteErrorCode = {
  EMPTY_MESSAGE: 'EMPTY_MESSAGE',
  NOTE_TOO_LONG: 'NOTE_TOO_LONG',
} as const;

const MAX_NOTE = 4000;

/**
 * Internal notes: messages with author NOTE in the conversation's sequence, so the team's
 * transcript and live stream show them in place; every path a visitor reads leaves them out
 * (MessageService.forVisitor, the tenant rule).
 */
export class NoteService {
  constructor(private readonly deps: { activity: ActivityService; messages: MessageService; dispatcher: EventDispatcher }) {}

  async add(em: EntityManager, viewer: MemberViewer, conversationId: string, text: string): Promise<{ message: Message }> {
    const body = text.trim();
    if (!body) fail(NoteErrorCode.EMPTY_MESSAGE, 'Type a note first.', ['input', 'body']);
    if (body.length > MAX_NOTE) fail(NoteErrorCode.NOTE_TOO_LONG, `A note is at most ${MAX_NOTE} characters.`, ['input', 'body']);
    const afterCommit = new AfterCommit();
    const message = await em.transactional(async (tem) => {
      // The row lock orders the note's sequence number with the chat's other messages.
      const conversation = await lockForViewer(tem, viewer, conversationId);
      const note = this.deps.messages.append(tem, afterCommit, conversation, { author: MessageAuthor.NOTE, body, senderId: actingUserId(viewer) });
      await tem.flush();
      await this.deps.activity.record(tem, afterCommit, {
        ...subjectOf(conversation),
        type: ActivityEventType.MESSAGE_CREATED,
        actor: viewer,
        data: { messageId: note.nodeId, author: note.author },
      });
      return note;
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return { message };
  }
}
