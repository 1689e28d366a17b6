// What every resolver receives for one request.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../neo4j/database.js';

export interface Context {
  db: Database;
  /** The request's child logger: every line carries the request id. */
  log: FastifyBaseLogger;
  requestId: string;
  version: string;
}
