import { describe, expect, it } from 'vitest';
import { LABELS } from '../../../schema/graph.js';
import { MIGRATIONS, SEARCH_INDEX, SEARCHABLE_LABELS } from '../../../schema/migrations.js';
import { migrate, pendingMigrations } from '../../../server/database/migrate.js';
import { useTestDatabase } from '../../support/database.js';

describe('schema migrations', () => {
  const db = useTestDatabase();

  it('are recorded once and running them again changes nothing', async () => {
    expect(await pendingMigrations(db())).toEqual([]);
    expect(await migrate(db())).toEqual([]);
    const recorded = await db().run<{ ids: string[] }>('MATCH (m:SchemaMigration) RETURN collect(m.id) AS ids');
    expect([...recorded.records[0]!.get('ids')].sort()).toEqual(MIGRATIONS.map((m) => m.id).sort());
  });

  it('create the uniqueness constraints and the full-text index', async () => {
    const constraints = await db().run<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name');
    const names = constraints.records.map((r) => r.get('name'));
    expect(names).toEqual(
      expect.arrayContaining(['organisation_id', 'organisation_key', 'organisation_ods', 'area_key']),
    );
    const indexes = await db().run<{ name: string; type: string }>('SHOW INDEXES YIELD name, type RETURN name, type');
    expect(indexes.records.map((r) => [r.get('name'), r.get('type')])).toContainEqual([SEARCH_INDEX, 'FULLTEXT']);
  });

  it('make a duplicate id impossible', async () => {
    await db().run("CREATE (:Topic {id: 'dup', key: 'a'})", {}, 'WRITE');
    await expect(db().run("CREATE (:Topic {id: 'dup', key: 'b'})", {}, 'WRITE')).rejects.toThrow(/already exists/);
  });

  /** Each label's uniquely constrained properties, read from the store's own constraint definitions. */
  async function uniqueProperties(): Promise<Map<string, string[]>> {
    const result = await db().run<{ label: string; property: string }>(
      `SHOW CONSTRAINTS YIELD entityType, type, labelsOrTypes, properties
       WHERE entityType = 'NODE' AND type CONTAINS 'UNIQUENESS' AND size(properties) = 1
       RETURN labelsOrTypes[0] AS label, properties[0] AS property ORDER BY property`,
    );
    const byLabel = new Map<string, string[]>();
    for (const r of result.records)
      byLabel.set(r.get('label'), [...(byLabel.get(r.get('label')) ?? []), r.get('property')]);
    return byLabel;
  }

  it('give every label its id and key constraints on an existing store, even a label added after it was made', async () => {
    // As if the store predated the newest label: every migration is recorded, but that label has no constraints.
    const newest = LABELS.at(-1)!;
    const before = await db().run<{ name: string }>(
      'SHOW CONSTRAINTS YIELD name, labelsOrTypes WHERE $label IN labelsOrTypes RETURN name',
      { label: newest },
    );
    for (const r of before.records) await db().run(`DROP CONSTRAINT \`${r.get('name')}\``, {}, 'WRITE');
    try {
      expect((await uniqueProperties()).get(newest)).toBeUndefined();
      expect(await pendingMigrations(db())).toEqual([]);

      await migrate(db());

      const unique = await uniqueProperties();
      expect(LABELS.filter((label) => !['id', 'key'].every((p) => unique.get(label)?.includes(p)))).toEqual([]);
      await db().run(`CREATE (:\`${newest}\` {id: 'late-1', key: 'late'})`, {}, 'WRITE');
      await expect(db().run(`CREATE (:\`${newest}\` {id: 'late-2', key: 'late'})`, {}, 'WRITE')).rejects.toThrow(
        /already exists/,
      );
    } finally {
      await migrate(db());
    }
  });

  it('rebuild the full-text index when the searchable labels have changed since it was made', async () => {
    await db().run(
      "CREATE (:Topic {id: 'topic-fulltext', key: 'topic-fulltext', name: 'Social prescribing'})",
      {},
      'WRITE',
    );
    // As if the store predated Topic being searchable: the index covers organisations only.
    await db().run(`DROP INDEX ${SEARCH_INDEX}`, {}, 'WRITE');
    await db().run(
      `CREATE FULLTEXT INDEX ${SEARCH_INDEX} FOR (n:Organisation) ON EACH [n.name, n.description]`,
      {},
      'WRITE',
    );
    try {
      expect(await migrate(db())).toEqual([SEARCH_INDEX]);

      const index = await db().run<{ labels: string[] }>(
        'SHOW INDEXES YIELD name, labelsOrTypes WHERE name = $name RETURN labelsOrTypes AS labels',
        { name: SEARCH_INDEX },
      );
      expect([...index.records[0]!.get('labels')].sort()).toEqual([...SEARCHABLE_LABELS].sort());
      const hits = await db().run<{ id: string }>(
        'CALL db.index.fulltext.queryNodes($index, $text) YIELD node RETURN node.id AS id',
        { index: SEARCH_INDEX, text: 'prescribing' },
      );
      expect(hits.records.map((r) => r.get('id'))).toEqual(['topic-fulltext']);
      expect(await migrate(db())).toEqual([]);
    } finally {
      await migrate(db());
    }
  });
});
