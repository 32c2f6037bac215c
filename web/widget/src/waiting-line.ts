import { GraphQLRequestError, type GraphQLHttpClient } from './graphql-http';
import { WAITING_LINE, type WaitingLine, type WaitingLineData } from './operations';

// Nothing is pushed to the visitor when a chat ahead is accepted: a waiting chat asks for its
// place this often (one small query), and again on every event of its own conversation.
export const WAITING_LINE_POLL_MS = 5_000;

/** "You are number 2 in line · usually answered in about 1 min". */
export function queueText(line: WaitingLine): string | null {
  if (line.queuePosition === null) return null;
  const place = line.queuePosition === 1 ? 'You are next in line' : `You are number ${line.queuePosition} in line`;
  const wait = line.estimatedWaitSeconds;
  if (wait === null) return place;
  return `${place} · usually answered in ${wait < 60 ? 'under a minute' : `about ${Math.round(wait / 60)} min`}`;
}

/** "We'll keep looking for 3:42 more", counting down to the timeout; null once it has passed. */
export function countdownText(timeoutAt: string | null, now = Date.now()): string | null {
  const deadline = timeoutAt ? Date.parse(timeoutAt) : NaN;
  if (Number.isNaN(deadline)) return null;
  const left = Math.ceil((deadline - now) / 1000);
  if (left <= 0) return null;
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return `We’ll keep looking for ${hours ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes}:${seconds} more`;
}

/**
 * While the visitor's chat waits: reads its place in line every WAITING_LINE_POLL_MS (and on
 * demand), and ticks the countdown every second. `show` gets the lines to display, or null.
 */
export class WaitingLineWatcher {
  private line: WaitingLine | null = null;
  private poll: ReturnType<typeof setInterval> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private reading = false;

  constructor(
    private readonly http: GraphQLHttpClient,
    private readonly conversationId: string,
    private readonly show: (lines: string[] | null) => void,
  ) {}

  /** Starts watching (once), reading the line now. */
  start(): void {
    if (this.poll) return void this.refresh();
    this.poll = setInterval(() => void this.refresh(), WAITING_LINE_POLL_MS);
    this.tick = setInterval(() => this.render(), 1000);
    void this.refresh();
  }

  stop(): void {
    clearInterval(this.poll);
    clearInterval(this.tick);
    this.poll = this.tick = undefined;
    this.line = null;
    this.show(null);
  }

  /** Reads the chat's place now (an event of the conversation arrived, say). */
  async refresh(): Promise<void> {
    if (this.reading || !this.poll) return;
    this.reading = true;
    try {
      const { conversation } = await this.http.request<WaitingLineData>(WAITING_LINE, { id: this.conversationId });
      if (!this.poll) return;
      this.line = conversation?.status === 'WAITING' ? conversation : null;
      this.render();
    } catch (error) {
      // Offline for a moment: keep the last known place; the countdown goes on.
      if (!(error instanceof GraphQLRequestError)) throw error;
    } finally {
      this.reading = false;
    }
  }

  private render(): void {
    const line = this.line;
    if (!line) return this.show(null);
    const lines = [queueText(line), countdownText(line.timeoutAt)].filter((text): text is string => text !== null);
    this.show(lines.length ? lines : null);
  }
}
