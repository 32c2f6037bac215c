import type { EntityManager } from '@mikro-orm/core';
import type { Conversation } from '../conversations/conversation.entity';
import type { AfterCommit } from '../realtime/after-commit';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { Message, type MessageAuthor, type StoredMessageOption } from './message.entity';

export interface NewMessage {
  author: MessageAuthor;
  body: string;
  options?: StoredMessageOption[] | null;
  senderId?: string | null;
  clientMessageId?: string | null;
}

/** Messages of conversations, numbered 1, 2, 3… within each. */
export class MessageService {
  /**
   * Adds a message to a conversation whose row the caller holds locked (FOR UPDATE), so
   * sequence numbers follow commit order: a subscriber replaying "after n" misses nothing.
   */
  append(tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation, message: NewMessage): Message {
    conversation.lastMessageSeq += 1;
    const created = tem.create(Message, {
      account: conversation.account,
      conversation,
      seq: conversation.lastMessageSeq,
      author: message.author,
      body: message.body,
      options: message.options ?? null,
      sender: message.senderId ?? null,
      clientMessageId: message.clientMessageId ?? null,
    });
    afterCommit.conversationEvent(conversation.id, created.seq);
    return created;
  }

  /** Oldest first. */
  list(em: EntityManager, conversationId: string, args: ConnectionArgs) {
    return paginate(em, Message, { conversation: conversationId }, args, 'asc', 'seq');
  }

  /** Messages after sequence number `afterSeq`, in order: what a reconnecting client missed. */
  since(em: EntityManager, conversationId: string, afterSeq: number, limit = 500): Promise<Message[]> {
    return em.find(Message, { conversation: conversationId, seq: { $gt: afterSeq } }, { orderBy: { seq: 'asc' }, limit });
  }
}
