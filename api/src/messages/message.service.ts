import type { EntityData, EntityManager } from '@mikro-orm/core';
import { Conversation } from '../conversations/conversation.entity';
import type { AfterCommit, ConversationMessage } from '../realtime/after-commit';
import { oncePerEvent, sharedLiveRead } from '../realtime/per-event';
import { User } from '../users/user.entity';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { LiveMessageWrite, type LiveMessageAuthor, type LiveMessageInput } from './live-message-write';
import { Message, MessageAuthor, type StoredMessageOption } from './message.entity';

export interface NewMessage {
  author: MessageAuthor;
  body: string;
  /** The visitor's wording of a SYSTEM line, when it differs from `body` (the team's). */
  visitorBody?: string | null;
  options?: StoredMessageOption[] | null;
  senderId?: string | null;
  clientMessageId?: string | null;
}

/** A message, its conversation and the users they name (sender, assignee), as entity snapshots. */
interface CommittedMessage {
  message: EntityData<Message>;
  conversation: EntityData<Conversation>;
  users: EntityData<User>[];
}

function committedMessage(em: EntityManager, message: Message): CommittedMessage {
  const comparator = em.getComparator();
  const conversation = message.conversation.getEntity();
  const users = [message.sender, conversation.assignee].flatMap((ref) => (ref?.isInitialized() ? [ref.getEntity()] : []));
  return {
    // The snapshot holds JSON properties as text (for comparison); merge() takes them as values.
    message: { ...comparator.prepareEntity(message), options: message.options ?? null },
    conversation: comparator.prepareEntity(conversation),
    // Never the password hash, whether or not this request loaded it.
    users: users.map((user) => ({ ...comparator.prepareEntity(user), passwordHash: undefined })),
  };
}

/** The committed message as managed entities of `em`, as if read: the field resolvers need no query. */
function fromCommitted(em: EntityManager, committed: CommittedMessage): Message {
  for (const user of committed.users) em.merge(User, user);
  em.merge(Conversation, committed.conversation);
  return em.merge(Message, committed.message);
}

/** Messages of conversations, numbered 1, 2, 3… within each. */
export class MessageService {
  private readonly liveWrite = new LiveMessageWrite();

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
      visitorBody: message.visitorBody ?? null,
      options: message.options ?? null,
      sender: message.senderId ?? null,
      clientMessageId: message.clientMessageId ?? null,
    });
    afterCommit.conversationEvent(conversation.id, created.seq, () => committedMessage(tem, created));
    return created;
  }

  /**
   * A live-chat message in one statement, committed on return, its announcements added to
   * `afterCommit`; null when the chat needs the ORM path (see LiveMessageWrite).
   */
  async appendLive(em: EntityManager, afterCommit: AfterCommit, author: LiveMessageAuthor, conversationId: string, input: LiveMessageInput): Promise<{ message: Message; conversation: Conversation } | null> {
    const written = await this.liveWrite.write(em, author, conversationId, input);
    if (!written) return null;
    const { message, conversation, event } = written;
    afterCommit.conversationEvent(conversation.id, message.seq, () => committedMessage(em, message));
    afterCommit.activityEvent(author.accountId, event);
    return { message, conversation };
  }

  /**
   * A conversation stream's `readAfter` (see replayThenLive) for the messages after `position`.
   * A live notification of the next message carries it as committed (with its conversation and
   * the users it names), so it is rebuilt from that, once per notification in this process, without
   * a read; any other notification (a gap: one was missed or came out of order) and the replay
   * read from the database.
   */
  liveReads(conversationId: string, fork: () => EntityManager) {
    const read = sharedLiveRead(`messages:${conversationId}`, (position) => this.since(fork(), conversationId, position));
    return async (position: number, cause?: ConversationMessage): Promise<Message[]> => {
      if (cause?.committed) {
        if (cause.position === position + 1) return [oncePerEvent(cause, 'committed', () => fromCommitted(fork(), cause.committed as CommittedMessage))];
        // Everything up to this notification was yielded: the next one says when there is more.
        if (cause.position <= position) return [];
      }
      return read(position, cause);
    };
  }

  /** Oldest first; for the conversation's visitor, without the team's internal notes. */
  list(em: EntityManager, conversationId: string, args: ConnectionArgs, forVisitor = false) {
    return paginate(em, Message, { conversation: conversationId, ...(forVisitor ? { author: { $ne: MessageAuthor.NOTE } } : {}) }, args, 'asc', 'seq');
  }

  /**
   * A conversation stream as its visitor may follow it: without internal notes. They are
   * skipped after the stream has passed them, so its position still moves past every message.
   */
  forVisitor(stream: AsyncIterableIterator<Message>): AsyncIterableIterator<Message> {
    const visible: AsyncIterableIterator<Message> = {
      async next() {
        for (;;) {
          const result = await stream.next();
          if (result.done || result.value.author !== MessageAuthor.NOTE) return result;
        }
      },
      return: (value?: unknown) => stream.return?.(value) ?? Promise.resolve({ value: undefined, done: true }),
      throw: (error?: unknown) => stream.throw?.(error) ?? Promise.reject(error),
      [Symbol.asyncIterator]: () => visible,
    };
    return visible;
  }

  /** Messages after sequence number `afterSeq`, in order: what a reconnecting client missed. */
  since(em: EntityManager, conversationId: string, afterSeq: number, limit = 500): Promise<Message[]> {
    return em.find(Message, { conversation: conversationId, seq: { $gt: afterSeq } }, { orderBy: { seq: 'asc' }, limit });
  }
}
