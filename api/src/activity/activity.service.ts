import type { EntityManager } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { actingUserId, type Viewer } from '../auth/viewer';
import { paginateByPosition, type ConnectionArgs, type SortDirection } from '../relay/connection';
import { activityCursor } from '../relay/position-cursor';
import type { AfterCommit } from '../realtime/after-commit';
import { ActivityEvent, ActorKind, type ActivityEventType } from './activity-event.entity';

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
  occurredAfter?: Date | null;
  occurredBefore?: Date | null;
}

/** Told of every activity event inside its transaction (the webhook outbox). */
export interface ActivityOutbox {
  enqueueForEvent(tem: EntityManager, afterCommit: AfterCommit, event: ActivityEvent): Promise<void>;
}

/** The activity stream: one row per state change, written in the change's own transaction. */
export class ActivityService {
  constructor(private readonly outbox: ActivityOutbox) {}

  /**
   * Adds an event to the unit of work of `tem` (a transactional EntityManager). Its position
   * is taken when it is flushed (see activity-positions.ts), usually just before the commit.
   */
  async record(tem: EntityManager, afterCommit: AfterCommit, record: ActivityRecord): Promise<ActivityEvent> {
    const actor = record.actor;
    const event = tem.create(ActivityEvent, {
      account: record.accountId,
      type: record.type,
      contact: record.contactId ?? null,
      conversation: record.conversationId ?? null,
      actorKind: actorKind(actor),
      actorUser: actor !== 'system' && (actor.kind === 'user' || actor.kind === 'apiKey') ? actingUserId(actor) : null,
      data: record.data ?? {},
    });
    afterCommit.activityEvent(record.accountId, event);
    await this.outbox.enqueueForEvent(tem, afterCommit, event);
    return event;
  }

  /** The position of the account's latest committed event (0 before the first). */
  async lastPosition(em: EntityManager, accountId: string): Promise<number> {
    const account = await em.findOne(Account, accountId, { fields: ['activityPosition'], disableIdentityMap: true });
    return account?.activityPosition ?? 0;
  }

  /** Events after `position`, oldest first: what a resuming integration missed. */
  since(em: EntityManager, accountId: string, position: number, limit = 500): Promise<ActivityEvent[]> {
    return em.find(ActivityEvent, { account: accountId, position: { $gt: position } }, { orderBy: { position: 'asc' }, limit });
  }

  /** Newest first (or oldest, `direction`); edge cursors are the events' own feed cursors (see `activityEvents(after:)`). */
  list(em: EntityManager, accountId: string, filter: ActivityFilter, args: ConnectionArgs, direction: SortDirection = 'desc') {
    return paginateByPosition(
      em,
      ActivityEvent,
      {
        account: accountId,
        ...(filter.contactId ? { contact: filter.contactId } : {}),
        ...(filter.conversationId ? { conversation: filter.conversationId } : {}),
        ...(filter.types?.length ? { type: { $in: filter.types } } : {}),
        ...(filter.occurredAfter || filter.occurredBefore
          ? { occurredAt: { ...(filter.occurredAfter ? { $gt: filter.occurredAfter } : {}), ...(filter.occurredBefore ? { $lt: filter.occurredBefore } : {}) } }
          : {}),
      },
      args,
      direction,
      { encode: (position) => activityCursor.encode(accountId, position), decode: (cursor, argumentName) => activityCursor.decode(cursor, accountId, argumentName) },
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
