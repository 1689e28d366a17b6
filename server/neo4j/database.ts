// The one Neo4j driver per process, and the queries every part of the service runs through it.
import neo4j, { type Driver, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { Neo4jTarget } from '../config.js';

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
  /** Runs one parameterised statement in a managed read or write transaction (retried on transient errors). */
  run<R extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>, mode?: 'READ' | 'WRITE'): Promise<QueryResult<R>>;
  close(): Promise<void>;
}

/** Neo4j stops any transaction that runs longer than `queryTimeoutMs`, so one heavy query cannot hold the database. */
export function connect(target: Neo4jTarget, queryTimeoutMs = 10_000): Database {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), DRIVER_CONFIG);
  return {
    driver,
    name: target.database,
    run: (cypher, params = {}, mode = 'READ') =>
      driver.executeQuery(cypher, params, {
        database: target.database,
        routing: mode === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
        transactionConfig: { timeout: queryTimeoutMs },
      }),
    close: () => driver.close(),
  };
}
