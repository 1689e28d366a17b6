// Applies the schema migrations a database has not yet recorded, reconciles the schema the model implies, and
// reports which migrations are missing.
import {
  IDENTITY_CONSTRAINTS,
  type Migration,
  MIGRATIONS,
  MIGRATION_LABEL,
  SEARCH_INDEX,
  SEARCH_INDEX_PROPERTIES,
  SEARCH_INDEX_STATEMENT,
  SEARCHABLE_LABELS,
} from '../../schema/migrations.js';
import type { Database } from './database.js';
import { backfillAreaScope } from './write/area-scope.js';
import { backfillTopicScope } from './write/topic-scope.js';

/** How each backfill a migration names is done: data derived from the graph for records written before it. */
const BACKFILLS: Record<NonNullable<Migration['backfill']>, (db: Database) => Promise<unknown>> = {
  'area-scope': backfillAreaScope,
  'topic-scope': backfillTopicScope,
};

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
 * Runs every pending migration in order and records it, then reconciles the schema the model implies (see
 * reconcileWithModel). Returns what it changed: the ids of the migrations it ran, then the names of the constraints
 * and indexes it had to add or rebuild. Schema statements cannot share a transaction with data writes in Neo4j, so
 * each statement runs alone; they are all `IF NOT EXISTS`, so two instances starting together, or a run cut off
 * halfway, are both safe to repeat.
 */
export async function migrate(db: Database): Promise<string[]> {
  const applied = await appliedMigrations(db);
  const ran: string[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    for (const statement of migration.statements) await db.run(statement, {}, 'WRITE');
    if (migration.backfill) await BACKFILLS[migration.backfill](db);
    await db.run(
      `MERGE (m:${MIGRATION_LABEL} {id: $id}) ON CREATE SET m.description = $description, m.appliedAt = datetime()`,
      { id: migration.id, description: migration.description },
      'WRITE',
    );
    ran.push(migration.id);
  }
  return [...ran, ...(await reconcileWithModel(db))];
}

/**
 * Brings an existing store's schema up to what the model implies today, whatever migrations it has recorded: the id
 * and key constraints of every label (a label added after migration 001 ran would otherwise have none), and the
 * full-text index over exactly the searchable labels and indexed properties (an index cannot gain either, so a
 * different set means dropping and rebuilding it). Costs two reads when nothing is missing. Returns the names of what it changed.
 */
export async function reconcileWithModel(db: Database): Promise<string[]> {
  const changed: string[] = [];
  // SHOW allows no clause but YIELD, WHERE and RETURN: the rows are one per constraint, each of one label here.
  const existing = await db.run<{ label: string; property: string }>(
    `SHOW CONSTRAINTS YIELD entityType, type, labelsOrTypes, properties
     WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_PROPERTY_UNIQUENESS', 'NODE_KEY'] AND size(properties) = 1
     RETURN labelsOrTypes[0] AS label, properties[0] AS property`,
  );
  const unique = new Set(existing.records.map((r) => `${r.get('label')}.${r.get('property')}`));
  for (const constraint of IDENTITY_CONSTRAINTS) {
    if (unique.has(`${constraint.label}.${constraint.property}`)) continue;
    await db.run(constraint.statement, {}, 'WRITE');
    changed.push(constraint.name);
  }

  const index = await db.run<{ type: string; labels: string[]; properties: string[] }>(
    'SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE name = $name RETURN type, labelsOrTypes AS labels, properties',
    { name: SEARCH_INDEX },
  );
  const found = index.records[0];
  const asDeclared =
    found !== undefined &&
    found.get('type') === 'FULLTEXT' &&
    sameMembers(found.get('labels'), SEARCHABLE_LABELS) &&
    sameMembers(found.get('properties'), SEARCH_INDEX_PROPERTIES);
  if (!asDeclared) {
    // Index names cannot be parameters; SEARCH_INDEX is our own constant, never input.
    if (found) await db.run(`DROP INDEX ${SEARCH_INDEX} IF EXISTS`, {}, 'WRITE');
    await db.run(SEARCH_INDEX_STATEMENT, {}, 'WRITE');
    // A rebuilt index answers queries only once populated; waiting here keeps the service unready until then.
    await db.run('CALL db.awaitIndex($name, 600)', { name: SEARCH_INDEX }, 'WRITE');
    changed.push(SEARCH_INDEX);
  }
  return changed;
}

function sameMembers(actual: readonly string[] | null, expected: readonly string[]): boolean {
  const have = new Set(actual ?? []);
  return have.size === new Set(expected).size && expected.every((e) => have.has(e));
}
