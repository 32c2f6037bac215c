/** Pub/sub routing keys; the dynamic id narrows each to one user, conversation or account. */
export const Topic = {
  /**
   * Inbox events: by account id, one message per event for all its users; by user id, the
   * user's accepting switch and the chats waiting when they turned it on. Each subscriber
   * filters the account's events by its own switch.
   */
  INBOX: 'INBOX',
  /** Chats assigned to, transferred to or from, or ended for, one user. */
  ASSIGNED: 'ASSIGNED',
  /** New messages of one conversation, by sequence number. */
  CONVERSATION: 'CONVERSATION',
  /** Ephemeral signals of one conversation (typing, presence, read), never replayed (presence/). */
  SIGNALS: 'SIGNALS',
  /** Activity events of one account. */
  ACTIVITY: 'ACTIVITY',
  /** Revoked API keys (dynamic id `all`): every API process closes their websockets. */
  API_KEY_REVOKED: 'API_KEY_REVOKED',
  /** Users deactivated or given another role (dynamic id `all`): every API process closes their websockets. */
  USER_ACCESS_CHANGED: 'USER_ACCESS_CHANGED',
  /** What each commit changed (dynamic id `all`): every process's read caches drop it (caching/change-feed.ts). */
  CHANGES: 'CHANGES',
} as const;
