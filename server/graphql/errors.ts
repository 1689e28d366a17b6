// GraphQL errors from the catalogue (schema/errors.ts), and the mapping of internal failures onto it before a client sees them.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import neo4j from 'neo4j-driver';
import { ErrorCode, errorMessage, errorStatus } from '../../schema/errors.js';
import { enumValueError } from './enum-errors.js';

/**
 * An error in a GraphQL answer: the field is null, the code is in `extensions.code`, and the response stays
 * 200 because other fields may have answered. `extensions` adds detail, such as the argument at fault.
 */
export function graphqlError(
  code: ErrorCode,
  message: string = errorMessage(code),
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * A whole request refused before any field runs (its key is unknown, or used from the wrong origin): nothing could
 * answer, so the HTTP response carries the code's status from the catalogue, as Apollo reads `extensions.http`.
 */
export function refusedRequest(code: ErrorCode, message: string = errorMessage(code)): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: errorStatus(code) } } });
}

/** Neo4j driver error codes that mean "the database cannot be reached right now", not "the query is wrong". */
const UNAVAILABLE = new Set<string>([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'ServiceUnavailable',
  'SessionExpired',
]);

/**
 * The error a resolver threw, beneath GraphQL's wrappers. Walked by property rather than `instanceof`,
 * because graphql's ESM and CommonJS builds can both be loaded and each has its own GraphQLError class.
 */
function rootCause(error: unknown): unknown {
  let current = error;
  while (
    current &&
    typeof current === 'object' &&
    'originalError' in current &&
    (current as { originalError?: unknown }).originalError
  ) {
    current = (current as { originalError: unknown }).originalError;
  }
  return current;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (UNAVAILABLE.has(code) || code.startsWith('Neo.TransientError.General.DatabaseUnavailable'))
  );
}

/** A formatted error with the catalogue's code and message in place of whatever the failure said. */
function replaced(code: ErrorCode, formatted: GraphQLFormattedError): GraphQLFormattedError {
  return { message: errorMessage(code), locations: formatted.locations, path: formatted.path, extensions: { code } };
}

/**
 * Shapes every error a client sees: known codes pass through with their message; database outages become
 * DB_UNAVAILABLE; anything else becomes a generic internal error, so no stack trace or Cypher leaves the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = rootCause(error);
  const code = formatted.extensions?.code;
  // GraphQL refuses an unknown enum value before any resolver runs, in words that name neither the argument nor what
  // it takes: the client's mistake, so BAD_USER_INPUT saying both (enum-errors.ts).
  const badEnum = enumValueError(error);
  if (badEnum)
    return { message: badEnum.message, locations: formatted.locations, extensions: { ...badEnum.extensions } };
  if (isDatabaseUnavailable(original)) return replaced(ErrorCode.DB_UNAVAILABLE, formatted);
  const driverCode = (original as { code?: unknown } | null)?.code;
  if (typeof driverCode === 'string' && driverCode.startsWith('Neo.ClientError.Transaction.TransactionTimedOut'))
    return replaced(ErrorCode.QUERY_TIMEOUT, formatted);
  // Apollo's own refusals of a malformed request carry an HTTP 4xx but no code (a persisted query whose hash does not
  // match the query sent with it): the client's mistake, so say what it was.
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  if (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR)
  ) {
    const message =
      formatted.message === 'provided sha does not match query'
        ? "The persisted query's sha256Hash is not the SHA-256 of the query sent with it: hash exactly the query text, or send the query alone."
        : formatted.message;
    return { message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  // Apollo's own codes (GRAPHQL_VALIDATION_FAILED, PERSISTED_QUERY_NOT_FOUND and the like) pass through as well:
  // they are Apollo's protocol with its clients, not ours to rename.
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return replaced(ErrorCode.INTERNAL_SERVER_ERROR, formatted);
}
