import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import WebSocket from 'ws';
import { createLiveChatTimersQueue, scheduleTimer } from '../jobs/live-chat-timers.queue';

/**
 * A burst of timeouts: CHATS waiting chats of one account due within the same second while new
 * visitors keep arriving on that account. Runs the product as production does (one API process, one
 * worker process) on DATABASE_URL's server (a fresh database) and REDIS_URL (a fresh prefix).
 * Prints timeouts/s, lateness p50/p99 (deadline -> the transaction that timed the chat out,
 * and -> the agent's REMOVED event), and checks that each chat was timed out exactly once.
 *
 *   DATABASE_URL=… REDIS_URL=… npm run bench:timers-burst
 *   CHATS=1000 ARRIVALS_PER_SECOND=20  PROFILE=1 (samples pg_stat_activity)  CPU_PROF=dir (worker --cpu-prof)
 */
const CHATS = Number(process.env.CHATS ?? 1000);
const ARRIVALS_PER_SECOND = Number(process.env.ARRIVALS_PER_SECOND ?? 20);
const PROFILE = process.env.PROFILE === '1';
const CPU_PROF = process.env.CPU_PROF;
const TIMEOUT_MESSAGE = 'Nobody is free right now.';
const ROOT = resolve(__dirname, '..', '..');

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) throw new Error('DATABASE_URL and REDIS_URL must point at the real services');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await task(items[next++]);
  }));
}

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const name = `chatonce_bench_${suffix}`;
  const prefix = `bench-${suffix}`;
  const admin = new pg.Client({ connectionString: databaseUrl! });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(databaseUrl!);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  const processes: ChildProcess[] = [];
  const operatorToken = randomBytes(24).toString('hex');
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PLATFORM_ADMIN_TOKEN: operatorToken,
    SEED_DEMO: 'false',
    RUN_WORKER: 'off',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    CONVERSATIONS_PER_IP_PER_10_MIN: '1000000',
    VISITOR_MESSAGES_PER_MINUTE: '1000000',
  };
  const start = (script: string, nodeArgs: string[] = []) => {
    const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, script)], { env, stdio: ['ignore', 'inherit', 'inherit'], cwd: ROOT });
    processes.push(child);
    return child;
  };
  const base = `http://127.0.0.1:${port}`;
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const visitor = async (flowId: string): Promise<string> => {
    const result = await gql(`mutation($id: ID!) { startConversation(input: { flowId: $id }) { conversation { id } visitorToken } }`, { id: flowId });
    const { conversation, visitorToken } = result.startConversation;
    await gql(`mutation($id: ID!) { sendMessage(input: { conversationId: $id, optionKey: "accept" }) { conversation { status } } }`, { id: conversation.id }, visitorToken);
    return conversation.id as string;
  };

  let failed = false;
  let redis: Redis | undefined;
  try {
    start('dist/api/src/main.js');
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {}
      if (i > 120) throw new Error('the API never became ready');
      await sleep(500);
    }
    start('dist/jobs/worker-main.js', CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []);
    await db.connect();

    const signUp = await gql(`mutation { signUp(input: { accountName: "Burst", name: "Ada", email: "ada@burst.test", password: "correct horse battery" }) { token user { account { id } } } }`);
    const adminToken = signUp.signUp.token as string;
    await gql(`mutation($id: ID!) { setLiveChatEnabled(input: { accountId: $id, enabled: true }) { account { liveChatEnabled } } }`, { id: signUp.signUp.user.account.id }, operatorToken);
    const steps = [
      { key: 'offer', kind: 'LIVE_CHAT', liveChat: { offerMessage: 'Talk to us?', declineNext: 'bye', handoffMessage: 'Connecting…', timeoutSeconds: 3600, timeoutMessage: TIMEOUT_MESSAGE } },
      { key: 'bye', kind: 'END', text: 'Bye' },
    ];
    const flowId = (await gql(`mutation($steps: [FlowStepInput!]!) { createFlow(input: { name: "Burst", steps: $steps }) { flow { id } } }`, { steps }, adminToken)).createFlow.flow.id as string;
    await gql(`mutation($id: ID!) { publishFlow(id: $id) { userErrors { code } } }`, { id: flowId }, adminToken);
    await gql(`mutation { createUser(input: { name: "Ana", email: "ana@burst.test", password: "correct horse battery", role: AGENT }) { user { id } } }`, {}, adminToken);
    const agentToken = (await gql(`mutation { login(input: { email: "ana@burst.test", password: "correct horse battery" }) { token } }`)).login.token as string;
    await gql(`mutation { setAcceptingChats(accepting: true) { user { acceptingChats } } }`, {}, agentToken);

    console.log(`creating ${CHATS} waiting chats…`);
    const ids: string[] = [];
    await pool(Array.from({ length: CHATS }, (_, index) => index), 8, async () => void ids.push(await visitor(flowId)));

    // The agent's inbox: when each chat left it as TIMED_OUT.
    const removedAt = new Map<string, number>();
    const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${agentToken}` } });
    client.subscribe<{ incomingChats: { kind: string; reason: string | null; conversation: { id: string } } }>(
      { query: 'subscription { incomingChats { kind reason conversation { id } } }' },
      {
        next: ({ data }) => {
          const event = data?.incomingChats;
          if (event?.kind === 'REMOVED' && event.reason === 'TIMED_OUT' && !removedAt.has(event.conversation.id)) removedAt.set(event.conversation.id, Date.now());
        },
        error: (error) => console.error('subscription error', error),
        complete: () => undefined,
      },
    );
    await sleep(1000);

    // Deadlines spread over one second (chat i is due i ms after the first), scheduled as the
    // product schedules them (after the commit that set them).
    const uuids = ids.map((id) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]);
    const deadline = new Date(Math.ceil((Date.now() + 4000) / 1000) * 1000);
    const dueAt = new Map(uuids.map((id, index) => [id, deadline.getTime() + Math.floor((index * 1000) / CHATS)]));
    await db.query('update conversations set timeout_at = due.at from (select unnest($1::uuid[]) as id, unnest($2::timestamptz[]) as at) due where conversations.id = due.id', [
      uuids,
      uuids.map((id) => new Date(dueAt.get(id)!)),
    ]);
    redis = new Redis(redisUrl!, { maxRetriesPerRequest: null });
    const queue = createLiveChatTimersQueue(redis, `${prefix}:bull`);
    await pool(uuids, 20, (id) => scheduleTimer(queue, 'waiting-timeout', id, new Date(dueAt.get(id)!)));
    console.log(`${CHATS} chats due between ${deadline.toISOString()} and 1 s later (${await queue.getDelayedCount()} delayed jobs); ${ARRIVALS_PER_SECOND} new visitors/s from 2 s before`);
    await queue.close();

    // New visitors keep arriving on the same account, from 2 s before the deadline until the end.
    let arriving = true;
    const arrivalLatency: number[] = [];
    const arrivals = (async () => {
      await sleep(deadline.getTime() - Date.now() - 2000);
      const inFlight: Promise<void>[] = [];
      for (let tick = 0; arriving; tick++) {
        inFlight.push((async () => {
          const begun = Date.now();
          await visitor(flowId);
          arrivalLatency.push(Date.now() - begun);
        })());
        await sleep(Math.max(0, deadline.getTime() - 2000 + ((tick + 1) * 1000) / ARRIVALS_PER_SECOND - Date.now()));
      }
      await Promise.all(inFlight);
    })();

    // Where connections wait: one sample of this database's backends every 50 ms.
    const samples = new Map<string, number>();
    let sampling = PROFILE;
    const sampler = (async () => {
      const probe = new pg.Client({ connectionString: url.toString() });
      await probe.connect();
      await sleep(deadline.getTime() - Date.now());
      while (sampling) {
        const { rows } = await probe.query(
          `select state, coalesce(wait_event_type || ':' || wait_event, 'cpu') as waiting, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as query
             from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
        );
        for (const row of rows) samples.set(`${row.waiting.padEnd(28)} ${row.state.padEnd(20)} ${row.query}`, (samples.get(`${row.waiting.padEnd(28)} ${row.state.padEnd(20)} ${row.query}`) ?? 0) + 1);
        await sleep(50);
      }
      await probe.end();
    })();

    const waitUntil = deadline.getTime() + 60_000;
    while (removedAt.size < CHATS && Date.now() < waitUntil) await sleep(50);
    await sleep(1000); // anything acting twice would show in the checks below
    arriving = false;
    sampling = false;
    await Promise.all([arrivals, sampler]);
    await client.dispose();

    const uuidOf = new Map(uuids.map((uuid, index) => [ids[index], uuid]));
    const lateness = [...removedAt.entries()].map(([id, at]) => at - dueAt.get(uuidOf.get(id)!)!);
    const { rows: committed } = await db.query(
      `select conversation_id as id, extract(epoch from occurred_at) * 1000 as at from activity_events where type = 'LIVE_CHAT_TIMED_OUT' and conversation_id = any($1::uuid[])`,
      [uuids],
    );
    const dbLateness = committed.map((row) => Number(row.at) - dueAt.get(row.id)!);
    const last = Math.max(...lateness);
    const commits = committed.map((row) => Number(row.at));
    const lastCommitted = Math.max(...commits) - deadline.getTime();
    const span = (Math.max(...commits) - Math.min(...commits)) / 1000;
    console.log(`\n${committed.length}/${CHATS} chats timed out, the last ${(lastCommitted / 1000).toFixed(2)} s after the first deadline: ${Math.round(committed.length / span)} timeouts/s (first to last)`);
    console.log(`lateness, deadline -> timing-out transaction: p50 ${Math.round(percentile(dbLateness, 0.5))} ms, p99 ${Math.round(percentile(dbLateness, 0.99))} ms, max ${Math.round(Math.max(...dbLateness))} ms`);
    console.log(`lateness, deadline -> agent's REMOVED event:  p50 ${percentile(lateness, 0.5)} ms, p99 ${percentile(lateness, 0.99)} ms, max ${last} ms (${removedAt.size} received)`);
    console.log(`new visitors meanwhile: ${arrivalLatency.length} (start + accept), p50 ${percentile(arrivalLatency, 0.5)} ms, p99 ${percentile(arrivalLatency, 0.99)} ms`);

    const { rows: [counts] } = await db.query(
      `select
         (select count(*) from conversations where id = any($1::uuid[]) and status = 'TIMED_OUT')::int as timed_out,
         (select count(*) from (select conversation_id from activity_events where type = 'LIVE_CHAT_TIMED_OUT' and conversation_id = any($1::uuid[]) group by conversation_id having count(*) = 1) once)::int as one_event,
         (select count(*) from activity_events where type = 'LIVE_CHAT_TIMED_OUT' and conversation_id = any($1::uuid[]))::int as events,
         (select count(*) from (select conversation_id from messages where body = $2 and conversation_id = any($1::uuid[]) group by conversation_id having count(*) = 1) once)::int as one_message,
         (select count(*) from messages where body = $2 and conversation_id = any($1::uuid[]))::int as messages`,
      [uuids, TIMEOUT_MESSAGE],
    );
    const check = (ok: boolean, what: string) => {
      if (!ok) failed = true;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    };
    check(counts.timed_out === CHATS, `${counts.timed_out}/${CHATS} chats are TIMED_OUT`);
    check(counts.one_event === CHATS && counts.events === CHATS, `exactly one LIVE_CHAT_TIMED_OUT event each (${counts.events} events, ${counts.one_event} chats with one)`);
    check(counts.one_message === CHATS && counts.messages === CHATS, `exactly one timeout message each (${counts.messages} messages, ${counts.one_message} chats with one)`);
    check(Math.max(...dbLateness) <= 5000, `each timed out within 5 s of its deadline (the latest ${Math.round(Math.max(...dbLateness))} ms)`);

    if (PROFILE) {
      const total = [...samples.values()].reduce((sum, n) => sum + n, 0);
      console.log(`\npg_stat_activity, non-idle backends during the burst (${total} backend-samples, every 50 ms):`);
      for (const [key, n] of [...samples.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${String(n).padStart(6)}  ${key}`);
    }
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(processes.map((child) => (child.exitCode !== null ? undefined : new Promise((done) => child.once('exit', done)))));
    await db.end().catch(() => undefined);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    // Only this run's keys.
    redis ??= new Redis(redisUrl!, { maxRetriesPerRequest: null });
    for (let cursor = '0'; ; ) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
    redis.disconnect();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
