import { hostname } from 'node:os';
import { ActivityEventType } from '../activity/activity-event.entity';
import { AfterCommit } from '../realtime/after-commit';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, publishFlow, send, setAccepting, startVisitor, visitorToInbox } from '../test/live-chat-fixtures';
import { eventually } from '../test/eventually';
import { startTestApp, type TestApp } from '../test/test-app';
import { startReceiver } from '../test/webhook-receiver';
import { verifyWebhook } from './signature';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';

const CREATE = /* GraphQL */ `
  mutation($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { endpoint { id url events enabled } secret userErrors { code field message } }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query($id: ID!) {
    webhookDeliveries(endpointId: $id, first: 50) {
      edges { node { id eventType status skippedReason attemptCount webhookId attempts { attemptNumber responseStatus durationMs responseExcerpt error } } }
    }
  }
`;
const headersOf = (hook: { headers: Record<string, unknown> }) => hook.headers as Record<string, string>;

describe('signed webhooks', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_RETRY_DELAYS_SECONDS: '0.2,0.2,0.2' }, { workers: true });
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
  });
  afterAll(() => app.close());

  async function endpointFor(url: string, events: string[] = ['*']) {
    const created = await app.gql(CREATE, { input: { url, events, description: 'test receiver' } }, admin.token);
    expect(created.data!.createWebhookEndpoint.userErrors).toEqual([]);
    return created.data!.createWebhookEndpoint as { endpoint: { id: string }; secret: string };
  }

  it('delivers every event of a live chat, signed, to a receiver that verifies them', async () => {
    const receiver = await startReceiver();
    const { endpoint, secret } = await endpointFor(receiver.url);
    try {
      const visitor = await visitorToInbox(app, flowId);
      const agent = await createSignedInUser(app, admin.token, 'AGENT');
      await setAccepting(app, agent.token, true);
      await accept(app, agent.token, visitor.conversationId);
      await send(app, agent.token, visitor.conversationId, { body: 'Hello from sales' });
      await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { conversation { status } } }`, { id: visitor.conversationId }, agent.token);

      const expectedTypes = ['contact.created', 'conversation.started', 'contact.qualified', 'contact.details_captured', 'live_chat.requested', 'live_chat.accepted', 'message.created', 'live_chat.ended'];
      const mine = (hook: { json: { data: Record<string, any> } }) => hook.json.data.conversation?.id === visitor.conversationId;
      await receiver.waitFor((hook) => mine(hook) && hook.json.type === 'live_chat.ended');
      const hooks = receiver.received.filter(mine);
      expect(new Set(hooks.map((hook) => hook.json.type))).toEqual(new Set(expectedTypes));
      for (const hook of hooks) {
        expect(verifyWebhook(secret, headersOf(hook), hook.body)).toBe(true);
        expect(headersOf(hook)['webhook-id']).toMatch(/^msg_/);
        expect(headersOf(hook)['content-type']).toBe('application/json');
      }
      const accepted = hooks.find((hook) => hook.json.type === 'live_chat.accepted')!;
      expect(accepted.json.data).toMatchObject({
        activityType: 'LIVE_CHAT_ACCEPTED',
        contact: { name: 'Grace Hopper', email: 'grace@example.com' },
        conversation: { id: visitor.conversationId, status: 'ACTIVE', assigneeId: agent.userId },
        actor: { kind: 'USER', userId: agent.userId },
      });
      // The receiver has answered; the worker records the outcome just after.
      const succeeded: { node: { attempts: unknown[] } }[] = await eventually(
        async () => (await app.gql(DELIVERIES, { id: endpoint.id }, admin.token)).data!.webhookDeliveries.edges.filter((edge: { node: { status: string } }) => edge.node.status === 'SUCCEEDED'),
        (list) => list.length >= hooks.length,
      );
      expect(succeeded.length).toBeGreaterThanOrEqual(hooks.length);
      expect(succeeded[0].node.attempts).toEqual([expect.objectContaining({ attemptNumber: 1, responseStatus: 200, responseExcerpt: 'ok', error: null })]);
    } finally {
      await app.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedEndpointId } }`, { id: endpoint.id }, admin.token);
      await receiver.close();
    }
  });

  it('retries 5xx and 429 (honouring Retry-After) and delivers exactly once more after two failures', async () => {
    const receiver = await startReceiver([{ status: 500 }, { status: 429, headers: { 'retry-after': '1' } }]);
    const { endpoint, secret } = await endpointFor(receiver.url, ['conversation.started']);
    try {
      const visitor = await startVisitor(app, flowId);
      const [, , third] = await receiver.waitFor((hook) => hook.json.data.conversation?.id === visitor.conversationId, 3);
      const ids = receiver.received.map((hook) => headersOf(hook)['webhook-id']);
      expect(new Set(ids).size).toBe(1);
      expect(verifyWebhook(secret, headersOf(third), third.body)).toBe(true);
      // The 429 asked for one second: longer than the 0.2 s schedule.
      const secondAt = Number(headersOf(receiver.received[1])['webhook-timestamp']);
      const thirdAt = Number(headersOf(third)['webhook-timestamp']);
      expect(thirdAt - secondAt).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(receiver.received).toHaveLength(3);
      const [delivery] = (await app.gql(DELIVERIES, { id: endpoint.id }, admin.token)).data!.webhookDeliveries.edges.map((edge: { node: unknown }) => edge.node);
      expect(delivery).toMatchObject({ eventType: 'conversation.started', status: 'SUCCEEDED', attemptCount: 3 });
      expect(delivery.attempts.map((attempt: { responseStatus: number }) => attempt.responseStatus)).toEqual([500, 429, 200]);
      expect(delivery.attempts[0].responseExcerpt).toBe('failing with 500');

      // Redelivery sends the same webhook-id again.
      const redelivered = await app.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { delivery { status } userErrors { code } } }`, { id: delivery.id }, admin.token);
      expect(redelivered.data!.redeliverWebhook.userErrors).toEqual([]);
      const [, , , fourth] = await receiver.waitFor(() => true, 4);
      expect(headersOf(fourth)['webhook-id']).toBe(ids[0]);
      expect(fourth.body).toBe(third.body);
    } finally {
      await receiver.close();
      await app.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedEndpointId } }`, { id: endpoint.id }, admin.token);
    }
  });

  it('gives up on a final 4xx, and a 410 disables the endpoint', async () => {
    const receiver = await startReceiver([{ status: 410 }]);
    const { endpoint } = await endpointFor(receiver.url, ['conversation.started']);
    try {
      const visitor = await startVisitor(app, flowId);
      await receiver.waitFor((hook) => hook.json.data.conversation?.id === visitor.conversationId);
      const settled = async () => (await app.gql(DELIVERIES, { id: endpoint.id }, admin.token)).data!.webhookDeliveries.edges[0]?.node;
      expect(await eventually(settled, (delivery) => delivery?.status === 'FAILED')).toMatchObject({ status: 'FAILED', attemptCount: 1 });
      const listed = await app.gql(`{ webhookEndpoints { edges { node { id enabled disabledReason } } } }`, {}, admin.token);
      expect(listed.data!.webhookEndpoints.edges.find((edge: { node: { id: string } }) => edge.node.id === endpoint.id).node).toEqual({
        id: endpoint.id,
        enabled: false,
        disabledReason: 'The receiver answered 410 Gone.',
      });
      // Later events are recorded as skipped, and not sent.
      await startVisitor(app, flowId);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.received).toHaveLength(1);
      const statuses = (await app.gql(DELIVERIES, { id: endpoint.id }, admin.token)).data!.webhookDeliveries.edges.map((edge: { node: { status: string } }) => edge.node.status);
      expect(statuses).toEqual(['SKIPPED', 'FAILED']);
    } finally {
      await receiver.close();
    }
  });

  it('records events for a disabled endpoint as SKIPPED, sends them neither then nor on re-enabling, and redelivers them once enabled', async () => {
    const receiver = await startReceiver();
    const { endpoint, secret } = await endpointFor(receiver.url, ['conversation.started']);
    const setEnabled = async (enabled: boolean) =>
      (await app.gql(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { enabled } userErrors { code } } }`, { input: { id: endpoint.id, enabled } }, admin.token)).data!
        .updateWebhookEndpoint;
    const redeliver = async (id: string) =>
      (await app.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { delivery { status } userErrors { code field message } } }`, { id }, admin.token)).data!.redeliverWebhook;
    const deliveries = async () => (await app.gql(DELIVERIES, { id: endpoint.id }, admin.token)).data!.webhookDeliveries.edges.map((edge: { node: unknown }) => edge.node);
    try {
      expect(await setEnabled(false)).toEqual({ endpoint: { enabled: false }, userErrors: [] });
      const visitor = await startVisitor(app, flowId);
      const [skipped] = await deliveries();
      expect(skipped).toMatchObject({ eventType: 'conversation.started', status: 'SKIPPED', skippedReason: 'endpoint disabled', attemptCount: 0, attempts: [] });
      expect(JSON.parse((await app.runtime.orm.em.fork().findOneOrFail(WebhookDelivery, dbId(skipped.id))).payload).data.conversation.id).toBe(visitor.conversationId);

      // Neither the worker nor the sweep sends it (the endpoints of the tests above are deleted or settled).
      expect(await app.runtime.services.webhooks.sweep(app.runtime.orm.em.fork(), new Date(Date.now() + 3600_000))).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.received).toHaveLength(0);

      // Redelivering to a disabled endpoint is refused; enabling it sends nothing by itself.
      expect(await redeliver(skipped.id)).toEqual({
        delivery: null,
        userErrors: [{ code: 'ENDPOINT_DISABLED', field: ['deliveryId'], message: expect.stringContaining('enabled: true') }],
      });
      expect(await setEnabled(true)).toEqual({ endpoint: { enabled: true }, userErrors: [] });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.received).toHaveLength(0);
      expect((await deliveries())[0]).toMatchObject({ status: 'SKIPPED' });

      expect(await redeliver(skipped.id)).toEqual({ delivery: { status: 'PENDING' }, userErrors: [] });
      const [sent] = await receiver.waitFor(() => true);
      expect(sent.json.data.conversation.id).toBe(visitor.conversationId);
      expect(headersOf(sent)['webhook-id']).toBe(skipped.webhookId);
      expect(verifyWebhook(secret, headersOf(sent), sent.body)).toBe(true);
      const settled = await eventually(async () => (await deliveries())[0], (delivery) => delivery.status === 'SUCCEEDED');
      expect(settled).toMatchObject({ status: 'SUCCEEDED', skippedReason: null, attemptCount: 1, attempts: [expect.objectContaining({ attemptNumber: 1, responseStatus: 200 })] });
    } finally {
      await app.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedEndpointId } }`, { id: endpoint.id }, admin.token);
      await receiver.close();
    }
  });

  it('skips a queued delivery whose endpoint was disabled before its attempt, without calling it', async () => {
    const receiver = await startReceiver();
    const { endpoint } = await endpointFor(receiver.url, ['conversation.started']);
    let workersStopped = false;
    try {
      await app.workers!.close();
      workersStopped = true;
      await startVisitor(app, flowId);
      const stored = await app.runtime.orm.em.fork().findOneOrFail(WebhookDelivery, { endpoint: dbId(endpoint.id) });
      expect(stored.status).toBe('PENDING');
      const disabled = await app.gql(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }`, { input: { id: endpoint.id, enabled: false } }, admin.token);
      expect(disabled.data!.updateWebhookEndpoint.userErrors).toEqual([]);
      await app.startWorkers();
      workersStopped = false;
      const delivery = await eventually(
        async () => (await app.gql(DELIVERIES, { id: endpoint.id }, admin.token)).data!.webhookDeliveries.edges[0].node,
        (found) => found.status !== 'PENDING',
      );
      expect(delivery).toMatchObject({ status: 'SKIPPED', skippedReason: 'endpoint disabled', attemptCount: 0, attempts: [] });
      expect(receiver.received).toHaveLength(0);
    } finally {
      if (workersStopped) await app.startWorkers();
      await app.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedEndpointId } }`, { id: endpoint.id }, admin.token);
      await receiver.close();
    }
  });

  it('writes no delivery for a change that rolled back', async () => {
    const receiver = await startReceiver();
    const { endpoint } = await endpointFor(receiver.url);
    const em = app.runtime.orm.em.fork();
    await expect(
      em.transactional(async (tem) => {
        await app.runtime.services.activity.record(tem, new AfterCommit(), { accountId: dbId(admin.accountId), type: ActivityEventType.CONTACT_CREATED, actor: 'system' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await app.runtime.orm.em.fork().count(WebhookDelivery, { endpoint: dbId(endpoint.id) })).toBe(0);
    await receiver.close();
  });

  it('keeps the secret only encrypted, and shows it once', async () => {
    const { endpoint, secret } = await endpointFor('https://crm.example.com/hooks');
    const stored = await app.runtime.orm.em.fork().findOneOrFail(WebhookEndpoint, dbId(endpoint.id));
    expect(stored.secretCiphertext).not.toContain(secret.slice(6));
    const fields = await app.gql(`{ __type(name: "WebhookEndpoint") { fields { name } } }`);
    expect(fields.data!.__type.fields.map((field: { name: string }) => field.name)).not.toContain('secret');
  });
});

describe('webhook URLs under the production policy', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_HTTP: 'false', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false', WEBHOOK_RETRY_DELAYS_SECONDS: '0.1' }, { workers: true });
    admin = await signUpAccount(app);
  });
  afterAll(() => app.close());

  // A public IP literal: saved without a lookup (this machine has no DNS for public names).
  const PUBLIC_URL = 'https://203.0.113.10/hook';
  const UPDATE = /* GraphQL */ `
    mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { url } userErrors { code field message } } }
  `;
  const codesFor = async (url: string) => (await app.gql(CREATE, { input: { url, events: ['live_chat.accepted'] } }, admin.token)).data!.createWebhookEndpoint.userErrors;

  it('refuses private addresses, plain http and unknown event types with userErrors', async () => {
    for (const [url, code] of [
      ['https://127.0.0.1/hook', 'PRIVATE_ADDRESS'],
      ['https://10.0.0.7/hook', 'PRIVATE_ADDRESS'],
      ['https://[::1]/hook', 'PRIVATE_ADDRESS'],
      ['https://localhost/hook', 'PRIVATE_ADDRESS'],
      ['http://crm.example.com/hook', 'INVALID_URL'],
    ]) {
      const errors = await codesFor(url);
      expect([url, errors.map((e: { code: string }) => e.code)]).toEqual([url, [code]]);
    }
    const unknown = await app.gql(CREATE, { input: { url: PUBLIC_URL, events: ['live_chat.accepted', 'everything'] } }, admin.token);
    expect(unknown.data!.createWebhookEndpoint.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_EVENT_TYPE', field: ['input', 'events', '1'] })]);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    expect((await app.gql(CREATE, { input: { url: PUBLIC_URL, events: ['*'] } }, agent.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('resolves the name when a URL is saved: one that leads to loopback is PRIVATE_ADDRESS, one that leads nowhere INVALID_URL', async () => {
    // This machine's own name is in /etc/hosts as 127.0.0.1; `localhost.` and `ip6-localhost` are loopback by name.
    for (const url of [`https://${hostname()}/hook`, `https://${hostname()}.:8443/hook`, 'https://localhost./hook', 'https://ip6-localhost/hook']) {
      expect([url, await codesFor(url)]).toEqual([url, [expect.objectContaining({ code: 'PRIVATE_ADDRESS', field: ['input', 'url'] })]]);
    }
    expect(await codesFor(`https://${hostname()}/hook`)).toEqual([expect.objectContaining({ message: expect.stringContaining(`${hostname()} resolves to 127.0.0.1`) })]);
    expect(await codesFor('https://crm.chatonce.invalid/hook')).toEqual([
      { code: 'INVALID_URL', field: ['input', 'url'], message: 'crm.chatonce.invalid does not resolve to an address: check the host name.' },
    ]);
    // 127.0.0.1.nip.io leads to loopback where public DNS answers, and nowhere here: refused either way.
    expect(['PRIVATE_ADDRESS', 'INVALID_URL']).toContain((await codesFor('https://127.0.0.1.nip.io/hook'))[0]?.code);

    // The same check on update; the endpoint keeps its URL.
    const created = await app.gql(CREATE, { input: { url: PUBLIC_URL, events: ['live_chat.accepted'] } }, admin.token);
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    try {
      const updated = await app.gql(UPDATE, { input: { id: endpointId, url: `https://${hostname()}/hook` } }, admin.token);
      expect(updated.data!.updateWebhookEndpoint).toEqual({ endpoint: null, userErrors: [expect.objectContaining({ code: 'PRIVATE_ADDRESS', field: ['input', 'url'] })] });
      const listed = await app.gql(`{ webhookEndpoints { edges { node { id url } } } }`, {}, admin.token);
      expect(listed.data!.webhookEndpoints.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ id: endpointId, url: PUBLIC_URL }]);
    } finally {
      await app.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedEndpointId } }`, { id: endpointId }, admin.token);
    }
  });

  it('checks the address again when sending: a name rebound to a private address since it was saved is not called', async () => {
    const receiver = await startReceiver();
    const created = await app.gql(CREATE, { input: { url: PUBLIC_URL, events: ['*'] } }, admin.token);
    expect(created.data!.createWebhookEndpoint.userErrors).toEqual([]);
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    // As if its DNS changed after the save-time check: the name now leads to this machine.
    await app.runtime.orm.em.fork().nativeUpdate(WebhookEndpoint, { id: dbId(endpointId) }, { url: `https://${hostname()}:${receiver.port}/hooks` });
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    await startVisitor(app, flowId);
    const delivery = await eventually(
      async () => (await app.gql(DELIVERIES, { id: endpointId }, admin.token)).data!.webhookDeliveries.edges[0]?.node,
      (found) => found?.status === 'FAILED',
    );
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: 1 });
    expect(delivery.attempts[0].error).toMatch(/private address 127\.0\.0\.1/);
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });
});
