import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { signUserToken } from '../api/src/auth/tokens';
import { User, UserRole } from '../api/src/users/user.entity';
import { startTestApp } from '../api/src/test/test-app';
import { enableLiveChat, signUpAccount, dbId } from '../api/src/test/fixtures';
import { publishFlow, visitorToInbox } from '../api/src/test/live-chat-fixtures';

/**
 * Fan-out of a new chat to AGENTS accepting agents, each on its own graphql-ws connection, in
 * one process (server and clients, so CPU figures include the clients: compare runs, not the
 * bare baseline). Prints latency from the visitor's last answer to each receipt, process CPU per
 * event, and lost events. Loopback only, bounded.
 *
 *   DATABASE_URL=… REDIS_URL=… npm run -s build:api && AGENTS=1000 EVENTS=10 node dist/bench/fan-out-load.js
 */
const AGENTS = Number(process.env.AGENTS ?? 1000);
const EVENTS = Number(process.env.EVENTS ?? 10);
const INCOMING = `subscription { incomingChats { kind reason conversation { id status contact { name email fields } } } }`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
};

async function main() {
  const app = await startTestApp();
  try {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, dbId(admin.accountId));
    const flowId = await publishFlow(app, admin.token);
    const em = app.runtime.orm.em.fork();
    const accountId = dbId(admin.accountId);
    const users = Array.from({ length: AGENTS }, (_, i) =>
      em.create(User, { account: accountId, name: `Agent ${i}`, email: `agent-${randomBytes(6).toString('hex')}@example.com`, passwordHash: 'x', role: UserRole.AGENT, acceptingChats: true }),
    );
    await em.flush();
    const gc = (globalThis as { gc?: () => void }).gc;
    const heap = () => (gc?.(), gc?.(), process.memoryUsage().heapUsed);
    const heapBefore = heap();
    const receipts = new Map<string, number[]>();
    let errors = 0;
    const clients = users.map((user) => app.wsClient(`Bearer ${signUserToken({ userId: user.id, accountId }, app.runtime.config.JWT_SECRET, 3600)}`));
    for (const client of clients) {
      client.subscribe<{ incomingChats: { kind: string; conversation: { id: string } } }>(
        { query: INCOMING },
        {
          next: ({ data }) => {
            const at = performance.now();
            if (data?.incomingChats.kind !== 'ADDED') return;
            const list = receipts.get(data.incomingChats.conversation.id) ?? [];
            receipts.set(data.incomingChats.conversation.id, list);
            list.push(at);
          },
          error: (error) => {
            if (!errors++) console.error('subscription error', JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})));
          },
          complete: () => undefined,
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // With --expose-gc: heap per subscribed idle socket, clients' side included (same process).
    const heapPerSocketKiB = gc ? Math.round((heap() - heapBefore) / AGENTS / 102.4) / 10 : undefined;
    const waitAll = async (id: string, timeoutMs = 15000) => {
      const deadline = Date.now() + timeoutMs;
      while ((receipts.get(id)?.length ?? 0) < AGENTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    };
    await waitAll((await visitorToInbox(app, flowId)).conversationId);
    // PROFILE=file.cpuprofile: a CPU profile of the measured events only (not the connects).
    const profiler = process.env.PROFILE ? new Session() : undefined;
    const post = (method: string, params?: object) => new Promise<any>((resolve, reject) => profiler!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
    if (profiler) {
      profiler.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    const latencies: number[] = [];
    let cpuMicros = 0;
    let received = 0;
    for (let i = 0; i < EVENTS; i++) {
      const cpu = process.cpuUsage();
      const sent = performance.now();
      const { conversationId } = await visitorToInbox(app, flowId);
      await waitAll(conversationId);
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
      const times = receipts.get(conversationId) ?? [];
      received += times.length;
      for (const at of times) latencies.push(at - sent);
    }
    if (profiler) writeFileSync(process.env.PROFILE!, JSON.stringify((await post('Profiler.stop')).profile));
    console.log(
      JSON.stringify({ agents: AGENTS, events: EVENTS, p50Ms: Math.round(percentile(latencies, 0.5)), p99Ms: Math.round(percentile(latencies, 0.99)), cpuMsPerEvent: Math.round(cpuMicros / 1000 / EVENTS), lost: AGENTS * EVENTS - received, errors, heapPerSocketKiB }),
    );
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
