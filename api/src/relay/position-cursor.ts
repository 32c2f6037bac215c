import { badUserInput } from '../errors/graphql-errors';

/**
 * Opaque cursors over a numeric position (a message's `seq`, an activity event's `position`),
 * as `base64url("<label>:<n>")`. Decoding gives 0 (the beginning) without a cursor.
 */
export function positionCursor(label: string, what: string) {
  const pattern = new RegExp(`^${label}:(\\d{1,15})$`);
  return {
    encode: (position: number): string => Buffer.from(`${label}:${position}`).toString('base64url'),
    decode: (cursor: string | null | undefined): number => {
      if (!cursor) return 0;
      const match = pattern.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (!match) throw badUserInput(`Argument "after" is not a valid ${what} cursor.`, { argumentName: 'after' });
      return Number(match[1]);
    },
  };
}

/** Cursor of a conversation event: its message's sequence number. */
export const conversationEventCursor = positionCursor('seq', 'conversation event');

/** Cursor of an activity event in its account's feed. */
export const activityCursor = positionCursor('activity', 'activity');
