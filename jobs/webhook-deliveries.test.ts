import { dbId, enableLiveChat, forgetQueuedJobs, signUpAccount, type SignedUpAccount } from '../api/src/test/fixtures';
import { eventually } from '../api/src/test/eventually';
import { publishFlow, startVisitor } from '../api/src/test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../api/src/test/test-app';
import { startReceiver } from '../api/src/test/webhook-receiver';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from '../api/src/webhooks/webhook.entity';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function account(app: TestApp, receiverUrl: string): Promise<{ admin: SignedUpAccount; flowId: string }> {
  const admin = await signUpAccount(app);
  await enableLiveChat(app, admin.accountId);
  const flowId = await publishFlow(app, admin.token);
  const created = await app.gql(`mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { userErrors { code } } }`, { input: { url: receiverUrl, events: ['conversation.started'] } }, admin.token);
  expect(created.data!.createWebhookEndpoint.userErrors).toEqual([]);
  return { admin, flowId };
}

/** Each delivery of the account with the statuses its attempts got, oldest attempt first. */
async function deliveriesOf(app: TestApp, admin: SignedUpAccount) {
  const em = app.runtime.orm.em.fork();
  const deliveries = await em.find(WebhookDelivery, { account: dbId(admin.accountId) }, { orderBy: { id: 'asc' } });
  const attempts = await em.find(WebhookAttempt, { delivery: { $in: deliveries.map((delivery) => delivery.id) } }, { orderBy: { attemptNumber: 'asc' } });
  return deliveries.map((delivery) => ({
    id: delivery.id,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    responses: attempts.filter((attempt) => attempt.delivery.id === delivery.id).map((attempt) => attempt.responseStatus),
  }));
}

describe('the worker sweep and webhook deliveries Redis lost', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Retries wait 3 s: time to lose their jobs first. The worker sweeps every second.
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_RETRY_DELAYS_SECONDS: '3,3', SWEEP_INTERVAL_SECONDS: '1' }, { workers: true });
  });
  afterAll(() => app.close());

  it('sends each retry whose job was lost, once, when it comes due', async () => {
    // The first three requests fail, every later one succeeds.
    const receiver = await startReceiver([{ status: 500 }, { status: 500 }, { status: 500 }]);
    try {
      const { admin, flowId } = await account(app, receiver.url);
      for (let index = 0; index < 3; index++) await startVisitor(app, flowId);
      const waiting = await eventually(() => deliveriesOf(app, admin), (list) => list.length === 3 && list.every((delivery) => delivery.status === WebhookDeliveryStatus.RETRYING));
      expect(waiting.map((delivery) => delivery.responses)).toEqual([[500], [500], [500]]);

      expect(await forgetQueuedJobs(app)).toBeGreaterThan(0);
      expect(await app.runtime.queues.webhookDeliveries.getDelayedCount()).toBe(0);

      const done = await eventually(() => deliveriesOf(app, admin), (list) => list.every((delivery) => delivery.status === WebhookDeliveryStatus.SUCCEEDED), 10_000);
      expect(done.map(({ status, attemptCount, responses }) => ({ status, attemptCount, responses }))).toEqual(
        Array.from({ length: 3 }, () => ({ status: WebhookDeliveryStatus.SUCCEEDED, attemptCount: 2, responses: [500, 200] })),
      );
      // Sweeps went on meanwhile: none sent anything twice.
      await sleep(2000);
      const ids = receiver.received.map((hook) => hook.headers['webhook-id']);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(3);
    } finally {
      await receiver.close();
    }
  });
});

describe("the webhook sweep's jobs", () => {
  let app: TestApp;
  beforeAll(async () => {
    // The test calls the sweep itself.
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', SWEEP_INTERVAL_SECONDS: '3600' }, { workers: true });
  });
  afterAll(() => app.close());

  it('never duplicate a queued job, and one that already ran does not block the delivery', async () => {
    const receiver = await startReceiver();
    const queue = app.runtime.queues.webhookDeliveries;
    const sweep = (now = new Date()) => app.runtime.services.webhooks.sweep(app.runtime.orm.em.fork(), now);
    try {
      const { admin, flowId } = await account(app, receiver.url);
      await app.workers!.close();
      await startVisitor(app, flowId);
      const [delivery] = await deliveriesOf(app, admin);
      // A minute on, the first attempt counts as overdue; its job is still queued, so nothing is added.
      const later = new Date(Date.now() + 120_000);
      expect(await queue.getWaitingCount()).toBe(1);
      expect(await sweep(later)).toBe(0);
      expect(await queue.getWaitingCount()).toBe(1);

      // Lost: one job again, however many sweeps run.
      await forgetQueuedJobs(app);
      expect(await sweep(later)).toBe(1);
      expect(await sweep(later)).toBe(0);
      expect(await queue.getWaitingCount()).toBe(1);

      // An attempt claimed the delivery and died: its lease is taken, so the job finds nothing to do.
      const em = app.runtime.orm.em.fork();
      await em.nativeUpdate(WebhookDelivery, { id: delivery.id }, { nextAttemptAt: new Date(Date.now() + 120_000) });
      await app.startWorkers();
      await eventually(async () => queue.getCompletedCount(), (count) => count === 1);
      expect(receiver.received).toHaveLength(0);

      // Once the lease runs out, the sweep replaces the finished job and the delivery goes out, once.
      await em.nativeUpdate(WebhookDelivery, { id: delivery.id }, { nextAttemptAt: new Date(Date.now() - 1000) });
      expect(await sweep()).toBe(1);
      const [sent] = await eventually(() => deliveriesOf(app, admin), (list) => list[0].status === WebhookDeliveryStatus.SUCCEEDED);
      expect(sent).toMatchObject({ status: WebhookDeliveryStatus.SUCCEEDED, attemptCount: 1, responses: [200] });
      expect(await sweep()).toBe(0);
      await sleep(500);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
