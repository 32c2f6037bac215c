import type { AfterCommit } from '../realtime/after-commit';
import { ConversationStatus, type Conversation } from './conversation.entity';

/**
 * A chat enters the inbox (the visitor asked for a human, or its assignee left the team): it
 * waits, times out and reminds from `now`. Announcing it is the caller's next step
 * (`routing.enterWaiting`: every inbox under MANUAL, one user under AUTO).
 */
export function beginWaiting(afterCommit: AfterCommit, conversation: Conversation, timeoutSeconds: number, now: Date): void {
  conversation.status = ConversationStatus.WAITING;
  conversation.waitingSince = now;
  conversation.timeoutAt = new Date(now.getTime() + timeoutSeconds * 1000);
  afterCommit.timer('waiting-timeout', conversation.id, conversation.timeoutAt);
  afterCommit.timer('waiting-reminder', conversation.id, now);
}
