// The one Neo4j driver per process, and the queries every part of the service runs through it.
import neo4j, { isRetryableError, type Driver, type QueryResult, type RecordShape } from 'neo4j-driver';

/** Where a Neo4j is and how to sign in to it: NEO4J_URI and friends (server/config.ts), or the local one's own. */
export interface Neo4jTarget {
  uri: string;
  username: string;
  password: string;
  database: string;
}

/** Short timeouts so that requests fail fast with DB_UNAVAILABLE instead of hanging when Neo4j is gone. */
const DRIVER_CONFIG = {
  connectionTimeout: 5_000,
  connectionAcquisitionTimeout: 5_000,
  maxConnectionPoolSize: 50,
  maxTransactionRetryTime: 5_000,
  disableLosslessIntegers: true,
  userAgent: 'partnership-hub',
} as const;

export interface Database {
  driver: Driver;
  name: string;
  /** Runs one parameterised statement, read or write, retried on transient errors. */
  run<R extends RecordShape = RecordShape>(
    cypher: string,
    params?: Record<string, unknown>,
    mode?: 'READ' | 'WRITE',
  ): Promise<QueryResult<R>>;
  close(): Promise<void>;
}

/** One statement's trip to Neo4j, as observers (the metrics) are told of it. */
export interface RoundTrip {
  mode: 'READ' | 'WRITE';
  /** The statement's text, never its parameters: tracing keeps its first words. */
  cypher: string;
  /** When the statement was sent, in milliseconds since the epoch. */
  startedAt: number;
  /** From sending the statement to holding its whole result, as this process saw it. */
  seconds: number;
  /** Neo4j's own time (until the first record, plus until the last), when the statement succeeded. */
  neo4jMs?: number;
  failed: boolean;
}

const roundTripObservers = new Set<(trip: RoundTrip) => void>();

/**
 * Tells `observer` of every round trip any Database in this process makes; returns the way to stop. A hook rather
 * than an import, so that this layer knows nothing of metrics or tracing.
 */
export function observeRoundTrips(observer: (trip: RoundTrip) => void): () => void {
  roundTripObservers.add(observer);
  return () => roundTripObservers.delete(observer);
}

/** Runs `statement`, telling the observers how it went; free when nobody observes. */
async function observed<R extends RecordShape>(
  mode: 'READ' | 'WRITE',
  cypher: string,
  statement: () => Promise<QueryResult<R>>,
): Promise<QueryResult<R>> {
  if (roundTripObservers.size === 0) return statement();
  const started = performance.now();
  const tell = (trip: Pick<RoundTrip, 'neo4jMs' | 'failed'>) => {
    const seconds = (performance.now() - started) / 1000;
    const startedAt = performance.timeOrigin + started;
    for (const observer of roundTripObservers) observer({ mode, cypher, startedAt, seconds, ...trip });
  };
  try {
    const result = await statement();
    const { resultAvailableAfter, resultConsumedAfter } = result.summary;
    tell({ failed: false, neo4jMs: Number(resultAvailableAfter) + Number(resultConsumedAfter) });
    return result;
  } catch (error) {
    tell({ failed: true });
    throw error;
  }
}

/**
 * Starts a statement with V8 recording no stack frames for the errors made meanwhile. The driver builds and formats an
 * Error for every statement it starts, to give a failure its caller's stack: 0.2 ms of the service's CPU each time, a
 * tenth of a directory search's, for the rare statement that fails. `withCallerStack` gives a failure that stack when
 * it happens instead. Only the synchronous start is covered: the limit is V8's, for the whole process. The driver
 * captures in its Result's constructor (neo4j-driver-core's result.ts); test/integration/neo4j/database.test.ts fails
 * if an update moves that capture out of session.run's synchronous call, where this would silently save nothing.
 */
function withoutStackCapture<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A failed statement's error, with the stack of the code awaiting it (V8 follows the awaits) after Neo4j's message. */
function withCallerStack(error: unknown): unknown {
  if (error instanceof Error) {
    const caller = new Error('run from').stack ?? '';
    error.stack = `${error.name}: ${error.message}\n${caller.slice(caller.indexOf('\n') + 1)}`;
  }
  return error;
}

/** Whether the driver routes statements among a cluster's servers (neo4j://, neo4j+s://), not to one server (bolt://). */
export function routesToACluster(uri: string): boolean {
  return /^neo4j(\+s|\+ssc)?:\/\//i.test(uri);
}

/** Reads retried after a transient error (a leader change, a lost connection), spaced out a little each time. */
const READ_ATTEMPTS = 3;

/** Neo4j stops any transaction that runs longer than `queryTimeoutMs`, so one heavy query cannot hold the database. */
export function connect(target: Neo4jTarget, queryTimeoutMs = 10_000): Database {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), DRIVER_CONFIG);
  const transactionConfig = { timeout: queryTimeoutMs };

  // Reads run as auto-commit transactions: one exchange with the server where a managed transaction needs two
  // (BEGIN and RUN, then COMMIT), which halves Neo4j's work per read when a request makes several small ones.
  // Through a cluster's routing they share executeQuery's bookmarks, so a read after a write still sees it when reads go
  // to a follower. A direct connection (bolt://) has one server, which shows every committed write to what comes after:
  // there the bookmarks would only cost each read a wait on the manager (about 0.1 ms of the service's CPU).
  const bookmarkManager = routesToACluster(target.uri) ? driver.executeQueryBookmarkManager : undefined;
  async function read<R extends RecordShape>(cypher: string, params: Record<string, unknown>): Promise<QueryResult<R>> {
    for (let attempt = 1; ; attempt += 1) {
      const session = driver.session({
        database: target.database,
        defaultAccessMode: neo4j.session.READ,
        bookmarkManager,
      });
      try {
        return (await withoutStackCapture(() => session.run<R>(cypher, params, transactionConfig))) as QueryResult<R>;
      } catch (error) {
        if (attempt >= READ_ATTEMPTS || !isRetryableError(error)) throw withCallerStack(error);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      } finally {
        await session.close();
      }
    }
  }

  return {
    driver,
    name: target.database,
    run: (cypher, params = {}, mode = 'READ') =>
      mode === 'READ'
        ? observed(mode, cypher, () => read(cypher, params))
        : observed(mode, cypher, () =>
            driver.executeQuery(cypher, params, {
              database: target.database,
              routing: neo4j.routing.WRITE,
              transactionConfig,
            }),
          ),
    close: () => driver.close(),
  };
}
