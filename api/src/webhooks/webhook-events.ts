import { registerEnumType } from 'type-graphql';
import { ActivityEventType } from '../activity/activity-event.entity';

/** Webhook event types, named after the activity stream in the usual `noun.verb` form. */
export const WEBHOOK_EVENT_TYPES: Record<ActivityEventType, string> = {
  [ActivityEventType.CONVERSATION_STARTED]: 'conversation.started',
  [ActivityEventType.CONTACT_CREATED]: 'contact.created',
  [ActivityEventType.CONTACT_QUALIFIED]: 'contact.qualified',
  [ActivityEventType.CONTACT_DETAILS_CAPTURED]: 'contact.details_captured',
  [ActivityEventType.LIVE_CHAT_REQUESTED]: 'live_chat.requested',
  [ActivityEventType.LIVE_CHAT_ACCEPTED]: 'live_chat.accepted',
  [ActivityEventType.LIVE_CHAT_TRANSFERRED]: 'live_chat.transferred',
  [ActivityEventType.LIVE_CHAT_REQUEUED]: 'live_chat.requeued',
  [ActivityEventType.LIVE_CHAT_OFFERED]: 'live_chat.offered',
  [ActivityEventType.LIVE_CHAT_POOLED]: 'live_chat.pooled',
  [ActivityEventType.LIVE_CHAT_TIMED_OUT]: 'live_chat.timed_out',
  [ActivityEventType.LIVE_CHAT_ENDED]: 'live_chat.ended',
  [ActivityEventType.CONVERSATION_ENDED]: 'conversation.ended',
  [ActivityEventType.MESSAGE_CREATED]: 'message.created',
  [ActivityEventType.CONVERSATION_RATED]: 'conversation.rated',
  [ActivityEventType.OFFLINE_MESSAGE_LEFT]: 'offline_message.left',
  [ActivityEventType.CONTACTS_MERGED]: 'contact.merged',
  [ActivityEventType.CONTACT_DELETED]: 'contact.deleted',
};

/** Subscribes an endpoint to every event type, present and future. */
export const ALL_EVENTS = '*';

/** The type of the event `sendTestWebhook` sends; no endpoint subscribes to it, each gets it on request. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const KNOWN_WEBHOOK_EVENTS = new Set(Object.values(WEBHOOK_EVENT_TYPES));

export function endpointWants(events: string[], type: ActivityEventType): boolean {
  return events.includes(ALL_EVENTS) || events.includes(WEBHOOK_EVENT_TYPES[type]);
}

/**
 * The event types an endpoint subscribes to, as a schema enum: one value per activity event type
 * (same name) and `ALL`. The wire (the body's `type`, the stored subscription) keeps the strings.
 */
export const WebhookEventType = { ...ActivityEventType, ALL: 'ALL' } as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'A webhook event type an endpoint can subscribe to. On the wire (the body’s `type`, `WebhookEndpoint.events`) each is the string in its description.',
  valuesConfig: {
    ...Object.fromEntries(Object.entries(WEBHOOK_EVENT_TYPES).map(([type, wire]) => [type, { description: `\`${wire}\`: see ActivityEventType.${type}.` }])),
    ALL: { description: '`*`: every event type, present and future.' },
  },
});

/** The wire string of an enum value. */
export function wireEventType(type: WebhookEventType): string {
  return type === WebhookEventType.ALL ? ALL_EVENTS : WEBHOOK_EVENT_TYPES[type as ActivityEventType];
}

/** The enum value of a stored wire string; null for a string no longer known. */
export function enumEventType(wire: string): WebhookEventType | null {
  if (wire === ALL_EVENTS) return WebhookEventType.ALL;
  const found = Object.entries(WEBHOOK_EVENT_TYPES).find(([, value]) => value === wire);
  return found ? (found[0] as ActivityEventType) : null;
}
