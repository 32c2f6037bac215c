import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PubSub } from 'type-graphql';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { Topic } from '../realtime/topics';
import { SignalKind, SignalSide, VisitorPresence, type SignalMessage } from './presence.types';

// Presence keys outlive any chat; they only bound what a forgotten conversation leaves in Redis.
const STATE_TTL_SECONDS = 24 * 3600;

export interface PresenceState {
  presence: VisitorPresence;
  lastSeenAt: Date | null;
}

/** One visitor connection held by this process; `close` when its socket closes. */
export interface PresenceConnection {
  close(): void;
}

/**
 * The visitor's presence, kept in Redis so every API process answers alike:
 * - `presence:<id>:sockets`, a sorted set of the visitor's open connections scored by when each
 *   stops counting: renewed every PRESENCE_HEARTBEAT_SECONDS by the process holding the socket
 *   (three beats: a crashed process's sockets lapse by themselves), and set to now +
 *   PRESENCE_OFFLINE_SECONDS when the socket closes, so a reload never reads as OFFLINE;
 * - `presence:<id>`, a hash with `away` (the widget's page is hidden) and `seen` (ms);
 * - `presence:<id>:said`, the last presence announced, so each change is pushed once.
 * Nothing here touches PostgreSQL.
 */
export class PresenceService {
  private readonly local = new Map<string, { accountId: string; conversationId: string }>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly pendingChecks = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: { config: Config; redis: Redis; pubSub: PubSub; logger: Logger }) {}

  private get heartbeatMs(): number {
    return this.deps.config.PRESENCE_HEARTBEAT_SECONDS * 1000;
  }

  private get graceMs(): number {
    return this.deps.config.PRESENCE_OFFLINE_SECONDS * 1000;
  }

  /** Counts a visitor's socket as open until `close` (`away`: its page is hidden); announces the change. */
  async connect(accountId: string, conversationId: string, away = false): Promise<PresenceConnection> {
    const connectionId = randomUUID();
    const now = Date.now();
    await this.deps.redis
      .multi()
      .zremrangebyscore(socketsKey(conversationId), '-inf', now)
      .zadd(socketsKey(conversationId), now + 3 * this.heartbeatMs, connectionId)
      .expire(socketsKey(conversationId), STATE_TTL_SECONDS)
      // The newest connection says where the page is; setPresence follows it from there.
      .hset(stateKey(conversationId), 'away', away ? '1' : '0', 'seen', String(now))
      .expire(stateKey(conversationId), STATE_TTL_SECONDS)
      .exec();
    this.local.set(connectionId, { accountId, conversationId });
    this.startHeartbeat();
    await this.announce(accountId, conversationId);
    let closed = false;
    return {
      close: () => {
        if (closed) return;
        closed = true;
        this.local.delete(connectionId);
        if (!this.local.size) this.stopHeartbeat();
        this.disconnect(accountId, conversationId, connectionId).catch((error: Error) => this.deps.logger.warn({ err: error.message }, 'could not record a visitor leaving'));
      },
    };
  }

  private async disconnect(accountId: string, conversationId: string, connectionId: string): Promise<void> {
    const now = Date.now();
    await this.deps.redis
      .multi()
      .zadd(socketsKey(conversationId), 'XX', now + this.graceMs, connectionId)
      .hset(stateKey(conversationId), 'seen', String(now))
      .exec();
    // Whichever process held the last socket tells everyone once the grace has passed.
    const timer = setTimeout(() => {
      this.pendingChecks.delete(timer);
      this.announce(accountId, conversationId).catch(() => undefined);
    }, this.graceMs + 50);
    timer.unref?.();
    this.pendingChecks.add(timer);
  }

  /** The widget's page became hidden (`away`) or visible again. */
  async setAway(accountId: string, conversationId: string, away: boolean): Promise<VisitorPresence> {
    await this.deps.redis
      .multi()
      .hset(stateKey(conversationId), 'away', away ? '1' : '0', 'seen', String(Date.now()))
      .expire(stateKey(conversationId), STATE_TTL_SECONDS)
      .exec();
    return this.announce(accountId, conversationId);
  }

  /** Presence of several conversations in one round trip (a list of chats). */
  async read(conversationIds: readonly string[]): Promise<PresenceState[]> {
    const now = Date.now();
    const pipeline = this.deps.redis.pipeline();
    for (const id of conversationIds) pipeline.zcount(socketsKey(id), `(${now}`, '+inf').hmget(stateKey(id), 'away', 'seen');
    const replies = (await pipeline.exec()) ?? [];
    return conversationIds.map((_, index) => {
      const [countError, count] = replies[index * 2] ?? [];
      const [stateError, state] = replies[index * 2 + 1] ?? [];
      if (countError || stateError) throw countError ?? stateError;
      const [away, seen] = (state as (string | null)[] | null) ?? [null, null];
      const presence = Number(count) > 0 ? (away === '1' ? VisitorPresence.AWAY : VisitorPresence.ONLINE) : VisitorPresence.OFFLINE;
      return { presence, lastSeenAt: seen ? new Date(Number(seen)) : null };
    });
  }

  /** Publishes the visitor's presence if it differs from the last one announced. */
  private async announce(accountId: string, conversationId: string): Promise<VisitorPresence> {
    const [state] = await this.read([conversationId]);
    const previous = await this.deps.redis.set(saidKey(conversationId), state!.presence, 'EX', STATE_TTL_SECONDS, 'GET');
    if (previous !== state!.presence) {
      const message: SignalMessage = {
        kind: SignalKind.PRESENCE,
        accountId,
        conversationId,
        by: SignalSide.VISITOR,
        senderId: 'visitor',
        presence: state!.presence,
        lastSeenAt: state!.lastSeenAt?.toISOString() ?? null,
        at: new Date().toISOString(),
      };
      this.deps.pubSub.publish(Topic.SIGNALS, conversationId, message);
    }
    return state!.presence;
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      const pipeline = this.deps.redis.pipeline();
      for (const [connectionId, { conversationId }] of this.local) {
        pipeline.zadd(socketsKey(conversationId), now + 3 * this.heartbeatMs, connectionId).hset(stateKey(conversationId), 'seen', String(now));
      }
      pipeline.exec().catch((error: Error) => this.deps.logger.warn({ err: error.message }, 'could not renew visitor presence'));
    }, this.heartbeatMs);
    this.heartbeat.unref?.();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Stops the timers (process shutdown); sockets still open lapse after three beats. */
  close(): void {
    this.stopHeartbeat();
    for (const timer of this.pendingChecks) clearTimeout(timer);
    this.pendingChecks.clear();
  }
}

const socketsKey = (conversationId: string) => `presence:${conversationId}:sockets`;
const stateKey = (conversationId: string) => `presence:${conversationId}`;
const saidKey = (conversationId: string) => `presence:${conversationId}:said`;
