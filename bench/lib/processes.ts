import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The compiled probe every server is started with (see child-probe.ts). */
const PROBE = resolve(__dirname, 'child-probe.js');
const REPLY_TIMEOUT_MS = 30_000;

/** A server the suite started: ChatOnce (API or worker) or a baseline. */
export interface ServerProcess {
  label: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  /** CPU time (user + system) the process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Heap in use after full garbage collections (the process runs with --expose-gc). */
  heapUsed(): Promise<number>;
  stop(): Promise<number | null>;
}

const running = new Set<ServerProcess>();

/** A TCP port nobody listens on right now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts `node --expose-gc -r child-probe.js <script>` with its output in `logDir`. Every
 * process started here is stopped by `stopAll`, also when the suite fails or is interrupted.
 */
export function startServer(label: string, script: string, args: string[], env: NodeJS.ProcessEnv, logDir: string, port: number): ServerProcess {
  const logFile = join(logDir, `${label}.log`);
  const log = createWriteStream(logFile);
  // BENCH_CPU_PROF=<dir>: every server writes a V8 CPU profile there when it stops (to find the cost first).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${label}-${process.pid}-${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, ['--expose-gc', ...profile, '-r', PROBE, script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let nextId = 1;
  const pending = new Map<number, (reply: Record<string, unknown>) => void>();
  child.on('message', (message: unknown) => {
    const reply = message as { id?: number };
    if (typeof reply?.id === 'number') pending.get(reply.id)?.(reply as Record<string, unknown>);
  });
  const ask = (probe: 'cpu' | 'heap') =>
    new Promise<Record<string, unknown>>((resolveReply, reject) => {
      if (!child.connected) return reject(new Error(`${label} is not running (see ${logFile})`));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${label} did not answer the ${probe} probe`));
      }, REPLY_TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        resolveReply(reply);
      });
      child.send({ probe, id });
    });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const server: ServerProcess = {
    label,
    port,
    child,
    logFile,
    cpuMicros: async () => Number((await ask('cpu')).cpuMicros),
    heapUsed: async () => {
      const reply = await ask('heap');
      if (!reply.collected) throw new Error(`${label} runs without --expose-gc`);
      return Number(reply.heapUsed);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
        const code = await exited;
        clearTimeout(force);
        running.delete(server);
        return code;
      }
      running.delete(server);
      return child.exitCode;
    },
  };
  running.add(server);
  return server;
}

/** Stops every process this suite started (SIGTERM, then SIGKILL after 20 s). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Kills whatever is still running at once, for a process exit that cannot wait. */
export function killAllNow(): void {
  for (const server of running) server.child.kill('SIGKILL');
}

/** Polls `path` until it answers 200, the process exits, or the time is up. */
export async function waitForHttp(server: ServerProcess, path: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server.child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${server.label} never became ready on ${path}; its log:\n${tail(server.logFile)}`);
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Sums the CPU time of several processes (a topology), in microseconds. */
export async function totalCpuMicros(servers: ServerProcess[]): Promise<number> {
  const values = await Promise.all(servers.map((server) => server.cpuMicros()));
  return values.reduce((sum, value) => sum + value, 0);
}

/** Waits until the processes use less than `share` of a core over `windowMs` (bounded). */
export async function waitUntilIdle(servers: ServerProcess[], share = 0.05, windowMs = 300, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const before = await totalCpuMicros(servers);
    await new Promise((done) => setTimeout(done, windowMs));
    const used = (await totalCpuMicros(servers)) - before;
    if (used < share * windowMs * 1000) return;
  }
}
