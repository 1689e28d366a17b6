import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SEARCH_INDEX } from '../../../schema/migrations.js';
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
    expect(names).toEqual(expect.arrayContaining(['organisation_id', 'organisation_key', 'organisation_ods', 'area_key']));
    const indexes = await db().run<{ name: string; type: string }>('SHOW INDEXES YIELD name, type RETURN name, type');
    expect(indexes.records.map((r) => [r.get('name'), r.get('type')])).toContainEqual([SEARCH_INDEX, 'FULLTEXT']);
  });

  it('make a duplicate id impossible', async () => {
    await db().run("CREATE (:Topic {id: 'dup', key: 'a'})", {}, 'WRITE');
    await expect(db().run("CREATE (:Topic {id: 'dup', key: 'b'})", {}, 'WRITE')).rejects.toThrow(/already exists/);
  });
});
