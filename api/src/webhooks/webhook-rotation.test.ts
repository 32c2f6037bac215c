import type { IncomingHttpHeaders } from 'node:http';
import { verifySignature } from '../../../examples/webhook-receiver/webhook-receiver';
import { ActivityEvent } from '../activity/activity-event.entity';
import { createSignedInUser, dbId, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { eventually } from '../test/eventually';
import { startTestApp, type TestApp } from '../test/test-app';
import { startReceiver, type ReceivedWebhook } from '../test/webhook-receiver';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';

// Signatures are checked with the example receiver's verifier (node:crypto, written from the
// Standard Webhooks specification, independent of the server's signing code): the
// `standardwebhooks` package is not installed here.
const verifies = (secret: string, hook: ReceivedWebhook) => verifySignature(secret, hook.headers as IncomingHttpHeaders, Buffer.from(hook.body));
const signaturesOf = (hook: ReceivedWebhook) => String(hook.headers['webhook-signature']).split(' ');

const CREATE = /* GraphQL */ `
  mutation($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { endpoint { id events eventTypes secretRotatedAt previousSecretExpiresAt } secret userErrors { code field message } }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { events eventTypes } userErrors { code field } } }
`;
const ROTATE = /* GraphQL */ `
  mutation($id: ID!, $overlap: Int) {
    rotateWebhookSecret(id: $id, overlapSeconds: $overlap) { endpoint { id secretRotatedAt previousSecretExpiresAt } secret previousSecretExpiresAt userErrors { code field message } }
  }
`;
const SEND_TEST = /* GraphQL */ `
  mutation($id: ID!) { sendTestWebhook(endpointId: $id) { delivery { id webhookId eventType status payload } userErrors { code field message retryAfterSeconds } } }
`;
const DELIVERIES = /* GraphQL */ `
  query($id: ID!) { webhookDeliveries(endpointId: $id, first: 50) { edges { node { id eventType status attemptCount attempts { responseStatus } } } } }
`;

describe('webhook secret rotation, test events and event types', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_RETRY_DELAYS_SECONDS: '0.2,0.2' }, { workers: true });
    admin = await signUpAccount(app);
  });
  afterAll(() => app.close());

  async function endpointFor(url: string, input: Record<string, unknown> = { eventTypes: ['CONVERSATION_STARTED'] }) {
    const created = await app.gql(CREATE, { input: { url, ...input } }, admin.token);
    expect(created.data!.createWebhookEndpoint.userErrors).toEqual([]);
    return created.data!.createWebhookEndpoint as { endpoint: { id: string }; secret: string };
  }

  async function sendTest(endpointId: string, token = admin.token) {
    const sent = await app.gql(SEND_TEST, { id: endpointId }, token);
    return sent.data!.sendTestWebhook as { delivery: { id: string; webhookId: string; eventType: string; payload: string } | null; userErrors: { code: string; retryAfterSeconds: number | null }[] };
  }

  async function rotate(endpointId: string, overlap?: number | null, token = admin.token) {
    const rotated = await app.gql(ROTATE, { id: endpointId, overlap }, token);
    if (!rotated.data) throw new Error(JSON.stringify(rotated));
    return rotated.data.rotateWebhookSecret as { secret: string | null; previousSecretExpiresAt: string | null; endpoint: { secretRotatedAt: string } | null; userErrors: { code: string; field: string[] }[] };
  }

  it('signs with both secrets during the overlap, then with the new one only', async () => {
    const receiver = await startReceiver();
    try {
      const { endpoint, secret: first } = await endpointFor(receiver.url);
      const rotated = await rotate(endpoint.id, 2);
      expect(rotated.userErrors).toEqual([]);
      const second = rotated.secret!;
      expect(second).toMatch(/^whsec_/);
      expect(second).not.toBe(first);
      const overlapEnds = Date.parse(rotated.previousSecretExpiresAt!);
      expect(overlapEnds - Date.now()).toBeGreaterThan(1000);
      expect(overlapEnds - Date.now()).toBeLessThanOrEqual(2000);

      // Both secrets are stored encrypted, as the first one was: neither is in the row as given.
      const row = await app.runtime.orm.em.fork().findOneOrFail(WebhookEndpoint, dbId(endpoint.id));
      const stored = `${row.secretCiphertext} ${row.previousSecretCiphertext}`;
      for (const secret of [first, second]) expect(stored).not.toContain(secret.slice('whsec_'.length));
      expect([row.secretCiphertext, row.previousSecretCiphertext]).toEqual([expect.stringMatching(/^v1\./), expect.stringMatching(/^v1\./)]);

      const during = await sendTest(endpoint.id);
      expect(during.userErrors).toEqual([]);
      const [hook] = await receiver.waitFor((hook) => hook.headers['webhook-id'] === during.delivery!.webhookId);
      expect(hook.json.type).toBe('webhook.test');
      expect(signaturesOf(hook)).toHaveLength(2);
      expect(signaturesOf(hook).every((signature) => signature.startsWith('v1,'))).toBe(true);
      expect(verifies(second, hook)).toBe(true);
      expect(verifies(first, hook)).toBe(true);

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, overlapEnds - Date.now() + 50)));
      const after = await sendTest(endpoint.id);
      const [late] = await receiver.waitFor((hook) => hook.headers['webhook-id'] === after.delivery!.webhookId);
      expect(signaturesOf(late)).toHaveLength(1);
      expect(verifies(second, late)).toBe(true);
      expect(verifies(first, late)).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it('bounds the overlap, stops the old secret at once with 0, and rotates only the caller’s endpoints', async () => {
    const receiver = await startReceiver();
    try {
      const { endpoint, secret: first } = await endpointFor(receiver.url);
      for (const overlap of [-1, 7 * 24 * 3600 + 1]) {
        const refused = await rotate(endpoint.id, overlap);
        expect(refused).toMatchObject({ secret: null, userErrors: [{ code: 'INVALID_OVERLAP', field: ['overlapSeconds'] }] });
      }
      // The default overlap is a day.
      const byDefault = await rotate(endpoint.id);
      expect(Date.parse(byDefault.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(24 * 3600_000 - 60_000);
      // A second rotation during the overlap drops the oldest secret: two at most.
      const third = await rotate(endpoint.id, 0);
      expect(third).toMatchObject({ previousSecretExpiresAt: null, userErrors: [] });
      const sent = await sendTest(endpoint.id);
      const [hook] = await receiver.waitFor((hook) => hook.headers['webhook-id'] === sent.delivery!.webhookId);
      expect(signaturesOf(hook)).toHaveLength(1);
      expect(verifies(third.secret!, hook)).toBe(true);
      expect([verifies(first, hook), verifies(byDefault.secret!, hook)]).toEqual([false, false]);

      // Another account's admin, and an agent of this one, reach nothing.
      const other = await signUpAccount(app);
      expect((await rotate(endpoint.id, 60, other.token)).userErrors).toEqual([expect.objectContaining({ code: 'ENDPOINT_NOT_FOUND' })]);
      expect((await sendTest(endpoint.id, other.token)).userErrors).toEqual([expect.objectContaining({ code: 'ENDPOINT_NOT_FOUND' })]);
      const agent = await createSignedInUser(app, admin.token, 'AGENT');
      const asAgent = await app.gql(ROTATE, { id: endpoint.id, overlap: 60 }, agent.token);
      expect(asAgent.errors![0].extensions!.code).toBe('FORBIDDEN');
      // A malformed ID or an Int out of range is malformed input, not a 500.
      expect((await app.gql(ROTATE, { id: 'nope', overlap: 60 }, admin.token)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect((await app.gql(ROTATE, { id: endpoint.id, overlap: 2 ** 40 }, admin.token)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    } finally {
      await receiver.close();
    }
  });

  it('keeps both secrets of two concurrent rotations: the next delivery verifies with each', async () => {
    const receiver = await startReceiver();
    try {
      const { endpoint } = await endpointFor(receiver.url);
      const [one, two] = await Promise.all([rotate(endpoint.id, 600), rotate(endpoint.id, 600)]);
      expect([one.userErrors, two.userErrors]).toEqual([[], []]);
      const sent = await sendTest(endpoint.id);
      const [hook] = await receiver.waitFor((hook) => hook.headers['webhook-id'] === sent.delivery!.webhookId);
      expect([verifies(one.secret!, hook), verifies(two.secret!, hook)]).toEqual([true, true]);
    } finally {
      await receiver.close();
    }
  });

  it('delivers a test event through the normal path: retried, listed, redeliverable, never in the activity stream', async () => {
    const receiver = await startReceiver([{ status: 503 }]);
    try {
      const { endpoint, secret } = await endpointFor(receiver.url);
      const em = app.runtime.orm.em.fork();
      const eventsBefore = await em.count(ActivityEvent, { account: dbId(admin.accountId) });
      const startedAt = new Date();
      const sent = await sendTest(endpoint.id);
      expect(sent.delivery).toMatchObject({ eventType: 'webhook.test', status: 'PENDING' });
      expect(JSON.parse(sent.delivery!.payload)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id, deliveryId: sent.delivery!.id, accountId: admin.accountId } });

      const hooks = await receiver.waitFor((hook) => hook.headers['webhook-id'] === sent.delivery!.webhookId, 2);
      expect(hooks.map((hook) => hook.body)).toEqual([sent.delivery!.payload, sent.delivery!.payload]);
      expect(hooks.every((hook) => verifies(secret, hook))).toBe(true);
      const listed = await eventually(
        async () => (await app.gql(DELIVERIES, { id: endpoint.id }, admin.token)).data!.webhookDeliveries.edges.map((edge: { node: unknown }) => edge.node),
        (nodes: { status: string }[]) => nodes[0]?.status === 'SUCCEEDED',
      );
      expect(listed).toEqual([{ id: sent.delivery!.id, eventType: 'webhook.test', status: 'SUCCEEDED', attemptCount: 2, attempts: [{ responseStatus: 503 }, { responseStatus: 200 }] }]);

      const redelivered = await app.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { delivery { status } userErrors { code } } }`, { id: sent.delivery!.id }, admin.token);
      expect(redelivered.data!.redeliverWebhook.userErrors).toEqual([]);
      await receiver.waitFor((hook) => hook.headers['webhook-id'] === sent.delivery!.webhookId, 3);

      // No activity event, and nothing for the account's other endpoints meanwhile.
      expect(await em.count(ActivityEvent, { account: dbId(admin.accountId) })).toBe(eventsBefore);
      const row = await em.findOneOrFail(WebhookDelivery, dbId(sent.delivery!.id));
      expect(row.event).toBeNull();
      expect(await em.count(WebhookDelivery, { account: dbId(admin.accountId), endpoint: { $ne: dbId(endpoint.id) }, createdAt: { $gte: startedAt } })).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a test to a disabled endpoint, and more than five a minute', async () => {
    const receiver = await startReceiver();
    try {
      const { endpoint } = await endpointFor(receiver.url);
      for (let index = 0; index < 5; index++) expect((await sendTest(endpoint.id)).userErrors).toEqual([]);
      const limited = await sendTest(endpoint.id);
      expect(limited.delivery).toBeNull();
      expect(limited.userErrors).toEqual([expect.objectContaining({ code: 'TOO_MANY_TEST_WEBHOOKS' })]);
      expect(limited.userErrors[0].retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(limited.userErrors[0].retryAfterSeconds).toBeLessThanOrEqual(60);

      const { endpoint: other } = await endpointFor(receiver.url);
      await app.gql(UPDATE, { input: { id: other.id, enabled: false } }, admin.token);
      expect((await sendTest(other.id)).userErrors).toEqual([expect.objectContaining({ code: 'ENDPOINT_DISABLED' })]);
    } finally {
      await receiver.close();
    }
  });

  it('takes event types as an enum, and still the deprecated strings, storing the wire names', async () => {
    const url = 'http://127.0.0.1:9/never';
    const byEnum = await app.gql(CREATE, { input: { url, eventTypes: ['LIVE_CHAT_ACCEPTED', 'CONTACT_CREATED', 'LIVE_CHAT_ACCEPTED'] } }, admin.token);
    expect(byEnum.data!.createWebhookEndpoint).toMatchObject({ endpoint: { events: ['live_chat.accepted', 'contact.created'], eventTypes: ['LIVE_CHAT_ACCEPTED', 'CONTACT_CREATED'] }, userErrors: [] });
    const byStrings = await app.gql(CREATE, { input: { url, events: ['*'] } }, admin.token);
    expect(byStrings.data!.createWebhookEndpoint.endpoint).toMatchObject({ events: ['*'], eventTypes: ['ALL'] });
    const both = await app.gql(CREATE, { input: { url, events: ['message.created'], eventTypes: ['ALL'] } }, admin.token);
    expect(both.data!.createWebhookEndpoint.endpoint).toMatchObject({ events: ['message.created', '*'], eventTypes: ['MESSAGE_CREATED', 'ALL'] });

    const none = await app.gql(CREATE, { input: { url } }, admin.token);
    expect(none.data!.createWebhookEndpoint.userErrors).toEqual([expect.objectContaining({ code: 'NO_EVENTS' })]);
    const empty = await app.gql(CREATE, { input: { url, eventTypes: [] } }, admin.token);
    expect(empty.data!.createWebhookEndpoint.userErrors).toEqual([expect.objectContaining({ code: 'NO_EVENTS', field: ['input', 'eventTypes'] })]);
    const unknownString = await app.gql(CREATE, { input: { url, events: ['contact.exploded'] } }, admin.token);
    expect(unknownString.data!.createWebhookEndpoint.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_EVENT_TYPE' })]);
    const unknownEnum = await app.gql(CREATE, { input: { url, eventTypes: ['CONTACT_EXPLODED'] } }, admin.token);
    expect(unknownEnum.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const id = byEnum.data!.createWebhookEndpoint.endpoint.id;
    const updated = await app.gql(UPDATE, { input: { id, eventTypes: ['LIVE_CHAT_TIMED_OUT'] } }, admin.token);
    expect(updated.data!.updateWebhookEndpoint).toEqual({ endpoint: { events: ['live_chat.timed_out'], eventTypes: ['LIVE_CHAT_TIMED_OUT'] }, userErrors: [] });
    // Leaving both out keeps the subscription.
    const untouched = await app.gql(UPDATE, { input: { id, description: 'still' } }, admin.token);
    expect(untouched.data!.updateWebhookEndpoint.endpoint.events).toEqual(['live_chat.timed_out']);

    // The schema: the enum has a value per wire string, and the string input is deprecated.
    const schema = await app.gql(`{ __type(name: "CreateWebhookEndpointInput") { inputFields(includeDeprecated: true) { name isDeprecated } } e: __type(name: "WebhookEventType") { enumValues { name } } t: webhookEventTypes }`, {}, admin.token);
    expect(schema.data!.__type.inputFields).toEqual(expect.arrayContaining([{ name: 'events', isDeprecated: true }, { name: 'eventTypes', isDeprecated: false }]));
    expect(schema.data!.e.enumValues).toHaveLength(schema.data!.t.length);
  });
});
