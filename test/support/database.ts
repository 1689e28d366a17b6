// For integration suites: a driver on the run's throwaway Neo4j, wiped (data only; schema stays) before each suite.
import { afterAll, beforeAll, inject } from 'vitest';
import { MIGRATION_LABEL } from '../../schema/migrations.js';
import { connect, type Database } from '../../server/database/database.js';

export function testTarget() {
  return inject('neo4j');
}

/** Deletes every node except the migration records, in batches so a large graph does not exhaust memory. */
export async function wipe(db: Database): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction, which only a session's run() gives.
  const session = db.driver.session({ database: db.name });
  try {
    await session.run(
      `MATCH (n) WHERE NOT n:${MIGRATION_LABEL} CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
    );
  } finally {
    await session.close();
  }
}

/** Registers hooks that connect and wipe before the suite and close after it; returns a getter for the database. */
export function useTestDatabase(): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = connect(testTarget());
    await wipe(db);
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('useTestDatabase(): the database is only available inside tests and hooks');
    return db;
  };
}
