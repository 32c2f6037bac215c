import type { EntityManager } from '@mikro-orm/core';
import { actingUserId, type Viewer } from '../auth/viewer';
import { paginate, type ConnectionArgs } from '../relay/connection';
import type { AfterCommit } from '../realtime/after-commit';
import { ActivityEvent, ActorKind, type ActivityEventType } from './activity-event.entity';
import { activityTransaction, readablePositionBound } from './activity-positions';

export interface ActivityRecord {
  accountId: string;
  type: ActivityEventType;
  contactId?: string | null;
  conversationId?: string | null;
  actor: Viewer | 'system';
  data?: Record<string, unknown>;
}

export interface ActivityFilter {
  contactId?: string;
  conversationId?: string;
  types?: ActivityEventType[];
}

/** Told of every activity event inside its transaction (the webhook outbox). */
export interface ActivityOutbox {
  /**
   * What the outbox needs to know of an account (its endpoints) as a scalar SQL subquery, one
   * `?` for the account id: read once per transaction with the transaction's id, in one round trip.
   */
  readonly accountLookupSql: string;
  /** `lookup` is the subquery's value for the event's account. */
  enqueueForEvent(tem: EntityManager, afterCommit: AfterCommit, event: ActivityEvent, lookup: unknown): Promise<void>;
}

/** The activity stream: one row per state change, written in the change's own transaction. */
export class ActivityService {
  constructor(private readonly outbox: ActivityOutbox) {}

  /**
   * Adds an event to the unit of work of `tem` (a transactional EntityManager), positioned after
   * the transaction's earlier events (see activity-positions.ts; no lock is taken).
   */
  async record(tem: EntityManager, afterCommit: AfterCommit, record: ActivityRecord): Promise<ActivityEvent> {
    const actor = record.actor;
    const transaction = await activityTransaction(tem, record.accountId, this.outbox.accountLookupSql);
    const event = tem.create(ActivityEvent, {
      account: record.accountId,
      position: transaction.nextPosition(),
      type: record.type,
      contact: record.contactId ?? null,
      conversation: record.conversationId ?? null,
      actorKind: actorKind(actor),
      actorUser: actor !== 'system' && (actor.kind === 'user' || actor.kind === 'apiKey') ? actingUserId(actor) : null,
      data: record.data ?? {},
    });
    afterCommit.activityEvent(record.accountId, event);
    await this.outbox.enqueueForEvent(tem, afterCommit, event, transaction.outbox.get(record.accountId));
    return event;
  }

  /** The position of the account's latest committed event (0 before the first). */
  async lastPosition(em: EntityManager, accountId: string): Promise<number> {
    const [latest] = await em.find(ActivityEvent, { account: accountId }, { fields: ['position'], orderBy: { position: 'desc' }, limit: 1, disableIdentityMap: true });
    return latest?.position ?? 0;
  }

  /**
   * Events after `position`, oldest first: what a resuming integration missed. Only those of
   * transactions that every later commit will follow (see activity-positions.ts), so the next
   * read "after the last of these" misses nothing.
   */
  since(em: EntityManager, accountId: string, position: number, limit = 500): Promise<ActivityEvent[]> {
    return em.find(ActivityEvent, { account: accountId, position: { $gt: position, $lt: readablePositionBound() } }, { orderBy: { position: 'asc' }, limit });
  }

  /** Newest first. */
  list(em: EntityManager, accountId: string, filter: ActivityFilter, args: ConnectionArgs) {
    return paginate(
      em,
      ActivityEvent,
      {
        account: accountId,
        ...(filter.contactId ? { contact: filter.contactId } : {}),
        ...(filter.conversationId ? { conversation: filter.conversationId } : {}),
        ...(filter.types?.length ? { type: { $in: filter.types } } : {}),
      },
      args,
      'desc',
    );
  }
}

function actorKind(actor: Viewer | 'system'): ActorKind {
  if (actor === 'system') return ActorKind.SYSTEM;
  switch (actor.kind) {
    case 'user':
      return ActorKind.USER;
    case 'apiKey':
      return ActorKind.API_KEY;
    case 'visitor':
      return ActorKind.VISITOR;
    default:
      return ActorKind.SYSTEM;
  }
}
