import { LockMode, type EntityManager } from '@mikro-orm/core';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config/config';
import { Contact } from '../contacts/contact.entity';
import { detailsGivenHere } from '../contacts/contact-merge';
import { fail } from '../errors/user-error';
import { FlowVersion } from '../flows/flow.entity';
import { MessageAuthor } from '../messages/message.entity';
import type { MessageService } from '../messages/message.service';
import { AfterCommit, InboxRemovalReason } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';
import { User } from '../users/user.entity';
import { lockForViewer, OPEN_STATUSES, secondsBetween, subjectOf } from './conversation-access';
import { Conversation, ConversationStatus, EndReason } from './conversation.entity';
import { ConversationErrorCode as Code } from './conversation.errors';
import { runBotTurn } from './bot-engine';
import type { RoutingService } from '../routing/routing.service';
import { applyBotTurn } from './bot-turns';

export interface ChatEndingDeps {
  config: Config;
  activity: ActivityService;
  messages: MessageService;
  dispatcher: EventDispatcher;
  routing: RoutingService;
}

// Chats timed out per transaction, and transactions per timeOutDue call (the sweep's bound).
const TIMEOUT_BATCH_SIZE = 100;
const TIMEOUT_BATCHES_PER_CALL = 20;

/**
 * How conversations end: by a user or the visitor (endChat), unanswered at the flow's timeout,
 * or idle past IDLE_TIMEOUT_SECONDS. Each ending locks the row and is conditional on the state it
 * ends, so a timer that fires late, twice, or after an accept changes nothing.
 */
export class ChatEndingService {
  constructor(private readonly deps: ChatEndingDeps) {}

  /** Ends a conversation: by a user (AGENT_ENDED) or by its visitor (VISITOR_LEFT). */
  async end(em: EntityManager, viewer: Viewer, conversationId: string): Promise<{ conversation: Conversation }> {
    const afterCommit = new AfterCommit();
    const conversation = await em.transactional(async (tem) => {
      const locked = await lockForViewer(tem, viewer, conversationId);
      if (!OPEN_STATUSES.includes(locked.status)) fail(Code.CONVERSATION_CLOSED, 'This conversation has already ended.', ['conversationId']);
      const byVisitor = viewer.kind === 'visitor';
      const who = byVisitor ? 'The visitor' : viewer.kind === 'user' ? (await tem.findOneOrFail(User, viewer.userId)).name : 'An integration';
      // Each reader is told in their own words: the visitor reads "You ended the chat."
      const notice = { body: `${who} ended the chat.`, visitorBody: byVisitor ? 'You ended the chat.' : viewer.kind === 'user' ? undefined : 'The chat was ended.' };
      const wasLive = locked.status === ConversationStatus.ACTIVE;
      await this.close(tem, afterCommit, locked, byVisitor ? EndReason.VISITOR_LEFT : EndReason.AGENT_ENDED, notice, viewer);
      if (wasLive && !byVisitor) await this.resumeBot(tem, afterCommit, locked);
      return locked;
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return { conversation };
  }

  /**
   * After a user ended the live chat: the bot carries on at the LIVE_CHAT step's `afterChatNext`
   * (thanks, a rating question…), and the conversation is the bot's again until that part of the
   * flow ends. Without `afterChatNext` the conversation stays ended.
   */
  private async resumeBot(tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation): Promise<void> {
    const version = await tem.findOneOrFail(FlowVersion, conversation.flowVersion.id);
    const liveChatStep = version.steps.find((step) => step.key === conversation.currentStepKey);
    const stepKey = liveChatStep?.liveChat?.afterChatNext;
    if (!stepKey) return;
    const contact = await tem.findOneOrFail(Contact, conversation.contact.id);
    const known = await detailsGivenHere(tem, conversation, contact);
    const turn = runBotTurn(
      // The live chat is over, so no offer is made again: availability does not matter.
      { steps: version.steps, liveChatEnabled: true, agentsAvailable: false, withinBusinessHours: true, known, liveChatHeld: true },
      { stepKey: null, phase: null },
      { kind: 'afterChat', stepKey },
    );
    if (turn.outcome === 'waiting') {
      conversation.endedAt = null;
      conversation.endReason = null;
    }
    await applyBotTurn(this.deps, tem, afterCommit, conversation, contact, turn, 'system', { endReason: EndReason.AGENT_ENDED });
  }

  // Deadlines (called by the worker)

  /**
   * Times out a chat still waiting at its deadline; anything else (accepted, ended) is left
   * alone. Waits for the row lock, so it never misses a chat another transaction holds.
   */
  async timeOutWaiting(em: EntityManager, conversationId: string, now = new Date()): Promise<boolean> {
    return (await this.timeOut(em, now, { id: conversationId })).length === 1;
  }

  /**
   * What a timeout job (and the sweep) does: times out every waiting chat due by `now`, in
   * batches, so a burst of chats due together costs a few transactions (and the account's
   * positions taken once per batch) instead of one each. Batches skip rows other transactions
   * hold, so several jobs share a burst; a last pass waits for the rows skipped (a visitor
   * writing at that moment), so none is left to the sweep.
   */
  async timeOutDue(em: EntityManager, now = new Date()): Promise<number> {
    let timedOut = 0;
    for (let batch = 0; batch < TIMEOUT_BATCHES_PER_CALL; batch++) {
      const ids = await this.timeOut(em.fork(), now, { batch: TIMEOUT_BATCH_SIZE, skipLocked: true });
      timedOut += ids.length;
      if (ids.length < TIMEOUT_BATCH_SIZE) break;
    }
    return timedOut + (await this.timeOut(em.fork(), now, { batch: TIMEOUT_BATCH_SIZE, skipLocked: false })).length;
  }

  /**
   * Times out the given chat or up to `batch` due ones, all in one transaction; returns the
   * IDs it timed out. The conditions are in the locking query, which PostgreSQL re-checks once
   * a lock is granted, so a chat accepted or ended meanwhile is left alone and none is timed
   * out twice. Rows are locked in (timeoutAt, id) order, so two waiting batches cannot deadlock.
   */
  private async timeOut(em: EntityManager, now: Date, which: { id: string } | { batch: number; skipLocked: boolean }): Promise<string[]> {
    const afterCommit = new AfterCommit();
    const timedOut = await em.transactional(async (tem) => {
      const due = { status: ConversationStatus.WAITING, timeoutAt: { $lte: now } };
      const locked =
        'id' in which
          ? await tem.find(Conversation, { ...due, id: which.id }, { lockMode: LockMode.PESSIMISTIC_WRITE })
          : await tem.find(Conversation, due, {
              lockMode: which.skipLocked ? LockMode.PESSIMISTIC_PARTIAL_WRITE : LockMode.PESSIMISTIC_WRITE,
              orderBy: { timeoutAt: 'asc', id: 'asc' },
              limit: which.batch,
            });
      if (!locked.length) return [];
      // One query each for the batch's flow versions and contacts (the webhook payloads read them).
      const versions = new Map((await tem.find(FlowVersion, { id: { $in: unique(locked.map((chat) => chat.flowVersion.id)) } })).map((version) => [version.id, version]));
      await tem.find(Contact, { id: { $in: unique(locked.map((chat) => chat.contact.id)) } });
      const records = locked.map((chat) => {
        const step = versions.get(chat.flowVersion.id)?.steps.find((candidate) => candidate.key === chat.currentStepKey);
        const waitedSeconds = secondsBetween(chat.waitingSince, now);
        chat.status = ConversationStatus.TIMED_OUT;
        chat.endedAt = now;
        chat.endReason = EndReason.UNANSWERED;
        chat.timeoutAt = null;
        this.deps.messages.append(tem, afterCommit, chat, { author: MessageAuthor.BOT, body: step?.liveChat?.timeoutMessage ?? 'Sorry, nobody is available right now.' });
        afterCommit.inboxEvent(chat.account.id, 'REMOVED', chat.id, InboxRemovalReason.TIMED_OUT);
        return { ...subjectOf(chat), type: ActivityEventType.LIVE_CHAT_TIMED_OUT, actor: 'system' as const, data: { waitedSeconds, timeoutSeconds: step?.liveChat?.timeoutSeconds ?? null } };
      });
      // Written before the events, which are positioned by the transaction's id when recorded.
      await tem.flush();
      for (const record of records) await this.deps.activity.record(tem, afterCommit, record);
      return locked.map((chat) => chat.id);
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return timedOut;
  }

  /**
   * Ends an active chat whose visitor has been silent past the idle deadline. When the visitor
   * wrote since the check was scheduled, schedules the next check at the new deadline instead.
   */
  async checkIdle(em: EntityManager, conversationId: string, now = new Date()): Promise<boolean> {
    const afterCommit = new AfterCommit();
    const ended = await em.transactional(async (tem) => {
      const locked = await tem.findOne(Conversation, conversationId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!locked || locked.status !== ConversationStatus.ACTIVE || !locked.idleDeadlineAt) return false;
      if (locked.idleDeadlineAt > now) {
        afterCommit.timer('idle-check', locked.id, locked.idleDeadlineAt);
        return false;
      }
      const minutes = Math.round(this.deps.config.IDLE_TIMEOUT_SECONDS / 60);
      const idleFor = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${this.deps.config.IDLE_TIMEOUT_SECONDS} seconds`;
      const notice = { body: `The chat ended because the visitor was inactive for ${idleFor}.`, visitorBody: `This chat ended after ${idleFor} without a reply.` };
      await this.close(tem, afterCommit, locked, EndReason.VISITOR_IDLE, notice, 'system', now);
      return true;
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return ended;
  }

  /**
   * Acts on every deadline that has passed, whether or not its queued job survived (Redis
   * flushed, a worker down). Each action is conditional, so a job firing too acts once.
   * Bounded per call: timeouts in batches (see timeOutDue), at most 500 idle endings.
   */
  async sweep(em: EntityManager, now = new Date()): Promise<{ timedOut: number; idleEnded: number }> {
    const timedOut = await this.timeOutDue(em, now);
    const idle = await em.fork().find(Conversation, { status: ConversationStatus.ACTIVE, idleDeadlineAt: { $lte: now } }, { fields: ['id'], limit: 500 });
    let idleEnded = 0;
    for (const { id } of idle) if (await this.checkIdle(em.fork(), id, now)) idleEnded++;
    return { timedOut, idleEnded };
  }

  /**
   * Ends an open conversation inside the caller's transaction, which holds its row lock: for
   * `deleteContact`, which erases the contact in the same transaction. No bot carries on after.
   */
  async endForDeletedContact(tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation, actor: Viewer): Promise<void> {
    await this.close(tem, afterCommit, conversation, EndReason.CONTACT_DELETED, { body: 'The chat ended: the contact was deleted.', visitorBody: 'The chat was ended.' }, actor);
  }

  // Shared steps

  /** `notice`: the SYSTEM line as the team reads it, and as the visitor does when that differs. */
  private async close(tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation, reason: EndReason, notice: { body: string; visitorBody?: string }, actor: Viewer | 'system', now = new Date()): Promise<void> {
    const previous = conversation.status;
    conversation.status = ConversationStatus.ENDED;
    conversation.endedAt = now;
    conversation.endReason = reason;
    conversation.timeoutAt = null;
    conversation.idleDeadlineAt = null;
    conversation.botPhase = null;
    this.deps.messages.append(tem, afterCommit, conversation, { author: MessageAuthor.SYSTEM, ...notice });
    const live = previous === ConversationStatus.WAITING || previous === ConversationStatus.ACTIVE;
    await this.deps.activity.record(tem, afterCommit, {
      ...subjectOf(conversation),
      type: live ? ActivityEventType.LIVE_CHAT_ENDED : ActivityEventType.CONVERSATION_ENDED,
      actor,
      data: { endReason: reason, previousStatus: previous },
    });
    if (previous === ConversationStatus.WAITING) afterCommit.inboxEvent(conversation.account.id, 'REMOVED', conversation.id, InboxRemovalReason.ENDED);
    if (previous === ConversationStatus.ACTIVE && conversation.assignee) afterCommit.assignedEvent(conversation.assignee.id, 'ENDED', conversation.id);
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
