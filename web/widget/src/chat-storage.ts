import type { ConversationStatus } from './operations';

/** What survives a page reload, per flow, in the host page's localStorage. */
export interface StoredChat {
  /** Whether the panel was open. */
  open: boolean;
  conversationId?: string;
  visitorToken?: string;
  /** Last status seen: an ended chat is not reconnected until the visitor opens the panel. */
  status?: ConversationStatus;
  /** Last message the visitor saw with the panel open, for the unread badge. */
  seenMessageId?: string;
  /** Messages written but not yet stored (offline), sent again with the same id after a reload. */
  unsent?: UnsentMessage[];
}

/** A visitor message on its way: its clientMessageId makes every resend the same message. */
export interface UnsentMessage {
  body: string;
  clientMessageId: string;
}

// Bounds what a stored entry may bring back (it is the host page's storage, anyone can write it).
const MAX_UNSENT = 20;
const MAX_BODY = 4000;

/**
 * One localStorage entry per flow, namespaced so it cannot collide with the host page's
 * keys. Storage can be unavailable (privacy modes, sandboxed iframes): then the chat lives as
 * long as the page.
 */
export class ChatStorage {
  readonly key: string;
  private memory: StoredChat = { open: false };

  constructor(flowId: string) {
    this.key = `chatonce:widget:v1:${flowId}`;
  }

  /** Reads the entry written by an earlier page (or another tab). */
  load(): void {
    try {
      const raw = localStorage.getItem(this.key);
      if (raw) this.memory = parse(raw) ?? this.memory;
    } catch {
      // Keep the in-memory copy.
    }
  }

  get current(): Readonly<StoredChat> {
    return this.memory;
  }

  update(change: Partial<StoredChat>): void {
    this.memory = { ...this.memory, ...change };
    this.write();
  }

  /** Forgets the conversation (and its token), keeping only whether the panel is open. */
  clearConversation(): void {
    this.memory = { open: this.memory.open };
    this.write();
  }

  /** The stored conversation changed in another tab of the same site. */
  onExternalChange(listener: (chat: StoredChat) => void): void {
    window.addEventListener('storage', (event) => {
      if (event.key !== this.key) return;
      const next = (event.newValue && parse(event.newValue)) || { open: this.memory.open };
      const changed = next.conversationId !== this.memory.conversationId;
      // The panel state stays per tab; only the conversation follows the other tab.
      this.memory = { ...next, open: this.memory.open };
      if (changed) listener({ ...this.memory });
    });
  }

  private write(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.memory));
    } catch {
      // Storage full or blocked: the chat still works until the page closes.
    }
  }
}

function parse(raw: string): StoredChat | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object') return null;
    const v = value as Record<string, unknown>;
    const text = (x: unknown) => (typeof x === 'string' && x ? x : undefined);
    const chat: StoredChat = { open: v.open === true };
    const conversationId = text(v.conversationId);
    const visitorToken = text(v.visitorToken);
    if (conversationId && visitorToken) Object.assign(chat, { conversationId, visitorToken });
    const status = text(v.status);
    if (status && ['BOT', 'WAITING', 'ACTIVE', 'ENDED', 'TIMED_OUT'].includes(status)) chat.status = status as ConversationStatus;
    const seen = text(v.seenMessageId);
    if (seen) chat.seenMessageId = seen;
    if (Array.isArray(v.unsent) && chat.conversationId) {
      const unsent = v.unsent
        .filter((m): m is UnsentMessage => !!m && typeof m.body === 'string' && typeof m.clientMessageId === 'string' && !!m.body && m.body.length <= MAX_BODY && m.clientMessageId.length <= 100)
        .slice(0, MAX_UNSENT)
        .map(({ body, clientMessageId }) => ({ body, clientMessageId }));
      if (unsent.length) chat.unsent = unsent;
    }
    return chat;
  } catch {
    return null;
  }
}
