// What every resolver receives for one request, and how it is made.
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '../../schema/roles.js';
import { createLoaders, type Loaders } from '../database/loaders.js';
import type { Database } from '../database/database.js';

export interface Context {
  /** The database, counting this request's round trips. */
  db: Database;
  /** The request's child logger: every line carries the request id. */
  log: FastifyBaseLogger;
  requestId: string;
  version: string;
  loaders: Loaders;
  /** Database round trips made for this request so far; reported, and asserted by tests, to keep N+1 out. */
  roundTrips: { count: number };
  /** Who is asking: the role of the request's key or sign-in token, or public without one (server/graphql/access.ts). */
  role: Role;
  /** Who is asking, as the audit trail names them: a key's name and id, a sign-in subject, or "bootstrap token". */
  principal: string;
  /**
   * Aborted when the client goes before its answer is sent, so that work done only for this answer (an analysis on
   * a worker thread) stops rather than spend a core for seconds on it. Not given outside an HTTP request.
   */
  signal?: AbortSignal;
}

export function createContext(
  db: Database,
  log: FastifyBaseLogger,
  requestId: string,
  version: string,
  role: Role = 'public',
  principal: string = role,
  signal?: AbortSignal,
): Context {
  const roundTrips = { count: 0 };
  const counted: Database = {
    ...db,
    run: (cypher, params, mode) => {
      roundTrips.count += 1;
      return db.run(cypher, params, mode);
    },
  };
  return { db: counted, log, requestId, version, loaders: createLoaders(counted), roundTrips, role, principal, signal };
}
