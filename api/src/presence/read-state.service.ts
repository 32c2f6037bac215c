import type { EntityManager } from '@mikro-orm/postgresql';
import { isMember, type Viewer } from '../auth/viewer';
import { Conversation } from '../conversations/conversation.entity';
import { reachableBy } from '../conversations/conversation-access';
import { fail } from '../errors/user-error';
import { conversationEventCursor } from '../relay/position-cursor';
import { SignalErrorCode as Code } from './presence.errors';
import { SignalSide } from './presence.types';
import type { SignalService } from './signal.service';

/** A read cursor as the API shows it: null before anything was read. */
export function readCursor(seq: number): string | null {
  return seq > 0 ? conversationEventCursor.encode(seq) : null;
}

/**
 * Read state: how far the visitor and the account's users have read a conversation, as the
 * `seq` of a message. A cursor only moves forward, in one conditional UPDATE (no read first,
 * no activity event), and each move is announced on the conversation's signals.
 */
export class ReadStateService {
  constructor(private readonly signals: SignalService) {}

  async markRead(em: EntityManager, viewer: Viewer, conversationId: string, cursor: string): Promise<{ moved: boolean; cursor: string | null; conversationId: string }> {
    const where = reachableBy(viewer, conversationId);
    if (!where || (viewer.kind !== 'visitor' && !isMember(viewer))) fail(Code.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', ['conversationId']);
    let seq: number;
    try {
      seq = conversationEventCursor.decode(cursor);
    } catch {
      seq = 0;
    }
    if (seq < 1) fail(Code.INVALID_CURSOR, 'Pass the `cursor` of a message of this conversation.', ['cursor']);
    const side = viewer.kind === 'visitor' ? SignalSide.VISITOR : SignalSide.AGENT;
    const senderId = viewer.kind === 'user' ? viewer.userId : side === SignalSide.VISITOR ? 'visitor' : 'apiKey';
    await this.signals.consume(conversationId, senderId, 'reads');
    const column = side === SignalSide.VISITOR ? 'visitorReadSeq' : 'agentReadSeq';
    // Forward only, and never past the last message: the condition is the rule.
    const moved = await em.nativeUpdate(Conversation, { ...(where as object), [column]: { $lt: seq }, lastMessageSeq: { $gte: seq } } as object, { [column]: seq });
    if (moved) {
      const accountId = viewer.kind === 'visitor' ? viewer.accountId : (viewer as { accountId: string }).accountId;
      this.signals.announceRead({ accountId, conversationId, side, senderId }, conversationEventCursor.encode(seq));
      return { moved: true, cursor: conversationEventCursor.encode(seq), conversationId };
    }
    // Not moved: say why (the rare path reads the row).
    const conversation = await em.findOne(Conversation, where);
    if (!conversation) fail(Code.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', ['conversationId']);
    if (seq > conversation.lastMessageSeq) fail(Code.INVALID_CURSOR, 'This cursor is past the conversation’s last message.', ['cursor']);
    return { moved: false, cursor: readCursor(conversation[column]), conversationId };
  }
}
