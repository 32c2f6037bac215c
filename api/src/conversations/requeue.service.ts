import { LockMode, type EntityManager } from '@mikro-orm/core';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityRecord, ActivityService } from '../activity/activity.service';
import type { Viewer } from '../auth/viewer';
import { FlowVersion } from '../flows/flow.entity';
import { MessageAuthor } from '../messages/message.entity';
import type { MessageService } from '../messages/message.service';
import type { AfterCommit } from '../realtime/after-commit';
import type { RoutingService } from '../routing/routing.service';
import type { User } from '../users/user.entity';
import { subjectOf } from './conversation-access';
import { beginWaiting } from './waiting';
import { Conversation, ConversationStatus } from './conversation.entity';

export interface RequeueDeps {
  activity: ActivityService;
  messages: MessageService;
  routing: Pick<RoutingService, 'enterWaiting'>;
}

/** Why a chat went back to the inbox (`data.reason` of LIVE_CHAT_REQUEUED). */
export const RequeueReason = {
  ASSIGNEE_DEACTIVATED: 'ASSIGNEE_DEACTIVATED',
} as const;

// A step that no longer names a live-chat timeout (cannot happen for a published version) waits this long.
const FALLBACK_TIMEOUT_SECONDS = 300;

/**
 * Puts the ACTIVE chats of a user back in the inbox, inside the caller's transaction (which
 * holds the user's row locked, so no chat can be joining them meanwhile).
 *
 * Each chat is locked like an accept, a transfer or an end locks it; the status and assignee are
 * part of the locking query, which PostgreSQL re-checks once a lock is granted, so a chat ended or
 * transferred meanwhile is left alone. A requeued chat is WAITING afresh: it waits, times out and
 * reminds from now, and is announced to every inbox (MANUAL) or offered to one user (AUTO), as
 * when the visitor first asked for a human.
 */
export class RequeueService {
  constructor(private readonly deps: RequeueDeps) {}

  async requeueChatsOf(tem: EntityManager, afterCommit: AfterCommit, user: User, actor: Viewer, now = new Date()): Promise<Conversation[]> {
    const chats = await tem.find(Conversation, { assignee: user.id, status: ConversationStatus.ACTIVE }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
    if (!chats.length) return [];
    const versionIds = [...new Set(chats.map((chat) => chat.flowVersion.id))];
    const versions = new Map((await tem.find(FlowVersion, { id: { $in: versionIds } })).map((version) => [version.id, version]));
    const records: ActivityRecord[] = [];
    for (const chat of chats) {
      const steps = versions.get(chat.flowVersion.id)?.steps ?? [];
      const step = steps.find((candidate) => candidate.key === chat.currentStepKey && candidate.liveChat) ?? steps.find((candidate) => candidate.liveChat);
      const timeoutSeconds = step?.liveChat?.timeoutSeconds ?? FALLBACK_TIMEOUT_SECONDS;
      chat.assignee = null;
      chat.acceptedAt = null;
      chat.idleDeadlineAt = null;
      chat.transferredBy = null;
      chat.transferNote = null;
      beginWaiting(afterCommit, chat, timeoutSeconds, now);
      this.deps.messages.append(tem, afterCommit, chat, {
        author: MessageAuthor.SYSTEM,
        body: `${user.name} is no longer on the team: the chat is back in the inbox.`,
        visitorBody: `${user.name} had to leave. Someone else will join you shortly.`,
      });
      // The requeue first, then the routing decision it leads to (AUTO), in the stream's order.
      records.push({ ...subjectOf(chat), type: ActivityEventType.LIVE_CHAT_REQUEUED, actor, data: { reason: RequeueReason.ASSIGNEE_DEACTIVATED, fromUserId: user.nodeId, fromUserName: user.name } });
    }
    // The chats and their lines first, then the events (which read the transaction id), as accepting does.
    await tem.flush();
    for (const record of records) await this.deps.activity.record(tem, afterCommit, record);
    for (const chat of chats) await this.deps.routing.enterWaiting(tem, afterCommit, chat);
    return chats;
  }
}
