// The one catalogue of client-facing errors: each stable code with its HTTP status and default message. Pure data, browser-safe.

/**
 * Each code once, as Fastify's lib/errors.js does: the HTTP status a request refused with it gets, and the message
 * a client sees when the call site has nothing more specific to say. The codes are what clients branch on
 * (GraphQL `extensions.code`, the `error` field of a REST answer), so they never change; messages may.
 */
export const ERRORS = {
  /**
   * The HTTP request itself could not be read (malformed JSON, an unsupported content type, a body too large, a
   * GraphQL request without a query). Apollo Server uses the same code for its own such refusals.
   */
  BAD_REQUEST: { status: 400, message: () => 'Bad request.' },
  /** An argument, a query parameter or a field of an import is not valid. */
  BAD_USER_INPUT: {
    status: 400,
    message: () => 'A value in the request is not valid: check the arguments against the schema.',
  },
  UNAUTHENTICATED: { status: 401, message: () => 'This needs a key: send it as "Authorization: Bearer <key>".' },
  FORBIDDEN: { status: 403, message: () => 'This key may not do that: ask an admin for a key with the role it needs.' },
  NOT_FOUND: {
    status: 404,
    message: (what = 'thing', id?: string) =>
      id === undefined ? `No ${what} has that id.` : `No ${what} has id ${id}.`,
  },
  /** Someone else changed or created it first. */
  CONFLICT: {
    status: 409,
    message: () => 'It has changed since you read it: reload it, reapply your change and try again.',
  },
  RATE_LIMITED: {
    status: 429,
    message: (perMinute?: number, retryInSeconds?: number) =>
      perMinute === undefined
        ? 'Too many requests: try again in a minute.'
        : `Too many requests: at most ${perMinute} a minute. Try again in ${retryInSeconds ?? 60} s.`,
  },
  /** An import was sent while another one, through any instance, still holds the import lease. */
  IMPORT_RUNNING: {
    status: 409,
    message: () => 'Another import is running: wait for it to finish and send yours again.',
  },
  /** A restore was sent to a database that holds data: restoring merges nothing, it only fills an empty database. */
  DATABASE_NOT_EMPTY: {
    status: 409,
    message: () => 'The database already holds data: restore only into an empty database.',
  },
  /** An upload (an import's files, a backup to restore) is larger than the service accepts. */
  UPLOAD_TOO_LARGE: {
    status: 413,
    message: (limitMb?: number) =>
      limitMb === undefined
        ? 'The upload is too large.'
        : `The upload is larger than ${limitMb} MB, the most this service accepts (ADMIN_UPLOAD_LIMIT_MB): send fewer or smaller files.`,
  },
  /** A route that reads files was sent a body of another kind. */
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: () => 'The body is not of a type this route reads: send the files as multipart/form-data.',
  },
  INTERNAL_SERVER_ERROR: { status: 500, message: () => 'Internal server error.' },
  DB_UNAVAILABLE: { status: 503, message: () => 'The database is unavailable; try again shortly.' },
  /** The graph kept changing while an online backup read it, so no consistent snapshot could be taken in time. */
  SNAPSHOT_BUSY: {
    status: 503,
    message: () => 'The graph kept changing while the backup read it: try again in a minute.',
  },
  /**
   * Every thread this instance gives to heavy analyses (communities) is busy and the few places to wait are taken:
   * refused at once, with Retry-After, rather than left to queue until it times out. Another instance may answer.
   */
  ANALYTICS_BUSY: {
    status: 503,
    message: (retryInSeconds?: number) =>
      `The service is already running as many analyses like this one as it runs at once: try again in ${retryInSeconds ?? 5} s.`,
  },
  /**
   * The client went (closed its connection) before its answer was ready, and the work done only for it (an analysis on
   * a worker thread) was stopped. No client reads it: it is named, with nginx's 499, so that logs and metrics tell a
   * departure from a failure.
   */
  CLIENT_CLOSED_REQUEST: {
    status: 499,
    message: () => 'The client closed the request before its answer was ready, so the work for it was stopped.',
  },
  /** Neo4j stopped a query that ran past QUERY_TIMEOUT_MS: the question was too big, so asking again will not help. */
  QUERY_TIMEOUT: {
    status: 504,
    message: () => 'The query took too long and was stopped; ask for less (a smaller depth or page).',
  },

  // Apollo Server's own codes, which it sends with these statuses before any resolver runs. They are listed so that
  // clients (the widgets) know every code the service can send; the messages are Apollo's, these are only defaults.
  GRAPHQL_PARSE_FAILED: { status: 400, message: () => 'The query is not valid GraphQL.' },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    message: () => 'The query does not fit the schema or goes past its limits.',
  },
  OPERATION_RESOLUTION_FAILURE: { status: 400, message: () => 'The document has no operation by the name asked for.' },
  /** Sent with 200 on purpose: the client (the widgets do) answers it by sending the query text with its hash. */
  PERSISTED_QUERY_NOT_FOUND: { status: 200, message: () => 'PersistedQueryNotFound' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 200, message: () => 'PersistedQueryNotSupported' },
} as const satisfies Readonly<
  Record<string, { readonly status: number; readonly message: (...details: never[]) => string }>
>;

export type ErrorCode = keyof typeof ERRORS;

/** The codes by name, so call sites write `ErrorCode.NOT_FOUND` and a misspelling fails to compile. */
export const ErrorCode = Object.freeze(Object.fromEntries(Object.keys(ERRORS).map((code) => [code, code]))) as {
  readonly [C in ErrorCode]: C;
};

/** What a code's message template takes: a NOT_FOUND names the kind of thing and its id, a RATE_LIMITED the limit and wait. */
export type MessageDetails<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['message']>;

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERRORS, value);

export const errorStatus = (code: ErrorCode): number => ERRORS[code].status;

/** A code's default message, filled in with the details its template takes. */
export function errorMessage<C extends ErrorCode>(code: C, ...details: MessageDetails<C>): string {
  return (ERRORS[code].message as (...args: MessageDetails<C>) => string)(...details);
}

/** The body of a REST answer that refuses a request: the code a client branches on and a sentence it can show. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
}
