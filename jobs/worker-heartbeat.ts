import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

/**
 * Whether any worker of this deployment is alive, for every API process to see. The beat is a
 * Redis key rather than a row: a worker that cannot reach Redis runs no job either, so "beats
 * in Redis" is exactly "jobs can run"; it lives under the deployment's prefix (the runtime's
 * connection adds it), costs PostgreSQL nothing, and needs no migration.
 */
const HEARTBEAT_KEY = 'worker:heartbeat';
// Kept a day after the last beat, so "none seen for N s" can still say how long.
const KEY_TTL_SECONDS = 24 * 3600;
// A worker silent for this many beats counts as gone.
const MISSED_BEATS = 3;
// Stands for "since when nobody was seen" when no beat was ever written.
const PROCESS_STARTED_AT = Date.now() - process.uptime() * 1000;

interface Beat {
  at: number;
  /** When the writer's beat counts as missed: set by the writer, so readers need not share its config. */
  staleAfterMs: number;
  worker: string;
}

/** Where the watcher reports (a pino logger). */
export interface WatchLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface WorkerStatus {
  alive: boolean;
  /** Whether any beat was found (the key outlives the beats by a day). */
  seen: boolean;
  /** Seconds since the last beat (or since this process started, when none was ever seen). */
  silentForSeconds: number;
}

/** Beats now and every `intervalMs` while `running()` holds; `stop()` ends it. */
export async function startHeartbeat(redis: Redis, intervalMs: number, running: () => boolean): Promise<{ stop(): void }> {
  const worker = `${hostname()}:${process.pid}`;
  const beat = async () => {
    if (!running()) return;
    const value: Beat = { at: Date.now(), staleAfterMs: intervalMs * MISSED_BEATS, worker };
    await redis.set(HEARTBEAT_KEY, JSON.stringify(value), 'EX', KEY_TTL_SECONDS);
  };
  // A failed beat (Redis away) is retried by the next one; the readers then see the silence.
  await beat().catch(() => undefined);
  const timer = setInterval(() => void beat().catch(() => undefined), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** What the last beat says. */
export async function workerStatus(redis: Redis, now = Date.now()): Promise<WorkerStatus> {
  const raw = await redis.get(HEARTBEAT_KEY);
  const beat = raw ? (JSON.parse(raw) as Beat) : null;
  return { alive: !!beat && now - beat.at <= beat.staleAfterMs, seen: !!beat, silentForSeconds: Math.max(0, Math.round((now - (beat?.at ?? PROCESS_STARTED_AT)) / 1000)) };
}

/** `/readyz`'s `worker` field. */
export function describeWorkerStatus(status: WorkerStatus): string {
  return status.alive ? 'ok' : `none seen for ${status.silentForSeconds} s`;
}

/**
 * For API processes: checks every `intervalMs` and logs a warning while no worker is alive
 * (once a minute at most, so a long outage is a line a minute, not one per check).
 */
export function watchWorkers(redis: Redis, logger: WatchLogger, intervalMs: number): { stop(): void } {
  const startedAt = Date.now();
  let missingSince: number | undefined;
  let warnedAt = 0;
  const check = async () => {
    const status = await workerStatus(redis);
    // A worker starting beside this process gets as long as a beat interval allows before a warning.
    if (!status.seen && Date.now() - startedAt < intervalMs * MISSED_BEATS) return;
    if (status.alive) {
      if (missingSince !== undefined) logger.info({ silentForSeconds: Math.round((Date.now() - missingSince) / 1000) }, 'a worker is running again');
      missingSince = undefined;
      return;
    }
    missingSince ??= Date.now();
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    logger.warn(
      { silentForSeconds: status.silentForSeconds },
      'no worker is running: chat timeouts, idle endings and webhook deliveries wait until one starts (`npm run worker`, or `npm start` without RUN_WORKER=off)',
    );
  };
  // Redis errors are /readyz's to report; the next check tries again.
  const timer = setInterval(() => void check().catch(() => undefined), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
