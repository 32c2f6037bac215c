/** userError codes of AUTO assignment. */
export const RoutingErrorCode = {
  /** acceptChat: the chat is offered to another user right now. */
  NOT_OFFERED: 'NOT_OFFERED',
} as const;

/** Why routing ran for a chat (`data.trigger` of LIVE_CHAT_OFFERED and LIVE_CHAT_POOLED). */
export enum RoutingTrigger {
  WAITING = 'WAITING',
  OFFER_EXPIRED = 'OFFER_EXPIRED',
  OFFEREE_UNAVAILABLE = 'OFFEREE_UNAVAILABLE',
  AGENT_AVAILABLE = 'AGENT_AVAILABLE',
  ASSIGNMENT_CHANGED = 'ASSIGNMENT_CHANGED',
}
