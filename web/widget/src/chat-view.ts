import type { WidgetConfig } from './config';
import { h, icon, ICONS, linkifiedText } from './dom';
import type { ChatMessage, MessageOption } from './operations';
import styles from './styles.css?inline';

/** What the visitor does; the controller decides what it means. */
export interface ViewActions {
  open(): void;
  close(): void;
  send(text: string): void;
  pickOption(option: MessageOption): void;
  endChat(): void;
  /** The bottom action button ("Start a new chat", "Try again"). */
  action(): void;
  /** The draft in the composer changed (typing signals). */
  draftChanged(text: string): void;
  /** The visitor left the composer. */
  stopTyping(): void;
  /** "Download transcript", offered once the chat has ended. */
  downloadTranscript(): void;
}

// The log sticks to the bottom when the visitor is already within this distance of it.
const STICK_TO_BOTTOM_PX = 80;
const PLACEHOLDER = 'Type your message…';

/**
 * The widget's DOM, inside an open shadow root so the host page's CSS cannot reach it (and
 * ours cannot leak out). It only renders; all state lives in the controller.
 */
export class ChatView {
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly endButton: HTMLButtonElement;
  private readonly confirm: HTMLDivElement;
  private readonly confirmEnd: HTMLButtonElement;
  private readonly connection: HTMLDivElement;
  private readonly log: HTMLDivElement;
  private readonly status: HTMLDivElement;
  private readonly queue: HTMLDivElement;
  private readonly queuePlace: HTMLDivElement;
  private readonly queueCountdown: HTMLDivElement;
  /** The visitor's messages not yet stored ("Sending…"), by clientMessageId, after the others. */
  private readonly pending = new Map<string, HTMLElement>();
  private readonly typing: HTMLDivElement;
  private readonly error: HTMLDivElement;
  private readonly actionBar: HTMLDivElement;
  private readonly actionButton: HTMLButtonElement;
  private readonly downloadButton: HTMLButtonElement;
  private readonly composer: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private options: HTMLDivElement | null = null;
  private composerEnabled = false;

  constructor(host: HTMLElement, config: WidgetConfig, private readonly actions: ViewActions) {
    const root = host.attachShadow({ mode: 'open' });
    host.style.setProperty('--co-brand', config.color);
    host.style.setProperty('--co-on-brand', config.onColor);
    host.style.setProperty('--co-accent-text', config.accentText);

    this.badge = h('span', { class: 'badge', 'data-testid': 'chatonce-unread', hidden: true });
    this.launcher = h('button', { type: 'button', class: 'launcher', 'aria-label': 'Open chat', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, icon(...ICONS.chat), this.badge);
    this.launcher.addEventListener('click', () => actions.open());

    this.endButton = h('button', { type: 'button', class: 'header-text-button', 'aria-label': 'End chat', hidden: true }, 'End chat');
    this.endButton.addEventListener('click', () => this.showConfirm(true));
    const closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close chat', title: 'Close chat' }, icon(...ICONS.minimise));
    closeButton.addEventListener('click', () => actions.close());
    const header = h('header', { class: 'header' }, h('h2', { class: 'title', id: 'chatonce-title' }, 'Chat with us'), h('div', { class: 'header-actions' }, this.endButton, closeButton));

    this.confirmEnd = h('button', { type: 'button', class: 'button button--danger' }, 'End chat');
    this.confirmEnd.addEventListener('click', () => {
      this.showConfirm(false, false);
      actions.endChat();
    });
    const cancel = h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel');
    cancel.addEventListener('click', () => this.showConfirm(false));
    this.confirm = h(
      'div',
      { class: 'confirm', role: 'group', 'aria-labelledby': 'chatonce-confirm-text', 'data-testid': 'chatonce-confirm-end', hidden: true },
      h('p', { id: 'chatonce-confirm-text' }, 'End this chat? You can start a new one afterwards.'),
      h('div', { class: 'confirm-buttons' }, cancel, this.confirmEnd),
    );

    this.connection = h('div', { class: 'connection', 'data-testid': 'chatonce-connection', role: 'status', hidden: true });
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages', tabindex: '0' });
    this.status = h('div', { class: 'status', 'data-testid': 'chatonce-status', 'aria-live': 'polite' });
    this.typing = h('div', { class: 'typing', 'data-testid': 'chatonce-typing', 'aria-live': 'polite', hidden: true });
    this.error = h('div', { class: 'error', 'data-testid': 'chatonce-error', role: 'alert' });
    // The place in line is announced as it changes; the countdown ticks silently.
    this.queuePlace = h('div', { 'aria-live': 'polite', 'data-testid': 'chatonce-queue-place' });
    this.queueCountdown = h('div', { class: 'queue-countdown', 'data-testid': 'chatonce-queue-countdown' });
    this.queue = h('div', { class: 'queue', 'data-testid': 'chatonce-queue', hidden: true }, this.queuePlace, this.queueCountdown);

    this.actionButton = h('button', { type: 'button', class: 'button button--primary' });
    this.actionButton.addEventListener('click', () => actions.action());
    this.downloadButton = h('button', { type: 'button', class: 'button button--quiet download', hidden: true }, 'Download transcript');
    this.downloadButton.addEventListener('click', () => actions.downloadTranscript());
    this.actionBar = h('div', { class: 'action-bar', hidden: true }, this.actionButton, this.downloadButton);

    this.input = h('textarea', { 'aria-label': 'Type your message', placeholder: PLACEHOLDER, rows: '1', maxlength: '4000', disabled: true });
    this.sendButton = h('button', { type: 'submit', class: 'send', disabled: true }, 'Send');
    this.composer = h('form', { class: 'composer' }, this.input, this.sendButton);
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends; Shift+Enter is a new line; never while an IME is composing.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.fitInput();
      actions.draftChanged(this.input.value);
    });
    this.input.addEventListener('blur', () => actions.stopTyping());

    this.panel = h(
      'section',
      { class: 'panel', 'data-testid': 'chatonce-widget', role: 'dialog', 'aria-label': 'Chat', tabindex: '-1', hidden: true },
      header,
      this.confirm,
      this.connection,
      this.log,
      this.typing,
      this.status,
      this.queue,
      this.error,
      this.actionBar,
      this.composer,
    );
    this.panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      if (!this.confirm.hidden) this.showConfirm(false);
      else actions.close();
    });

    root.append(h('style', {}, styles), this.launcher, this.panel);
  }

  /** Shows or hides the panel; `focus` moves focus in (or back to the launcher) for user actions. */
  setOpen(open: boolean, focus: boolean): void {
    const wasOpen = !this.panel.hidden;
    this.panel.hidden = !open;
    this.launcher.hidden = open;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open && !wasOpen) this.scrollToBottom();
    if (!focus || open === wasOpen) return;
    if (open) this.focusInside();
    else this.launcher.focus();
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Runs view changes that may resize the log, keeping it pinned to the bottom if it was. */
  keepingBottom(change: () => void): void {
    const stick = this.nearBottom();
    change();
    if (stick) this.scrollToBottom();
  }

  /** After a live chat, the rating prompt under the last message. */
  showRating(element: HTMLElement): void {
    const stick = this.nearBottom();
    this.log.append(element);
    if (stick) this.scrollToBottom();
  }

  clearMessages(): void {
    this.log.replaceChildren();
    this.options = null;
    this.pending.clear();
  }

  appendMessage(message: ChatMessage): void {
    const stick = this.nearBottom() || message.author === 'VISITOR';
    const element = h('div', { class: `message message--${message.author.toLowerCase()}`, 'data-testid': 'chatonce-message', 'data-author': message.author, 'data-message-id': message.id });
    if (message.author === 'AGENT' && message.senderName) element.append(h('div', { class: 'sender' }, message.senderName));
    const bubble = h('div', { class: 'bubble' }, ...linkifiedText(message.body));
    element.append(bubble);
    const time = new Date(message.createdAt);
    if (!Number.isNaN(time.getTime())) {
      bubble.title = time.toLocaleString();
      element.append(h('time', { class: 'time', datetime: time.toISOString(), 'data-testid': 'chatonce-time' }, time.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })));
    }
    // Messages still being sent come after the stored ones, and options after them all.
    this.log.insertBefore(element, this.pending.values().next().value ?? this.options);
    if (stick) this.scrollToBottom();
  }

  /** A message of the visitor that is not stored yet: shown as "Sending…" until it is. */
  addPending(clientMessageId: string, body: string): void {
    if (this.pending.has(clientMessageId)) return;
    const element = h(
      'div',
      { class: 'message message--visitor message--pending', 'data-testid': 'chatonce-pending', 'data-author': 'VISITOR' },
      h('div', { class: 'bubble' }, ...linkifiedText(body)),
      h('span', { class: 'time' }, 'Sending…'),
    );
    this.pending.set(clientMessageId, element);
    this.log.insertBefore(element, this.options);
    this.scrollToBottom();
  }

  /** The message was stored (it arrived, or was refused): its "Sending…" copy goes. */
  removePending(clientMessageId: string): void {
    this.pending.get(clientMessageId)?.remove();
    this.pending.delete(clientMessageId);
  }

  /** The visitor's place in line and the time left, while the chat waits; null hides them. */
  setQueue(lines: string[] | null): void {
    this.queue.hidden = !lines;
    const [place = '', countdown = ''] = lines ?? [];
    if (this.queuePlace.textContent !== place) this.queuePlace.textContent = place;
    if (this.queueCountdown.textContent !== countdown) this.queueCountdown.textContent = countdown;
  }

  /** The choice buttons under the last message; null removes them. */
  setOptions(options: MessageOption[] | null, pending: string | null): void {
    this.options?.remove();
    this.options = null;
    if (!options) return;
    const stick = this.nearBottom();
    const buttons = options.map((option) => {
      const button = h('button', { type: 'button', class: 'option', disabled: pending !== null, 'aria-pressed': pending === option.key ? 'true' : false }, option.label);
      button.addEventListener('click', () => this.actions.pickOption(option));
      return button;
    });
    this.options = h('div', { class: 'options', role: 'group', 'aria-label': 'Choices', 'data-testid': 'chatonce-options' }, ...buttons);
    this.log.append(this.options);
    if (stick) this.scrollToBottom();
  }

  /** "Ana is typing…" under the messages; null hides it. */
  setTyping(text: string | null): void {
    this.typing.hidden = text === null;
    if (this.typing.textContent !== (text ?? '')) this.typing.textContent = text ?? '';
  }

  setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.dataset.state = text ? 'shown' : 'empty';
  }

  /** A small line over the messages: "Reconnecting…", "Connecting…", or null to hide it. */
  setConnection(text: string | null): void {
    this.connection.hidden = text === null;
    this.connection.textContent = text ?? '';
  }

  setError(text: string | null): void {
    this.error.textContent = text ?? '';
  }

  /** The button under the messages; null hides it. */
  setAction(label: string | null): void {
    this.actionButton.hidden = label === null;
    if (label !== null) this.actionButton.textContent = label;
    this.actionBar.hidden = this.actionButton.hidden && this.downloadButton.hidden;
  }

  /** Offers the transcript as a file (once the chat has ended), beside the action button. */
  setDownloadable(downloadable: boolean): void {
    this.downloadButton.hidden = !downloadable;
    this.actionBar.hidden = this.actionButton.hidden && this.downloadButton.hidden;
  }

  /** Saves `text` as a file on the visitor's device (a Blob: nothing leaves the page). */
  saveFile(name: string, text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = h('a', { href: url, download: name, hidden: true });
    this.actionBar.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** `hint` replaces the placeholder while the composer is disabled. */
  setComposerEnabled(enabled: boolean, hint = PLACEHOLDER): void {
    this.input.placeholder = enabled ? PLACEHOLDER : hint;
    if (enabled === this.composerEnabled) return;
    const focused = (this.panel.getRootNode() as ShadowRoot).activeElement;
    this.composerEnabled = enabled;
    this.input.disabled = !enabled;
    this.sendButton.disabled = !enabled;
    // Keep keyboard users inside the panel: into the composer once it opens up, out of it
    // (to "Start a new chat") when the chat closes under them.
    if (enabled && focused === this.panel) this.input.focus();
    else if (!enabled && (focused === this.input || focused === this.sendButton)) this.focusInside();
  }

  setCanEnd(canEnd: boolean): void {
    this.endButton.hidden = !canEnd || !this.confirm.hidden;
    if (!canEnd && !this.confirm.hidden) this.showConfirm(false, false);
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 9 ? '9+' : String(count);
    if (count) this.launcher.setAttribute('aria-description', `${count} new message${count === 1 ? '' : 's'}`);
    else this.launcher.removeAttribute('aria-description');
  }

  /** Puts unsent text back after a failed send, unless the visitor already typed something new. */
  restoreDraft(text: string): void {
    if (this.input.value.trim()) return;
    this.input.value = text;
    this.fitInput();
  }

  /**
   * Focus the action button (e.g. "Start a new chat") when it is the only thing left to do,
   * if the visitor is using the widget: focus never leaves the host page on its own.
   */
  focusAction(): void {
    const focused = (this.panel.getRootNode() as ShadowRoot).activeElement;
    if (this.isOpen && focused && !this.actionButton.hidden) this.actionButton.focus();
  }

  private submit(): void {
    if (!this.composerEnabled) return;
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.fitInput();
    this.actions.send(text);
  }

  private showConfirm(show: boolean, restoreFocus = true): void {
    this.confirm.hidden = !show;
    // One "End chat" button at a time: the header's hides while the confirmation asks.
    this.endButton.hidden = show;
    if (show) this.confirmEnd.focus();
    else if (restoreFocus) this.endButton.focus();
    else this.panel.focus();
  }

  private focusInside(): void {
    if (this.composerEnabled) this.input.focus();
    else if (!this.actionButton.hidden) this.actionButton.focus();
    else this.panel.focus();
  }

  private fitInput(): void {
    this.input.style.height = '';
    if (this.panel.hidden) return;
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  private nearBottom(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < STICK_TO_BOTTOM_PX;
  }

  private scrollToBottom(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
