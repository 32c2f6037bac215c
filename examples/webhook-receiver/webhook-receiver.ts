// Receives ChatOnce webhooks: verifies the signature over the raw body, answers at once, and
// skips deliveries it has already seen. How to run it: examples/README.md.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The body ChatOnce POSTs (see docs/INTEGRATIONS.md for `data`). */
export interface WebhookEvent {
  type: string;
  timestamp: string;
  data: Record<string, any>;
}

const TOLERANCE_SECONDS = 5 * 60;
const MAX_BODY_BYTES = 1024 * 1024;
const REMEMBERED_IDS = 10_000;

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of "id.timestamp.body", keyed with the secret's base64 part. */
export function verifySignature(secret: string, headers: IncomingHttpHeaders, rawBody: Buffer, now = Date.now()): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  // An old (or future) timestamp is a replayed capture: refuse it.
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();
  // The header may carry several space-separated signatures (during a secret rotation).
  return signatures.split(' ').some((candidate) => {
    const [version, signature = ''] = candidate.split(',');
    const given = Buffer.from(signature, 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Where to listen, the secret to verify with, and what to do with each event. */
export interface WebhookReceiverOptions {
  /** 0 for any free port. */
  port: number;
  /** The endpoint's signing secret (`whsec_…`), from createWebhookEndpoint. */
  secret: string;
  /** Runs after the 204 is sent, once per `webhook-id`. (In production, store the event durably before answering.) */
  onEvent?: (event: WebhookEvent, webhookId: string) => void | Promise<void>;
}

/** Starts the receiver; `url` is where it listens (POST to any path). */
export async function startWebhookReceiver({ port, secret, onEvent = (event) => console.log(event.type) }: WebhookReceiverOptions) {
  // Recently seen ids, oldest first: a retry or a redelivery has the same `webhook-id`.
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (response.headersSent) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return void response.writeHead(413).end();
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (response.headersSent) return;
      const body = Buffer.concat(chunks);
      if (!verifySignature(secret, request.headers, body)) return void response.writeHead(401).end('bad signature');
      const id = request.headers['webhook-id'] as string;
      if (seen.has(id)) return void response.writeHead(200).end('already received');
      let event: WebhookEvent;
      try {
        event = JSON.parse(body.toString('utf8')) as WebhookEvent;
      } catch {
        return void response.writeHead(400).end('not JSON');
      }
      seen.add(id);
      if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value!);
      // Answer first: ChatOnce waits 10 s at most, and retries what it did not get a 2xx for.
      response.writeHead(204).end();
      Promise.resolve()
        .then(() => onEvent(event, id))
        .catch((error) => console.error(`webhook ${id} (${event.type}) failed:`, error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/webhooks/chatonce`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

if (require.main === module) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) {
    console.error('Set WEBHOOK_SECRET to the endpoint’s signing secret (whsec_…, from createWebhookEndpoint).');
    process.exit(1);
  }
  startWebhookReceiver({
    port: Number(process.env.PORT ?? 3000),
    secret,
    onEvent: (event, id) => console.log(event.timestamp, event.type, id, event.data.contact?.email ?? ''),
  }).then((receiver) => console.log(`webhook receiver listening on port ${receiver.port}`));
}
