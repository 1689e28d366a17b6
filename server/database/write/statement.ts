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

/** Rows per statement when one statement's list is cut into several: each row a few small reads and one write. */
export const STATEMENT_CHUNK = 2_000;

/**
 * The statements running `cypher` over `values` a chunk at a time, in order, each chunk given as `$values`, so no
 * statement's parameters or transaction state grows with the list: one statement per `size` values, none for none.
 */
export function chunkedStatements(cypher: string, values: readonly unknown[], size = STATEMENT_CHUNK): Statement[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a chunk holds at least one value, not ${size}`);
  const statements: Statement[] = [];
  for (let i = 0; i < values.length; i += size) {
    const part = values.slice(i, i + size);
    statements.push({ cypher, params: { values: part }, rows: part.length });
  }
  return statements;
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
