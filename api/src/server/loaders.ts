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
            `select distinct on (conversation_id) id, conversation_id from messages where conversation_id in (${conversationIds.map(() => '?').join(', ')}) order by conversation_id, seq desc`,
            [...conversationIds],
          );
        const messages = rows.length ? await em.find(Message, { id: { $in: rows.map((row) => row.id) } }) : [];
        const byConversation = new Map(messages.map((message) => [message.conversation.id, message]));
        return conversationIds.map((id) => byConversation.get(id) ?? null);
      },
      { cache: false },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
