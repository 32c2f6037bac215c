import type { GraphQLHttpClient } from './graphql-http';
import { MARK_READ, SET_PRESENCE, SET_TYPING, type SetTypingData } from './operations';

/** While the visitor keeps typing, "still typing" is said again this often (the server forgets after 6 s). */
const KEEP_ALIVE_MS = 3_000;
/** With previews on, the draft goes at most this often. */
const PREVIEW_EVERY_MS = 1_000;
const PREVIEW_MAX_LENGTH = 500;

/**
 * The visitor's side of the ephemeral signals, over HTTP: typing (start, keep-alive, stop),
 * whether the page is hidden, and how far the visitor has read. The draft itself is sent only
 * once the server said the account wants previews (`previewWanted`). Every failure is ignored:
 * a lost signal only makes an indicator late.
 */
export class VisitorSignals {
  private typing = false;
  private lastSent = 0;
  private previewWanted = false;
  private readSeq = 0;
  private draft = '';
  private trailing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly http: GraphQLHttpClient,
    private readonly conversationId: () => string | null,
  ) {}

  draftChanged(draft: string): void {
    this.draft = draft;
    if (!draft.trim()) return this.stop();
    const since = Date.now() - this.lastSent;
    if (!this.typing || since >= KEEP_ALIVE_MS || (this.previewWanted && since >= PREVIEW_EVERY_MS)) this.sendTyping(true, draft);
    // With previews, the draft as it stands once the visitor pauses goes too.
    else if (this.previewWanted && !this.trailing) {
      this.trailing = setTimeout(() => {
        this.trailing = undefined;
        if (this.typing && this.draft.trim()) this.sendTyping(true, this.draft);
      }, PREVIEW_EVERY_MS - since);
    }
  }

  stop(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
    if (this.typing) this.sendTyping(false, null);
  }

  /** The page became hidden or visible again. */
  setAway(away: boolean): void {
    const id = this.conversationId();
    if (id) this.http.request(SET_PRESENCE, { id, away }).catch(() => undefined);
  }

  /** The visitor has seen everything up to `cursor` (a message cursor); only forward moves are sent. */
  markRead(cursor: string): void {
    const id = this.conversationId();
    const seq = cursorSeq(cursor);
    if (!id || seq <= this.readSeq) return;
    this.readSeq = seq;
    this.http.request(MARK_READ, { id, cursor }).catch(() => {
      // Try again on the next render.
      if (this.readSeq === seq) this.readSeq = 0;
    });
  }

  /** A new conversation starts from nothing. */
  reset(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
    this.typing = false;
    this.lastSent = 0;
    this.previewWanted = false;
    this.readSeq = 0;
  }

  private sendTyping(typing: boolean, draft: string | null): void {
    const id = this.conversationId();
    if (!id) return;
    this.typing = typing;
    this.lastSent = typing ? Date.now() : 0;
    const preview = typing && this.previewWanted && draft ? draft.slice(0, PREVIEW_MAX_LENGTH) : null;
    this.http
      .request<SetTypingData>(SET_TYPING, { id, typing, preview })
      .then(({ setTyping }) => {
        this.previewWanted = setTyping.previewWanted === true;
      })
      .catch(() => undefined);
  }
}

/** The `seq` in a message cursor (`base64url("seq:<n>")`); 0 when unreadable. */
export function cursorSeq(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  try {
    const match = /^seq:(\d+)$/.exec(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

const TITLE_COUNT = /^\(\d+\+?\) /;

/** "(2) Demo site": the unread count in front of the host page's own title; 0 takes it away. */
export function showCountInTitle(count: number): void {
  const base = document.title.replace(TITLE_COUNT, '');
  const title = count > 0 ? `(${count > 9 ? '9+' : count}) ${base}` : base;
  if (document.title !== title) document.title = title;
}
