import { fromGlobalId, toGlobalId } from 'graphql-relay';
import { GraphQLError } from 'graphql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID as PostgreSQL's uuid type accepts it (anything else is a driver error). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The opaque `ID` a client sees: base64 of `Type:uuid`, as Relay does. */
export function encodeGlobalId(typeName: string, id: string): string {
  return toGlobalId(typeName, id);
}

/** Decodes a global ID; null when it is not one of ours (so callers answer "not found"). */
export function decodeGlobalId(globalId: string): { typeName: string; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null;
  const { type, id } = fromGlobalId(globalId);
  if (!type || !isUuid(id)) return null;
  return { typeName: type, id };
}

/**
 * Decodes a global ID that must name a `typeName`; a malformed or foreign ID is
 * `BAD_USER_INPUT`, because the caller sent something that can never resolve.
 */
export function expectGlobalId(globalId: string, typeName: string, argumentName = 'id'): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || decoded.typeName !== typeName) {
    throw new GraphQLError(`Argument "${argumentName}" is not a valid ${typeName} ID.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  }
  return decoded.id;
}
