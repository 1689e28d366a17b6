// Applies the schema migrations a database has not yet recorded, and reports which ones are missing.
import { MIGRATIONS, MIGRATION_LABEL } from '../../schema/migrations.js';
import type { Database } from './database.js';

/** Ids of the migrations this database has recorded as applied. */
export async function appliedMigrations(db: Database): Promise<Set<string>> {
  const result = await db.run<{ id: string }>(`MATCH (m:${MIGRATION_LABEL}) RETURN m.id AS id`);
  return new Set(result.records.map((r) => r.get('id')));
}

export async function pendingMigrations(db: Database): Promise<string[]> {
  const applied = await appliedMigrations(db);
  return MIGRATIONS.filter((m) => !applied.has(m.id)).map((m) => m.id);
}

/**
 * Runs every pending migration in order and records it. Schema statements cannot share a transaction with
 * data writes in Neo4j, so each statement runs alone; they are all `IF NOT EXISTS`, so two instances
 * starting together, or a run cut off halfway, are both safe to repeat.
 */
export async function migrate(db: Database): Promise<string[]> {
  const applied = await appliedMigrations(db);
  const ran: string[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    for (const statement of migration.statements) await db.run(statement, {}, 'WRITE');
    await db.run(
      `MERGE (m:${MIGRATION_LABEL} {id: $id}) ON CREATE SET m.description = $description, m.appliedAt = datetime()`,
      { id: migration.id, description: migration.description },
      'WRITE',
    );
    ran.push(migration.id);
  }
  return ran;
}
