import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { startEmbeddedRedis } from '../api/src/embedded/embedded-redis';
import { closeRedis, createRedis } from '../jobs/redis';

/**
 * How late BullMQ delayed jobs fire, against a plain setTimeout baseline in the same run.
 * Runs on REDIS_URL (the system Redis, `hz` 10 by default) and on the embedded Redis
 * started with `--hz 100`. Prints min / median / p95 / max lateness in ms.
 *
 *   npm run bench:timers            (TIMERS=200 for more samples)
 */
const COUNT = Number(process.env.TIMERS ?? 100);

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { min: sorted[0], median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

function delays(): number[] {
  return Array.from({ length: COUNT }, (_, index) => 200 + Math.round((index * 1800) / COUNT));
}

async function setTimeoutLateness(): Promise<number[]> {
  return Promise.all(
    delays().map(
      (delay) =>
        new Promise<number>((resolve) => {
          const due = Date.now() + delay;
          setTimeout(() => resolve(Date.now() - due), delay);
        }),
    ),
  );
}

async function bullmqLateness(redisUrl: string): Promise<{ lateness: number[]; hz: string }> {
  const connection = createRedis(redisUrl);
  const hz = ((await connection.config('GET', 'hz')) as string[])[1];
  const name = `bench-${randomBytes(4).toString('hex')}`;
  const queue = new Queue(name, { connection });
  const lateness: number[] = [];
  let resolveAll: () => void;
  const done = new Promise<void>((resolve) => (resolveAll = resolve));
  const worker = new Worker(
    name,
    async (job) => {
      lateness.push(Date.now() - job.data.due);
      if (lateness.length === COUNT) resolveAll();
    },
    { connection: createRedis(redisUrl), concurrency: 50 },
  );
  await worker.waitUntilReady();
  await Promise.all(delays().map((delay) => queue.add('t', { due: Date.now() + delay }, { delay, removeOnComplete: true })));
  await done;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await closeRedis(connection);
  return { lateness, hz };
}

function line(label: string, values: number[], baseline: number) {
  const s = stats(values);
  return `${label.padEnd(34)} min ${String(s.min).padStart(4)}  median ${String(s.median).padStart(4)}  p95 ${String(s.p95).padStart(4)}  max ${String(s.max).padStart(4)}  median ×${(s.median / Math.max(baseline, 1)).toFixed(1)} baseline`;
}

async function main() {
  console.log(`${COUNT} timers, delays 200–2000 ms, lateness in ms`);
  const baseline = await setTimeoutLateness();
  const base = stats(baseline).median;
  console.log(line('setTimeout (baseline)', baseline, base));
  if (process.env.REDIS_URL) {
    const system = await bullmqLateness(process.env.REDIS_URL);
    console.log(line(`BullMQ on REDIS_URL (hz ${system.hz})`, system.lateness, base));
  }
  const embedded = await startEmbeddedRedis();
  try {
    const fast = await bullmqLateness(embedded.url);
    console.log(line(`BullMQ on embedded Redis (hz ${fast.hz})`, fast.lateness, base));
  } finally {
    await embedded.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
