import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/postgresql';
import { Account } from '../accounts/account.entity';
import { ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import { subjectOf } from '../conversations/conversation-access';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { fail } from '../errors/user-error';
import { AfterCommit, InboxRemovalReason, type InboxAudience } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';
import { encodeGlobalId } from '../relay/global-id';
import { User } from '../users/user.entity';
import { AssignmentMode } from './assignment-mode';
import { RoutingErrorCode, RoutingTrigger } from './routing.errors';
import { chooseAgent, nobodyAvailable, type AgentLoad, type Selection } from './selection';

export interface RoutingDeps {
  activity: ActivityService;
  dispatcher: EventDispatcher;
}

/** Pooled chats considered per availability change (oldest first); the rest wait for the next change. */
const POOLED_PER_CHANGE = 50;
/** Seeds the hash of an account's routing lock (advisory lock keys are one space for the whole database). */
const ROUTING_LOCK_SEED = 7411;
/** Rows the sweep handles per run, and users considered per decision (an account has far fewer). */
const SWEEP_BATCH = 500;
const AGENTS_LIMIT = 500;

interface AgentRow {
  id: string;
  name: string;
  accepting_chats: boolean;
  max_concurrent_chats: number | null;
  last_assigned_at: Date | string | null;
  active_chats: number | string;
  live_offers: number | string;
}

/**
 * AUTO assignment: a waiting chat is offered to one user at a time, and only they see it in
 * their inbox until they accept it or the account's `offerSeconds` pass; then it is offered to
 * the next (never to the same user twice in one wait). With nobody left to offer it to, it is
 * pooled: every accepting user sees it, as with MANUAL assignment. Every decision is an
 * activity event naming, for each user of the account, why they were or were not chosen.
 *
 * The offer lives on the conversation's row (`offeredTo`, `offerExpiresAt`, `offerRound`) and
 * changes only under that row's lock, the one acceptChat, the timeout and endChat take, so an
 * accept racing an expiry or an end has one outcome. Each offer's expiry is a delayed job named
 * by the chat and the offer's round, acting only while that round is current: a job run twice
 * or after the sweep moves the offer on once. A capped user's row is locked before they are
 * offered a chat (after the chat's, as accepting does), so offers never outnumber their room.
 *
 * When someone becomes available (switches accepting chats on, or one of their chats ends or
 * is handed on), the account's pooled chats are offered again, oldest first, to whoever is
 * free and has not been offered them yet.
 */
export class RoutingService {
  constructor(private readonly deps: RoutingDeps) {}

  // Hooks of the conversation services, inside their transactions (the chat's row locked)

  /** A chat entered WAITING: MANUAL announces it to every inbox, AUTO offers it to one user. */
  async enterWaiting(tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation): Promise<void> {
    // A new wait is a new round of offers (the counter goes on, so expiry jobs stay unique).
    conversation.offeredTo = null;
    conversation.offerExpiresAt = null;
    conversation.offeredUserIds = [];
    const account = await tem.findOneOrFail(Account, conversation.account.id);
    if (account.assignment !== AssignmentMode.AUTO) {
      afterCommit.inboxEvent(account.id, 'ADDED', conversation.id);
      return;
    }
    await this.route(tem, afterCommit, account, conversation, RoutingTrigger.WAITING, null);
  }

  /** acceptChat's rule, under the chat's row lock: while a chat is offered to someone, only they may take it. */
  requireOffered(conversation: Conversation, userId: string): void {
    if (conversation.offeredTo && conversation.offeredTo.id !== userId) {
      fail(RoutingErrorCode.NOT_OFFERED, 'This chat is offered to a teammate right now; it comes to the others only if they do not take it.', ['conversationId']);
    }
  }

  /**
   * A user took a chat (accepted it, or was transferred it): the offer is settled, and they are
   * no longer idle. `conversation` is locked by the caller.
   */
  async assigned(tem: EntityManager, conversation: Conversation, userId: string, at: Date): Promise<void> {
    conversation.offeredTo = null;
    conversation.offerExpiresAt = null;
    await (tem as SqlEntityManager).execute(
      `insert into agent_routing (user_id, account_id, last_assigned_at) values (?, ?, ?)
         on conflict (user_id) do update set last_assigned_at = greatest(agent_routing.last_assigned_at, excluded.last_assigned_at)`,
      [userId, conversation.account.id, at],
    );
  }

  /** Whether a waiting chat is in a user's inbox: pooled, or offered to them. */
  isVisibleTo(conversation: Conversation, userId: string): boolean {
    return !conversation.offeredTo || conversation.offeredTo.id === userId;
  }

  // Called by the worker

  /**
   * The expiry job of round `round`: if that offer is still the chat's and has expired, the
   * chat is offered to the next user or pooled. Anything else (accepted, ended, timed out,
   * moved on already, a duplicate job) is left alone. Returns whether it moved the offer.
   */
  async expireOffer(em: EntityManager, conversationId: string, round: number, now = new Date()): Promise<boolean> {
    return this.inTransaction(em, async (tem, afterCommit) => {
      const locked = await tem.findOne(Conversation, { id: conversationId, status: ConversationStatus.WAITING, offerRound: round, offeredTo: { $ne: null } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!locked) return false;
      // Early (a clock apart, or the account changed meanwhile): the job comes again at the expiry.
      if (locked.offerExpiresAt && locked.offerExpiresAt > now) {
        afterCommit.offerExpiry(locked.id, round, locked.offerExpiresAt);
        return false;
      }
      const account = await tem.findOneOrFail(Account, locked.account.id);
      await this.route(tem, afterCommit, account, locked, RoutingTrigger.OFFER_EXPIRED, locked.offeredTo!.id);
      return true;
    });
  }

  /**
   * A user's availability changed (accepting switched, a chat of theirs ended or was handed on):
   * while they are not accepting chats, the chats offered to them move on at once; while they
   * are, the account's pooled chats may be offered (to them, or whoever is freest). Returns how
   * many chats it offered or moved.
   */
  async agentAvailabilityChanged(em: EntityManager, userId: string): Promise<number> {
    const user = await em.findOne(User, userId, { fields: ['acceptingChats', 'account'] });
    if (!user) return 0;
    const account = await em.findOne(Account, user.account.id, { fields: ['assignment'] });
    if (account?.assignment !== AssignmentMode.AUTO) return 0;
    if (user.acceptingChats) return this.offerPooled(em, account.id, RoutingTrigger.AGENT_AVAILABLE);
    const offered = await em.fork().find(Conversation, { account: account.id, status: ConversationStatus.WAITING, offeredTo: userId }, { fields: ['id'], limit: POOLED_PER_CHANGE });
    let moved = 0;
    for (const { id } of offered) {
      const done = await this.inTransaction(em.fork(), async (tem, afterCommit) => {
        const locked = await tem.findOne(Conversation, { id, status: ConversationStatus.WAITING, offeredTo: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!locked) return false;
        await this.route(tem, afterCommit, await tem.findOneOrFail(Account, account.id), locked, RoutingTrigger.OFFEREE_UNAVAILABLE, userId);
        return true;
      });
      if (done) moved++;
    }
    return moved;
  }

  /**
   * The account's assignment mode changed: to AUTO, its waiting chats are offered; to MANUAL,
   * every live offer ends and its chat is pooled for everyone.
   */
  async assignmentChanged(em: EntityManager, accountId: string): Promise<number> {
    const account = await em.fork().findOne(Account, accountId, { fields: ['assignment'] });
    if (!account) return 0;
    if (account.assignment === AssignmentMode.AUTO) return this.offerPooled(em, accountId, RoutingTrigger.ASSIGNMENT_CHANGED);
    const offered = await em.fork().find(Conversation, { account: accountId, status: ConversationStatus.WAITING, offeredTo: { $ne: null } }, { fields: ['id'], limit: SWEEP_BATCH });
    let pooled = 0;
    for (const { id } of offered) {
      const done = await this.inTransaction(em.fork(), async (tem, afterCommit) => {
        const locked = await tem.findOne(Conversation, { id, status: ConversationStatus.WAITING, offeredTo: { $ne: null } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!locked) return false;
        await this.pool(tem, afterCommit, locked, { chosen: null, verdicts: [] }, RoutingTrigger.ASSIGNMENT_CHANGED, locked.offeredTo!.id);
        return true;
      });
      if (done) pooled++;
    }
    return pooled;
  }

  /**
   * Moves on every offer past its expiry, whether or not its job survived (Redis flushed, a
   * worker down). Each move is conditional on the round, so a job firing too moves it once.
   */
  async sweep(em: EntityManager, now = new Date()): Promise<number> {
    const due = await em.fork().find(Conversation, { status: ConversationStatus.WAITING, offerExpiresAt: { $lte: now } }, { fields: ['id', 'offerRound'], limit: SWEEP_BATCH });
    let moved = 0;
    for (const chat of due) if (await this.expireOffer(em.fork(), chat.id, chat.offerRound, now)) moved++;
    return moved;
  }

  // Shared steps

  /** Offers pooled chats of an AUTO account, oldest first, until nobody is free. */
  private async offerPooled(em: EntityManager, accountId: string, trigger: RoutingTrigger): Promise<number> {
    const pooled = await em
      .fork()
      .find(Conversation, { account: accountId, status: ConversationStatus.WAITING, offeredTo: null }, { fields: ['id'], orderBy: { waitingSince: 'asc', id: 'asc' }, limit: POOLED_PER_CHANGE });
    let offered = 0;
    for (const { id } of pooled) {
      const outcome = await this.inTransaction(em.fork(), async (tem, afterCommit): Promise<'offered' | 'none' | 'nobody'> => {
        // Waits for a visitor's message or an accept holding the row; the condition is re-checked then.
        const locked = await tem.findOne(Conversation, { id, status: ConversationStatus.WAITING, offeredTo: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!locked) return 'none';
        const account = await tem.findOneOrFail(Account, accountId);
        if (account.assignment !== AssignmentMode.AUTO) return 'nobody';
        const selection = await this.decide(tem, account, locked);
        // Nobody left who was not offered it yet: it stays pooled, and says nothing new.
        if (!selection.chosen) return nobodyAvailable(selection.verdicts) ? 'nobody' : 'none';
        await this.offer(tem, afterCommit, account, locked, selection, trigger, null);
        return 'offered';
      });
      if (outcome === 'offered') offered++;
      if (outcome === 'nobody') break;
    }
    return offered;
  }

  /** Offers the locked chat to the best user, or pools it when there is none (or the account is MANUAL now). */
  private async route(tem: EntityManager, afterCommit: AfterCommit, account: Account, conversation: Conversation, trigger: RoutingTrigger, previousUserId: string | null): Promise<void> {
    if (account.assignment !== AssignmentMode.AUTO) return this.pool(tem, afterCommit, conversation, { chosen: null, verdicts: [] }, RoutingTrigger.ASSIGNMENT_CHANGED, previousUserId);
    const selection = await this.decide(tem, account, conversation);
    if (selection.chosen) await this.offer(tem, afterCommit, account, conversation, selection, trigger, previousUserId);
    else await this.pool(tem, afterCommit, conversation, selection, trigger, previousUserId);
  }

  /**
   * Chooses among the account's users (see chooseAgent). Decisions of one account take turns
   * (a transaction-scoped advisory lock, taken after the chat's row lock and before any read of
   * loads): two chats routed at once cannot both take a capped user's last place, since the
   * second reads the loads once the first has committed. No user row is locked, so a decision
   * never waits on an accept, nor an accept on a decision.
   */
  private async decide(tem: EntityManager, account: Account, conversation: Conversation): Promise<Selection> {
    await (tem as SqlEntityManager).execute(`select pg_advisory_xact_lock(hashtextextended(?, ${ROUTING_LOCK_SEED}))`, [account.id]);
    const agents = await this.loadAgents(tem, account.id, conversation.id);
    return chooseAgent(agents, new Set(conversation.offeredUserIds));
  }

  private async offer(tem: EntityManager, afterCommit: AfterCommit, account: Account, conversation: Conversation, selection: Selection, trigger: RoutingTrigger, previousUserId: string | null): Promise<void> {
    const chosen = selection.chosen!;
    const now = new Date();
    const round = conversation.offerRound + 1;
    const expiresAt = new Date(now.getTime() + account.offerSeconds * 1000);
    conversation.offeredTo = tem.getReference(User, chosen.id, { wrapped: true });
    conversation.offerExpiresAt = expiresAt;
    conversation.offerRound = round;
    conversation.offeredUserIds = [...conversation.offeredUserIds, chosen.id];
    await this.deps.activity.record(tem, afterCommit, {
      ...subjectOf(conversation),
      type: ActivityEventType.LIVE_CHAT_OFFERED,
      actor: 'system',
      data: {
        ...decisionData(selection, trigger, round, previousUserId),
        offeredToUserId: encodeGlobalId('User', chosen.id),
        offeredToName: chosen.name,
        offerSeconds: account.offerSeconds,
        expiresAt: expiresAt.toISOString(),
      },
    });
    afterCommit.inboxEvent(account.id, 'ADDED', conversation.id, null, { onlyUserId: chosen.id });
    // Whoever saw it until now no longer does: the previous offeree, or (a pooled chat) everyone else.
    const leaving: InboxAudience | null = previousUserId ? { onlyUserId: previousUserId } : trigger !== RoutingTrigger.WAITING ? { exceptUserId: chosen.id } : null;
    if (leaving) afterCommit.inboxEvent(account.id, 'REMOVED', conversation.id, InboxRemovalReason.OFFERED_ELSEWHERE, leaving);
    afterCommit.offerExpiry(conversation.id, round, expiresAt);
  }

  private async pool(tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation, selection: Selection, trigger: RoutingTrigger, previousUserId: string | null): Promise<void> {
    conversation.offeredTo = null;
    conversation.offerExpiresAt = null;
    await this.deps.activity.record(tem, afterCommit, {
      ...subjectOf(conversation),
      type: ActivityEventType.LIVE_CHAT_POOLED,
      actor: 'system',
      data: decisionData(selection, trigger, conversation.offerRound, previousUserId),
    });
    // Every accepting user's inbox, the last offeree's too (for them it stays, without the offer).
    afterCommit.inboxEvent(conversation.account.id, 'ADDED', conversation.id);
  }

  /**
   * The account's users with their load, in one statement: ACTIVE chats, live offers (of other
   * chats than the one being routed) and when they last took a chat.
   */
  private async loadAgents(tem: EntityManager, accountId: string, routedId: string): Promise<AgentLoad[]> {
    const rows: AgentRow[] = await (tem as SqlEntityManager).execute(
      `select u.id, u.name, u.accepting_chats, u.max_concurrent_chats, r.last_assigned_at,
              (select count(*) from conversations c where c.assignee_id = u.id and c.status = 'ACTIVE') as active_chats,
              (select count(*) from conversations c where c.account_id = u.account_id and c.status = 'WAITING' and c.offered_to_id = u.id and c.id <> ?) as live_offers
         from users u left join agent_routing r on r.user_id = u.id
        where u.account_id = ?
        order by u.id
        limit ${AGENTS_LIMIT}`,
      [routedId, accountId],
    );
    return rows.map(toAgentLoad);
  }

  /** Runs `work` in a transaction of its own, then announces what it collected. */
  private async inTransaction<T>(em: EntityManager, work: (tem: EntityManager, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
    const afterCommit = new AfterCommit();
    const result = await em.transactional((tem) => work(tem, afterCommit));
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return result;
  }
}

function toAgentLoad(row: AgentRow): AgentLoad {
  return {
    id: row.id,
    name: row.name,
    acceptingChats: row.accepting_chats,
    maxConcurrentChats: row.max_concurrent_chats,
    activeChats: Number(row.active_chats),
    liveOffers: Number(row.live_offers),
    lastAssignedAt: row.last_assigned_at == null ? null : new Date(row.last_assigned_at),
  };
}

/** The `data` of a routing decision's activity event (see RoutingDecision in routing.types.ts). */
function decisionData(selection: Selection, trigger: RoutingTrigger, round: number, previousUserId: string | null): Record<string, unknown> {
  return {
    trigger,
    round,
    previousUserId: previousUserId && encodeGlobalId('User', previousUserId),
    agents: selection.verdicts.map(({ agent, outcome }) => ({
      userId: encodeGlobalId('User', agent.id),
      name: agent.name,
      outcome,
      activeChats: agent.activeChats,
      liveOffers: agent.liveOffers,
      maxConcurrentChats: agent.maxConcurrentChats,
      lastAssignedAt: agent.lastAssignedAt?.toISOString() ?? null,
    })),
  };
}
