// The one catalogue of client-facing error codes, and the mapping of internal failures onto it.
import type { GraphQLFormattedError } from 'graphql';
import neo4j from 'neo4j-driver';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  DB_UNAVAILABLE: 'DB_UNAVAILABLE',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Neo4j driver error codes that mean "the database cannot be reached right now", not "the query is wrong". */
const UNAVAILABLE = new Set<string>([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED, 'ServiceUnavailable', 'SessionExpired']);

/**
 * The error a resolver threw, beneath GraphQL's wrappers. Walked by property rather than `instanceof`,
 * because graphql's ESM and CommonJS builds can both be loaded and each has its own GraphQLError class.
 */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current && typeof current === 'object' && 'originalError' in current && (current as { originalError?: unknown }).originalError) {
    current = (current as { originalError: unknown }).originalError;
  }
  return current;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (UNAVAILABLE.has(code) || code.startsWith('Neo.TransientError.General.DatabaseUnavailable'));
}

/**
 * Shapes every error a client sees: known codes pass through with their message; database outages become
 * DB_UNAVAILABLE; anything else becomes a generic internal error, so no stack trace or Cypher leaves the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = rootCause(error);
  const code = formatted.extensions?.code;
  if (isDatabaseUnavailable(original)) {
    return { message: 'The database is unavailable; try again shortly.', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.DB_UNAVAILABLE } };
  }
  const driverCode = (original as { code?: unknown } | null)?.code;
  if (typeof driverCode === 'string' && driverCode.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return { message: 'The query took too long and was stopped; ask for less (a smaller depth or page).', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.QUERY_TIMEOUT } };
  }
  // Apollo's own refusals of a malformed request carry an HTTP 4xx but no code (a persisted query whose hash does not
  // match the query sent with it): the client's mistake, so say what it was.
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR)) {
    const message = formatted.message === 'provided sha does not match query'
      ? 'The persisted query\'s sha256Hash is not the SHA-256 of the query sent with it: hash exactly the query text, or send the query alone.'
      : formatted.message;
    return { message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: 'Internal server error.', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
