import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import { signVisitorToken } from '../auth/tokens';
import { isMember, type Viewer } from '../auth/viewer';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/config';
import { Contact } from '../contacts/contact.entity';
import { detailsGivenHere } from '../contacts/contact-merge';
import { fail, failRateLimited, userError, UserErrorsException } from '../errors/user-error';
import { Flow, FlowVersion } from '../flows/flow.entity';
import { Message, MessageAuthor } from '../messages/message.entity';
import type { MessageService, NewMessage } from '../messages/message.service';
import type { LiveMessageAuthor } from '../messages/live-message-write';
import { AfterCommit, InboxRemovalReason } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';
import { paginate, type ConnectionArgs, type SortDirection } from '../relay/connection';
import type { RoutingService } from '../routing/routing.service';
import { RoutingErrorCode } from '../routing/routing.errors';
import { User, UserRole } from '../users/user.entity';
import { availability } from './availability';
import { InvalidReplyError, runBotTurn, type BotTurn } from './bot-engine';
import { applyBotTurn } from './bot-turns';
import { lockActiveUser, lockUserCapacity } from './capacity';
import { lockForViewer, reachableBy, secondsBetween, subjectOf } from './conversation-access';
import { Conversation, ConversationStatus, EndReason } from './conversation.entity';
import { ConversationErrorCode as Code } from './conversation.errors';
import type { SendMessageInput, VisitorInput } from './conversation.types';
import type { VisitorIdentityInput } from '../identity/identity.types';
import type { IdentityService } from '../identity/identity.service';

export interface ConversationDeps {
  config: Config;
  redis: Redis;
  activity: ActivityService;
  messages: MessageService;
  dispatcher: EventDispatcher;
  routing: RoutingService;
  identity: IdentityService;
}

export interface ConversationListFilter {
  status?: ConversationStatus | null;
  assigneeId?: string | null;
  contactId?: string | null;
  /** true: only conversations where the visitor left a message (false: only those without). */
  hasOfflineMessage?: boolean | null;
  updatedAfter?: Date | null;
}

/**
 * Conversations from the visitor's first message until a user accepts the live chat (how chats
 * end is ChatEndingService's). Every change
 * locks the conversation row, runs in one transaction with its messages and activity events,
 * and is announced (subscriptions, timers) only after it commits.
 */
export class ConversationService {
  private readonly startsPerIp: RateLimiterRedis;
  private readonly visitorMessages: RateLimiterRedis;
  /** acceptChat claims running in this process, by account and chat (see accept). */
  private readonly claimsInFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: ConversationDeps) {
    // startConversation needs no token; this keeps one address from flooding an inbox.
    this.startsPerIp = new RateLimiterRedis({ storeClient: deps.redis, keyPrefix: 'chatonce:conversation-starts', points: deps.config.CONVERSATIONS_PER_IP_PER_10_MIN, duration: 600 });
    // A visitor token is anyone's to use: bound what one conversation can send (and make the bot do).
    this.visitorMessages = new RateLimiterRedis({ storeClient: deps.redis, keyPrefix: 'chatonce:visitor-messages', points: deps.config.VISITOR_MESSAGES_PER_MINUTE, duration: 60 });
  }

  /** Consumes one point of `limiter` for `key`, or fails with `code`. */
  private async limit(limiter: RateLimiterRedis, key: string, code: string, message: string, field: string[]): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      failRateLimited(code, message, field, (rejection as RateLimiterRes).msBeforeNext);
    }
  }

  // Reads

  /** The conversation if the viewer may see it: a member of its account, or its own visitor. */
  get(em: EntityManager, viewer: Viewer, conversationId: string): Promise<Conversation | null> {
    const where = reachableBy(viewer, conversationId);
    return where ? em.findOne(Conversation, where) : Promise.resolve(null);
  }

  /**
   * Newest first, or by `order`: creation (the ID) or last change. No index on updated_at, on
   * purpose: every message changes it, and an index on it would cost each message's update.
   */
  list(em: EntityManager, accountId: string, filter: ConversationListFilter, args: ConnectionArgs, order: { byUpdate: boolean; direction: SortDirection } = { byUpdate: false, direction: 'desc' }) {
    return paginate(
      em,
      Conversation,
      {
        account: accountId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.assigneeId ? { assignee: filter.assigneeId } : {}),
        ...(filter.contactId ? { contact: filter.contactId } : {}),
        ...(filter.hasOfflineMessage != null ? { offlineMessageAt: filter.hasOfflineMessage ? { $ne: null } : null } : {}),
        ...(filter.updatedAfter ? { updatedAt: { $gt: filter.updatedAfter } } : {}),
      },
      args,
      order.direction,
      order.byUpdate ? 'updatedAt' : 'id',
    );
  }

  /**
   * Waiting chats, longest-waiting first; empty for a user who is not accepting chats. With AUTO
   * assignment a user sees the pooled chats and those offered to them (an API key sees all);
   * `personal` is told when that makes the list the caller's own rather than the account's.
   */
  async inbox(em: EntityManager, viewer: Viewer, personal?: () => void): Promise<Conversation[]> {
    if (!isMember(viewer)) return [];
    if (viewer.kind === 'user') {
      const user = await em.findOneOrFail(User, viewer.userId);
      if (!user.acceptingChats) return [];
    }
    const waiting = await em.find(Conversation, { account: viewer.accountId, status: ConversationStatus.WAITING }, { orderBy: { waitingSince: 'asc', id: 'asc' }, limit: 500 });
    if (viewer.kind !== 'user' || !waiting.some((chat) => chat.offeredTo)) return waiting;
    personal?.();
    return waiting.filter((chat) => this.deps.routing.isVisibleTo(chat, viewer.userId));
  }

  // The visitor's side

  /** Starts a conversation on the flow's published version; the bot speaks first. */
  async start(em: EntityManager, flowId: string | null, visitor: VisitorInput | null | undefined, ip: string, identity?: VisitorIdentityInput | null): Promise<{ conversation: Conversation; visitorToken: string }> {
    await this.limit(this.startsPerIp, ip, Code.TOO_MANY_CONVERSATIONS, 'Too many conversations were started from your address. Try again in a few minutes.', ['input']);
    const afterCommit = new AfterCommit();
    const conversation = await em.transactional(async (tem) => {
      const flow = flowId ? await tem.findOne(Flow, flowId) : null;
      if (!flow) fail(Code.FLOW_NOT_FOUND, 'No flow has this ID.', ['input', 'flowId']);
      if (!flow.publishedVersion) fail(Code.FLOW_NOT_PUBLISHED, 'This flow has not been published yet.', ['input', 'flowId']);
      // One after the other: a transaction is one connection, which runs one query at a time.
      const version = await tem.findOneOrFail(FlowVersion, flow.publishedVersion.id);
      const account = await tem.findOneOrFail(Account, flow.account.id);
      // A verified visitor joins their contact (the bot then knows their name and email); anyone else starts a new one.
      if (identity) this.deps.identity.verify(account, identity);
      const { contact, created } = identity ? await this.deps.identity.contactFor(tem, account, identity) : { contact: tem.create(Contact, { account }), created: true };
      const started = tem.create(Conversation, {
        account,
        flowVersion: version,
        contact,
        identityVerified: Boolean(identity),
        pageUrl: visitor?.pageUrl ?? null,
        referrer: visitor?.referrer ?? null,
        locale: visitor?.locale ?? null,
      });
      const actor: Viewer = { kind: 'visitor', accountId: account.id, conversationId: started.id };
      const ids = { accountId: account.id, contactId: contact.id, conversationId: started.id };
      if (created) await this.deps.activity.record(tem, afterCommit, { ...ids, type: ActivityEventType.CONTACT_CREATED, actor });
      await this.deps.activity.record(tem, afterCommit, {
        ...ids,
        type: ActivityEventType.CONVERSATION_STARTED,
        actor,
        data: { flowId: flow.nodeId, flowVersion: version.version, pageUrl: started.pageUrl, verified: Boolean(identity) },
      });
      const known = identity ? { name: contact.name, email: contact.email } : {};
      const turn = runBotTurn(
        { steps: version.steps, liveChatEnabled: account.liveChatEnabled, ...(await availability(tem, account, version.steps)), known },
        { stepKey: null, phase: null },
        { kind: 'start' },
      );
      await applyBotTurn(this.deps, tem, afterCommit, started, contact, turn, actor);
      return started;
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    const visitorToken = signVisitorToken({ conversationId: conversation.id, accountId: conversation.account.id }, this.deps.config.JWT_SECRET);
    return { conversation, visitorToken };
  }

  /**
   * A message from the visitor (answers the bot, or chats live) or from a user (live chat).
   * With a `clientMessageId` seen before, the stored message is returned and nothing changes.
   */
  async sendMessage(em: EntityManager, viewer: Viewer, conversationId: string, input: SendMessageInput): Promise<{ message: Message; conversation: Conversation }> {
    if (viewer.kind === 'visitor') {
      await this.limit(this.visitorMessages, conversationId, Code.TOO_MANY_MESSAGES, 'You are sending messages too quickly. Wait a moment and try again.', ['input', 'body']);
    }
    const afterCommit = new AfterCommit();
    const clientMessageId = input.clientMessageId ?? null;
    try {
      const live = await this.liveMessageInOneStatement(em, afterCommit, viewer, conversationId, input);
      if (live) {
        await this.deps.dispatcher.dispatch(em, afterCommit);
        return live;
      }
      const result = await em.transactional(async (tem) => {
        const conversation = await lockForViewer(tem, viewer, conversationId);
        // A bot turn may refuse a repeated answer (its step has moved on), so the bot looks first.
        // A live message relies on the unique index instead: one round trip fewer per message.
        if (clientMessageId && conversation.status === ConversationStatus.BOT) {
          const earlier = await tem.findOne(Message, { conversation, clientMessageId });
          if (earlier) return { message: earlier, conversation };
        }
        const message =
          viewer.kind === 'visitor'
            ? await this.visitorMessage(tem, afterCommit, viewer, conversation, input)
            : await this.agentMessage(tem, afterCommit, viewer, conversation, input);
        return { message, conversation };
      });
      await this.deps.dispatcher.dispatch(em, afterCommit);
      return result;
    } catch (error) {
      // A retry of a stored message: the unique index refused it, or the chat has moved on since
      // (ended, say). Either way the stored message is the answer, as when it was looked up first.
      const repeated = clientMessageId && (error instanceof UniqueConstraintViolationException || error instanceof UserErrorsException) ? reachableBy(viewer, conversationId) : null;
      if (repeated) {
        const fresh = em.fork();
        const message = await fresh.findOne(Message, { conversation: repeated, clientMessageId });
        if (message) return { message, conversation: await fresh.findOneOrFail(Conversation, conversationId) };
      }
      throw error;
    }
  }

  /**
   * The usual message of a live chat, from its visitor or its assignee (or an admin), in one
   * statement (MessageService.appendLive); null when anything else may apply (the bot's turn,
   * an option, an empty body, a closed or someone else's chat, a webhook taking messages), and
   * sendMessage takes the transaction below, which says why.
   */
  private liveMessageInOneStatement(em: EntityManager, afterCommit: AfterCommit, viewer: Viewer, conversationId: string, input: SendMessageInput) {
    const body = input.body?.trim();
    if (!body || input.optionKey) return null;
    const author: LiveMessageAuthor | null =
      viewer.kind === 'visitor' && viewer.conversationId === conversationId
        ? { kind: 'visitor', accountId: viewer.accountId, idleDeadlineAt: this.idleDeadline() }
        : viewer.kind === 'user'
          ? { kind: 'user', accountId: viewer.accountId, userId: viewer.userId, isAdmin: viewer.role === UserRole.ADMIN }
          : null;
    return author && this.deps.messages.appendLive(em, afterCommit, author, conversationId, { body, clientMessageId: input.clientMessageId ?? null });
  }

  private async visitorMessage(tem: EntityManager, afterCommit: AfterCommit, viewer: Viewer, conversation: Conversation, input: SendMessageInput): Promise<Message> {
    switch (conversation.status) {
      case ConversationStatus.BOT: {
        const version = await tem.findOneOrFail(FlowVersion, conversation.flowVersion.id);
        const account = await tem.findOneOrFail(Account, conversation.account.id);
        const contact = await tem.findOneOrFail(Contact, conversation.contact.id);
        let turn: BotTurn;
        try {
          turn = runBotTurn(
            {
              steps: version.steps,
              liveChatEnabled: account.liveChatEnabled,
              ...(await availability(tem, account, version.steps)),
              known: await detailsGivenHere(tem, conversation, contact),
              liveChatHeld: Boolean(conversation.acceptedAt),
            },
            { stepKey: conversation.currentStepKey ?? null, phase: conversation.botPhase ?? null },
            { kind: 'reply', body: input.body, optionKey: input.optionKey },
          );
        } catch (error) {
          if (error instanceof InvalidReplyError) fail(error.code, error.message, ['input', error.code === 'INVALID_OPTION' ? 'optionKey' : 'body']);
          throw error;
        }
        return (await applyBotTurn(this.deps, tem, afterCommit, conversation, contact, turn, viewer, { clientMessageId: input.clientMessageId }))!;
      }
      case ConversationStatus.WAITING:
      case ConversationStatus.ACTIVE: {
        const body = requireBody(input);
        if (conversation.status === ConversationStatus.ACTIVE) conversation.idleDeadlineAt = this.idleDeadline();
        return this.liveMessage(tem, afterCommit, conversation, viewer, { author: MessageAuthor.VISITOR, body, clientMessageId: input.clientMessageId });
      }
      default:
        fail(Code.CONVERSATION_CLOSED, 'This conversation has ended.', ['input', 'conversationId']);
    }
  }

  private async agentMessage(tem: EntityManager, afterCommit: AfterCommit, viewer: Viewer, conversation: Conversation, input: SendMessageInput): Promise<Message> {
    if (viewer.kind !== 'user') fail(Code.NOT_A_USER, 'Only a signed-in user can chat with visitors.', ['input', 'conversationId']);
    if (conversation.status !== ConversationStatus.ACTIVE) fail(Code.NOT_ACTIVE, 'Accept the chat before writing in it.', ['input', 'conversationId']);
    if (conversation.assignee?.id !== viewer.userId && viewer.role !== UserRole.ADMIN) {
      fail(Code.NOT_ASSIGNED, 'Another user is handling this chat.', ['input', 'conversationId']);
    }
    if (input.optionKey) fail(Code.INVALID_OPTION, 'Only visitors pick options.', ['input', 'optionKey']);
    return this.liveMessage(tem, afterCommit, conversation, viewer, { author: MessageAuthor.AGENT, body: requireBody(input), senderId: viewer.userId, clientMessageId: input.clientMessageId });
  }

  /** A live-chat message (not an answer to the bot), with its MESSAGE_CREATED activity event. */
  private async liveMessage(tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation, actor: Viewer, message: NewMessage): Promise<Message> {
    const created = this.deps.messages.append(tem, afterCommit, conversation, message);
    // Written before the event is recorded: a repeated clientMessageId is refused by the unique
    // index before the event's transaction id and webhook endpoints are read.
    await tem.flush();
    await this.deps.activity.record(tem, afterCommit, {
      ...subjectOf(conversation),
      type: ActivityEventType.MESSAGE_CREATED,
      actor,
      data: { messageId: created.nodeId, author: created.author },
    });
    return created;
  }

  // The users' side

  /**
   * The first caller wins: the claim is conditional on the chat still waiting, so concurrent
   * accepts (from any number of API processes) have one winner, and the others are answered
   * as soon as the winner commits.
   *
   * Within one process, concurrent callers of the same chat share one claim instead of each
   * queueing for a pooled connection and the row: once a claim has been tried the chat has left
   * WAITING (a chat returns to it only when its assignee is deactivated, well after), so whatever
   * that claim's outcome, every caller that joined it has lost, with the same reason. A claim that
   * failed for the leader's own reason (AT_CAPACITY, NOT_ACCEPTING_CHATS) or unexpectedly is not shared.
   */
  async accept(em: EntityManager, viewer: Viewer, conversationId: string): Promise<{ conversation: Conversation }> {
    if (viewer.kind !== 'user') fail(Code.NOT_A_USER, 'Only a signed-in user can accept chats.', ['conversationId']);
    // Usually already in the request's identity map: authentication loaded it.
    const user = await em.findOneOrFail(User, viewer.userId);
    if (!user.acceptingChats) fail(Code.NOT_ACCEPTING_CHATS, 'Turn on “accepting chats” to accept one.', ['conversationId']);
    // Keyed by account too: a caller of another account never learns of this chat.
    const key = `${viewer.accountId}:${conversationId}`;
    for (;;) {
      const inFlight = this.claimsInFlight.get(key);
      if (!inFlight) break;
      const lost = await inFlight.then(
        () => [userError(Code.ALREADY_ACCEPTED, 'Someone else accepted this chat first.', ['conversationId'])],
        // AT_CAPACITY, NOT_OFFERED and NOT_ACCEPTING_CHATS are the leader's own: the chat still waits, so this caller claims it afresh.
        (error: unknown) => (error instanceof UserErrorsException && !LEADERS_OWN.has(error.errors[0]?.code) ? error.errors : null),
      );
      if (lost) throw new UserErrorsException(lost);
    }
    // Settled at the commit: the callers who joined are answered without waiting for the announcements.
    const claim = this.claim(em, viewer, user, conversationId);
    this.claimsInFlight.set(key, claim);
    let claimed: Awaited<typeof claim>;
    try {
      claimed = await claim;
    } finally {
      this.claimsInFlight.delete(key);
    }
    await this.deps.dispatcher.dispatch(em, claimed.afterCommit);
    return { conversation: claimed.conversation };
  }

  /** acceptChat's claim of a waiting chat for `user`, committed; its announcements are the caller's. */
  private async claim(em: EntityManager, viewer: Viewer, user: User, conversationId: string): Promise<{ conversation: Conversation; afterCommit: AfterCommit }> {
    const afterCommit = new AfterCommit();
    // Most losers of a race arrive once the winner has committed: one plain read answers them,
    // without a transaction or a lock. Whoever finds the chat waiting still races under the lock.
    await this.requireWaiting(em, viewer, conversationId);
    const conversation = await em.transactional(async (tem) => {
      const locked = await this.lockWaiting(tem, viewer, conversationId);
      // AUTO assignment: while the chat is offered to someone, only they may take it.
      this.deps.routing.requireOffered(locked, user.id);
      // Under a lock of the user's row (see capacity.ts and lockActiveUser), so a deactivation that
      // committed meanwhile, putting their chats back in the inbox, is seen: no chat joins a deactivated user.
      // A capped user pays for the capacity too: the row locked for update and a count.
      const capped = user.maxConcurrentChats != null ? await lockUserCapacity(tem, user.id, user.account.id) : null;
      if (capped ? !capped.user.active : !(await lockActiveUser(tem, user.id))) fail(Code.NOT_ACCEPTING_CHATS, 'You can no longer accept chats.', ['conversationId']);
      if (capped?.full) fail(Code.AT_CAPACITY, 'You already have as many chats as you can take: end one first.', ['conversationId']);
      const now = new Date();
      locked.status = ConversationStatus.ACTIVE;
      locked.assignee = tem.getReference(User, user.id, { wrapped: true });
      locked.acceptedAt = now;
      locked.timeoutAt = null;
      locked.idleDeadlineAt = this.idleDeadline(now);
      await this.deps.routing.assigned(tem, locked, user.id, now);
      this.deps.messages.append(tem, afterCommit, locked, { author: MessageAuthor.SYSTEM, body: `${user.name} joined the chat.`, senderId: user.id });
      // The chat and its system line first, then the event (which reads the transaction id), as in liveMessage.
      await tem.flush();
      await this.deps.activity.record(tem, afterCommit, {
        ...subjectOf(locked),
        type: ActivityEventType.LIVE_CHAT_ACCEPTED,
        actor: viewer,
        data: { waitedSeconds: secondsBetween(locked.waitingSince, now), assigneeName: user.name },
      });
      afterCommit.inboxEvent(locked.account.id, 'REMOVED', locked.id, InboxRemovalReason.ACCEPTED);
      afterCommit.assignedEvent(user.id, 'ASSIGNED', locked.id);
      afterCommit.timer('idle-check', locked.id, locked.idleDeadlineAt);
      return locked;
    });
    return { conversation, afterCommit };
  }

  // Shared steps

  /**
   * Locks a waiting chat the viewer may accept. The status is part of the locking query, which
   * PostgreSQL re-checks once the lock is granted: when the winner commits, every waiting loser
   * finds no row at once instead of taking the lock in turn and holding it until its rollback.
   * Without a row, a plain read tells why (ALREADY_ACCEPTED, NOT_WAITING or not found).
   */
  private async lockWaiting(tem: EntityManager, viewer: Viewer, conversationId: string): Promise<Conversation> {
    const where = reachableBy(viewer, conversationId);
    if (!where) fail(Code.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', ['conversationId']);
    const locked = await tem.findOne(Conversation, { ...(where as object), status: ConversationStatus.WAITING }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (locked) return locked;
    await this.requireWaiting(tem, viewer, conversationId);
    // Only in a race with a requeue (see requeue.service.ts): answered as not waiting.
    fail(Code.NOT_WAITING, 'This chat is no longer waiting (it timed out or ended).', ['conversationId']);
  }

  /**
   * Fails unless the chat is waiting: CONVERSATION_NOT_FOUND, ALREADY_ACCEPTED or NOT_WAITING.
   * Reads the status alone and keeps it out of the identity map, so a row locked later in the
   * same request is hydrated from the locking query, never from this older read.
   */
  private async requireWaiting(em: EntityManager, viewer: Viewer, conversationId: string): Promise<void> {
    const where = reachableBy(viewer, conversationId);
    const current = where ? await em.findOne(Conversation, where, { fields: ['status'], disableIdentityMap: true }) : null;
    if (!current) fail(Code.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', ['conversationId']);
    if (current.status === ConversationStatus.ACTIVE) fail(Code.ALREADY_ACCEPTED, 'Someone else accepted this chat first.', ['conversationId']);
    if (current.status !== ConversationStatus.WAITING) fail(Code.NOT_WAITING, 'This chat is no longer waiting (it timed out or ended).', ['conversationId']);
  }

  private idleDeadline(from = new Date()): Date {
    return new Date(from.getTime() + this.deps.config.IDLE_TIMEOUT_SECONDS * 1000);
  }
}

/** Refusals that depend on who claims, not on the chat: a caller who joined such a claim tries their own. */
const LEADERS_OWN: ReadonlySet<string | undefined> = new Set([Code.AT_CAPACITY, RoutingErrorCode.NOT_OFFERED, Code.NOT_ACCEPTING_CHATS]);

function requireBody(input: SendMessageInput): string {
  const body = input.body?.trim();
  if (!body) fail(Code.EMPTY_MESSAGE, 'Type a message first.', ['input', 'body']);
  return body;
}
