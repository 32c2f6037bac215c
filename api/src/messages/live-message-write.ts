import { ReferenceKind, type EntityManager, type EntityName } from '@mikro-orm/core';
import { uuidv7 } from 'uuidv7';
import { ActivityEventType, ActorKind } from '../activity/activity-event.entity';
import { announceCommitted } from '../caching/committed-changes';
import { metrics } from '../metrics/metrics';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { encodeGlobalId } from '../relay/global-id';
import { User } from '../users/user.entity';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from '../webhooks/webhook-events';
import { Message, MessageAuthor } from './message.entity';

/** Who writes a live message, as the fast path needs to know them. */
export type LiveMessageAuthor =
  | { kind: 'visitor'; accountId: string; idleDeadlineAt: Date }
  | { kind: 'user'; accountId: string; userId: string; isAdmin: boolean };

export interface LiveMessageInput {
  body: string;
  clientMessageId: string | null;
}

export interface WrittenLiveMessage {
  conversation: Conversation;
  message: Message;
  event: { id: string; position: number };
}

/** `alias."column" as "alias__column"` for every column of an entity, and the way back. */
function columnsOf(em: EntityManager, entity: EntityName<object>, alias: string): { select: string; pick: (row: Record<string, unknown>) => Record<string, unknown> | null } {
  const fields = em
    .getMetadata()
    .get(typeof entity === 'string' ? entity : (entity as { name: string }).name)
    // Stored columns of the row itself (no collections, no lazy ones such as a password hash).
    .props.filter((prop) => prop.persist !== false && !prop.lazy && (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)))
    .flatMap((prop) => prop.fieldNames ?? []);
  const select = fields.map((field) => `${alias}."${field}" as "${alias}__${field}"`).join(', ');
  const pick = (row: Record<string, unknown>) => {
    if (row[`${alias}__id`] === null || row[`${alias}__id`] === undefined) return null;
    return Object.fromEntries(fields.map((field) => [field, row[`${alias}__${field}`]]));
  };
  return { select, pick };
}

const MESSAGE_CREATED_WIRE = WEBHOOK_EVENT_TYPES[ActivityEventType.MESSAGE_CREATED];
/** How long an account whose webhooks take messages skips the one-statement attempt (see webhookAccounts). */
const WEBHOOK_HINT_MS = 30_000;
const MAX_WEBHOOK_ACCOUNTS = 10_000;

/**
 * A live-chat message (visitor or assignee, in a waiting or active chat) written in one
 * statement: the conversation's row is updated under its lock (next `seq`, the visitor's idle
 * deadline), the message inserted, the account's activity position taken and the
 * MESSAGE_CREATED event inserted, all committed together, with no round trip between them
 * (the ORM path takes eight: BEGIN, the locking read, four writes, the webhook endpoints, COMMIT;
 * the account's row stays locked through the last ones).
 *
 * The statement writes nothing, and the caller takes the ORM path, whenever that path would
 * do anything else: the chat is not open to this author (another assignee, not live, gone),
 * or an endpoint of the account takes `message.created` (its delivery is written with the
 * event; see WebhookService.enqueueForEvent). A repeated `clientMessageId` is refused by the
 * unique index, as on the ORM path, and nothing is written.
 *
 * Returns the committed rows as managed entities of `em`, as if read.
 */
export class LiveMessageWrite {
  /**
   * Accounts whose webhooks took `message.created` when this process last tried, until when:
   * their messages go straight to the ORM path instead of a statement that writes nothing. A
   * hint only: the statement checks again, and the ORM path is right either way.
   */
  private readonly webhookAccounts = new Map<string, number>();

  private statement?: { sql: string; conversation: ReturnType<typeof columnsOf>; message: ReturnType<typeof columnsOf>; assignee: ReturnType<typeof columnsOf> };

  private prepare(em: EntityManager) {
    if (this.statement) return this.statement;
    const conversation = columnsOf(em, Conversation, 'c');
    const message = columnsOf(em, Message, 'm');
    const assignee = columnsOf(em, User, 'u');
    // One row of parameters (MikroORM inlines each `?` as an escaped literal), typed once here.
    const sql = `
      with v as (
        select ?::uuid as conversation_id, ?::uuid as account_id, ?::boolean as visitor, ?::uuid as user_id, ?::boolean as admin,
               ?::timestamptz as now, ?::timestamptz as idle_deadline_at, ?::uuid as message_id, ?::message_author as author,
               ?::text as body, ?::text as client_message_id, ?::uuid as event_id, ?::actor_kind as actor_kind, ?::json as data
      ), w as (
        select exists (select 1 from webhook_endpoints we, v where we.account_id = v.account_id and we.events && array['${ALL_EVENTS}', '${MESSAGE_CREATED_WIRE}']::text[]) as wanted
      ), c as (
        update conversations c
           set last_message_seq = c.last_message_seq + 1,
               updated_at = v.now,
               idle_deadline_at = case when v.visitor and c.status = '${ConversationStatus.ACTIVE}' then v.idle_deadline_at else c.idle_deadline_at end
          from v, w
         where c.id = v.conversation_id and c.account_id = v.account_id and not w.wanted
           and case when v.visitor then c.status in ('${ConversationStatus.WAITING}', '${ConversationStatus.ACTIVE}')
                    else c.status = '${ConversationStatus.ACTIVE}' and (c.assignee_id = v.user_id or v.admin) end
        returning c.*
      ), m as (
        insert into messages (id, account_id, conversation_id, seq, author, body, sender_id, client_message_id, created_at)
        select v.message_id, c.account_id, c.id, c.last_message_seq, v.author, v.body, v.user_id, v.client_message_id, v.now from c, v
        returning *
      ), p as (
        update accounts a set activity_position = a.activity_position + 1 from m where a.id = m.account_id
        returning a.activity_position
      ), e as (
        insert into activity_events (id, account_id, position, type, occurred_at, contact_id, conversation_id, actor_kind, actor_user_id, data)
        select v.event_id, c.account_id, p.activity_position, '${ActivityEventType.MESSAGE_CREATED}', v.now, c.contact_id, c.id, v.actor_kind, v.user_id, v.data from p, c, v
        returning position
      )
      select ${conversation.select}, ${message.select}, ${assignee.select}, e.position as event_position, w.wanted as webhooks_take_messages
        from w left join c on true left join m on true left join e on true left join users u on u.id = c.assignee_id`;
    this.statement = { sql, conversation, message, assignee };
    return this.statement;
  }

  async write(em: EntityManager, author: LiveMessageAuthor, conversationId: string, input: LiveMessageInput): Promise<WrittenLiveMessage | null> {
    if ((this.webhookAccounts.get(author.accountId) ?? 0) > Date.now()) {
      metrics.liveMessageWrites.inc({ result: 'webhooks' });
      return null;
    }
    const statement = this.prepare(em);
    const now = new Date();
    const messageId = uuidv7();
    const eventId = uuidv7();
    const visitor = author.kind === 'visitor';
    const messageAuthor = visitor ? MessageAuthor.VISITOR : MessageAuthor.AGENT;
    const data = { messageId: encodeGlobalId(Message.name, messageId), author: messageAuthor };
    // In the order of the statement's `v` row.
    const params = [
      conversationId,
      author.accountId,
      visitor,
      visitor ? null : author.userId,
      visitor ? false : author.isAdmin,
      now,
      visitor ? author.idleDeadlineAt : null,
      messageId,
      messageAuthor,
      input.body,
      input.clientMessageId,
      eventId,
      visitor ? ActorKind.VISITOR : ActorKind.USER,
      JSON.stringify(data),
    ];
    let rows: Record<string, unknown>[];
    try {
      rows = await em.getConnection().execute<Record<string, unknown>[]>(statement.sql, params, 'all');
    } catch (error) {
      // The same exceptions as the ORM path's (a repeated clientMessageId: UniqueConstraintViolationException).
      throw em.getDriver().convertException(error as Error);
    }
    const row = rows[0];
    if (row.webhooks_take_messages) {
      if (this.webhookAccounts.size >= MAX_WEBHOOK_ACCOUNTS) this.webhookAccounts.clear();
      this.webhookAccounts.set(author.accountId, Date.now() + WEBHOOK_HINT_MS);
      metrics.liveMessageWrites.inc({ result: 'webhooks' });
      return null;
    }
    const conversationRow = statement.conversation.pick(row);
    if (!conversationRow) {
      metrics.liveMessageWrites.inc({ result: 'not_live' });
      return null;
    }
    const assigneeRow = statement.assignee.pick(row);
    if (assigneeRow) em.map(User, assigneeRow);
    const conversation = em.map(Conversation, conversationRow);
    const message = em.map(Message, statement.message.pick(row)!);
    // What the unit of work would have told the read caches at this commit.
    announceCommitted(em, { userIds: [], accountIds: [author.accountId] });
    metrics.liveMessageWrites.inc({ result: 'one_statement' });
    return { conversation, message, event: { id: eventId, position: Number(row.event_position) } };
  }
}
