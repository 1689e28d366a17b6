// One write transaction with its statements pipelined: everything it writes is committed together, or nothing.
import neo4j, { type Session, type Transaction } from 'neo4j-driver';
import type { Database } from '../database.js';
import { Pipeline } from './pipeline.js';

/** A session for writing many statements. It takes all of a statement's records in one batch: loads read back tens of thousands of ids. */
export function writeSession(db: Database): Session {
  return db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE, fetchSize: -1 });
}

/**
 * Runs `work` in one transaction of `session`, giving it the transaction (for reads it needs answered before it goes
 * on) and a pipeline for its writes. Commits when `work` returns, unless `commit` is false (a dry run); rolls back
 * when it throws.
 */
export async function inTransaction<T>(
  session: Session,
  work: (tx: Transaction, writer: Pipeline) => Promise<T>,
  commit = true,
): Promise<T> {
  const tx = session.beginTransaction();
  try {
    const writer = new Pipeline(tx);
    const result = await work(tx, writer);
    await writer.drain();
    if (commit) await tx.commit();
    else await tx.rollback();
    return result;
  } catch (error) {
    if (tx.isOpen()) await tx.rollback();
    throw error;
  }
}
