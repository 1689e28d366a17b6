// A write statement, and the simplest way to run one: on its own, as one transaction retried on transient errors.
import type { QueryResult } from 'neo4j-driver';
import type { Database } from '../database.js';

/** One parameterised statement; its rows count towards a batched writer's transaction size. */
export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
  rows: number;
  /** Called with the statement's result once Neo4j has run it; what it throws fails the write. */
  onResult?: (result: QueryResult) => void;
}

/** Where a run of statements goes: one pipelined transaction, or (a bulk load) one transaction after another. */
export interface Writer {
  run(statement: Statement): Promise<void>;
  /** Waits until every statement sent so far has run. */
  drain(): Promise<void>;
}

/**
 * Runs one statement as a transaction of its own, retried by the driver on transient errors and sharing the
 * bookmarks that reads use, so an admin's next read sees the edit. Returns the result.
 */
export async function writeOne(db: Database, { cypher, params, onResult }: Statement): Promise<QueryResult> {
  const result = await db.run(cypher, params, 'WRITE');
  onResult?.(result);
  return result;
}
