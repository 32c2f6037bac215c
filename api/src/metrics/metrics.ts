import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { safeEqual } from '../auth/tokens';

/**
 * The process's Prometheus metrics, by name, so any area can record into them (fan-out,
 * worker, webhooks) without knowing how they are served. One registry per process:
 * GET /metrics (http-server.ts) renders it.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'chatonce_' });

/** Names a client chose are unbounded: the first ones seen get their own label, the rest share one. */
export const MAX_OPERATION_LABELS = 200;
/** Anonymous operations, requests refused before an operation was known, and names past the bound. */
export const OTHER_OPERATION = '(other)';

export const metrics = {
  /** One GraphQL request over HTTP, by operation name and type, refusals and errors included. */
  requestDuration: new Histogram({
    name: 'chatonce_graphql_request_duration_seconds',
    help: 'Time from a GraphQL request arriving to its response, by operation name (anonymous and unrecognised names share a label).',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  /** graphql-ws connections open on this process. */
  openWebsockets: new Gauge({ name: 'chatonce_open_websockets', help: 'graphql-ws connections open on this process.', registers: [registry] }),
  /** Subscription events written to subscribers: increment by the number of subscribers an event reached. */
  subscriptionEventsFannedOut: new Counter({
    name: 'chatonce_subscription_events_fanned_out_total',
    help: 'Subscription events delivered to subscribers (one per subscriber reached).',
    labelNames: ['subscription'] as const,
    registers: [registry],
  }),
  /** How late a live-chat timer fired after its deadline, observed by the worker. */
  timerLateness: new Histogram({
    name: 'chatonce_timer_lateness_seconds',
    help: 'How long after its deadline a live-chat timer (waiting timeout, idle ending) ran.',
    labelNames: ['timer'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30, 60],
    registers: [registry],
  }),
  /** Read-cache lookups (users, sharedReads) by result: hit, miss, or off while announcements cannot arrive. */
  readCacheLookups: new Counter({
    name: 'chatonce_read_cache_lookups_total',
    help: 'Lookups in the read caches (caching/) by cache and result: hit, miss, off.',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
  }),
  /**
   * Live messages sendMessage tried in one statement (messages/live-message-write.ts), by how it
   * went: written, or left to the transaction because the account's webhooks take messages, or
   * because the chat was not a live one of the author (a bot step, ended, someone else's).
   */
  liveMessageWrites: new Counter({
    name: 'chatonce_live_message_writes_total',
    help: 'Messages tried as one statement, by result: one_statement, webhooks (left to the transaction: an endpoint takes message.created), not_live (left to the transaction: a bot step, a closed or someone else’s chat).',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  /** Webhook delivery attempts by outcome (e.g. delivered, failed, retrying, dropped). */
  webhookDeliveries: new Counter({
    name: 'chatonce_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
};

/** Counts of one queue's jobs by state; what BullMQ's Queue#getJobCounts returns. */
export interface QueueDepthSource {
  name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export const QUEUE_SAMPLE_TIMEOUT_MS = 1000;
const queueSources = new Set<QueueDepthSource>();

/** BullMQ jobs by queue and state, read from Redis when scraped, each queue within QUEUE_SAMPLE_TIMEOUT_MS. */
new Gauge({
  name: 'chatonce_queue_jobs',
  help: `BullMQ jobs by queue and state, sampled when scraped (a queue that does not answer within ${QUEUE_SAMPLE_TIMEOUT_MS} ms is left out).`,
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    await Promise.all(
      [...queueSources].map(async (queue) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), QUEUE_SAMPLE_TIMEOUT_MS);
        });
        const counts = await Promise.race([queue.getJobCounts(...QUEUE_STATES).catch(() => null), timeout]).finally(() => clearTimeout(timer));
        for (const state of QUEUE_STATES) if (counts && typeof counts[state] === 'number') this.set({ queue: queue.name, state }, counts[state]);
      }),
    );
  },
});

/** Samples these queues on every scrape until the returned function is called. */
export function watchQueueDepth(queues: QueueDepthSource[]): () => void {
  for (const queue of queues) queueSources.add(queue);
  return () => {
    for (const queue of queues) queueSources.delete(queue);
  };
}

const operationLabels = new Set<string>();

/** The label for an operation name: bounded, so clients cannot grow the series without limit. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return OTHER_OPERATION;
  if (operationLabels.has(name)) return name;
  if (operationLabels.size >= MAX_OPERATION_LABELS) return OTHER_OPERATION;
  operationLabels.add(name);
  return name;
}

/** Times every HTTP GraphQL request into requestDuration. */
export function requestMetricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.requestDuration.observe({ operation: operation ? operationLabel(operationName) : OTHER_OPERATION, type: operation?.operation ?? 'unknown' }, seconds);
        },
      };
    },
  };
}

/**
 * Who may read /metrics: with METRICS_TOKEN set, only a bearer of it (401 otherwise); without
 * one, anyone in development and tests, and nobody in production, where /metrics does not
 * exist (404), so an unconfigured deployment never publishes its internals.
 */
export function metricsAccess(config: { NODE_ENV: string; METRICS_TOKEN?: string }, authorization: string | undefined): 200 | 401 | 404 {
  const token = config.METRICS_TOKEN;
  if (!token) return config.NODE_ENV === 'production' ? 404 : 200;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match && safeEqual(match[1], token) ? 200 : 401;
}
