import { ChatStorage, type StoredChat } from './chat-storage';
import { ChatView } from './chat-view';
import type { WidgetConfig } from './config';
import { GraphQLHttpClient, GraphQLRequestError } from './graphql-http';
import { followConversation, type LiveConversation } from './live-events';
import {
  END_CHAT,
  SEND_MESSAGE,
  START_CONVERSATION,
  VISITOR_TRANSCRIPT,
  type TranscriptLine,
  type VisitorTranscriptData,
  type ConversationEvent,
  type ConversationSignal,
  type ConversationState,
  type EndChatData,
  type MessageOption,
  type SendMessageData,
  type SendMessageInput,
  type StartConversationData,
} from './operations';
import { Outbox, type SendOutcome } from './outbox';
import { showCountInTitle, VisitorSignals } from './signals';
import { isClosed, statusText, Transcript, transcriptText } from './transcript';
import { RatingPrompt } from './rating';
import { WaitingLineWatcher } from './waiting-line';

/**
 * idle: no conversation yet; starting: startConversation in flight; ready: a conversation;
 * failed: startConversation failed (retry offered); lost: the stored chat cannot be reached.
 */
type Phase = 'idle' | 'starting' | 'ready' | 'failed' | 'lost';

// Sends are retried with the same clientMessageId, so a retry never doubles a message; after
// these quick tries a message waits in the outbox for the connection to return.
const SEND_ATTEMPTS = 3;
// An ended chat gets no more messages; the socket closes once its replay has gone quiet.
const CLOSED_CHAT_LINGER_MS = 5_000;
const MISCONFIGURED = new Set(['FLOW_NOT_FOUND', 'FLOW_NOT_PUBLISHED']);
// A typing indicator without a fresh signal for this long is stale (the server's TTL).
const TYPING_TTL_MS = 6_000;

/** The conversation lifecycle: start or resume, follow live, send, end, start again. */
export class ChatController {
  private readonly view: ChatView;
  private readonly http: GraphQLHttpClient;
  private phase: Phase = 'idle';
  private conversation: { id: string; token: string } | null = null;
  private state: ConversationState | null = null;
  private transcript = new Transcript();
  private live: LiveConversation | null = null;
  private connection: 'connecting' | 'connected' | 'reconnecting' = 'connecting';
  private error: string | null = null;
  private pendingOption: { messageId: string; key: string } | null = null;
  /** While the chat waits: its place in line and the time left. */
  private waiting: WaitingLineWatcher | null = null;
  private rating: RatingPrompt | null = null;
  private readonly outbox: Outbox;
  private sends: Promise<void> = Promise.resolve();
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private renderQueued = false;
  private optionsShown = '';
  private readonly signals: VisitorSignals;
  /** Cursor of the newest message received, for markRead. */
  private lastCursor: string | null = null;
  /** Who of the team is typing, until they stop or go quiet. */
  private agentTyping: string | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: HTMLElement,
    private readonly config: WidgetConfig,
    private readonly storage: ChatStorage,
  ) {
    this.http = new GraphQLHttpClient(config.httpUrl, () => this.conversation?.token ?? null);
    this.view = new ChatView(host, config, {
      open: () => this.open(),
      close: () => this.close(),
      send: (text) => this.send(text),
      pickOption: (option) => this.pickOption(option),
      endChat: () => void this.endChat(),
      action: () => this.action(),
      draftChanged: (text) => this.signals.draftChanged(text),
      stopTyping: () => this.signals.stop(),
      downloadTranscript: () => void this.downloadTranscript(),
    });
    this.signals = new VisitorSignals(this.http, () => this.conversation?.id ?? null);
    // AWAY while the page is hidden; unread messages count (and show in the title) meanwhile.
    document.addEventListener('visibilitychange', () => {
      if (!this.live) return this.render();
      this.live.setAway(document.hidden);
      this.signals.setAway(document.hidden);
      this.render();
    });
    this.outbox = new Outbox({
      storage,
      view: this.view,
      send: (input) => this.sendMessage(input),
      enqueue: (task) => this.enqueue(task),
      follows: (conversationId) => this.conversation?.id === conversationId,
    });
    storage.load();
  }

  private get stored(): Readonly<StoredChat> {
    return this.storage.current;
  }

  /** Restores the chat and panel the visitor had before the page loaded. */
  mount(): void {
    const { conversationId, visitorToken, status, open } = this.stored;
    if (conversationId && visitorToken) {
      this.conversation = { id: conversationId, token: visitorToken };
      this.phase = 'ready';
      // With the panel closed, only a live chat (someone may write) is worth a socket now.
      if (open || status === 'WAITING' || status === 'ACTIVE') this.connect();
      // Messages written before the reload that never reached the server go out now.
      this.outbox.resume(conversationId);
    }
    this.view.setOpen(open, false);
    if (open && !this.conversation) void this.startConversation();
    this.storage.onExternalChange((chat) => this.adopt(chat));
    this.render();
  }

  private open(): void {
    this.storage.update({ open: true });
    this.view.setOpen(true, true);
    if (this.phase === 'idle') void this.startConversation();
    else if (this.phase === 'ready' && !this.live && !(isClosed(this.state?.status) && this.transcript.last)) this.connect();
    this.render();
  }

  private close(): void {
    this.storage.update({ open: false });
    this.view.setOpen(false, true);
    this.render();
  }

  private action(): void {
    if (this.phase === 'failed') void this.startConversation();
    else this.startNewChat();
  }

  private async startConversation(): Promise<void> {
    this.phase = 'starting';
    this.error = null;
    this.render();
    try {
      const visitor = { pageUrl: location.href, referrer: document.referrer || null, locale: navigator.language || null };
      const { startConversation: result } = await this.http.request<StartConversationData>(START_CONVERSATION, { input: { flowId: this.config.flowId, visitor, ...(this.config.identity ? { identity: this.config.identity } : {}) } });
      const conversation = result.conversation;
      if (!conversation || !result.visitorToken) {
        const userError = result.userErrors[0];
        // A wrong or unpublished flow is the site owner's to fix: tell them, not the visitor.
        if (userError && MISCONFIGURED.has(userError.code)) console.warn(`[ChatOnce] ${userError.message} (data-flow-id="${this.config.flowId}")`);
        this.fail(userError && !MISCONFIGURED.has(userError.code) ? userError.message : 'The chat is not available right now.');
        return;
      }
      this.conversation = { id: conversation.id, token: result.visitorToken };
      this.state = { status: conversation.status, assigneeName: null, endReason: null };
      this.phase = 'ready';
      this.storage.update({ conversationId: conversation.id, visitorToken: result.visitorToken, status: conversation.status, seenMessageId: undefined });
      this.connect();
      this.render();
    } catch (error) {
      this.fail(error instanceof GraphQLRequestError && error.code !== 'NETWORK_ERROR' ? error.message : 'We could not reach the chat. Check your connection.');
    }
  }

  private fail(message: string): void {
    this.phase = 'failed';
    this.error = message;
    this.render();
    this.view.focusAction();
  }

  /** Forgets the current chat (ended, timed out or unreachable) and starts another. */
  private startNewChat(): void {
    this.reset();
    this.storage.clearConversation();
    void this.startConversation();
  }

  private reset(): void {
    this.live?.dispose();
    this.live = null;
    this.waiting?.stop();
    this.waiting = null;
    this.rating = null;
    this.outbox.retryNow();
    clearTimeout(this.lingerTimer);
    this.conversation = null;
    this.state = null;
    this.transcript = new Transcript();
    this.pendingOption = null;
    this.error = null;
    this.phase = 'idle';
    this.optionsShown = '';
    this.lastCursor = null;
    this.signals.reset();
    this.setAgentTyping(null);
    this.view.clearMessages();
    this.view.setOptions(null, null);
  }

  /** Another tab of the site started a new chat: follow it here too. */
  private adopt(chat: StoredChat): void {
    // A cleared entry is the other tab on its way to a new chat; wait for the new one.
    if (!chat.conversationId || !chat.visitorToken) return;
    this.reset();
    this.conversation = { id: chat.conversationId, token: chat.visitorToken };
    this.phase = 'ready';
    this.connect();
    this.render();
  }

  private connect(): void {
    const conversation = this.conversation;
    if (!conversation) return;
    this.live?.dispose();
    this.connection = 'connecting';
    this.live = followConversation({
      wsUrl: this.config.wsUrl,
      conversationId: conversation.id,
      token: conversation.token,
      handlers: {
        onEvent: (event) => this.onEvent(event),
        onSignal: (signal) => this.onSignal(signal),
        onConnection: (state) => {
          this.connection = state;
          // Back online: whatever waits to be sent goes now.
          if (state === 'connected') this.outbox.retryNow();
          this.render();
        },
        onRejected: () => this.lose(),
      },
    });
  }

  /** The token or conversation was refused (expired token, data reset): offer a new chat. */
  private lose(): void {
    this.live?.dispose();
    this.live = null;
    this.waiting?.stop();
    this.waiting = null;
    this.phase = 'lost';
    this.error = 'This chat is no longer available.';
    this.render();
  }

  private onEvent(event: ConversationEvent): void {
    const sentId = event.message.author === 'VISITOR' ? event.message.clientMessageId : null;
    if (sentId) this.outbox.delivered(sentId);
    this.lastCursor = event.cursor;
    if (this.transcript.add(event.message)) this.view.appendMessage(event.message);
    if (event.message.author === 'AGENT') this.setAgentTyping(null);
    if (this.pendingOption && this.pendingOption.messageId !== this.transcript.last?.id) this.pendingOption = null;
    this.applyState(event.conversation);
    // Something happened in this chat: its place in line may have too.
    if (event.conversation.status === 'WAITING') void this.waiting?.refresh();
    if (isClosed(this.state?.status)) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = setTimeout(() => {
        this.live?.dispose();
        this.live = null;
        this.render();
      }, CLOSED_CHAT_LINGER_MS);
    }
    this.scheduleRender();
  }

  private onSignal(signal: ConversationSignal): void {
    if (signal.kind !== 'TYPING' || signal.by !== 'AGENT') return;
    this.setAgentTyping(signal.typing ? (signal.name ?? 'Someone') : null);
  }

  private setAgentTyping(name: string | null): void {
    clearTimeout(this.typingTimer);
    this.agentTyping = name;
    if (name) this.typingTimer = setTimeout(() => this.setAgentTyping(null), TYPING_TTL_MS);
    this.view.setTyping(name && !isClosed(this.state?.status) ? `${name} is typing…` : null);
  }

  private applyState(state: ConversationState): void {
    this.state = state;
    if (this.stored.status !== state.status) this.storage.update({ status: state.status });
    this.watchWaitingLine(state.status === 'WAITING');
    this.offerRating(state);
  }

  /**
   * Once a live chat with someone has ended (not one nobody answered), the visitor may rate it:
   * when the conversation ended, or when it went back to the bot (the flow's `afterChatNext`).
   */
  private offerRating(state: ConversationState): void {
    const conversation = this.conversation;
    const liveChatOver = state.status === 'ENDED' || state.status === 'BOT';
    if (this.rating || !conversation || !liveChatOver || !state.assigneeName) return;
    this.rating = new RatingPrompt(this.http, conversation.id, state.assigneeName, () => this.view.keepingBottom(() => undefined));
    this.view.showRating(this.rating.element);
  }

  private watchWaitingLine(waiting: boolean): void {
    const conversation = this.conversation;
    if (waiting && conversation && !this.waiting) {
      this.waiting = new WaitingLineWatcher(this.http, conversation.id, (lines) => this.view.keepingBottom(() => this.view.setQueue(lines)));
      this.waiting.start();
    } else if (!waiting && this.waiting) {
      this.waiting.stop();
      this.waiting = null;
    }
  }

  /** A visitor message: shown as "Sending…" and kept (across reloads too) until the server has it. */
  private send(body: string): void {
    this.signals.stop();
    if (this.conversation) this.outbox.add(this.conversation.id, body, newId());
  }

  private pickOption(option: MessageOption): void {
    const conversation = this.conversation;
    const last = this.transcript.last;
    if (!conversation || !last || this.pendingOption) return;
    this.pendingOption = { messageId: last.id, key: option.key };
    this.render();
    this.enqueue(async () => {
      const sent = await this.sendMessage({ conversationId: conversation.id, optionKey: option.key, clientMessageId: newId() });
      // On failure the buttons come back; on success they go when the next message arrives.
      if (sent !== 'ok') this.pendingOption = null;
      if (sent === 'network') this.error = 'Your choice was not sent. Check your connection and try again.';
    });
  }

  /** Sends one message; the message itself comes back through the subscription. */
  private async sendMessage(input: SendMessageInput): Promise<SendOutcome> {
    try {
      const { sendMessage: result } = await this.http.request<SendMessageData>(SEND_MESSAGE, { input }, { attempts: SEND_ATTEMPTS });
      if (result.conversation) this.applyClosedStatus(result.conversation.status);
      const userError = result.userErrors[0];
      this.error = userError ? userError.message : null;
      return userError ? 'rejected' : 'ok';
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.tokenRejected) {
        this.lose();
        return 'rejected';
      }
      // A refusal that sending again cannot change (malformed input) is the visitor's to see.
      if (error instanceof GraphQLRequestError && !error.retryable) {
        this.error = error.message;
        return 'rejected';
      }
      // Kept as "Sending…" and sent when the connection is back: nothing for the visitor to do.
      this.error = null;
      return 'network';
    } finally {
      this.render();
    }
  }

  private async endChat(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    try {
      const { endChat: result } = await this.http.request<EndChatData>(END_CHAT, { id: conversation.id }, { attempts: 4 });
      const userError = result.userErrors[0];
      // Already closed (an earlier try got through, or the agent ended it first) is fine.
      this.error = userError && userError.code !== 'CONVERSATION_CLOSED' ? userError.message : null;
      if (result.conversation) this.applyClosedStatus(result.conversation.status);
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.tokenRejected) return this.lose();
      this.error = 'The chat could not be ended. Try again.';
    }
    this.render();
    this.view.focusAction();
  }

  /**
   * Saves the ended chat as a text file, read afresh from the server (all of it, even after a
   * reload): what the visitor's token reads, which never includes the team's internal notes.
   */
  private async downloadTranscript(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    try {
      const lines: TranscriptLine[] = [];
      for (let after: string | null = null; ; ) {
        const data: VisitorTranscriptData = await this.http.request<VisitorTranscriptData>(VISITOR_TRANSCRIPT, { id: conversation.id, after }, { attempts: 3 });
        const page = data.conversation?.messages;
        if (!page) throw new Error('This chat is no longer available.');
        lines.push(...page.edges.map((edge) => edge.node));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      const day = (lines.at(-1)?.createdAt ?? new Date().toISOString()).slice(0, 10);
      this.view.saveFile(`chat-transcript-${day}.txt`, transcriptText(lines, location.host));
      this.error = null;
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.tokenRejected) return this.lose();
      this.error = 'The transcript could not be downloaded. Try again.';
    }
    this.render();
  }

  /**
   * Takes a status from a mutation only when it is final: an open status in a mutation
   * result can be older than what the subscription already delivered.
   */
  private applyClosedStatus(status: ConversationState['status']): void {
    if (isClosed(status) && this.state) this.applyState({ ...this.state, status });
  }

  private enqueue(task: () => Promise<void>): void {
    // One at a time, so messages arrive in the order the visitor sent them.
    this.sends = this.sends.then(task, task);
  }

  /** Renders once per burst of events (a replay delivers many at once). */
  private scheduleRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  private render(): void {
    this.view.keepingBottom(() => this.renderParts());
  }

  private renderParts(): void {
    const status = this.state?.status ?? this.stored.status;
    const closed = isClosed(status);
    const ready = this.phase === 'ready';
    const open = this.view.isOpen;

    this.view.setStatus(ready && this.state ? statusText(this.state) : '');
    this.view.setConnection(this.connectionText());
    this.view.setError(this.error);
    this.view.setAction(this.phase === 'failed' ? 'Try again' : this.phase === 'lost' || (ready && closed) ? 'Start a new chat' : null);
    this.view.setComposerEnabled(ready && !closed, ready && closed ? 'This chat has ended' : undefined);
    this.view.setCanEnd(ready && !!status && !closed);
    // Once the live chat is over: the chat ended, or went back to the bot (the flow's afterChatNext).
    this.view.setDownloadable(ready && (closed || (this.state?.status === 'BOT' && !!this.state.assigneeName)));

    const options = ready ? this.transcript.options(this.state?.status) : null;
    const shown = options ? `${this.transcript.last?.id}:${this.pendingOption?.key ?? ''}` : '';
    if (shown !== this.optionsShown) {
      this.optionsShown = shown;
      this.view.setOptions(options, this.pendingOption?.key ?? null);
    }

    // Read means on screen: the panel open on a visible page. Otherwise new messages count.
    const reading = open && !document.hidden;
    const last = this.transcript.last;
    if (reading && last && this.stored.seenMessageId !== last.id) this.storage.update({ seenMessageId: last.id });
    if (reading && ready && this.lastCursor) this.signals.markRead(this.lastCursor);
    const unread = reading ? 0 : this.transcript.unreadAfter(this.stored.seenMessageId);
    this.view.setUnread(unread);
    showCountInTitle(unread);
  }

  private connectionText(): string | null {
    if (this.phase === 'starting') return 'Connecting…';
    if (this.phase !== 'ready' || !this.live) return null;
    if (this.connection === 'reconnecting') return 'Reconnecting…';
    if (this.connection === 'connecting' && !this.transcript.last) return 'Connecting…';
    return null;
  }
}

/** A random UUID; crypto.randomUUID needs a secure context, which a customer's page may not be. */
function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
