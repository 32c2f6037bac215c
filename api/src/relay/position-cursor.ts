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

/**
 * Position cursors bound to the stream they were issued in (an account's feed), as
 * `base64url("<label>:<scope uuid>:<n>")`: a cursor of another stream is refused rather than
 * silently skipping to a position that means something else there.
 */
export function scopedPositionCursor(label: string, what: string) {
  const pattern = new RegExp(`^${label}:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\\d{1,15})$`);
  return {
    encode: (scopeId: string, position: number): string => Buffer.from(`${label}:${scopeId}:${position}`).toString('base64url'),
    decode: (cursor: string | null | undefined, scopeId: string, argumentName = 'after'): number => {
      if (!cursor) return 0;
      const match = pattern.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (!match || match[1] !== scopeId) throw badUserInput(`Argument "${argumentName}" is not a valid ${what} cursor: pass the \`cursor\` of an event you received.`, { argumentName });
      return Number(match[2]);
    },
  };
}

/** Cursor of a conversation event: its message's sequence number. */
export const conversationEventCursor = positionCursor('seq', 'conversation event');

/** Cursor of an activity event in its account's feed (and only there). */
export const activityCursor = scopedPositionCursor('activity', 'activity');
