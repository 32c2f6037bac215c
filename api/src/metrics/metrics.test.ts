import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { eventually } from '../test/eventually';
import { signUpAccount } from '../test/fixtures';
import { accept, chatWaitingForAgent, send } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { metricsAccess, operationLabel, OTHER_OPERATION, MAX_OPERATION_LABELS } from './metrics';

const METRIC_NAMES = [
  'chatonce_graphql_request_duration_seconds',
  'chatonce_open_websockets',
  'chatonce_subscription_events_fanned_out_total',
  'chatonce_queue_jobs',
  'chatonce_timer_lateness_seconds',
  'chatonce_webhook_deliveries_total',
  'chatonce_read_cache_lookups_total',
  'chatonce_live_message_writes_total',
];

/** The value of one sample line `name{labels} value`, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers in the Prometheus text format with the named metrics, queue depth sampled from BullMQ', async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    for (const name of METRIC_NAMES) expect(text).toContain(`# TYPE ${name} `);
    expect(sample(text, 'chatonce_queue_jobs', { queue: 'live-chat-timers', state: 'delayed' })).toEqual(expect.any(Number));
  });

  it('times each operation under its name; anonymous ones share one label', async () => {
    const { token } = await signUpAccount(app);
    const before = await (await fetch(`${app.url}/metrics`)).text();
    const countOf = (text: string, operation: string) => sample(text, 'chatonce_graphql_request_duration_seconds_count', { operation, type: 'query' }) ?? 0;
    for (let index = 0; index < 3; index++) expect((await app.gql('query MetricsProbe { me { id } }', {}, token)).data?.me).toBeTruthy();
    await app.gql('{ __typename }');
    const after = await (await fetch(`${app.url}/metrics`)).text();
    expect(countOf(after, 'MetricsProbe') - countOf(before, 'MetricsProbe')).toBe(3);
    expect(countOf(after, OTHER_OPERATION) - countOf(before, OTHER_OPERATION)).toBe(1);
  });

  it('counts read-cache hits and misses', async () => {
    const { token } = await signUpAccount(app);
    const lookups = async (result: string) => sample(await (await fetch(`${app.url}/metrics`)).text(), 'chatonce_read_cache_lookups_total', { cache: 'users', result }) ?? 0;
    await eventually(() => app.gql('{ me { id } }', {}, token).then(() => lookups('hit')), (hits) => hits > 0);
    const [hits, misses] = [await lookups('hit'), await lookups('miss')];
    await app.gql('{ me { id } }', {}, token);
    expect(await lookups('hit')).toBe(hits + 1);
    await app.gql('{ me { id } }', {}, (await signUpAccount(app, 'Other')).token);
    expect(await lookups('miss')).toBeGreaterThan(misses);
  });

  it('counts live messages written in one statement and those left to the transaction', async () => {
    const writes = async (result: string) => sample(await (await fetch(`${app.url}/metrics`)).text(), 'chatonce_live_message_writes_total', { result }) ?? 0;
    const { agent, visitor } = await chatWaitingForAgent(app);
    const [written, notLive] = [await writes('one_statement'), await writes('not_live')];
    expect((await send(app, visitor.token, visitor.conversationId, { body: 'Hello?' })).userErrors).toEqual([]);
    expect(await writes('one_statement')).toBe(written + 1);
    expect((await accept(app, agent.token, visitor.conversationId)).userErrors).toEqual([]);
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: visitor.conversationId }, agent.token);
    expect((await send(app, visitor.token, visitor.conversationId, { body: 'Still there?' })).userErrors.map((error) => error.code)).toEqual(['CONVERSATION_CLOSED']);
    expect(await writes('not_live')).toBe(notLive + 1);
  });

  it('counts open websockets', async () => {
    const gauge = async () => Number(/^chatonce_open_websockets (\d+)$/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);
    const before = await gauge();
    const socket = new WebSocket(app.wsUrl, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('message', () => resolve());
      socket.on('error', reject);
    });
    expect(await gauge()).toBe(before + 1);
    await new Promise((resolve) => {
      socket.once('close', resolve);
      socket.close();
    });
    expect(await eventually(gauge, (open) => open === before)).toBe(before);
  });
});

describe('GET /metrics in production', () => {
  const metricsToken = randomBytes(24).toString('hex');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', SECRET_ENCRYPTION_KEY: randomBytes(32).toString('hex'), METRICS_TOKEN: metricsToken });
  });
  afterAll(() => app.close());

  it('refuses a request without the token or with another, and answers its bearer', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${randomBytes(24).toString('hex')}` } })).status).toBe(401);
    const ok = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE chatonce_graphql_request_duration_seconds histogram');
  });

  it('does not exist in production without METRICS_TOKEN; is open in development without one', () => {
    expect(metricsAccess({ NODE_ENV: 'production' }, undefined)).toBe(404);
    expect(metricsAccess({ NODE_ENV: 'production' }, 'Bearer anything')).toBe(404);
    expect(metricsAccess({ NODE_ENV: 'development' }, undefined)).toBe(200);
    expect(metricsAccess({ NODE_ENV: 'development', METRICS_TOKEN: metricsToken }, undefined)).toBe(401);
  });
});

describe('operation labels', () => {
  it('are bounded: past the bound, new names share the other label', () => {
    for (let index = 0; index < MAX_OPERATION_LABELS; index++) operationLabel(`Op${index}`);
    expect(operationLabel('Op0')).toBe('Op0');
    expect(operationLabel(`Fresh${randomBytes(4).toString('hex')}`)).toBe(OTHER_OPERATION);
    expect(operationLabel(undefined)).toBe(OTHER_OPERATION);
  });
});
