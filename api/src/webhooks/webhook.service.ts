import { LockMode, type EntityManager } from '@mikro-orm/core';
import { requeueDelivery, scheduleDelivery } from '../../../jobs/webhook-deliveries.queue';
import type { Queues } from '../../../jobs/queues';
import type { ActivityEvent } from '../activity/activity-event.entity';
import type { MemberViewer } from '../auth/viewer';
import type { Config } from '../config/config';
import { fail, failRateLimited } from '../errors/user-error';
import type { Logger } from '../logging/logger';
import type { AfterCommit } from '../realtime/after-commit';
import { emptyConnection, paginate, type ConnectionArgs } from '../relay/connection';
import { BlockedAddressError, safePost } from './safe-http';
import { open, seal } from './secret-box';
import { generateWebhookSecret, signWebhookWithEach } from './signature';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from './webhook.entity';
import { checkedOverlap, checkEndpointInput, requestedEvents, type EndpointInput } from './webhook-endpoint-rules';
import { WebhookErrorCode } from './webhook.errors';
import { endpointWants, TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from './webhook-events';
import { eventPayload, testPayload } from './webhook-payloads';

/** `sendTestWebhook`: at most this many test deliveries per endpoint per minute. */
const TEST_WEBHOOKS_PER_MINUTE = 5;

/** `skippedReason` of a delivery not sent because its endpoint was disabled. */
export const ENDPOINT_DISABLED_REASON = 'endpoint disabled';

const MAX_ENDPOINTS_PER_ACCOUNT = 20;
const RESPONSE_EXCERPT_BYTES = 2048;
// While an attempt is in flight its delivery is leased: a duplicate job or the sweep skips it.
const ATTEMPT_LEASE_MS = 2 * 60_000;

type EndpointSummary = Pick<WebhookEndpoint, 'id' | 'events' | 'enabled'>;

/** Webhook endpoints, the outbox of deliveries, and their signed, retried attempts. */
export class WebhookService {
  /** Endpoints per account, looked up once per transaction (its AfterCommit) by the outbox. */
  private readonly endpointsInTransaction = new WeakMap<AfterCommit, Map<string, EndpointSummary[]>>();

  constructor(
    private readonly config: Config,
    private readonly queues: Queues,
    private readonly logger: Logger,
  ) {}

  // Endpoints

  async create(em: EntityManager, viewer: MemberViewer, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await checkEndpointInput(this.config, input, true);
    if ((await em.count(WebhookEndpoint, { account: viewer.accountId })) >= MAX_ENDPOINTS_PER_ACCOUNT) {
      fail(WebhookErrorCode.INVALID_URL, `An account can have at most ${MAX_ENDPOINTS_PER_ACCOUNT} endpoints.`, ['input', 'url']);
    }
    const secret = generateWebhookSecret();
    const endpoint = em.create(WebhookEndpoint, {
      account: viewer.accountId,
      url: input.url!.trim(),
      events: requestedEvents(input)!,
      description: input.description?.trim() || null,
      secretCiphertext: seal(secret, this.config.SECRET_ENCRYPTION_KEY),
    });
    await em.flush();
    return { endpoint, secret };
  }

  async update(em: EntityManager, viewer: MemberViewer, endpointId: string, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint }> {
    const endpoint = await this.endpoint(em, viewer, endpointId, ['input', 'id']);
    await checkEndpointInput(this.config, input, false);
    if (input.url != null) endpoint.url = input.url.trim();
    const events = requestedEvents(input);
    if (events) endpoint.events = events;
    if (input.description !== undefined) endpoint.description = input.description?.trim() || null;
    if (input.enabled != null) {
      endpoint.enabled = input.enabled;
      endpoint.disabledAt = input.enabled ? null : (endpoint.disabledAt ?? new Date());
      endpoint.disabledReason = input.enabled ? null : (endpoint.disabledReason ?? 'Disabled by a user.');
    }
    await em.flush();
    return { endpoint };
  }

  async delete(em: EntityManager, viewer: MemberViewer, endpointId: string): Promise<{ deletedEndpointId: string }> {
    const endpoint = await this.endpoint(em, viewer, endpointId, ['id']);
    const deletedEndpointId = endpoint.nodeId;
    await em.removeAndFlush(endpoint);
    return { deletedEndpointId };
  }

  list(em: EntityManager, viewer: MemberViewer, args: ConnectionArgs) {
    return paginate(em, WebhookEndpoint, { account: viewer.accountId }, args);
  }

  async deliveries(em: EntityManager, viewer: MemberViewer, endpointId: string, args: ConnectionArgs) {
    const endpoint = await em.findOne(WebhookEndpoint, { id: endpointId, account: viewer.accountId });
    if (!endpoint) return emptyConnection<WebhookDelivery>();
    return paginate(em, WebhookDelivery, { endpoint: endpoint.id }, args, 'desc');
  }

  attempts(em: EntityManager, deliveryId: string): Promise<WebhookAttempt[]> {
    return em.find(WebhookAttempt, { delivery: deliveryId }, { orderBy: { attemptNumber: 'asc' } });
  }

  /**
   * Sends a delivery again (a SKIPPED one for the first time), with the same `webhook-id`, so
   * receivers can de-duplicate. Refused while the endpoint is disabled: the attempt would only
   * be skipped again.
   */
  async redeliver(em: EntityManager, viewer: MemberViewer, deliveryId: string): Promise<{ delivery: WebhookDelivery }> {
    const delivery = await em.findOne(WebhookDelivery, { id: deliveryId, account: viewer.accountId }, { populate: ['endpoint'] });
    if (!delivery) fail(WebhookErrorCode.DELIVERY_NOT_FOUND, 'No delivery with this ID in your account.', ['deliveryId']);
    if (!delivery.endpoint.getEntity().enabled) {
      fail(WebhookErrorCode.ENDPOINT_DISABLED, 'The endpoint is disabled: enable it (updateWebhookEndpoint with enabled: true), then redeliver.', ['deliveryId']);
    }
    if (delivery.nextAttemptAt && delivery.nextAttemptAt > new Date() && delivery.status === WebhookDeliveryStatus.PENDING) {
      fail(WebhookErrorCode.DELIVERY_IN_PROGRESS, 'This delivery is being sent right now.', ['deliveryId']);
    }
    delivery.status = WebhookDeliveryStatus.PENDING;
    delivery.nextAttemptAt = null;
    delivery.completedAt = null;
    delivery.skippedReason = null;
    await em.flush();
    await scheduleDelivery(this.queues.webhookDeliveries, delivery.id, delivery.attemptCount + 1, new Date(), `redelivery${Date.now()}`);
    return { delivery };
  }

  /**
   * A new signing secret, returned once and stored encrypted like the first. For `overlapSeconds`
   * (0 to 7 days, a day by default) deliveries carry a signature with each secret
   * (`v1,<new> v1,<old>`), so a receiver can switch at its own pace; then only the new one.
   * Rotating again during an overlap drops the oldest secret at once: two are signed with, never
   * three. The row is locked, so concurrent rotations each keep the other's secret as the old one.
   */
  async rotateSecret(em: EntityManager, viewer: MemberViewer, endpointId: string, overlapSeconds: number | null | undefined): Promise<{ endpoint: WebhookEndpoint; secret: string; previousSecretExpiresAt: Date | null }> {
    const overlap = checkedOverlap(overlapSeconds);
    return em.transactional(async (tem) => {
      const endpoint = await tem.findOne(WebhookEndpoint, { id: endpointId, account: viewer.accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!endpoint) fail(WebhookErrorCode.ENDPOINT_NOT_FOUND, 'No webhook endpoint with this ID in your account.', ['id']);
      const now = new Date();
      const secret = generateWebhookSecret();
      endpoint.previousSecretCiphertext = overlap > 0 ? endpoint.secretCiphertext : null;
      endpoint.previousSecretExpiresAt = overlap > 0 ? new Date(now.getTime() + overlap * 1000) : null;
      endpoint.secretCiphertext = seal(secret, this.config.SECRET_ENCRYPTION_KEY);
      endpoint.secretRotatedAt = now;
      return { endpoint, secret, previousSecretExpiresAt: endpoint.previousSecretExpiresAt };
    });
  }

  /**
   * Queues a `webhook.test` event to one endpoint, whatever it subscribes to, through the same
   * path as every delivery (signed, attempted, retried, listed in `webhookDeliveries`,
   * redeliverable). It records no activity: a test ping is not something that happened to a
   * contact, and the feed and the other endpoints never see it.
   */
  async sendTest(em: EntityManager, viewer: MemberViewer, endpointId: string): Promise<{ delivery: WebhookDelivery }> {
    const endpoint = await this.endpoint(em, viewer, endpointId, ['endpointId']);
    if (!endpoint.enabled) fail(WebhookErrorCode.ENDPOINT_DISABLED, 'The endpoint is disabled: enable it (updateWebhookEndpoint with enabled: true), then test it.', ['endpointId']);
    const since = new Date(Date.now() - 60_000);
    const recent = await em.find(WebhookDelivery, { endpoint: endpoint.id, eventType: TEST_EVENT_TYPE, createdAt: { $gt: since } }, { fields: ['createdAt'], orderBy: { createdAt: 'asc' }, limit: TEST_WEBHOOKS_PER_MINUTE, disableIdentityMap: true });
    if (recent.length >= TEST_WEBHOOKS_PER_MINUTE) {
      failRateLimited(WebhookErrorCode.TOO_MANY_TEST_WEBHOOKS, `At most ${TEST_WEBHOOKS_PER_MINUTE} test webhooks per endpoint per minute.`, ['endpointId'], recent[0].createdAt.getTime() + 60_000 - Date.now());
    }
    const now = new Date();
    const delivery = em.create(WebhookDelivery, { account: viewer.accountId, endpoint: endpoint.id, event: null, eventType: TEST_EVENT_TYPE, payload: '', createdAt: now });
    delivery.payload = JSON.stringify(testPayload(delivery, now));
    await em.flush();
    try {
      await scheduleDelivery(this.queues.webhookDeliveries, delivery.id, 1);
    } catch (error) {
      // The row is committed: the sweep sends it within about a minute.
      this.logger.error({ err: error, deliveryId: delivery.id }, 'could not queue a test webhook; the sweep will send it');
    }
    return { delivery };
  }

  /** The secrets a delivery attempted at `now` is signed with: the current one, and the previous one during its overlap. */
  private signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
    const key = this.config.SECRET_ENCRYPTION_KEY;
    const secrets = [open(endpoint.secretCiphertext, key)];
    if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) secrets.push(open(endpoint.previousSecretCiphertext, key));
    return secrets;
  }

  private async endpoint(em: EntityManager, viewer: MemberViewer, endpointId: string, field: string[]): Promise<WebhookEndpoint> {
    const endpoint = await em.findOne(WebhookEndpoint, { id: endpointId, account: viewer.accountId });
    if (!endpoint) fail(WebhookErrorCode.ENDPOINT_NOT_FOUND, 'No webhook endpoint with this ID in your account.', field);
    return endpoint;
  }

  // The outbox

  /**
   * Called for every activity event inside its transaction: one delivery row per interested
   * endpoint, with the body fixed now. A rolled-back change therefore has no webhook, and a
   * committed one always has its delivery, whatever happens to Redis afterwards. A disabled
   * endpoint gets its row too, SKIPPED and never queued, so the gap shows in its deliveries
   * and can be redelivered once it is enabled again (as Svix and Stripe keep such events).
   */
  async enqueueForEvent(tem: EntityManager, afterCommit: AfterCommit, event: ActivityEvent): Promise<void> {
    const accountId = event.account.id;
    const cache = this.endpointsInTransaction.get(afterCommit) ?? new Map<string, EndpointSummary[]>();
    this.endpointsInTransaction.set(afterCommit, cache);
    let endpoints = cache.get(accountId);
    if (!endpoints) {
      endpoints = await tem.find(WebhookEndpoint, { account: accountId }, { fields: ['id', 'events', 'enabled'] });
      cache.set(accountId, endpoints);
    }
    const interested = endpoints.filter((endpoint) => endpointWants(endpoint.events, event.type));
    if (!interested.length) return;
    const payload = JSON.stringify(await eventPayload(tem, event));
    for (const endpoint of interested) {
      const delivery = tem.create(WebhookDelivery, { account: accountId, endpoint: endpoint.id, event, eventType: WEBHOOK_EVENT_TYPES[event.type], payload });
      if (endpoint.enabled) afterCommit.webhookDelivery(delivery.id);
      else markSkipped(delivery);
    }
  }

  // Attempts (called by the worker)

  /**
   * Makes one attempt, if the delivery is due and not leased by another attempt. Records it,
   * then settles the outcome: 2xx succeeds; 410 gives up and disables the endpoint; other 4xx
   * (but 408 and 429) give up; network errors, timeouts, 408, 429 and 5xx retry on the schedule,
   * honouring Retry-After.
   */
  async attempt(em: EntityManager, deliveryId: string): Promise<WebhookDeliveryStatus | 'not-claimed'> {
    const now = new Date();
    const claimed = await em.nativeUpdate(
      WebhookDelivery,
      { id: deliveryId, status: { $in: [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.RETRYING] }, $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
      { nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS) },
    );
    if (!claimed) return 'not-claimed';
    const delivery = await em.findOneOrFail(WebhookDelivery, deliveryId, { populate: ['endpoint'] });
    const endpoint = delivery.endpoint.getEntity();
    const attemptNumber = delivery.attemptCount + 1;
    // Disabled since the delivery was queued: skipped like the events that come after, no request made.
    if (!endpoint.enabled) {
      markSkipped(delivery);
      await em.flush();
      return delivery.status;
    }

    const webhookId = `msg_${delivery.id}`;
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = signWebhookWithEach(this.signingSecrets(endpoint, now), webhookId, timestamp, delivery.payload);
    const started = Date.now();
    try {
      const response = await safePost(
        endpoint.url,
        delivery.payload,
        { 'webhook-id': webhookId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
        {
          allowHttp: this.config.WEBHOOK_ALLOW_HTTP,
          allowPrivateAddresses: this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
          timeoutMs: this.config.WEBHOOK_TIMEOUT_SECONDS * 1000,
          maxBodyBytes: RESPONSE_EXCERPT_BYTES,
        },
      );
      const status = response.status;
      const retryable = status === 408 || status === 429 || status >= 500;
      const outcome = { status, excerpt: response.body, durationMs: Date.now() - started, success: status >= 200 && status < 300, final: !retryable, retryAfter: retryAfterMs(response.headers['retry-after']) };
      if (status === 410) await this.disable(em, endpoint, 'The receiver answered 410 Gone.');
      return await this.settle(em, delivery, attemptNumber, outcome, endpoint, now);
    } catch (error) {
      const blocked = error instanceof BlockedAddressError;
      return this.settle(em, delivery, attemptNumber, { durationMs: Date.now() - started, error: (error as Error).message, final: blocked }, endpoint, now);
    }
  }

  private async settle(
    em: EntityManager,
    delivery: WebhookDelivery,
    attemptNumber: number,
    outcome: { status?: number; excerpt?: string; durationMs?: number; error?: string; success?: boolean; final: boolean; retryAfter?: number | null },
    endpoint: WebhookEndpoint | null,
    startedAt: Date,
  ): Promise<WebhookDeliveryStatus> {
    em.create(WebhookAttempt, {
      delivery,
      attemptNumber,
      startedAt,
      durationMs: outcome.durationMs ?? 0,
      responseStatus: outcome.status ?? null,
      responseExcerpt: outcome.excerpt?.slice(0, RESPONSE_EXCERPT_BYTES) ?? null,
      error: outcome.error ?? null,
    });
    delivery.attemptCount = attemptNumber;
    const delays = this.config.WEBHOOK_RETRY_DELAYS_SECONDS;
    if (outcome.success) {
      delivery.status = WebhookDeliveryStatus.SUCCEEDED;
    } else if (outcome.final || attemptNumber > delays.length) {
      delivery.status = WebhookDeliveryStatus.FAILED;
    } else {
      delivery.status = WebhookDeliveryStatus.RETRYING;
      const scheduled = delays[attemptNumber - 1] * 1000;
      // Retry-After may ask for later than the schedule, never for sooner, and at most a day.
      const wait = Math.min(Math.max(scheduled, outcome.retryAfter ?? 0), 24 * 3600_000);
      delivery.nextAttemptAt = new Date(Date.now() + wait);
    }
    if (delivery.status !== WebhookDeliveryStatus.RETRYING) {
      delivery.nextAttemptAt = null;
      delivery.completedAt = new Date();
    }
    await em.flush();
    if (delivery.status === WebhookDeliveryStatus.RETRYING) await scheduleDelivery(this.queues.webhookDeliveries, delivery.id, attemptNumber + 1, delivery.nextAttemptAt!);
    if (delivery.status === WebhookDeliveryStatus.FAILED) this.logger.warn({ deliveryId: delivery.id, endpoint: endpoint?.id, error: outcome.error, status: outcome.status }, 'webhook delivery failed for good');
    return delivery.status;
  }

  private async disable(em: EntityManager, endpoint: WebhookEndpoint, reason: string): Promise<void> {
    endpoint.enabled = false;
    endpoint.disabledAt = new Date();
    endpoint.disabledReason = reason;
    await em.flush();
  }

  /**
   * Re-enqueues deliveries that are due but have no job to send them (Redis flushed or restarted
   * without AOF, a crash mid-attempt). Bounded: at most 500 rows per call, found through the
   * (status, next_attempt_at) index, oldest due first; a delivery whose job is still queued is
   * left to it. Returns how many jobs it added.
   */
  async sweep(em: EntityManager, now = new Date()): Promise<number> {
    const due = await em.find(
      WebhookDelivery,
      { status: { $in: [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.RETRYING] }, $or: [{ nextAttemptAt: null, createdAt: { $lte: new Date(now.getTime() - 60_000) } }, { nextAttemptAt: { $lte: now } }] },
      { fields: ['id', 'attemptCount'], orderBy: { nextAttemptAt: 'asc' }, limit: 500 },
    );
    let requeued = 0;
    for (const delivery of due) if (await requeueDelivery(this.queues.webhookDeliveries, delivery.id, delivery.attemptCount + 1)) requeued++;
    return requeued;
  }
}

function markSkipped(delivery: WebhookDelivery): void {
  delivery.status = WebhookDeliveryStatus.SKIPPED;
  delivery.skippedReason = ENDPOINT_DISABLED_REASON;
  delivery.nextAttemptAt = null;
  delivery.completedAt = new Date();
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
function retryAfterMs(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
