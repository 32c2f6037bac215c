import type { EntityManager } from '@mikro-orm/core';
import type { ActivityEvent } from '../activity/activity-event.entity';
import { Contact } from '../contacts/contact.entity';
import { Conversation } from '../conversations/conversation.entity';
import { encodeGlobalId } from '../relay/global-id';
import type { WebhookDelivery } from './webhook.entity';
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from './webhook-events';

/** The Standard Webhooks body of an activity event: `{ type, timestamp, data }`, IDs as the API shows them. */
export async function eventPayload(tem: EntityManager, event: ActivityEvent) {
  const contact = event.contact ? await tem.findOne(Contact, event.contact.id) : null;
  const conversation = event.conversation ? await tem.findOne(Conversation, event.conversation.id) : null;
  return {
    type: WEBHOOK_EVENT_TYPES[event.type],
    timestamp: event.occurredAt.toISOString(),
    data: {
      eventId: event.nodeId,
      activityType: event.type,
      accountId: encodeGlobalId('Account', event.account.id),
      actor: { kind: event.actorKind, userId: event.actorUser ? encodeGlobalId('User', event.actorUser.id) : null },
      contact: contact && { id: contact.nodeId, name: contact.name ?? null, email: contact.email ?? null, fields: contact.fields },
      conversation: conversation && {
        id: conversation.nodeId,
        status: conversation.status,
        endReason: conversation.endReason ?? null,
        assigneeId: conversation.assignee ? encodeGlobalId('User', conversation.assignee.id) : null,
        pageUrl: conversation.pageUrl ?? null,
      },
      details: event.data,
    },
  };
}

/** The body of a `sendTestWebhook` delivery. */
export function testPayload(delivery: WebhookDelivery, now: Date) {
  return {
    type: TEST_EVENT_TYPE,
    timestamp: now.toISOString(),
    data: {
      accountId: encodeGlobalId('Account', delivery.account.id),
      endpointId: encodeGlobalId('WebhookEndpoint', delivery.endpoint.id),
      deliveryId: delivery.nodeId,
      message: 'A test event sent with sendTestWebhook: answer 2xx and it shows as SUCCEEDED.',
    },
  };
}

/**
 * For `deleteContact`, after the contact and its events' data were erased (and flushed): every
 * stored body of an event of the contact or its conversations gets the erased contact, the
 * erased details and no page URL, so neither a retry nor a redelivery sends the personal data
 * again. One statement, however many deliveries. Returns how many bodies were rewritten.
 */
export async function eraseContactFromPayloads(tem: EntityManager, contact: Contact, conversationIds: string[]): Promise<number> {
  const erased = JSON.stringify({ id: contact.nodeId, name: null, email: null, fields: {} });
  const result = await tem.getConnection().execute<{ affectedRows: number }>(
    `update webhook_deliveries d
        set payload = jsonb_set(jsonb_set(jsonb_set(d.payload::jsonb, '{data,contact}', ?::jsonb), '{data,details}', e.data), '{data,conversation,pageUrl}', 'null')::text
       from activity_events e
      where d.event_id = e.id and (e.contact_id = ? or e.conversation_id = any(?::uuid[]))
        -- the unique (endpoint_id, event_id) index finds them: a few endpoints per account
        and d.endpoint_id in (select id from webhook_endpoints where account_id = ?)`,
    [erased, contact.id, `{${conversationIds.join(',')}}`, contact.account.id],
    'run',
    tem.getTransactionContext(),
  );
  return result.affectedRows;
}
