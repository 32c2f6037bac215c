import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeGlobalId, type ChatOnce } from '../lib/chatonce';
import { INCOMING_CHATS, type InboxEventData } from '../lib/documents';
import { startServer } from '../lib/processes';
import { mapLimit, percentile, sleep } from '../lib/stats';
import { queueVisitor, startVisitor, type Visitor } from '../lib/visitors';
import { connect } from '../lib/ws-clients';

export interface TimerFigures {
  chats: number;
  timedOut: number;
  timeoutsPerSecond: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
  /** How far apart the deadlines were (last due − first due). */
  deadlineSpreadMs: number;
  /** Chats acted on more than once (activity events, timeout messages or REMOVED events). */
  actedTwice: string[];
  /** REMOVED/TIMED_OUT events the subscribed agent never received. */
  lostEvents: number;
  /** Why the agent's subscription stopped early, if it did. */
  watcherEnded?: string;
  arrivals: number;
  arrivalP99Ms: number;
  arrivalErrors: number;
}

export interface TimerShape {
  chats: number;
  arrivalsPerSecond: number;
  /** Give up waiting this long after the last deadline (bounded; the target is 5 s). */
  capMs: number;
}

const CONCURRENCY = 8;

/**
 * `chats` waiting chats whose deadlines fall in the same second, made through the API while
 * new visitors keep arriving (startConversation + accepting the offer, `arrivalsPerSecond`).
 * Deadlines are whole seconds after entering the inbox, so the chats enter in groups, one
 * group a second, on flows whose timeouts shrink by a second per group: every deadline lands
 * in [T, T + 1 s) whatever the group. The group size comes from a calibration of how many
 * chats a second this machine queues. Lateness is `ended_at − (waiting_since + timeout)` from
 * the database; every chat must be timed out exactly once (one LIVE_CHAT_TIMED_OUT event,
 * one timeout message, one REMOVED event at a subscribed agent).
 */
export async function measureTimers(chatonce: ChatOnce, account: string, shape: TimerShape): Promise<TimerFigures> {
  const [portA, portB] = chatonce.ports;
  const dayFlow = chatonce.flowId(account);

  // Calibrate: how many chats a second enter the inbox here, now.
  const calibration = await mapLimit(Array.from({ length: 3 * CONCURRENCY }), CONCURRENCY, () => startVisitor(chatonce.gql, portA, dayFlow));
  const calibrationStart = performance.now();
  await mapLimit(calibration, CONCURRENCY, (visitor) => queueVisitor(chatonce.gql, portA, visitor));
  const perSecond = calibration.length / ((performance.now() - calibrationStart) / 1000);
  const groupSize = Math.max(10, Math.floor(perSecond * 0.5));
  const groups = Math.ceil(shape.chats / groupSize);
  const firstTimeout = groups + 3;
  const flows: string[] = [];
  for (let group = 0; group < groups; group++) flows.push(await chatonce.flowWithTimeout(account, firstTimeout - group));
  const timeoutOf = (index: number) => firstTimeout - Math.floor(index / groupSize);
  const visitors = await mapLimit(Array.from({ length: shape.chats }), CONCURRENCY, (_, index) => startVisitor(chatonce.gql, portA, flows[Math.floor(index / groupSize)]));
  const ids = new Map(visitors.map((visitor, index) => [visitor.conversationId, index]));

  // One accepting agent watches the inbox: each chat must leave it once, as TIMED_OUT.
  const removed = new Map<string, number>();
  let watcherEvents = 0;
  let watcherEnded: string | undefined;
  const watcher = await connect(portB, chatonce.agentTokens(account, 1)[0]);
  watcher.subscribe<InboxEventData>(
    INCOMING_CHATS,
    {},
    {
      next: ({ incomingChats }) => {
        watcherEvents++;
        if (incomingChats.kind === 'REMOVED' && incomingChats.reason === 'TIMED_OUT' && ids.has(incomingChats.conversation.id)) {
          removed.set(incomingChats.conversation.id, (removed.get(incomingChats.conversation.id) ?? 0) + 1);
        }
      },
      error: (error) => (watcherEnded ??= `failed after ${watcherEvents} events: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
      complete: () => (watcherEnded ??= `was ended by the server after ${watcherEvents} events`),
    },
  );
  await sleep(300);

  try {
    // The burst: group g enters the inbox during second g, alternating API processes.
    const burstStart = performance.now() + 200;
    const burstStartWall = Date.now() + 200;
    const burst = Array.from({ length: groups }, async (_, group) => {
      await sleep(Math.max(0, burstStart + group * 1000 - performance.now()));
      const members = visitors.slice(group * groupSize, (group + 1) * groupSize);
      await mapLimit(members, 2 * CONCURRENCY, (visitor, index) => queueVisitor(chatonce.gql, index % 2 ? portB : portA, visitor));
    });

    // Visitors keep arriving from the end of the burst until every chat has timed out (or the cap).
    let arriving = true;
    const arrivalMs: number[] = [];
    let arrivalErrors = 0;
    const arrivals = (async () => {
      await sleep(Math.max(0, burstStart + groups * 1000 - performance.now()));
      const pending: Promise<void>[] = [];
      for (let next = performance.now(); arriving; next += 1000 / shape.arrivalsPerSecond) {
        await sleep(Math.max(0, next - performance.now()));
        const port = pending.length % 2 ? portB : portA;
        pending.push(
          (async () => {
            const started = performance.now();
            const visitor: Visitor = await startVisitor(chatonce.gql, port, dayFlow);
            await queueVisitor(chatonce.gql, port, visitor);
            arrivalMs.push(performance.now() - started);
          })().catch(() => void arrivalErrors++),
        );
      }
      await Promise.all(pending);
      return pending.length;
    })();
    await Promise.all(burst);

    const uuids = visitors.map((visitor) => decodeGlobalId(visitor.conversationId));
    // Every deadline is burst start + firstTimeout (+ under a second, + any burst overrun).
    const lastDue = Math.max(Date.now(), burstStartWall + (firstTimeout + 1) * 1000);
    let timedOut = 0;
    while (Date.now() < lastDue + shape.capMs) {
      const { rows } = await chatonce.db!.query<{ count: string }>(`select count(*) from conversations where id = any($1::uuid[]) and status = 'TIMED_OUT'`, [uuids]);
      timedOut = Number(rows[0].count);
      if (timedOut === shape.chats) break;
      await sleep(250);
    }
    arriving = false;
    const arrived = await arrivals;
    // The last REMOVED events may still be on their way (bounded wait).
    for (const end = Date.now() + 15_000; Date.now() < end && removed.size < timedOut && !watcherEnded;) await sleep(100);

    const { rows } = await chatonce.db!.query<{ id: string; waiting_since: Date; ended_at: Date | null; status: string; timeouts: string; notices: string }>(
      `select c.id, c.waiting_since, c.ended_at, c.status,
              (select count(*) from activity_events e where e.conversation_id = c.id and e.type = 'LIVE_CHAT_TIMED_OUT') as timeouts,
              (select count(*) from messages m where m.conversation_id = c.id and m.body = 'Nobody is free right now.') as notices
         from conversations c where c.id = any($1::uuid[])`,
      [uuids],
    );
    const lateness: number[] = [];
    const dues: number[] = [];
    const ends: number[] = [];
    const actedTwice: string[] = [];
    for (const row of rows) {
      const globalId = Buffer.from(`Conversation:${row.id}`).toString('base64');
      const due = row.waiting_since.getTime() + timeoutOf(ids.get(globalId)!) * 1000;
      dues.push(due);
      if (row.status === 'TIMED_OUT' && row.ended_at) {
        lateness.push(row.ended_at.getTime() - due);
        ends.push(row.ended_at.getTime());
      } else {
        lateness.push(Number.POSITIVE_INFINITY);
      }
      const events = removed.get(globalId) ?? 0;
      if (Number(row.timeouts) > 1 || Number(row.notices) > 1 || events > 1) actedTwice.push(`${globalId}: ${row.timeouts} timeout events, ${row.notices} timeout messages, ${events} REMOVED events`);
    }
    const firstDue = Math.min(...dues);
    const lostEvents = rows.filter((row) => row.status === 'TIMED_OUT').filter((row) => !removed.has(Buffer.from(`Conversation:${row.id}`).toString('base64'))).length;
    return {
      chats: shape.chats,
      timedOut,
      timeoutsPerSecond: ends.length ? ends.length / Math.max(0.001, (Math.max(...ends) - firstDue) / 1000) : 0,
      latenessP99Ms: percentile(lateness, 0.99),
      latenessMaxMs: Math.max(...lateness),
      deadlineSpreadMs: Math.max(...dues) - firstDue,
      actedTwice,
      lostEvents,
      watcherEnded,
      arrivals: arrived,
      arrivalP99Ms: percentile(arrivalMs, 0.99),
      arrivalErrors,
    };
  } finally {
    await watcher.close();
  }
}

export interface BareTimerFigures {
  timeoutsPerSecond: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
  actedTwice: number;
  done: number;
}

/**
 * The raw baseline: bare BullMQ, the same number of delayed jobs due within one second, each
 * job one conditional UPDATE of its row in PostgreSQL (the product's worker concurrency).
 */
export async function measureBareTimers(options: { databaseUrl: string; redisUrl: string; redisPrefix: string; chats: number; logDir: string }): Promise<BareTimerFigures> {
  const resultFile = join(options.logDir, `bare-timers-${randomBytes(3).toString('hex')}.json`);
  const server = startServer(
    'bare-bullmq-timers',
    resolve(__dirname, '../baselines/bullmq-timers.js'),
    [],
    { PATH: process.env.PATH, DATABASE_URL: options.databaseUrl, REDIS_URL: options.redisUrl, BARE_PREFIX: `${options.redisPrefix}:bare`, COUNT: String(options.chats), RESULT_FILE: resultFile },
    options.logDir,
    0,
  );
  const code = await new Promise<number | null>((done) => server.child.once('exit', (exitCode) => done(exitCode)));
  await server.stop();
  if (code !== 0) throw new Error(`the bare BullMQ baseline exited with ${code}; see ${server.logFile}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as BareTimerFigures;
}
