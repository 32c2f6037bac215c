/** userError codes of typing, presence and read state. */
export const SignalErrorCode = {
  CONVERSATION_NOT_FOUND: 'CONVERSATION_NOT_FOUND',
  /** setTyping by a user who is neither the chat's assignee nor an admin. */
  NOT_ASSIGNED: 'NOT_ASSIGNED',
  /** More setTyping calls than TYPING_SIGNALS_PER_MINUTE from one participant of one conversation. */
  TOO_MANY_SIGNALS: 'TOO_MANY_SIGNALS',
  /** markRead with a cursor that is not a message cursor of this conversation. */
  INVALID_CURSOR: 'INVALID_CURSOR',
} as const;
