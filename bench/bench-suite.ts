import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChatOnce } from './lib/chatonce';
import { LIVE_CHAT_INBOX, ME } from './lib/documents';
import { describeMachine, deleteRedisKeys } from './lib/machine';
import { freePort, killAllNow, startServer, stopAll, waitForHttp } from './lib/processes';
import { formatNumber, mapLimit, median, ratios, ratioSpread, spread } from './lib/stats';
import { memorySystem, type ChatSystem } from './lib/systems';
import { queueVisitor, startVisitor } from './lib/visitors';
import { GraphQLHttp } from './lib/http-client';
import { measureAcceptRace, type RaceFigures } from './rows/accept-race';
import { measureFanOut, type FanOutFigures } from './rows/fan-out';
import { measureHttp, type HttpFigures } from './rows/http-throughput';
import { checkReportSeed, measureReportApi, measureReportSql, REPORT_CONVERSATIONS, REPORT_GROUPINGS, seedReportAccount, type ReportSeed, type ReportTimings } from './rows/live-chat-report';
import { measurePingPong, prepareLiveChats, type LiveChat, type PingPongFigures } from './rows/ping-pong';
import { measureBareTimers, measureTimers, type BareTimerFigures, type TimerFigures } from './rows/timers-burst';

/**
 * The speed suite: ChatOnce on real PostgreSQL and Redis against raw baselines measured in
 * the same run, round after round (ChatOnce and baseline alternating which goes first), each
 * figure printed as `median [min–max]` over the rounds, then one PASS/FAIL line per target.
 *
 *   npm run bench                 full: N = 100, 500, 1,000 agents, 3 rounds (~8 min)
 *   npm run bench -- --quick      the same rows, smaller and shorter (< 5 min)
 *   npm run bench -- --rounds 5   more rounds
 *
 * Exits 1 only when a correctness check fails (a lost event or message, a chat with other
 * than one winner, a chat timed out twice); missed targets are reported, exit code 0.
 */

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const roundsArg = argv.indexOf('--rounds');
const ROUNDS = Math.max(3, roundsArg >= 0 ? Number(argv[roundsArg + 1]) || 3 : 3);
const ROWS = ['me', 'inbox', 'fanout', 'race', 'messages', 'timers', 'scale', 'reports'] as const;
const onlyArg = argv.indexOf('--only');
/** `--only fanout,race`: just those rows (for working on one; the full suite is what counts). */
const ONLY = new Set(onlyArg >= 0 ? argv[onlyArg + 1].split(',') : ROWS);
for (const row of ONLY) if (!(ROWS as readonly string[]).includes(row)) throw new Error(`--only takes ${ROWS.join(', ')}; not ${row}`);
if (ONLY.has('scale')) ONLY.add('me'); // the 2-process figure is divided by the 1-process one of the same round

const MODE = quick
  ? {
      http: { connections: 50, warmupMs: 1000, durationMs: 2000 },
      fanOutAgents: [100, 500],
      fanOutEvents: 3,
      raceChats: 8,
      pingPong: { warmupMs: 1000, durationMs: 4000 },
      pacedPingPong: { warmupMs: 1500, durationMs: 5000 },
      timerChats: 200,
      reportRepeat: 3,
    }
  : {
      http: { connections: 50, warmupMs: 1000, durationMs: 8000 },
      fanOutAgents: [100, 500, 1000],
      fanOutEvents: 10,
      raceChats: 20,
      pingPong: { warmupMs: 2000, durationMs: 12_000 },
      pacedPingPong: { warmupMs: 2000, durationMs: 12_000 },
      timerChats: 1000,
      reportRepeat: 5,
    };
const INBOX_CHATS = 20;
const RACE_CALLERS = 50;
const LIVE_CHATS = 100;
const CHAT_AGENTS = 20;
/** The open-loop message row: each chat's visitor writes once a second (people write every few seconds). */
const MESSAGE_PACE_MS = 1000;
const ARRIVALS_PER_SECOND = 10;
const TIMER_TARGET_MS = 5000;
const MAX_AGENTS = Math.max(...MODE.fanOutAgents);
const REPORT_AGENTS = 10;
/** "A year of a busy account under a second". */
const REPORT_TARGET_MS = 1000;

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DIST = resolve(__dirname, '..');

const started = performance.now();
let interruptedBy: NodeJS.Signals | undefined;
const log = (message: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

function requireLoopback(url: string, name: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`${name} must be on a loopback address (the suite only talks to this machine), not ${host}`);
}

interface Rounds {
  me: { chatonce: HttpFigures; bare: HttpFigures }[];
  meTwo: { chatonce: HttpFigures; bare: HttpFigures }[];
  inbox: { chatonce: HttpFigures; bare: HttpFigures }[];
  fanOut: Map<number, { chatonce: FanOutFigures; bare: FanOutFigures }[]>;
  race: RaceFigures[];
  pingPong: { chatonce: PingPongFigures; bare: PingPongFigures }[];
  pacedPingPong: { chatonce: PingPongFigures; bare: PingPongFigures }[];
  timers: { chatonce: TimerFigures; bare: BareTimerFigures }[];
  reports: { chatonce: ReportTimings; bare: ReportTimings }[];
}

async function main(): Promise<number> {
  requireLoopback(DATABASE_URL, 'DATABASE_URL');
  requireLoopback(REDIS_URL, 'REDIS_URL');
  const logDir = mkdtempSync(join(tmpdir(), 'chatonce-bench-'));
  const chatonce = new ChatOnce({ databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, logDir });
  let cleaning: Promise<void> | undefined;
  // Once, whoever asks first (a signal, an error or the end); everyone else waits for it.
  const cleanup = () =>
    (cleaning ??= (async () => {
      await chatonce.cleanup((prefix) => deleteRedisKeys(REDIS_URL, prefix)).catch((error: Error) => console.error(`cleanup: ${error.message}`));
      await stopAll();
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    interruptedBy = signal;
    console.error(`\n${signal}: stopping every process, dropping ${chatonce.databaseName}, deleting keys ${chatonce.redisPrefix}:*; server logs stay in ${logDir}`);
    const force = setTimeout(() => {
      killAllNow();
      process.exit(130);
    }, 30_000);
    void cleanup().finally(() => {
      clearTimeout(force);
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let failedChecks: string[] = [];
  let keepLogs = false;
  try {
    const machine = await describeMachine(DATABASE_URL, REDIS_URL);
    log(`machine: ${machine}`);
    log(`starting ChatOnce (2 API processes + 1 worker) on database ${chatonce.databaseName}, Redis prefix ${chatonce.redisPrefix}; logs in ${logDir}`);
    await chatonce.start();
    const baselineScript = resolve(DIST, 'bench/baselines/memory-server.js');
    const baselineEnv = { PATH: process.env.PATH, NODE_ENV: 'production' };
    const startBaseline = async (label: string, ws: boolean) => {
      const port = await freePort();
      const server = startServer(label, baselineScript, ['--port', String(port), ...(ws ? ['--ws'] : [])], baselineEnv, logDir, port);
      await waitForHttp(server, '/readyz');
      return server;
    };
    const bareHttp = memorySystem('bare graphql-http', [await startBaseline('bare-graphql-http-1', false), await startBaseline('bare-graphql-http-2', false)]);
    const bareWs = memorySystem('bare graphql-ws', [await startBaseline('bare-graphql-ws', true)]);

    log('seeding accounts, agents and chats');
    const seedStart = performance.now();
    await chatonce.createAccount('inbox', 1);
    for (const agents of MODE.fanOutAgents) await chatonce.createAccount(`fan${agents}`, agents);
    await chatonce.createAccount('race', RACE_CALLERS);
    await chatonce.createAccount('chat', CHAT_AGENTS);
    await chatonce.createAccount('timers', 1);
    const gql = new GraphQLHttp(32);
    const fillInbox = (system: ChatSystem) =>
      mapLimit(Array.from({ length: INBOX_CHATS }), 8, async () => queueVisitor(gql, system.ports[0], await startVisitor(gql, system.ports[0], system.flowId('inbox'))));
    await fillInbox(chatonce);
    await fillInbox(bareHttp);
    const liveChats = new Map<ChatSystem, LiveChat[]>([
      [chatonce, await prepareLiveChats(chatonce, gql, 'chat', LIVE_CHATS, CHAT_AGENTS)],
      [bareWs, await prepareLiveChats(bareWs, gql, 'chat', LIVE_CHATS, CHAT_AGENTS)],
    ]);
    let reportSeed: ReportSeed | undefined;
    if (ONLY.has('reports')) {
      await chatonce.createAccount('reports', REPORT_AGENTS);
      const reportStart = performance.now();
      reportSeed = await seedReportAccount(chatonce, 'reports');
      const wrong = await checkReportSeed(chatonce, reportSeed);
      if (wrong) throw new Error(wrong);
      log(`seeded ${REPORT_CONVERSATIONS.toLocaleString('en-US')} conversations for the report in ${((performance.now() - reportStart) / 1000).toFixed(1)} s`);
    }
    log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const results: Rounds = { me: [], meTwo: [], inbox: [], fanOut: new Map(MODE.fanOutAgents.map((agents) => [agents, []])), race: [], pingPong: [], pacedPingPong: [], timers: [], reports: [] };
    /** ChatOnce first in odd rounds, the baseline first in even ones. */
    const pair = async <A, B>(round: number, product: () => Promise<A>, baseline: () => Promise<B>): Promise<{ chatonce: A; bare: B }> => {
      if (round % 2) {
        const chatonceFigures = await product();
        return { chatonce: chatonceFigures, bare: await baseline() };
      }
      const bare = await baseline();
      return { chatonce: await product(), bare };
    };

    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round} of ${ROUNDS}`);
      const meToken = chatonce.agentTokens('inbox', 1)[0];
      const bareToken = bareHttp.agentTokens('inbox', 1)[0];
      const httpPair = async (label: string, document: string, processes: number, into: { chatonce: HttpFigures; bare: HttpFigures }[]) => {
        const figures = await pair(
          round,
          () => measureHttp(chatonce, document, meToken, MODE.http, processes),
          () => measureHttp(bareHttp, document, bareToken, MODE.http, processes),
        );
        into.push(figures);
        log(`  ${label}: ChatOnce ${formatNumber(figures.chatonce.rate)} req/s, bare ${formatNumber(figures.bare.rate)} req/s`);
      };
      if (ONLY.has('me')) await httpPair('me', ME, 1, results.me);
      if (ONLY.has('scale')) await httpPair('me on 2 processes', ME, 2, results.meTwo);
      if (ONLY.has('inbox')) await httpPair('liveChatInbox', LIVE_CHAT_INBOX, 1, results.inbox);
      for (const agents of ONLY.has('fanout') ? MODE.fanOutAgents : []) {
        const shape = { agents, events: MODE.fanOutEvents, eventTimeoutMs: 30_000, measureHeap: agents === MAX_AGENTS };
        const fan = await pair(
          round,
          () => measureFanOut(chatonce, gql, `fan${agents}`, shape),
          () => measureFanOut(bareWs, gql, `fan${agents}`, shape),
        );
        results.fanOut.get(agents)!.push(fan);
        log(
          `  fan-out to ${agents}: ChatOnce p99 ${formatNumber(fan.chatonce.p99Ms)} ms, ${formatNumber(fan.chatonce.cpuMsPerEvent)} ms CPU/event, lost ${fan.chatonce.lost}; bare p99 ${formatNumber(fan.bare.p99Ms)} ms, ${formatNumber(fan.bare.cpuMsPerEvent)} ms CPU/event, lost ${fan.bare.lost}`,
        );
      }

      if (ONLY.has('race')) {
        const race = await measureAcceptRace(chatonce, 'race', { chats: MODE.raceChats, callers: RACE_CALLERS, uncontendedFirst: round % 2 === 0 });
        results.race.push(race);
        log(
          `  accept race: loser p99 ${formatNumber(race.loserP99Ms)} ms, uncontended p99 ${formatNumber(race.uncontendedP99Ms)} ms, ${RACE_CALLERS} concurrent me p99 ${formatNumber(race.concurrentMeP99Ms)} ms, ${race.chats - race.badChats.length}/${race.chats} chats with one winner`,
        );
      }
      if (ONLY.has('messages')) {
        const pingShape = { agents: CHAT_AGENTS, ...MODE.pingPong, roundTripTimeoutMs: 15_000 };
        const ping = await pair(
          round,
          () => measurePingPong(chatonce, 'chat', liveChats.get(chatonce)!, pingShape),
          () => measurePingPong(bareWs, 'chat', liveChats.get(bareWs)!, pingShape),
        );
        results.pingPong.push(ping);
        log(
          `  messages: ChatOnce ${formatNumber(ping.chatonce.messagesPerSecond)}/s, round trip p99 ${formatNumber(ping.chatonce.roundTripP99Ms)} ms; bare ${formatNumber(ping.bare.messagesPerSecond)}/s`,
        );
        const pacedShape = { agents: CHAT_AGENTS, ...MODE.pacedPingPong, roundTripTimeoutMs: 15_000, paceMs: MESSAGE_PACE_MS };
        const paced = await pair(
          round,
          () => measurePingPong(chatonce, 'chat', liveChats.get(chatonce)!, pacedShape),
          () => measurePingPong(bareWs, 'chat', liveChats.get(bareWs)!, pacedShape),
        );
        results.pacedPingPong.push(paced);
        log(`  messages, one a second per chat: ChatOnce round trip p99 ${formatNumber(paced.chatonce.roundTripP99Ms)} ms; bare ${formatNumber(paced.bare.roundTripP99Ms)} ms`);
      }
      if (ONLY.has('timers')) {
        const timers = await pair(
          round,
          () => measureTimers(chatonce, 'timers', { chats: MODE.timerChats, arrivalsPerSecond: ARRIVALS_PER_SECOND, capMs: 60_000 }),
          () => measureBareTimers({ databaseUrl: chatonce.databaseUrl, redisUrl: REDIS_URL, redisPrefix: chatonce.redisPrefix, chats: MODE.timerChats, logDir }),
        );
        results.timers.push(timers);
        log(
          `  timers: ChatOnce ${timers.chatonce.timedOut}/${timers.chatonce.chats} timed out, ${formatNumber(timers.chatonce.timeoutsPerSecond)}/s, lateness p99 ${formatNumber(timers.chatonce.latenessP99Ms)} ms; bare BullMQ ${formatNumber(timers.bare.timeoutsPerSecond)}/s, p99 ${formatNumber(timers.bare.latenessP99Ms)} ms`,
        );
      }
      if (reportSeed) {
        const seed = reportSeed;
        const reports = await pair(
          round,
          () => measureReportApi(chatonce, seed, MODE.reportRepeat),
          () => measureReportSql(chatonce.databaseUrl, seed, MODE.reportRepeat),
        );
        results.reports.push(reports);
        log(`  liveChatReport: ${REPORT_GROUPINGS.map((grouping) => `${grouping} ${formatNumber(reports.chatonce.ms[grouping])} ms (SQL ${formatNumber(reports.bare.ms[grouping])} ms)`).join(', ')}`);
      }
    }
    gql.close();

    const report = buildReport(results, machine);
    process.stdout.write(`\n${report.text}\n`);
    failedChecks = report.failedChecks;
    keepLogs = failedChecks.length > 0;
  } catch (error) {
    keepLogs = true;
    throw error;
  } finally {
    await cleanup();
    if (keepLogs) console.error(`server logs kept in ${logDir}`);
    else rmSync(logDir, { recursive: true, force: true });
  }
  return failedChecks.length ? 1 : 0;
}

interface Target {
  ok: boolean;
  line: string;
}

function buildReport(results: Rounds, machine: string): { text: string; failedChecks: string[] } {
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const lines: string[] = [];
  const rows: string[][] = [];
  const targets: Target[] = [];
  const checks: string[] = [];
  const warnings: string[] = [];
  const pick = <T, K extends keyof T>(items: T[], key: K) => items.map((item) => item[key] as unknown as number);

  const httpRow = (path: string, pairs: { chatonce: HttpFigures; bare: HttpFigures }[], baselineName: string) => {
    const product = pairs.map((p) => p.chatonce);
    const bare = pairs.map((p) => p.bare);
    for (const [name, figures] of [
      ['ChatOnce', product],
      [baselineName, bare],
    ] as const) {
      const errors = figures.reduce((total, f) => total + f.errors, 0);
      if (errors) warnings.push(`${path}: ${name} answered ${errors} requests with errors (first: ${figures.find((f) => f.firstError)?.firstError})`);
    }
    const rateRatios = ratios(pick(product, 'rate'), pick(bare, 'rate'));
    rows.push([
      path,
      `${spread(pick(product, 'rate'), 'req/s')}, ${spread(pick(product, 'cpuMsPerRequest'), 'ms CPU/req')}`,
      `${baselineName}: ${spread(pick(bare, 'rate'), 'req/s')}, ${spread(pick(bare, 'cpuMsPerRequest'), 'ms CPU/req')}`,
      ratioSpread(rateRatios),
    ]);
    return median(rateRatios);
  };

  if (results.me.length) {
    const meRatio = httpRow('`{ me { id name } }`, 50 connections', results.me, 'bare graphql-http on node:http');
    targets.push({ ok: meRatio >= 0.5, line: `\`me\` ≥ 0.5× bare graphql-http: ${formatNumber(meRatio)}×` });
  }
  if (results.inbox.length) {
    const inboxRatio = httpRow(`\`liveChatInbox\` with ${INBOX_CHATS} chats, 50 connections`, results.inbox, 'bare graphql-http, same shape');
    targets.push({ ok: inboxRatio >= 0.3, line: `\`liveChatInbox\` (${INBOX_CHATS} chats) ≥ 0.3× bare graphql-http: ${formatNumber(inboxRatio)}×` });
  }

  for (const [agents, pairs] of results.fanOut) {
    if (!pairs.length) continue;
    const product = pairs.map((p) => p.chatonce);
    const bare = pairs.map((p) => p.bare);
    const p99Ratios = ratios(pick(product, 'p99Ms'), pick(bare, 'p99Ms'));
    const cpuRatios = ratios(pick(product, 'cpuMsPerEvent'), pick(bare, 'cpuMsPerEvent'));
    const lost = product.reduce((total, f) => total + f.lost, 0);
    const expected = product.reduce((total, f) => total + f.expected, 0);
    rows.push([
      `new chat → ${agents.toLocaleString('en-US')} accepting agents (\`incomingChats\`)`,
      `p99 ${spread(pick(product, 'p99Ms'), 'ms')}, ${spread(pick(product, 'cpuMsPerEvent'), 'ms CPU/event')}, lost ${lost} of ${expected}`,
      `bare graphql-ws broadcast: p99 ${spread(pick(bare, 'p99Ms'), 'ms')}, ${spread(pick(bare, 'cpuMsPerEvent'), 'ms CPU/event')}`,
      `p99 ${ratioSpread(p99Ratios)}, CPU ${ratioSpread(cpuRatios)}`,
    ]);
    for (const [name, figures] of [
      ['ChatOnce', product],
      ['bare graphql-ws', bare],
    ] as const) {
      for (const f of figures) {
        if (f.lost > 0) checks.push(`${name}: ${f.lost} of ${f.expected} inbox events to ${agents} agents were lost`);
        if (f.duplicated > 0) checks.push(`${name}: ${f.duplicated} inbox events to ${agents} agents arrived twice`);
        if (f.subscriptionErrors > 0) checks.push(`${name}: ${f.subscriptionErrors} incomingChats subscriptions of ${agents} agents failed or were ended by the server`);
      }
    }
    if (agents === MAX_AGENTS) {
      const note = agents === 1000 ? '' : ` (--quick: at ${agents}; the target is at 1,000)`;
      targets.push({ ok: median(p99Ratios) <= 3, line: `fan-out to ${agents} agents: p99 ≤ 3× bare graphql-ws: ${formatNumber(median(p99Ratios))}×${note}` });
      targets.push({ ok: median(cpuRatios) <= 10, line: `fan-out to ${agents} agents: server CPU per event ≤ 10× bare graphql-ws: ${formatNumber(median(cpuRatios))}×${note}` });
      targets.push({ ok: lost === 0, line: `fan-out to ${agents} agents: 0 lost: ${lost} of ${expected} lost${note}` });
    }
  }

  const race = results.race;
  if (race.length) {
    const raceRatios = ratios(pick(race, 'loserP99Ms'), pick(race, 'uncontendedP99Ms'));
    const badChats = race.flatMap((r) => r.badChats);
    const raceChats = race.reduce((total, r) => total + r.chats, 0);
    rows.push([
      `${RACE_CALLERS} concurrent \`acceptChat\` on one chat, two API processes`,
      `loser p99 ${spread(pick(race, 'loserP99Ms'), 'ms')} (winner p99 ${spread(pick(race, 'winnerP99Ms'), 'ms')}); one winner in ${raceChats - badChats.length} of ${raceChats} chats`,
      `uncontended accept p99 ${spread(pick(race, 'uncontendedP99Ms'), 'ms')}; the request path alone, ${RACE_CALLERS} concurrent \`me\` on the same sockets: p99 ${spread(pick(race, 'concurrentMeP99Ms'), 'ms')}`,
      ratioSpread(raceRatios),
    ]);
    for (const bad of badChats) checks.push(`accept race: ${bad}`);
    for (const code of new Set(race.flatMap((r) => r.unexpectedCodes))) warnings.push(`accept race: a loser got ${code} instead of ALREADY_ACCEPTED`);
    targets.push({ ok: median(raceRatios) <= 2, line: `accept race: loser p99 ≤ 2× uncontended: ${formatNumber(median(raceRatios))}×` });
    targets.push({ ok: badChats.length === 0, line: `accept race: exactly one winner in every chat: ${raceChats - badChats.length} of ${raceChats}` });
  }

  const ping = results.pingPong.map((p) => p.chatonce);
  if (ping.length) {
    const pingBare = results.pingPong.map((p) => p.bare);
    const pingRatios = ratios(pick(ping, 'messagesPerSecond'), pick(pingBare, 'messagesPerSecond'));
    rows.push([
      `live messages, ${LIVE_CHATS} accepted chats ping-pong`,
      `${spread(pick(ping, 'messagesPerSecond'), 'messages/s')}, round trip p99 ${spread(pick(ping, 'roundTripP99Ms'), 'ms')}, ${spread(pick(ping, 'cpuMsPerMessage'), 'ms CPU/message')}`,
      `same clients on in-memory graphql-http + graphql-ws: ${spread(pick(pingBare, 'messagesPerSecond'), 'messages/s')}, round trip p99 ${spread(pick(pingBare, 'roundTripP99Ms'), 'ms')}`,
      ratioSpread(pingRatios),
    ]);
    for (const [name, figures] of [
      ['ChatOnce', ping],
      ['in-memory baseline', pingBare],
    ] as const) {
      for (const f of figures) {
        if (f.lost) checks.push(`${name}: ${f.lost} live messages never reached the other side`);
        if (f.errors) warnings.push(`ping-pong: ${name} had ${f.errors} errors (first: ${f.firstError})`);
      }
    }
    targets.push({ ok: median(pingRatios) >= 0.5, line: `messages: ≥ 0.5× the in-memory baseline's rate: ${formatNumber(median(pingRatios))}×` });
  }
  const paced = results.pacedPingPong.map((p) => p.chatonce);
  if (paced.length) {
    const pacedBare = results.pacedPingPong.map((p) => p.bare);
    rows.push([
      `live messages, ${LIVE_CHATS} accepted chats, each visitor writing once a second (open loop)`,
      `round trip p50 ${spread(pick(paced, 'roundTripP50Ms'), 'ms')}, p99 ${spread(pick(paced, 'roundTripP99Ms'), 'ms')}, ${spread(pick(paced, 'messagesPerSecond'), 'messages/s')}, ${spread(pick(paced, 'cpuMsPerMessage'), 'ms CPU/message')}`,
      `same clients on in-memory graphql-http + graphql-ws: round trip p50 ${spread(pick(pacedBare, 'roundTripP50Ms'), 'ms')}, p99 ${spread(pick(pacedBare, 'roundTripP99Ms'), 'ms')}`,
      `p99 ${ratioSpread(ratios(pick(paced, 'roundTripP99Ms'), pick(pacedBare, 'roundTripP99Ms')))}`,
    ]);
    for (const [name, figures] of [
      ['ChatOnce (open loop)', paced],
      ['in-memory baseline (open loop)', pacedBare],
    ] as const) {
      for (const f of figures) {
        if (f.lost) checks.push(`${name}: ${f.lost} live messages never reached the other side`);
        if (f.errors) warnings.push(`paced ping-pong: ${name} had ${f.errors} errors (first: ${f.firstError})`);
      }
    }
    // Measured at a given load, not at saturation: in the closed loop above the mean round trip is
    // 2 × chats ÷ messages/s (Little's law), so it says the rate again (see docs/BENCHMARKS.md).
    const rttP99 = median(pick(paced, 'roundTripP99Ms'));
    targets.push({ ok: rttP99 <= 100, line: `messages: round trip p99 ≤ 100 ms at ${LIVE_CHATS} chats (each visitor writing once a second): ${formatNumber(rttP99)} ms` });
  }

  const timers = results.timers.map((t) => t.chatonce);
  if (timers.length) {
    const timersBare = results.timers.map((t) => t.bare);
    const timerChats = MODE.timerChats;
    rows.push([
      `timeouts: ${timerChats.toLocaleString('en-US')} chats due in the same second while ${ARRIVALS_PER_SECOND} visitors/s keep arriving`,
      `${spread(pick(timers, 'timeoutsPerSecond'), 'timeouts/s')}, lateness p99 ${spread(pick(timers, 'latenessP99Ms'), 'ms')} (max ${spread(pick(timers, 'latenessMaxMs'), 'ms')}); deadlines within ${spread(pick(timers, 'deadlineSpreadMs'), 'ms')}; arrivals p99 ${spread(pick(timers, 'arrivalP99Ms'), 'ms')}`,
      `bare BullMQ + one UPDATE per job: ${spread(pick(timersBare, 'timeoutsPerSecond'), 'timeouts/s')}, lateness p99 ${spread(pick(timersBare, 'latenessP99Ms'), 'ms')}`,
      ratioSpread(ratios(pick(timers, 'timeoutsPerSecond'), pick(timersBare, 'timeoutsPerSecond'))),
    ]);
    for (const t of timers) {
      for (const twice of t.actedTwice) checks.push(`timers: ${twice}`);
      if (t.lostEvents)
        checks.push(`timers: ${t.lostEvents} REMOVED/TIMED_OUT events never reached the subscribed agent${t.watcherEnded ? ` (its incomingChats subscription ${t.watcherEnded})` : ' within 15 s'}`);
      if (t.arrivalErrors) warnings.push(`timers: ${t.arrivalErrors} arriving visitors failed`);
    }
    for (const t of timersBare) if (t.actedTwice) checks.push(`bare BullMQ: ${t.actedTwice} rows acted on twice`);
    const worstLate = Math.max(...pick(timers, 'latenessMaxMs'));
    const allTimedOut = timers.every((t) => t.timedOut === t.chats);
    const timerNote = timerChats === 1000 ? '' : ` (--quick: ${timerChats} chats; the target is at 1,000)`;
    targets.push({
      ok: allTimedOut && worstLate <= TIMER_TARGET_MS && timers.every((t) => !t.actedTwice.length),
      line: `timers: ${timerChats} due together all acted on within 5 s, each once: ${allTimedOut ? 'all timed out' : `${Math.min(...pick(timers, 'timedOut'))} of ${timerChats} timed out`}, latest ${formatNumber(worstLate)} ms after its deadline, ${timers.reduce((n, t) => n + t.actedTwice.length, 0)} acted on twice${timerNote}`,
    });
  }

  if (results.meTwo.length) {
    const scaling = (side: 'chatonce' | 'bare') =>
      ratios(
        results.meTwo.map((p) => p[side].rate),
        results.me.map((p) => p[side].rate),
      );
    const scale = scaling('chatonce');
    const scaleBare = scaling('bare');
    rows.push(['2 API processes vs 1 (`me`, 50 connections)', ratioSpread(scale), `bare graphql-http: ${ratioSpread(scaleBare)}`, ratioSpread(ratios(scale, scaleBare))]);
    targets.push({ ok: median(scale) >= 1.7, line: `2 API processes ≥ 1.7× one: ${formatNumber(median(scale))}×` });
  }

  const heap = results.fanOut.get(MAX_AGENTS)!;
  if (heap.length) {
    const heapProduct = heap.map((p) => (p.chatonce.heapPerSocket ?? Number.NaN) / 1024);
    const heapBare = heap.map((p) => (p.bare.heapPerSocket ?? Number.NaN) / 1024);
    const heapRatios = ratios(heapProduct, heapBare);
    rows.push([
      `idle subscribed websocket, retained heap after GC (${MAX_AGENTS} sockets)`,
      `${spread(heapProduct, 'KiB')} each`,
      `bare graphql-ws: ${spread(heapBare, 'KiB')}`,
      ratioSpread(heapRatios),
    ]);
    targets.push({ ok: median(heapRatios) <= 1.2, line: `retained heap per idle subscribed websocket ≤ 1.2× bare graphql-ws: ${formatNumber(median(heapRatios))}×` });
  }

  if (results.reports.length) {
    const what: Record<string, string> = { DAY: 'totals, 365 days, time-to-accept distribution', AGENT: `${REPORT_AGENTS} agents`, FLOW: 'the flow funnel' };
    for (const grouping of REPORT_GROUPINGS) {
      const product = results.reports.map((r) => r.chatonce.ms[grouping]);
      const bare = results.reports.map((r) => r.bare.ms[grouping]);
      rows.push([
        `\`liveChatReport\` over ${REPORT_CONVERSATIONS.toLocaleString('en-US')} conversations, a year by ${grouping.toLowerCase()} (${what[grouping]})`,
        `${spread(product, 'ms')} per report`,
        `the same SQL statements straight to PostgreSQL with \`pg\`: ${spread(bare, 'ms')}`,
        ratioSpread(ratios(product, bare)),
      ]);
      targets.push({ ok: median(product) <= REPORT_TARGET_MS, line: `liveChatReport by ${grouping.toLowerCase()}, a year of ${REPORT_CONVERSATIONS.toLocaleString('en-US')} conversations, under ${REPORT_TARGET_MS} ms: ${formatNumber(median(product))} ms` });
    }
  }

  lines.push(`ChatOnce speed suite: ${quick ? 'quick' : 'full'}, ${ROUNDS} interleaved rounds, figures as median [min–max] over the rounds; ratios per round's pair`);
  lines.push(`command: ${command}`);
  lines.push(`machine: ${machine}`);
  lines.push(`date: ${new Date().toISOString()}, total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  lines.push('');
  lines.push('| path | ChatOnce | raw baseline, same run | ratio |');
  lines.push('| --- | --- | --- | --- |');
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  lines.push('');
  for (const warning of warnings) lines.push(`WARN  ${warning}`);
  for (const check of checks) lines.push(`CHECK FAILED  ${check}`);
  if (warnings.length || checks.length) lines.push('');
  for (const target of targets) lines.push(`${target.ok ? 'PASS' : 'FAIL'}  ${target.line}`);
  lines.push(`${checks.length ? 'CORRECTNESS FAILED' : 'correctness: every check held'} (lost events and messages, one winner per chat, timed out once)`);
  return { text: lines.join('\n'), failedChecks: checks };
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    // Interrupted: the rows fail as their servers stop; the signal handler exits once cleaned up.
    if (interruptedBy) return;
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    killAllNow();
    process.exit(1);
  },
);
