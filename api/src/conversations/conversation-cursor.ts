import { badUserInput } from '../errors/graphql-errors';

/** A conversation event's cursor: its message sequence number, made opaque. */
export function encodeEventCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

/** The sequence number behind a cursor; 0 (from the start) without one. */
export function decodeEventCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^seq:(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('Argument "after" is not a valid conversation event cursor.', { argumentName: 'after' });
  return Number(match[1]);
}
