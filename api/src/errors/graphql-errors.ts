import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from '../logging/logger';

/** The `extensions.code` values clients can rely on. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** PostgreSQL or Redis is unreachable; HTTP 503 with Retry-After. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** Seconds a client is told to wait (Retry-After) when a service is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** `reason`: why a token that was good is refused now (`USER_DEACTIVATED`), as `extensions.reason`. */
export function unauthenticated(message = 'Sign in first: send a valid token in the Authorization header.', reason?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, ...(reason ? { reason } : {}), http: { status: 401 } } });
}

export function forbidden(message = 'You are not allowed to do this.', extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } });
}

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(`ChatOnce cannot reach its database or Redis right now. Try again in ${RETRY_AFTER_SECONDS} seconds.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } },
  });
}

// Codes whose messages are written for clients; anything else (INTERNAL_SERVER_ERROR included) is masked.
const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

// Connection-level failures of PostgreSQL (node-postgres, knex, MikroORM) and Redis (ioredis).
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE: 08xxx connection exceptions, 57P01-03 shutdown and "cannot connect now", 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_NAMES = new Set(['RedisUnavailableError', 'MaxRetriesPerRequestError', 'KnexTimeoutError', 'ConnectionException']);
const UNAVAILABLE_MESSAGES = [
  'Command timed out', // ioredis commandTimeout
  'Connection is closed.', // ioredis after a disconnect
  "Stream isn't writeable",
  'Socket timeout', // ioredis socketTimeout
  'Connection terminated', // node-postgres: unexpectedly, due to connection timeout
  'timeout exceeded when trying to connect',
  'Query read timeout',
];
// Too generic to look for inside other messages: node-postgres' connect timeout.
const UNAVAILABLE_EXACT_MESSAGES = new Set(['timeout expired']);

/**
 * Whether `error` (or what caused it) means PostgreSQL or Redis could not be reached, as
 * opposed to a bug: such errors are answered SERVICE_UNAVAILABLE, and clients retry.
 */
export function isServiceUnavailable(error: unknown, depth = 0): boolean {
  // Read by shape, not `instanceof`: driver errors may come from another realm (jest's VM),
  // and graphql-js wraps such values in a NonErrorThrown that keeps them as `thrownValue`.
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, name, message, extensions } = error as { code?: unknown; name?: unknown; message?: unknown; extensions?: { code?: unknown } };
  if (error instanceof GraphQLError && extensions?.code === ErrorCode.SERVICE_UNAVAILABLE) return true;
  if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
  if (!(error instanceof GraphQLError) && typeof message === 'string' && (UNAVAILABLE_EXACT_MESSAGES.has(message) || UNAVAILABLE_MESSAGES.some((known) => message.includes(known)))) return true;
  const { originalError, cause, thrownValue, errors } = error as { originalError?: unknown; cause?: unknown; thrownValue?: unknown; errors?: unknown };
  const nested = [originalError, cause, thrownValue, ...(Array.isArray(errors) ? errors : [])];
  return nested.some((inner) => isServiceUnavailable(inner, depth + 1));
}

/**
 * Rethrows outages as SERVICE_UNAVAILABLE (HTTP 503) where an error leaves GraphQL before the
 * formatter sees it: context creation, websocket connection.
 */
export function asGraphQLError(error: unknown): unknown {
  return !(error instanceof GraphQLError) && isServiceUnavailable(error) ? serviceUnavailable() : error;
}

export interface ErrorFormatterOptions {
  /** Strips "Did you mean …?" from validation errors, so the schema cannot be guessed field by field. */
  hideSuggestions?: boolean;
}

/**
 * The one place thrown errors become what clients see: validation failures become
 * BAD_USER_INPUT with the fields at fault, outages SERVICE_UNAVAILABLE, anything unexpected
 * is logged and masked.
 */
export function createErrorFormatter(logger: Logger, { hideSuggestions = false }: ErrorFormatterOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof ArgumentValidationError) {
      return {
        message: 'Invalid input: ' + original.extensions.validationErrors.flatMap((e) => describeValidationError(e)).join('; '),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields: original.extensions.validationErrors.flatMap((e) => fieldPaths(e)) },
      };
    }
    if (formatted.extensions?.code !== ErrorCode.SERVICE_UNAVAILABLE && isServiceUnavailable(error)) {
      logger.warn({ err: original, path: formatted.path }, 'a service is unavailable');
      return { message: serviceUnavailable().message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
    }
    // graphql-js gives up validating a document whose fields and fragments would take too long to compare.
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === 'Validation aborted.') {
      return {
        message: 'This document is too large or repetitive to validate: send fewer fields, aliases or fragment spreads.',
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
      };
    }
    // graphql-js's own complaints about a request (no resolver threw them, no field is at fault),
    // such as "Too many errors processing variables": the request is at fault, not the server.
    const message = hideSuggestions ? formatted.message.replace(/ ?Did you mean .+\?/g, '') : formatted.message;
    if (error instanceof GraphQLError && error.extensions.code === undefined && !error.originalError && !error.path) {
      return { ...formatted, message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * HTTP statuses from the errors of a response: 503 (with Retry-After) when a service is
 * unavailable. A client that asks for plain `application/json` (not
 * `application/graphql-response+json`) gets 200 for a request error, as GraphQL over HTTP
 * says for that media type; everyone else gets the 4xx.
 */
export function errorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const legacyJson = prefersPlainJson(request.http?.headers.get('accept'));
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length) return;
          if (errors.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          } else if (legacyJson && data === undefined && response.http.status === 400) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}

/** True when the Accept header ranks `application/json` above `application/graphql-response+json`. */
export function prefersPlainJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').map((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    return { range: range.trim(), q: q === undefined ? 1 : Number(q) };
  });
  const quality = (type: string) => {
    const [major] = type.split('/');
    const match = ranges.find((r) => r.range === type) ?? ranges.find((r) => r.range === `${major}/*`) ?? ranges.find((r) => r.range === '*/*');
    return match?.q ?? 0;
  };
  return quality('application/json') > quality('application/graphql-response+json');
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function describeValidationError(error: ValidationErrorLike, prefix = ''): string[] {
  const path = prefix ? `${prefix}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
  return own.concat((error.children ?? []).flatMap((child) => describeValidationError(child, path)));
}

function fieldPaths(error: ValidationErrorLike, prefix: string[] = []): string[][] {
  const path = [...prefix, error.property];
  const own = error.constraints ? [path] : [];
  return own.concat((error.children ?? []).flatMap((child) => fieldPaths(child, path)));
}
