import type { ChatStorage, UnsentMessage } from './chat-storage';
import type { ChatView } from './chat-view';
import type { SendMessageInput } from './operations';

// After the client's quick tries, a message waits for the connection to return, or retries
// this long after its last try at the most, for as long as it takes.
const RETRY_MAX_MS = 10_000;

/** 'ok': stored; 'rejected': refused (the reason is shown); 'network': the server was not reached. */
export type SendOutcome = 'ok' | 'rejected' | 'network';

export interface OutboxDeps {
  storage: ChatStorage;
  view: Pick<ChatView, 'addPending' | 'removePending' | 'restoreDraft'>;
  send(input: SendMessageInput): Promise<SendOutcome>;
  /** Runs sends one at a time, in order, with the option picks. */
  enqueue(task: () => Promise<void>): void;
  /** Whether the widget still follows this conversation (not reset for a new chat). */
  follows(conversationId: string): boolean;
}

/**
 * The visitor's messages until the server has them: each is shown as "Sending…" and kept in
 * storage (so a reload sends it too) and sent again, always with its clientMessageId, until it
 * is stored, so however many tries it takes the message is stored once. Refused, it goes back
 * to the composer. Never dropped because the connection is down.
 */
export class Outbox {
  private wake: (() => void) | null = null;

  constructor(private readonly deps: OutboxDeps) {}

  /** A new message of the visitor. */
  add(conversationId: string, body: string, clientMessageId: string): void {
    const unsent = { body, clientMessageId };
    this.deps.storage.update({ unsent: [...(this.deps.storage.current.unsent ?? []), unsent] });
    this.deliver(conversationId, unsent);
  }

  /** After a reload: sends what the earlier page could not. */
  resume(conversationId: string): void {
    for (const unsent of this.deps.storage.current.unsent ?? []) this.deliver(conversationId, unsent);
  }

  /** The message arrived through the subscription: stored for good, its "Sending…" copy goes. */
  delivered(clientMessageId: string): void {
    this.deps.view.removePending(clientMessageId);
    this.forget(clientMessageId);
  }

  /** The connection is back (or the chat was left): a waiting send tries now. */
  retryNow(): void {
    this.wake?.();
  }

  private deliver(conversationId: string, unsent: UnsentMessage): void {
    const { view, send, enqueue, follows } = this.deps;
    view.addPending(unsent.clientMessageId, unsent.body);
    enqueue(async () => {
      for (let round = 0; follows(conversationId); round++) {
        const sent = await send({ conversationId, body: unsent.body, clientMessageId: unsent.clientMessageId });
        if (sent === 'network') {
          await this.waitToRetry(Math.min(1000 * 2 ** round, RETRY_MAX_MS));
          continue;
        }
        // Stored: its "Sending…" copy goes when the message itself arrives (see delivered).
        this.forget(unsent.clientMessageId);
        if (sent === 'rejected') {
          view.removePending(unsent.clientMessageId);
          view.restoreDraft(unsent.body);
        }
        return;
      }
    });
  }

  private forget(clientMessageId: string): void {
    const unsent = this.deps.storage.current.unsent ?? [];
    if (unsent.some((m) => m.clientMessageId === clientMessageId)) this.deps.storage.update({ unsent: unsent.filter((m) => m.clientMessageId !== clientMessageId) });
  }

  /** Resolves after `ms`, or sooner when the browser or the socket says the connection is back. */
  private waitToRetry(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        window.removeEventListener('online', done);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      window.addEventListener('online', done);
      this.wake = done;
    });
  }
}
