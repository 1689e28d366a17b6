// A bulk load's creations written one transaction after another, the next one's rows built while Neo4j runs the last.
import type { QueryResult } from 'neo4j-driver';
import type { Database } from '../database.js';
import type { Statement } from '../write/statement.js';
import { writeSession } from '../write/transaction.js';

/** What the writing did: transactions committed, and those Neo4j had to run again (a deadlock, say). */
export interface WriteCount {
  committed: number;
  retried: number;
}

/**
 * Runs every statement `statements` yields, in transactions of about `rows` rows, one after another through one
 * session, and calls each statement's onResult once it has committed. Statements build their rows when taken, and a
 * transaction's are taken while Neo4j runs the one before (once it has begun on it), so this process's work on rows
 * runs beside Neo4j's rather than between its transactions. One session: on England's first load two sessions at
 * once cost Neo4j more CPU than the second core gave back (110.5 s against 87.1 s, issue 19). The driver's managed
 * transactions run one again on a transient error: a deadlock with a service's own writes on the same end nodes,
 * say. The first failure stops the run; `count` says what committed, failure or not.
 */
export async function writeInTransactions(
  db: Database,
  statements: Iterator<Statement>,
  rows: number,
  count: WriteCount,
): Promise<void> {
  let ahead: Statement | undefined;
  const take = (): Statement | undefined => {
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
    let total = 0;
    for (let statement = take(); statement; statement = take()) {
      if (taken.length > 0 && total + statement.rows > rows) {
        ahead = statement;
        break;
      }
      taken.push(statement);
      total += statement.rows;
    }
    return taken;
  };
  const session = writeSession(db);
  try {
    for (let taken = transaction(); taken.length > 0; ) {
      let following: Statement[] | undefined;
      let attempts = 0;
      const results: QueryResult[] = await session.executeWrite(async (tx) => {
        attempts += 1;
        const running = taken.map(({ cypher, params }) => tx.run(cypher, params));
        // Neo4j has the statements once it answers the last one's start: build the next rows while it runs them.
        if (!following) {
          await running.at(-1)!.keys();
          following = transaction();
        }
        return Promise.all(running);
      });
      count.committed += 1;
      count.retried += attempts - 1;
      for (const [i, statement] of taken.entries()) statement.onResult?.(results[i]!);
      taken = following ?? transaction();
    }
  } finally {
    await session.close();
  }
}
