import type { EntityManager } from '@mikro-orm/core';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import type { Viewer } from '../auth/viewer';
import type { Contact } from '../contacts/contact.entity';
import { recordMerge, storeCapturedDetails } from '../contacts/contact-merge';
import type { Message } from '../messages/message.entity';
import { MessageAuthor } from '../messages/message.entity';
import type { MessageService } from '../messages/message.service';
import type { AfterCommit } from '../realtime/after-commit';
import type { RoutingService } from '../routing/routing.service';
import type { BotTurn } from './bot-engine';
import { subjectOf } from './conversation-access';
import { beginWaiting } from './waiting';
import { ConversationStatus, EndReason, type Conversation } from './conversation.entity';

export interface BotTurnDeps {
  activity: ActivityService;
  messages: MessageService;
  routing: Pick<RoutingService, 'enterWaiting'>;
}

/**
 * Stores what one bot turn produced (the visitor's reply, the bot's lines, what the contact
 * gave, the activity events, where the bot now is, and the conversation's status) inside the
 * caller's transaction; returns the visitor's message, if the turn had one. `endReason`: why the
 * conversation ends when the turn completes the flow (BOT_COMPLETED unless the caller knows better).
 */
export async function applyBotTurn(
  deps: BotTurnDeps,
  tem: EntityManager,
  afterCommit: AfterCommit,
  conversation: Conversation,
  contact: Contact,
  turn: BotTurn,
  actor: Viewer | 'system',
  options: { clientMessageId?: string | null; endReason?: EndReason } = {},
): Promise<Message | undefined> {
  const visitorMessage =
    turn.visitorMessage !== undefined ? deps.messages.append(tem, afterCommit, conversation, { author: MessageAuthor.VISITOR, body: turn.visitorMessage, clientMessageId: options.clientMessageId }) : undefined;
  for (const bot of turn.botMessages) deps.messages.append(tem, afterCommit, conversation, { author: MessageAuthor.BOT, body: bot.body, options: bot.options });
  // An email another contact has joins the conversation to that contact (contact-merge.ts).
  const stored = await storeCapturedDetails(tem, conversation, contact, turn.contact);
  const ids = subjectOf(conversation);
  for (const activity of turn.activities) await deps.activity.record(tem, afterCommit, { ...ids, ...activity, actor });
  if (stored.merged) await recordMerge(deps.activity, tem, afterCommit, conversation, stored.contact, stored.merged, actor);
  conversation.currentStepKey = turn.state.stepKey;
  conversation.botPhase = turn.state.phase;

  const now = new Date();
  if (turn.outcome === 'inbox') {
    beginWaiting(afterCommit, conversation, turn.liveChatStep!.liveChat!.timeoutSeconds, now);
    // Announced to every inbox (MANUAL) or offered to one user (AUTO assignment).
    await deps.routing.enterWaiting(tem, afterCommit, conversation);
  } else if (turn.outcome === 'completed' || turn.outcome === 'messageLeft') {
    const endReason = turn.outcome === 'messageLeft' ? EndReason.OFFLINE_MESSAGE_LEFT : (options.endReason ?? EndReason.BOT_COMPLETED);
    if (turn.offlineMessage !== undefined) {
      conversation.offlineMessage = turn.offlineMessage;
      conversation.offlineMessageAt = now;
    }
    // A turn run as the conversation ended (`afterChatNext` reaching an END at once) records no second ending.
    const endedAlready = conversation.status === ConversationStatus.ENDED;
    conversation.status = ConversationStatus.ENDED;
    conversation.endedAt ??= now;
    conversation.endReason ??= endReason;
    if (!endedAlready) await deps.activity.record(tem, afterCommit, { ...ids, type: ActivityEventType.CONVERSATION_ENDED, actor: 'system', data: { endReason } });
  } else if (conversation.status !== ConversationStatus.BOT) {
    // The bot waits for an answer again: after a live chat a user ended (`afterChatNext`).
    conversation.status = ConversationStatus.BOT;
  }
  return visitorMessage;
}
