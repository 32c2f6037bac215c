import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Message } from '../messages/message.entity';

/**
 * Batches for field resolvers that are not simple references (those batch through MikroORM's
 * dataloader). They batch only, never cache: a subscription keeps its context for hours.
 */
export function createLoaders(em: EntityManager) {
  return {
    /** The newest message of each conversation: one query for a whole list of chats. */
    lastMessage: new DataLoader<string, Message | null>(
      async (conversationIds) => {
        const rows: { id: string; conversation_id: string }[] = await em
          .getConnection()
          .execute(
            `select distinct on (conversation_id) id, conversation_id from messages where conversation_id in (${conversationIds.map(() => '?').join(', ')}) and author <> 'NOTE' order by conversation_id, seq desc`,
            [...conversationIds],
          );
        const messages = rows.length ? await em.find(Message, { id: { $in: rows.map((row) => row.id) } }) : [];
        const byConversation = new Map(messages.map((message) => [message.conversation.id, message]));
        return conversationIds.map((id) => byConversation.get(id) ?? null);
      },
      { cache: false },
    ),
    /** Each user's ACTIVE chats, counted in one grouped query (the team view lists everyone). */
    activeChatCount: new DataLoader<string, number>(
      async (userIds) => {
        const rows: { assignee_id: string; count: string }[] = await em
          .getConnection()
          .execute(`select assignee_id, count(*) as count from conversations where status = 'ACTIVE' and assignee_id in (${userIds.map(() => '?').join(', ')}) group by assignee_id`, [...userIds]);
        const byUser = new Map(rows.map((row) => [row.assignee_id, Number(row.count)]));
        return userIds.map((id) => byUser.get(id) ?? 0);
      },
      { cache: false },
    ),
    /**
     * Each waiting chat's place in its account's line (1: the longest-waiting, next to be
     * accepted), in one query; null for a chat that is not waiting.
     */
    queuePosition: new DataLoader<string, number | null>(
      async (conversationIds) => {
        const rows: { id: string; position: number }[] = await em.getConnection().execute(
          `select c.id, 1 + (select count(*) from conversations ahead
                              where ahead.account_id = c.account_id and ahead.status = 'WAITING'
                                and (ahead.waiting_since, ahead.id) < (c.waiting_since, c.id))::int as position
             from conversations c where c.id in (${conversationIds.map(() => '?').join(', ')}) and c.status = 'WAITING'`,
          [...conversationIds],
        );
        const byId = new Map(rows.map((row) => [row.id, Number(row.position)]));
        return conversationIds.map((id) => byId.get(id) ?? null);
      },
      { cache: false },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
