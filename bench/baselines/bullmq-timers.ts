import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The timers row's raw baseline: bare BullMQ on the same Redis, COUNT delayed jobs due within
 * one second, a worker with the product's default concurrency (10) whose job is one
 * conditional UPDATE of its row in PostgreSQL, "act once, at or after the deadline". Writes
 * its figures as JSON to RESULT_FILE and exits.
 */
const COUNT = Number(process.env.COUNT ?? 1000);
const LEAD_MS = 3000;
const SPREAD_MS = 1000;
const CONCURRENCY = 10;
const CAP_MS = 60_000;

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL!;
  const prefix = process.env.BARE_PREFIX!;
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: CONCURRENCY });
  const table = `bench_timers_${randomBytes(3).toString('hex')}`;
  await pool.query(`create table ${table} (id int primary key, due timestamptz not null, done_at timestamptz, runs int not null default 0)`);
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const name = `timers-${randomBytes(3).toString('hex')}`;
  const queue = new Queue(name, { connection, prefix });
  const worker = new Worker(
    name,
    async (job) => {
      await pool.query(`update ${table} set done_at = clock_timestamp(), runs = runs + 1 where id = $1 and done_at is null and due <= clock_timestamp()`, [job.data.id]);
    },
    { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY },
  );
  await worker.waitUntilReady();
  try {
    const start = Date.now() + LEAD_MS;
    const dues = Array.from({ length: COUNT }, (_, index) => start + Math.floor((index * SPREAD_MS) / COUNT));
    for (let first = 0; first < COUNT; first += 500) {
      const slice = dues.slice(first, first + 500);
      await pool.query(`insert into ${table} (id, due) select * from unnest($1::int[], $2::timestamptz[])`, [slice.map((_, index) => first + index), slice.map((due) => new Date(due))]);
    }
    await queue.addBulk(dues.map((due, id) => ({ name: 'timeout', data: { id }, opts: { delay: Math.max(0, due - Date.now()), removeOnComplete: true } })));
    const end = start + SPREAD_MS + CAP_MS;
    let done = 0;
    while (Date.now() < end) {
      done = Number((await pool.query<{ count: string }>(`select count(*) from ${table} where done_at is not null`)).rows[0].count);
      if (done === COUNT) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { rows } = await pool.query<{ late: number; done_at: Date | null; due: Date; runs: number }>(`select extract(epoch from (done_at - due)) * 1000 as late, done_at, due, runs from ${table}`);
    const lateness = rows.map((row) => (row.done_at ? Number(row.late) : Number.POSITIVE_INFINITY)).sort((a, b) => a - b);
    const ends = rows.filter((row) => row.done_at).map((row) => row.done_at!.getTime());
    const firstDue = Math.min(...rows.map((row) => row.due.getTime()));
    writeFileSync(
      process.env.RESULT_FILE!,
      JSON.stringify({
        done,
        timeoutsPerSecond: ends.length ? ends.length / Math.max(0.001, (Math.max(...ends) - firstDue) / 1000) : 0,
        latenessP99Ms: lateness[Math.min(lateness.length - 1, Math.ceil(0.99 * lateness.length) - 1)],
        latenessMaxMs: lateness[lateness.length - 1],
        actedTwice: rows.filter((row) => row.runs > 1).length,
      }),
    );
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await connection.quit();
    await pool.query(`drop table if exists ${table}`);
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
