import { badUserInput } from '../errors/graphql-errors';

/** An activity event's place in its account's feed, made opaque. */
export function encodeActivityCursor(position: number): string {
  return Buffer.from(`activity:${position}`).toString('base64url');
}

/** The position behind a cursor; 0 (the beginning) without one. */
export function decodeActivityCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^activity:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('Argument "after" is not a valid activity cursor.', { argumentName: 'after' });
  return Number(match[1]);
}
