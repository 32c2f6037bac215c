import type { EntityManager } from '@mikro-orm/core';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import type { Viewer } from '../auth/viewer';
import { lockForViewer, subjectOf } from '../conversations/conversation-access';
import { ConversationStatus, type Conversation } from '../conversations/conversation.entity';
import { fail, userError, UserErrorsException, type UserError } from '../errors/user-error';
import { AfterCommit } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';

export const RatingErrorCode = {
  NOT_A_VISITOR: 'NOT_A_VISITOR',
  INVALID_SCORE: 'INVALID_SCORE',
  COMMENT_TOO_LONG: 'COMMENT_TOO_LONG',
  NOT_RATEABLE: 'NOT_RATEABLE',
  ALREADY_RATED: 'ALREADY_RATED',
} as const;
const Code = RatingErrorCode;
const MAX_COMMENT = 1000;

/** The visitor's rating of a live chat, given once after it ended. */
export class RatingService {
  constructor(private readonly deps: { activity: ActivityService; dispatcher: EventDispatcher }) {}

  async rate(em: EntityManager, viewer: Viewer, conversationId: string, score: number, comment?: string | null): Promise<{ conversation: Conversation }> {
    if (viewer.kind !== 'visitor') fail(Code.NOT_A_VISITOR, 'Only the visitor of a conversation rates it.', ['input', 'conversationId']);
    const errors: UserError[] = [];
    if (!Number.isInteger(score) || score < 1 || score > 5) errors.push(userError(Code.INVALID_SCORE, 'Give a score from 1 to 5.', ['input', 'score']));
    const words = comment?.trim() || null;
    if (words && words.length > MAX_COMMENT) errors.push(userError(Code.COMMENT_TOO_LONG, `A comment is at most ${MAX_COMMENT} characters.`, ['input', 'comment']));
    if (errors.length) throw new UserErrorsException(errors);

    const afterCommit = new AfterCommit();
    const conversation = await em.transactional(async (tem) => {
      // Under the row lock: two ratings sent at once cannot both be kept.
      const locked = await lockForViewer(tem, viewer, conversationId);
      // Over: ended, or back with the bot after the user ended it (`afterChatNext`).
      const liveChatOver = locked.status === ConversationStatus.ENDED || locked.status === ConversationStatus.BOT;
      if (!liveChatOver || !locked.acceptedAt) fail(Code.NOT_RATEABLE, 'A chat can be rated once a live chat with someone has ended.', ['input', 'conversationId']);
      if (locked.ratedAt) fail(Code.ALREADY_RATED, 'You have rated this chat already. Thank you!', ['input', 'conversationId']);
      locked.ratingScore = score;
      locked.ratingComment = words;
      locked.ratedAt = new Date();
      await tem.flush();
      await this.deps.activity.record(tem, afterCommit, {
        ...subjectOf(locked),
        type: ActivityEventType.CONVERSATION_RATED,
        actor: viewer,
        data: { score, comment: words, assigneeId: locked.assignee?.id ?? null },
      });
      return locked;
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return { conversation };
  }
}
