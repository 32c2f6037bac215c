import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateWebhookSecret, signWebhook } from '../../api/src/webhooks/signature';
import { createSignedInUser, enableLiveChat, signUpAccount } from '../../api/src/test/fixtures';
import { accept, publishFlow, setAccepting, visitorToInbox } from '../../api/src/test/live-chat-fixtures';
import { eventually } from '../../api/src/test/eventually';
import { startTestApp, type TestApp } from '../../api/src/test/test-app';
import { startWebhookReceiver, verifySignature, type WebhookEvent } from './webhook-receiver';

const SECRET = 'whsec_' + Buffer.from('a test secret of 24 bytes').toString('base64');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('verifySignature in the receiver example', () => {
  const body = JSON.stringify({ type: 'contact.created', timestamp: '2025-01-01T00:00:00.000Z', data: { name: 'Zoë' } });
  const now = Date.now();
  const timestamp = Math.floor(now / 1000);
  const headers = (signature: string, at = timestamp) => ({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': signature });

  it('accepts what the API signs, over the raw bytes', () => {
    expect(verifySignature(SECRET, headers(signWebhook(SECRET, 'msg_1', timestamp, body)), Buffer.from(body), now)).toBe(true);
    expect(verifySignature(SECRET, headers(`v1,bm9wZQ== ${signWebhook(SECRET, 'msg_1', timestamp, body)}`), Buffer.from(body), now)).toBe(true);
  });

  it('refuses another secret, another body, an old timestamp, missing headers', () => {
    const other = 'whsec_' + Buffer.from('another secret, 24 bytes').toString('base64');
    expect(verifySignature(SECRET, headers(signWebhook(other, 'msg_1', timestamp, body)), Buffer.from(body), now)).toBe(false);
    expect(verifySignature(SECRET, headers(signWebhook(SECRET, 'msg_1', timestamp, body)), Buffer.from(body + ' '), now)).toBe(false);
    const old = timestamp - 301;
    expect(verifySignature(SECRET, headers(signWebhook(SECRET, 'msg_1', old, body), old), Buffer.from(body), now)).toBe(false);
    expect(verifySignature(SECRET, { 'webhook-id': 'msg_1' }, Buffer.from(body), now)).toBe(false);
    expect(verifySignature(SECRET, headers('v2,' + signWebhook(SECRET, 'msg_1', timestamp, body).slice(3)), Buffer.from(body), now)).toBe(false);
  });
});

describe('the verification snippet in docs/INTEGRATIONS.md', () => {
  const guide = readFileSync(join(__dirname, '../../docs/INTEGRATIONS.md'), 'utf8');
  const snippet = /<!-- verify-webhook:start -->\n```js\n([\s\S]*?)```\n<!-- verify-webhook:end -->/.exec(guide)![1];
  const verifyWebhook = new Function('require', `${snippet}; return verifyWebhook;`)(require) as (secret: string, headers: Record<string, string>, rawBody: Buffer) => boolean;

  it('accepts what the API signs and nothing else', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'live_chat.accepted', data: { contact: { name: 'Zoë' } } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, 'msg_1', timestamp, body) };
    expect(verifyWebhook(secret, headers, Buffer.from(body))).toBe(true);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,bm9wZQ== ${headers['webhook-signature']}` }, Buffer.from(body))).toBe(true);
    expect(verifyWebhook(generateWebhookSecret(), headers, Buffer.from(body))).toBe(false);
    expect(verifyWebhook(secret, headers, Buffer.from(body.replace('Zoë', 'Zoe')))).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_2' }, Buffer.from(body))).toBe(false);
    const old = timestamp - 301;
    expect(verifyWebhook(secret, { ...headers, 'webhook-timestamp': String(old), 'webhook-signature': signWebhook(secret, 'msg_1', old, body) }, Buffer.from(body))).toBe(false);
    expect(verifyWebhook(secret, { 'webhook-id': 'msg_1' }, Buffer.from(body))).toBe(false);
  });
});

describe('the webhook receiver example', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }, { workers: true });
  });
  afterAll(() => app.close());

  it('verifies and accepts signed deliveries once, and refuses forgeries', async () => {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    const apiKey = (await app.gql(`mutation { createApiKey(input: { name: "Webhooks" }) { secret } }`, {}, admin.token)).data!.createApiKey.secret;

    // The secret comes with the endpoint, so the endpoint is created first and pointed at the receiver once it runs.
    const created = await app.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } secret userErrors { code message } } }`,
      { input: { url: 'http://127.0.0.1:9/not-yet', events: ['*'], description: 'example receiver' } },
      apiKey,
    );
    const { endpoint, secret, userErrors } = created.data!.createWebhookEndpoint;
    expect(userErrors).toEqual([]);
    const received: { event: WebhookEvent; id: string }[] = [];
    const receiver = await startWebhookReceiver({ port: 0, secret, onEvent: (event, id) => void received.push({ event, id }) });
    try {
      const updated = await app.gql(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }`, { input: { id: endpoint.id, url: receiver.url } }, apiKey);
      expect(updated.data!.updateWebhookEndpoint.userErrors).toEqual([]);

      const visitor = await visitorToInbox(app, flowId, 'Grace Hopper', 'grace@example.com');
      const agent = await createSignedInUser(app, admin.token, 'AGENT');
      await setAccepting(app, agent.token, true);
      await accept(app, agent.token, visitor.conversationId);
      // One delivery per activity event; the worker sends them concurrently, so in any order.
      const stream = await app.gql(`{ activityStream(first: 100) { edges { node { id } } } }`, {}, apiKey);
      const eventIds = stream.data!.activityStream.edges.map((edge: { node: { id: string } }) => edge.node.id);
      await until(() => received.length >= eventIds.length, `${eventIds.length} deliveries`);
      expect(new Set(received.map(({ event }) => event.data.eventId))).toEqual(new Set(eventIds));

      const types = received.map(({ event }) => event.type);
      expect(new Set(types)).toEqual(new Set(['contact.created', 'conversation.started', 'contact.qualified', 'contact.details_captured', 'live_chat.requested', 'live_chat.accepted']));
      const accepted = received.find(({ event }) => event.type === 'live_chat.accepted')!.event;
      expect(accepted.data).toMatchObject({
        activityType: 'LIVE_CHAT_ACCEPTED',
        actor: { kind: 'USER' },
        contact: { name: 'Grace Hopper', email: 'grace@example.com' },
        conversation: { id: visitor.conversationId, status: 'ACTIVE' },
        details: { assigneeName: 'Test AGENT' },
      });
      expect(new Set(received.map(({ id }) => id)).size).toBe(received.length);

      // Every delivery succeeded at the first attempt with the receiver's 204.
      const deliveries = async () =>
        (await app.gql(`query($id: ID!) { webhookDeliveries(endpointId: $id, first: 50) { edges { node { id webhookId status payload attempts { responseStatus } } } } }`, { id: endpoint.id }, apiKey))
          .data!.webhookDeliveries.edges.map((edge: { node: any }) => edge.node);
      // The receiver has answered; the worker records each outcome just after.
      const sent = await eventually(deliveries, (list) => list.every((delivery: { status: string }) => delivery.status === 'SUCCEEDED'));
      expect(sent).toHaveLength(received.length);
      for (const delivery of sent) expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: [{ responseStatus: 204 }] });

      // A redelivery keeps its webhook-id: the receiver answers 2xx and does not process it again.
      const redelivered = sent[0];
      await app.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { userErrors { code } } }`, { id: redelivered.id }, apiKey);
      const attempts = async () => (await deliveries()).find((delivery: { id: string }) => delivery.id === redelivered.id).attempts;
      for (let deadline = Date.now() + 10_000; (await attempts()).length < 2 && Date.now() < deadline; ) await sleep(50);
      expect(await attempts()).toEqual([{ responseStatus: 204 }, { responseStatus: 200 }]);
      expect(received).toHaveLength(sent.length);

      // Forgeries and replays, sent by hand.
      const post = (headers: Record<string, string>, body: string) => fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const now = Math.floor(Date.now() / 1000);
      const body = redelivered.payload as string;
      const signed = (id: string, at = now, key = secret) => ({ 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': signWebhook(key, id, at, body) });
      expect((await post(signed('msg_forged', now, SECRET), body)).status).toBe(401);
      expect((await post({ ...signed('msg_tampered'), 'webhook-id': 'msg_other' }, body)).status).toBe(401);
      expect((await post(signed('msg_late', now - 600), body)).status).toBe(401);
      expect((await post({}, body)).status).toBe(401);
      expect((await post(signed(redelivered.webhookId), body)).status).toBe(200);
      expect(received).toHaveLength(sent.length);
      expect((await post(signed('msg_new'), body)).status).toBe(204);
      await until(() => received.length === sent.length + 1, 'the new event');
      expect((await fetch(receiver.url)).status).toBe(405);
    } finally {
      await receiver.close();
    }
  });
});
