// The production topology without Docker: two API processes and one worker process on one
// PostgreSQL database and one Redis. Proves that a chat added through one API process reaches
// a subscriber on the other, that the worker process times it out, and that the REMOVED event
// it causes reaches that subscriber too; that the APIs (RUN_WORKER=off) are ready without a
// worker and see its heartbeat once it runs. Every process must then stop cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!base || !redisUrl) throw new Error('DATABASE_URL and REDIS_URL must point at the real services');
const name = `chatonce_topology_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;

const freePort = () => new Promise((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const operatorToken = randomBytes(24).toString('hex');
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `topology-${randomBytes(3).toString('hex')}`,
  JWT_SECRET: randomBytes(32).toString('hex'),
  PLATFORM_ADMIN_TOKEN: operatorToken,
  SEED_DEMO: 'false',
  RUN_WORKER: 'off',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
};
const processes = [];
const start = (label, script, extra = {}) => {
  const child = spawn(process.execPath, [script], { env: { ...env, ...extra }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.label = label;
  processes.push(child);
  return child;
};
const waitReady = async (port) => {
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`API on ${port} never became ready`);
};
const gql = async (port, query, variables, token) => {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const check = (ok, message) => { if (!ok) throw new Error(message); console.log(`ok - ${message}`); };

let failed = false;
try {
  const [portA, portB] = [await freePort(), await freePort()];
  start('api-a', 'dist/api/src/main.js', { PORT: String(portA) });
  await waitReady(portA); // the first API migrates; the second then finds nothing to do
  const readyz = async (port) => (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
  // RUN_WORKER=off, as in docker-compose: ready without a worker, and saying so.
  check(/^none seen for \d+ s$/.test((await readyz(portA)).worker), 'API A is ready without a worker and its /readyz says none is seen');
  start('api-b', 'dist/api/src/main.js', { PORT: String(portB) });
  start('worker', 'dist/jobs/worker-main.js', { SWEEP_INTERVAL_SECONDS: '3600' });
  await waitReady(portB);
  const seen = async () => { for (let i = 0; i < 60; i++) { if ((await readyz(portA)).worker === 'ok' && (await readyz(portB)).worker === 'ok') return true; await new Promise((r) => setTimeout(r, 250)); } return false; };
  check(await seen(), "both APIs' /readyz see the worker process's heartbeat");

  const signUp = await gql(portA, `mutation { signUp(input: { accountName: "Topology", name: "Ada", email: "ada@topology.test", password: "correct horse battery" }) { token user { account { id } } } }`);
  const adminToken = signUp.signUp.token;
  await gql(portB, `mutation($id: ID!) { setLiveChatEnabled(input: { accountId: $id, enabled: true }) { account { liveChatEnabled } } }`, { id: signUp.signUp.user.account.id }, operatorToken);
  const steps = [
    { key: 'offer', kind: 'LIVE_CHAT', liveChat: { offerMessage: 'Talk to us?', declineNext: 'bye', handoffMessage: 'Connecting…', timeoutSeconds: 2, timeoutMessage: 'Nobody is free.' } },
    { key: 'bye', kind: 'END', text: 'Bye' },
  ];
  const flow = await gql(portA, `mutation($steps: [FlowStepInput!]!) { createFlow(input: { name: "Quick", steps: $steps }) { flow { id } } }`, { steps }, adminToken);
  const flowId = flow.createFlow.flow.id;
  await gql(portB, `mutation($id: ID!) { publishFlow(id: $id) { userErrors { code } } }`, { id: flowId }, adminToken);
  await gql(portA, `mutation { createUser(input: { name: "Ana", email: "ana@topology.test", password: "correct horse battery", role: AGENT }) { user { id } } }`, {}, adminToken);
  const agentToken = (await gql(portB, `mutation { login(input: { email: "ana@topology.test", password: "correct horse battery" }) { token } }`)).login.token;
  await gql(portB, `mutation { setAcceptingChats(accepting: true) { user { acceptingChats } } }`, {}, agentToken);

  // The agent listens on API B.
  const events = [];
  const client = createClient({ url: `ws://127.0.0.1:${portB}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${agentToken}` } });
  client.subscribe({ query: 'subscription { incomingChats { kind reason conversation { id } } }' }, { next: (value) => events.push(value.data.incomingChats), error: (error) => console.error(error), complete: () => {} });
  await new Promise((r) => setTimeout(r, 1000));

  // The visitor talks to API A.
  const started = await gql(portA, `mutation($id: ID!) { startConversation(input: { flowId: $id }) { conversation { id } visitorToken } }`, { id: flowId });
  const { conversation, visitorToken } = started.startConversation;
  const queuedAt = Date.now();
  await gql(portA, `mutation($id: ID!) { sendMessage(input: { conversationId: $id, optionKey: "accept" }) { conversation { status } } }`, { id: conversation.id }, visitorToken);
  const waitFor = async (predicate, ms) => { const end = Date.now() + ms; while (Date.now() < end) { const found = events.find(predicate); if (found) return found; await new Promise((r) => setTimeout(r, 25)); } return undefined; };
  check(await waitFor((e) => e.kind === 'ADDED' && e.conversation.id === conversation.id, 5000), 'a chat queued through API A reached the subscriber on API B');
  const removed = await waitFor((e) => e.kind === 'REMOVED' && e.conversation.id === conversation.id, 8000);
  check(removed?.reason === 'TIMED_OUT', `the worker process timed it out and API B's subscriber heard it (${Date.now() - queuedAt} ms after queueing, timeout 2 s)`);
  const status = await gql(portB, `query($id: ID!) { conversation(id: $id) { status } }`, { id: conversation.id }, agentToken);
  check(status.conversation.status === 'TIMED_OUT', 'the conversation is TIMED_OUT');
  await client.dispose();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const child of processes) child.kill('SIGTERM');
  const codes = await Promise.all(processes.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))))));
  processes.forEach((child, index) => { if (codes[index] !== 0) { failed = true; console.error(`${child.label} exited with ${codes[index]}`); } });
  if (!failed) console.log('ok - every process stopped cleanly on SIGTERM');
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
