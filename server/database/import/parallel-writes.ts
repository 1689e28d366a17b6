// A bulk load's creations written by one or more sessions at once, in transactions of so many rows, retried on deadlock.
import type { QueryResult, Session } from 'neo4j-driver';
import type { Database } from '../database.js';
import type { Statement } from '../write/statement.js';
import { writeSession } from '../write/transaction.js';

/**
 * Sessions writing at once. Two keep both of Neo4j's cores busy, but on England's first load into a fresh store, on a
 * quiet machine, they cost Neo4j more than the second core gave back (110.5 s and 111.2 s of Neo4j's CPU against
 * 87.1 s and 95.6 s with one, though one session builds a transaction's rows only once the one before has committed).
 */
export const BULK_SESSIONS = 1;

/** What parallel writing did: transactions committed, and those Neo4j had to run again (a deadlock, say). */
export interface ParallelCount {
  committed: number;
  retried: number;
}

/**
 * Runs every statement `statements` yields, in transactions of about `rows` rows, through `sessions` sessions at once,
 * and calls each statement's onResult once it has committed. The driver's managed transactions run a statement again
 * on a transient error: two creations that lock the same end nodes in opposite orders deadlock, and Neo4j fails one
 * of them. The first failure stops every session taking more statements; it is thrown once those running are done,
 * so the caller cleans up after a load that has stopped writing. `count` says what committed, failure or not.
 */
export async function writeInParallel(
  db: Database,
  statements: Iterator<Statement>,
  options: { sessions: number; rows: number },
  count: ParallelCount,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  let ahead: Statement | undefined;
  const take = (): Statement | undefined => {
    if (failure) return undefined;
    if (ahead) {
      const next = ahead;
      ahead = undefined;
      return next;
    }
    const next = statements.next();
    return next.done ? undefined : next.value;
  };
  // Statements up to about `rows` rows together, so a label or type with few records shares a commit with the next.
  const transaction = (): Statement[] => {
    const taken: Statement[] = [];
    let rows = 0;
    for (let statement = take(); statement; statement = take()) {
      if (taken.length > 0 && rows + statement.rows > options.rows) {
        ahead = statement;
        break;
      }
      taken.push(statement);
      rows += statement.rows;
    }
    return taken;
  };
  const work = async (session: Session) => {
    try {
      for (let taken = transaction(); taken.length > 0; taken = transaction()) {
        let attempts = 0;
        const results: QueryResult[] = await session.executeWrite(async (tx) => {
          attempts += 1;
          const out: QueryResult[] = [];
          for (const { cypher, params } of taken) out.push(await tx.run(cypher, params));
          return out;
        });
        count.committed += 1;
        count.retried += attempts - 1;
        for (const [i, statement] of taken.entries()) statement.onResult?.(results[i]!);
      }
    } catch (error) {
      failure ??= { error };
    } finally {
      await session.close();
    }
  };
  await Promise.all(Array.from({ length: options.sessions }, () => work(writeSession(db))));
  if (failure) throw failure.error;
}
