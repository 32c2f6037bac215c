import type { ChatMessage, ConversationState, ConversationStatus, MessageOption, TranscriptLine } from './operations';

/** ENDED and TIMED_OUT never change again: the chat is read-only. */
export function isClosed(status: ConversationStatus | undefined): boolean {
  return status === 'ENDED' || status === 'TIMED_OUT';
}

/** The status line under the messages; empty while the visitor talks to the bot. */
export function statusText(conversation: ConversationState | null): string {
  switch (conversation?.status) {
    case 'WAITING':
      return 'Waiting for someone to join…';
    case 'ACTIVE':
      return conversation.assigneeName ? `Chatting with ${conversation.assigneeName}` : 'Chatting with our team';
    case 'TIMED_OUT':
      return 'No one was available';
    case 'ENDED':
      return 'Chat ended';
    default:
      return '';
  }
}

/**
 * The messages of one conversation in arrival order, each once: replays after a reconnect
 * start at the last cursor, but a message seen twice (two tabs, a resubscribe race) is dropped.
 */
export class Transcript {
  private readonly ids = new Set<string>();
  readonly messages: ChatMessage[] = [];

  /** Adds the message; false when it was already there. */
  add(message: ChatMessage): boolean {
    if (this.ids.has(message.id)) return false;
    this.ids.add(message.id);
    this.messages.push(message);
    return true;
  }

  get last(): ChatMessage | undefined {
    return this.messages[this.messages.length - 1];
  }

  /** The choices to show: only while the bot runs, and only those of the latest message. */
  options(status: ConversationStatus | undefined): MessageOption[] | null {
    const options = this.last?.options;
    return status === 'BOT' && options?.length ? options : null;
  }

  /** Messages for the visitor after `seenId` (all of them but the visitor's own). */
  unreadAfter(seenId: string | undefined): number {
    if (!seenId) return 0;
    const index = this.messages.findIndex((m) => m.id === seenId);
    if (index < 0) return 0;
    return this.messages.slice(index + 1).filter((m) => m.author !== 'VISITOR').length;
  }
}

const WHO: Record<string, string> = { VISITOR: 'You', BOT: 'Bot', AGENT: 'Agent', SYSTEM: 'Notice' };

/** "2026-12-01 10:02:03 UTC": unambiguous wherever the file is read. */
function stamp(iso: string): string {
  const utc = new Date(iso).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)} UTC`;
}

/**
 * The visitor's transcript as plain text: one line per message with its time and author
 * (the agent's name), continuation lines indented.
 */
export function transcriptText(messages: TranscriptLine[], site: string, now = new Date()): string {
  const lines = [`Chat transcript from ${site}`, `Downloaded ${stamp(now.toISOString())}`, ''];
  // Only the authors a visitor reads (the API never sends them notes; this never would either).
  for (const message of messages.filter((line) => line.author in WHO)) {
    const who = message.author === 'AGENT' && message.senderName ? message.senderName : (WHO[message.author] ?? message.author);
    lines.push(`[${stamp(message.createdAt)}] ${who}: ${message.body.replace(/\r?\n/g, '\n    ')}`);
  }
  return lines.join('\n') + '\n';
}
