import type { EntityManager } from '@mikro-orm/core';
import { actingUserId, type Viewer } from '../auth/viewer';
import { paginate, type ConnectionArgs } from '../relay/connection';
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
}

/** Told of every activity event inside its transaction (the webhook outbox). */
export interface ActivityOutbox {
  enqueueForEvent(tem: EntityManager, afterCommit: AfterCommit, event: ActivityEvent): Promise<void>;
}

/** The activity stream: one row per state change, written in the change's own transaction. */
export class ActivityService {
  constructor(private readonly outbox: ActivityOutbox) {}

  /**
   * Adds an event to the unit of work of `tem` (a transactional EntityManager), numbered
   * after the account's last one. Taking the number locks the account's row until commit, so
   * positions follow commit order and a feed reading "after n" never skips a late commit.
   */
  async record(tem: EntityManager, afterCommit: AfterCommit, record: ActivityRecord): Promise<ActivityEvent> {
    return (await this.recordAll(tem, afterCommit, [record]))[0];
  }

  /**
   * Several events in one transaction, numbered with one counter update per account (a batch
   * of timeouts takes the account's lock once, not once per chat). Accounts are locked in a
   * fixed order, so two batches spanning the same accounts cannot deadlock.
   */
  async recordAll(tem: EntityManager, afterCommit: AfterCommit, records: ActivityRecord[]): Promise<ActivityEvent[]> {
    const counts = new Map<string, number>();
    for (const record of records) counts.set(record.accountId, (counts.get(record.accountId) ?? 0) + 1);
    const next = new Map<string, number>();
    for (const accountId of [...counts.keys()].sort()) next.set(accountId, await this.takePositions(tem, accountId, counts.get(accountId)!));
    const events: ActivityEvent[] = [];
    for (const record of records) {
      const position = next.get(record.accountId)!;
      next.set(record.accountId, position + 1);
      const actor = record.actor;
      const event = tem.create(ActivityEvent, {
        account: record.accountId,
        position,
        type: record.type,
        contact: record.contactId ?? null,
        conversation: record.conversationId ?? null,
        actorKind: actorKind(actor),
        actorUser: actor !== 'system' && (actor.kind === 'user' || actor.kind === 'apiKey') ? actingUserId(actor) : null,
        data: record.data ?? {},
      });
      afterCommit.activityEvent(record.accountId, event.id, event.position);
      await this.outbox.enqueueForEvent(tem, afterCommit, event);
      events.push(event);
    }
    return events;
  }

  /** Reserves `count` positions of the account; returns the first. */
  private async takePositions(tem: EntityManager, accountId: string, count: number): Promise<number> {
    const rows = await tem
      .getConnection()
      .execute<{ activity_position: string }[]>('update accounts set activity_position = activity_position + ? where id = ? returning activity_position', [count, accountId], 'all', tem.getTransactionContext());
    return Number(rows[0].activity_position) - count + 1;
  }

  /** Events after `position`, oldest first: what a resuming integration missed. */
  since(em: EntityManager, accountId: string, position: number, limit = 500): Promise<ActivityEvent[]> {
    return em.find(ActivityEvent, { account: accountId, position: { $gt: position } }, { orderBy: { position: 'asc' }, limit });
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
