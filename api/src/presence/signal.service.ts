import type { EntityManager } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { PubSub } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { isMember, type Viewer } from '../auth/viewer';
import type { Config } from '../config/config';
import { Conversation } from '../conversations/conversation.entity';
import { reachableBy } from '../conversations/conversation-access';
import { fail, failRateLimited } from '../errors/user-error';
import { Topic } from '../realtime/topics';
import { User, UserRole } from '../users/user.entity';
import { SignalErrorCode as Code } from './presence.errors';
import { PREVIEW_MAX_LENGTH, SignalKind, SignalSide, TYPING_TTL_SECONDS, type SignalMessage } from './presence.types';

/** Who sends a signal, once checked: their side, and the id their own streams skip. */
export interface Participant {
  accountId: string;
  conversationId: string;
  side: SignalSide;
  senderId: string;
  name: string | null;
}

/**
 * Typing signals: published to the conversation's SIGNALS topic, never stored as messages.
 * Each participant of a conversation is bound to TYPING_SIGNALS_PER_MINUTE calls; the current
 * state sits in Redis with a short TTL so a repeated "stopped" (blur, an empty composer) is
 * not passed on.
 */
export class SignalService {
  private readonly typingCalls: RateLimiterRedis;
  private readonly readMarks: RateLimiterRedis;

  constructor(private readonly deps: { config: Config; redis: Redis; pubSub: PubSub }) {
    this.typingCalls = new RateLimiterRedis({ storeClient: deps.redis, keyPrefix: 'chatonce:typing-signals', points: deps.config.TYPING_SIGNALS_PER_MINUTE, duration: 60 });
    // markRead is cheap, but a visitor token is anyone's to use: the same bound, its own budget.
    this.readMarks = new RateLimiterRedis({ storeClient: deps.redis, keyPrefix: 'chatonce:read-marks', points: deps.config.TYPING_SIGNALS_PER_MINUTE, duration: 60 });
  }

  /**
   * The viewer as a participant of the conversation: its visitor (no database read), or a user
   * of its account who is the assignee or an admin (one read, with the assignee's name).
   */
  async participant(em: EntityManager, viewer: Viewer, conversationId: string): Promise<Participant> {
    if (viewer.kind === 'visitor') {
      if (viewer.conversationId !== conversationId) notFound();
      return { accountId: viewer.accountId, conversationId, side: SignalSide.VISITOR, senderId: 'visitor', name: null };
    }
    const where = reachableBy(viewer, conversationId);
    const conversation = where ? await em.findOne(Conversation, where, { populate: ['assignee'], strategy: 'joined' }) : null;
    if (!conversation) notFound();
    // An integration has nobody at a keyboard.
    if (viewer.kind !== 'user') fail(Code.NOT_ASSIGNED, 'Only the visitor, the user who accepted this chat or an admin can type in it.', ['conversationId']);
    const assignee = conversation.assignee?.getEntity() ?? null;
    if (assignee?.id !== viewer.userId && viewer.role !== UserRole.ADMIN) fail(Code.NOT_ASSIGNED, 'Only the user who accepted this chat (or an admin) can type in it.', ['conversationId']);
    const name = assignee?.id === viewer.userId ? assignee.name : ((await em.findOne(User, viewer.userId))?.name ?? null);
    return { accountId: viewer.accountId, conversationId, side: SignalSide.AGENT, senderId: viewer.userId, name };
  }

  /** Passes a typing signal on; `preview` only for a visitor of an account that opted in. */
  async setTyping(em: EntityManager, viewer: Viewer, conversationId: string, typing: boolean, preview: string | null): Promise<{ delivered: boolean; previewWanted: boolean }> {
    if (!isMember(viewer) && viewer.kind !== 'visitor') notFound();
    const who = await this.participant(em, viewer, conversationId);
    await this.consume(conversationId, who.senderId);
    const key = `typing:${conversationId}:${who.senderId}`;
    let previewWanted = false;
    if (typing) {
      await this.deps.redis.set(key, '1', 'EX', TYPING_TTL_SECONDS);
      if (who.side === SignalSide.VISITOR) previewWanted = (await em.findOne(Account, who.accountId))?.typingPreview === true;
    } else if (!(await this.deps.redis.del(key))) {
      // Nobody was told this participant types: nothing to take back.
      return { delivered: false, previewWanted };
    }
    const message: SignalMessage = {
      kind: SignalKind.TYPING,
      accountId: who.accountId,
      conversationId,
      by: who.side,
      senderId: who.senderId,
      typing,
      name: who.name,
      preview: typing && previewWanted && preview ? preview.slice(0, PREVIEW_MAX_LENGTH) : null,
      at: new Date().toISOString(),
    };
    this.deps.pubSub.publish(Topic.SIGNALS, conversationId, message);
    return { delivered: true, previewWanted };
  }

  /** One point of the participant's signal budget (typing and presence, or reads), or TOO_MANY_SIGNALS. */
  async consume(conversationId: string, senderId: string, budget: 'typing' | 'reads' = 'typing'): Promise<void> {
    try {
      await (budget === 'reads' ? this.readMarks : this.typingCalls).consume(`${conversationId}:${senderId}`);
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      const { msBeforeNext } = rejection as { msBeforeNext: number };
      const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
      failRateLimited(Code.TOO_MANY_SIGNALS, `Too many signals for this conversation: wait ${seconds} second(s).`, budget === 'reads' ? ['cursor'] : ['conversationId'], msBeforeNext);
    }
  }

  /** Announces a read cursor that moved (see ReadStateService). */
  announceRead(who: Pick<Participant, 'accountId' | 'conversationId' | 'side' | 'senderId'>, cursor: string): void {
    const message: SignalMessage = { kind: SignalKind.READ, accountId: who.accountId, conversationId: who.conversationId, by: who.side, senderId: who.senderId, cursor, at: new Date().toISOString() };
    this.deps.pubSub.publish(Topic.SIGNALS, who.conversationId, message);
  }
}

function notFound(): never {
  fail(Code.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', ['conversationId']);
}
