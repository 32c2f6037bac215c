/** Pub/sub routing keys; the dynamic id narrows each to one user, conversation or account. */
export const Topic = {
  /** Inbox events for one user (fanned out to accepting users at publish time). */
  INBOX: 'INBOX',
  /** Chats assigned to, or ended for, one user. */
  ASSIGNED: 'ASSIGNED',
  /** New messages of one conversation, by sequence number. */
  CONVERSATION: 'CONVERSATION',
  /** Activity events of one account. */
  ACTIVITY: 'ACTIVITY',
  /** Revoked API keys (dynamic id `all`): every API process closes their websockets. */
  API_KEY_REVOKED: 'API_KEY_REVOKED',
} as const;
