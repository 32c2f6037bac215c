import type { ActivityEventItemFragment } from '../graphql/generated/graphql';

export type ActivityEvent = ActivityEventItemFragment;

/** One row of the stream: an event, or the messages of one conversation folded together. */
export type ActivityRow =
  | { kind: 'event'; key: string; event: ActivityEvent }
  | { kind: 'messages'; key: string; newest: ActivityEvent; oldest: ActivityEvent; count: number; byVisitor: number; byAgents: number; notes: number };

/**
 * Folds MESSAGE_CREATED events (newest first) per conversation: the messages of a conversation
 * between two of its other events (accepted, ended…) become one row, placed where the newest of
 * them is. Messages of other conversations in between do not split the row.
 */
export function foldMessages(events: ActivityEvent[]): ActivityRow[] {
  const rows: ActivityRow[] = [];
  const open = new Map<string, Extract<ActivityRow, { kind: 'messages' }>>();
  for (const event of events) {
    const conversationId = event.conversation?.id;
    if (event.type !== 'MESSAGE_CREATED' || !conversationId) {
      if (conversationId) open.delete(conversationId);
      rows.push({ kind: 'event', key: event.id, event });
      continue;
    }
    const byVisitor = event.data?.author === 'VISITOR' ? 1 : 0;
    const byAgents = event.data?.author === 'AGENT' ? 1 : 0;
    const notes = event.data?.author === 'NOTE' ? 1 : 0;
    const group = open.get(conversationId);
    if (group) {
      group.oldest = event;
      group.count += 1;
      group.byVisitor += byVisitor;
      group.byAgents += byAgents;
      group.notes += notes;
    } else {
      const row = { kind: 'messages' as const, key: `messages:${event.id}`, newest: event, oldest: event, count: 1, byVisitor, byAgents, notes };
      open.set(conversationId, row);
      rows.push(row);
    }
  }
  return rows;
}

/** Newest first, each event once: live events ahead of the loaded pages. */
export function mergeNewestFirst(live: ActivityEvent[], loaded: ActivityEvent[]): ActivityEvent[] {
  const seen = new Set<string>();
  const merged: ActivityEvent[] = [];
  for (const event of [...live, ...loaded]) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    merged.push(event);
  }
  return merged;
}
