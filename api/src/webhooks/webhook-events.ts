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
  [ActivityEventType.LIVE_CHAT_OFFERED]: 'live_chat.offered',
  [ActivityEventType.LIVE_CHAT_POOLED]: 'live_chat.pooled',
  [ActivityEventType.LIVE_CHAT_TIMED_OUT]: 'live_chat.timed_out',
  [ActivityEventType.LIVE_CHAT_ENDED]: 'live_chat.ended',
  [ActivityEventType.CONVERSATION_ENDED]: 'conversation.ended',
  [ActivityEventType.MESSAGE_CREATED]: 'message.created',
  [ActivityEventType.CONVERSATION_RATED]: 'conversation.rated',
  [ActivityEventType.OFFLINE_MESSAGE_LEFT]: 'offline_message.left',
};

/** Subscribes an endpoint to every event type, present and future. */
export const ALL_EVENTS = '*';

export const KNOWN_WEBHOOK_EVENTS = new Set(Object.values(WEBHOOK_EVENT_TYPES));

export function endpointWants(events: string[], type: ActivityEventType): boolean {
  return events.includes(ALL_EVENTS) || events.includes(WEBHOOK_EVENT_TYPES[type]);
}
