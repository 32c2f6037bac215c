import type { Config } from '../config/config';
import { fail, UserErrorsException, userError } from '../errors/user-error';
import { resolvedAddressProblem, urlProblem } from './safe-http';
import { WebhookErrorCode } from './webhook.errors';
import { ALL_EVENTS, KNOWN_WEBHOOK_EVENTS, wireEventType, type WebhookEventType } from './webhook-events';

// What an endpoint may be set to: its URL, its event types, the overlap of a secret rotation.

/** `rotateWebhookSecret`: how long the old secret keeps signing, by default and at most. */
export const DEFAULT_OVERLAP_SECONDS = 24 * 3600;
export const MAX_OVERLAP_SECONDS = 7 * 24 * 3600;

// Saving waits at most this long for the URL's name to resolve.
const SAVE_LOOKUP_TIMEOUT_MS = 5000;

export interface EndpointInput {
  url?: string | null;
  /** Wire strings (deprecated in the schema); with `eventTypes`, both. */
  events?: string[] | null;
  eventTypes?: WebhookEventType[] | null;
  description?: string | null;
  enabled?: boolean | null;
}

/**
 * Refuses bad input with every problem at once. The URL's form, then (unless private addresses are allowed, when there is nothing to
 * refuse) where its name resolves now: an unresolvable name is INVALID_URL, since nobody
 * could receive at it and where it leads cannot be checked.
 */
export async function checkEndpointInput(config: Config, input: EndpointInput, creating: boolean): Promise<void> {
  const errors = [];
  if (creating || input.url != null) {
    const url = input.url?.trim() ?? '';
    const { WEBHOOK_ALLOW_HTTP: allowHttp, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: allowPrivateAddresses } = config;
    const problem = urlProblem(url, { allowHttp, allowPrivateAddresses }) ?? (allowPrivateAddresses ? null : await resolvedAddressProblem(url, { timeoutMs: SAVE_LOOKUP_TIMEOUT_MS }));
    if (problem) errors.push(userError(problem.kind === 'private' ? WebhookErrorCode.PRIVATE_ADDRESS : WebhookErrorCode.INVALID_URL, problem.message, ['input', 'url']));
  }
  const events = requestedEvents(input);
  if (creating || events) {
    if (!events?.length) errors.push(userError(WebhookErrorCode.NO_EVENTS, 'Choose at least one event type (or ALL).', ['input', input.eventTypes ? 'eventTypes' : 'events']));
    input.events?.forEach((type, index) => {
      if (type !== ALL_EVENTS && !KNOWN_WEBHOOK_EVENTS.has(type)) {
        errors.push(userError(WebhookErrorCode.UNKNOWN_EVENT_TYPE, `"${type}" is not an event type. Known: ${[...KNOWN_WEBHOOK_EVENTS].join(', ')}.`, ['input', 'events', String(index)]));
      }
    });
  }
  if (errors.length) throw new UserErrorsException(errors);
}

/** The event types an input asks for, as wire strings (both fields, de-duplicated); null when it names none. */
export function requestedEvents(input: EndpointInput): string[] | null {
  if (input.events == null && input.eventTypes == null) return null;
  return [...new Set([...(input.events ?? []), ...(input.eventTypes ?? []).map(wireEventType)])];
}

/** `overlapSeconds` of a rotation, checked; a day when omitted. */
export function checkedOverlap(overlapSeconds: number | null | undefined): number {
  const overlap = overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > MAX_OVERLAP_SECONDS) {
    fail(WebhookErrorCode.INVALID_OVERLAP, `overlapSeconds is 0 to ${MAX_OVERLAP_SECONDS} (7 days); ${DEFAULT_OVERLAP_SECONDS} (a day) when omitted.`, ['overlapSeconds']);
  }
  return overlap;
}
