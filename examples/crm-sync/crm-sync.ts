// Mirrors ChatOnce contacts into a local JSON "CRM" from the activity feed, each event applied
// exactly once across restarts and reconnects. How to run it: examples/README.md.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** What the feed sends for each event (the fields the subscription below asks for). */
export interface ActivityEvent {
  id: string;
  cursor: string;
  type: string;
  occurredAt: string;
  contact: { id: string; name: string | null; email: string | null; fields: Record<string, unknown> } | null;
  conversation: { id: string; status: string; endReason: string | null; assigneeName: string | null } | null;
  actor: { kind: string };
  data: Record<string, unknown>;
}

/** The CRM file: `cursor` is the last event applied, saved together with what it changed. */
export interface CrmState {
  cursor: string | null;
  contacts: Record<string, {
    name: string | null;
    email: string | null;
    fields: Record<string, unknown>;
    lastConversation: { id: string; status: string; endReason: string | null; outcome: string | null } | null;
  }>;
}

const FEED = /* GraphQL */ `
  subscription Feed($after: String) {
    activityEvents(after: $after) {
      id cursor type occurredAt
      contact { id name email fields }
      conversation { id status endReason assigneeName }
      actor { kind }
      data
    }
  }
`;

/** How the live chat went, from the live-chat events; other events leave it as it was. */
function outcomeOf(event: ActivityEvent): string | undefined {
  switch (event.type) {
    case 'LIVE_CHAT_REQUESTED': return 'waiting';
    case 'LIVE_CHAT_ACCEPTED': return `talking to ${event.conversation?.assigneeName ?? event.data.assigneeName}`;
    case 'LIVE_CHAT_TIMED_OUT': return 'missed';
    case 'LIVE_CHAT_ENDED': return 'ended';
  }
}

/** Applies one event to the state. Events arrive in order, so the latest one wins. */
export function applyEvent(state: CrmState, event: ActivityEvent): void {
  const { contact, conversation } = event;
  if (contact) {
    const previous = state.contacts[contact.id]?.lastConversation ?? null;
    const sameConversation = previous && previous.id === conversation?.id;
    state.contacts[contact.id] = {
      name: contact.name,
      email: contact.email,
      fields: contact.fields,
      lastConversation: conversation
        ? { id: conversation.id, status: conversation.status, endReason: conversation.endReason, outcome: outcomeOf(event) ?? (sameConversation ? previous.outcome : null) }
        : previous,
    };
  }
  // Two visitors gave the same email: the merged contact is gone, its history is the kept one's.
  if (event.type === 'CONTACTS_MERGED' && typeof event.data.mergedContactId === 'string') delete state.contacts[event.data.mergedContactId];
  state.cursor = event.cursor;
}

function load(file: string): CrmState {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CrmState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { cursor: null, contacts: {} };
    throw error;
  }
}

// Write a temporary file, then rename: a crash leaves the old state or the new one, never half.
function save(file: string, state: CrmState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2), { flush: true });
  renameSync(temporary, file);
}

/** Where to connect, with which key, and which file to keep in step. */
export interface CrmSyncOptions {
  /** The websocket URL, e.g. wss://chatonce.example.com/graphql. */
  url: string;
  apiKey: string;
  file: string;
  /** Called after each event is applied and saved. */
  onEvent?: (event: ActivityEvent) => void;
  /** Called when the sync gives up (key refused, cursor rejected); it stops itself. */
  onError?: (error: unknown) => void;
}

/** Starts mirroring; `ready` resolves once the API accepted the key. */
export function startCrmSync({ url, apiKey, file, onEvent, onError = console.error }: CrmSyncOptions) {
  const state = load(file);
  let stopped = false;
  let unsubscribe = () => {};
  let connected!: () => void;
  let refused!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => ((connected = resolve), (refused = reject)));
  ready.catch(() => {}); // also reported to onError

  // Gets GraphQL errors, a close event (code, reason) or an Error.
  const fail = (problem: unknown) => {
    const error = problem instanceof Error ? problem : new Error(JSON.stringify(problem, ['code', 'reason', 'message', 'extensions']));
    refused(error);
    if (!stopped) onError(error);
    void stop();
  };

  // One connection, kept open: graphql-ws reconnects it for ever (1, 2, 4 ... 30 s apart), but
  // not when the API refused the key (close code 4403: unknown or revoked).
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    lazy: false,
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000)),
    shouldRetry: (event) => (event as { code?: number }).code !== 4403,
    onNonLazyError: fail,
    // A new subscription on every connection, from the saved cursor. (Left alone, graphql-ws
    // would resend the first one, with its first cursor, and replay what was already applied.)
    on: { connected: () => (connected(), subscribe()), closed: () => unsubscribe() },
  });

  function subscribe() {
    unsubscribe = client.subscribe<{ activityEvents: ActivityEvent }>({ query: FEED, variables: { after: state.cursor } }, {
      next: ({ data, errors }) => {
        if (stopped) return;
        if (errors) return fail(errors);
        applyEvent(state, data!.activityEvents);
        save(file, state);
        onEvent?.(data!.activityEvents);
      },
      error: fail,
      complete: () => {},
    });
  }

  async function stop(): Promise<void> {
    stopped = true;
    unsubscribe();
    await client.dispose();
  }
  return { ready, stop };
}

if (require.main === module) {
  const apiKey = process.env.CHATONCE_API_KEY;
  if (!apiKey) {
    console.error('Set CHATONCE_API_KEY to an API key (mutation createApiKey).');
    process.exit(1);
  }
  const sync = startCrmSync({
    url: process.env.CHATONCE_URL ?? 'ws://localhost:4000/graphql',
    apiKey,
    file: process.env.CRM_FILE ?? './crm.json',
    onEvent: (event) => console.log(event.occurredAt, event.type, event.contact?.email ?? event.contact?.id ?? ''),
    onError: (error) => ((process.exitCode = 1), console.error('crm-sync stopped:', error)),
  });
  sync.ready.then(() => console.log('crm-sync: connected'), () => {});
  // Every event is saved before the next is applied, so stopping at any moment is safe.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void sync.stop().finally(() => process.exit()));
}
