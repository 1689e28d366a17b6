// The area scope kept by the write path agrees, after every kind of write, with the walk the search used to make per query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import type { GraphBatch } from '../../../schema/records.js';
import type { Database } from '../../../server/database/database.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { migrate } from '../../../server/database/migrate.js';
import { nodeByKey } from '../../../server/database/nodes.js';
import { searchDirectory } from '../../../server/database/search.js';
import { areaScopeToken } from '../../../server/database/write/area-scope.js';
import { createNode, link, unlink, updateNode } from '../../../server/database/write/edits.js';
import type { GraphNode } from '../../../server/database/nodes.js';
import { createLogger } from '../../../server/logger.js';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { useTestDatabase } from '../../support/database.js';

/**
 * The search's former walk, spelt out as an independent witness: for each area, the records that serve it, an area
 * it lies in (up to three levels up) or one inside it (up to two down), each kind by its own links.
 */
const WALKED = `
  MATCH (scope:Area)
  CALL (scope) {
    OPTIONAL MATCH (scope)-[:AREA_PART_OF*0..3]->(up:Area)
    OPTIONAL MATCH (down:Area)-[:AREA_PART_OF*1..2]->(scope)
    WITH collect(DISTINCT up.id) AS upIds, collect(DISTINCT down.id) + collect(DISTINCT scope.id) AS withinIds
    UNWIND upIds + withinIds AS areaId
    MATCH (a:Area {id: areaId})
    CALL (a, withinIds) {
      MATCH (n:Programme)-[:PROGRAMME_COVERS]->(a) RETURN n
      UNION MATCH (n:Service)-[:AVAILABLE_IN]->(a) RETURN n
      UNION MATCH (n:Organisation)-[:ORGANISATION_COVERS]->(a) RETURN n
      UNION MATCH (n:Organisation)-[:BASED_IN]->(a) WHERE a.id IN withinIds RETURN n
      UNION MATCH (n:Resource)-[:SUPPORTS]->(:Programme)-[:PROGRAMME_COVERS]->(a) RETURN n
      UNION MATCH (n:Resource)-[:PUBLISHED_BY]->(:Organisation)-[:ORGANISATION_COVERS]->(a) RETURN n
    }
    RETURN collect(DISTINCT n.key) AS walked
  }
  RETURN scope.key AS area, walked`;

/** Each area's records as the stored scopes say, read straight from the property. */
const STORED = `
  MATCH (n) WHERE n.__areaScope IS NOT NULL
  UNWIND split(n.__areaScope, ' ') AS token
  RETURN token, collect(n.key) AS keys`;

async function disagreements(db: Database): Promise<string[]> {
  const stored = new Map(
    (await db.run(STORED)).records.map((r) => [r.get('token') as string, new Set(r.get('keys') as string[])]),
  );
  const problems: string[] = [];
  for (const r of (await db.run(WALKED)).records) {
    const area = r.get('area') as string;
    const walked = new Set(r.get('walked') as string[]);
    const kept = stored.get(areaScopeToken(area)) ?? new Set<string>();
    const missing = [...walked].filter((k) => !kept.has(k));
    const extra = [...kept].filter((k) => !walked.has(k));
    if (missing.length || extra.length) problems.push(`${area}: missing ${missing} extra ${extra}`);
  }
  return problems;
}

describe('the area scope', () => {
  const db = useTestDatabase();
  beforeAll(async () => {
    await seedIfEmpty(db(), createLogger('silent'));
  });
  afterAll(async () => {});

  const node = async (label: Label, key: string) => (await nodeByKey(db(), label, key)) as GraphNode;
  const inArea = async (area: string, text?: string, kinds: Label[] = [Label.Service]) =>
    (await searchDirectory(db(), { kinds, areaKey: area, text }, 0, 100)).hits.map((h) => h.node.key);

  it('is kept for the seed as loaded, and a search by area reads it', async () => {
    expect(await disagreements(db())).toEqual([]);
    expect(await inArea('E09000003', undefined, [Label.Service])).toContain('demo-barnet-stop-smoking');
  });

  it('follows an admin linking and unlinking a service, its area in the hierarchy, and retiring', async () => {
    const created = (await createNode(
      db(),
      Label.Service,
      'scope-test-service',
      { name: 'Scope test clinic' },
      'test',
    ))!;
    expect(await inArea('E09000003')).not.toContain('scope-test-service');
    const barnet = await node(Label.Area, 'E09000003');
    await link(db(), Rel.AVAILABLE_IN, created, barnet, {}, 'test');
    expect(await inArea('E09000003', 'clinic')).toContain('scope-test-service');
    expect(await disagreements(db())).toEqual([]);

    // Barnet out of its footprint and back: every scope that reached through the link follows.
    const footprint = (
      await db().run('MATCH (:Area {key: $key})-[:AREA_PART_OF]->(f:Area) RETURN f.key AS key', { key: 'E09000003' })
    ).records[0]!.get('key') as string;
    const parent = await node(Label.Area, footprint);
    expect(await unlink(db(), Rel.AREA_PART_OF, barnet, parent, 'test')).toBe(true);
    expect(await inArea(footprint)).not.toContain('scope-test-service');
    expect(await disagreements(db())).toEqual([]);
    await link(db(), Rel.AREA_PART_OF, barnet, parent, {}, 'test');
    expect(await inArea(footprint)).toContain('scope-test-service');
    expect(await disagreements(db())).toEqual([]);

    // An edit and a retirement leave the scope alone; the search leaves the retired out and finds the restored.
    let current = (await updateNode(db(), created, 1, { description: 'Walk in' }, [], 'test'))!;
    current = (await updateNode(db(), current, 2, {}, [], 'test', 'RETIRE', { retired: true }))!;
    expect(await inArea('E09000003')).not.toContain('scope-test-service');
    current = (await updateNode(db(), current, 3, {}, [], 'test', 'RESTORE', { retired: false }))!;
    expect(await inArea('E09000003')).toContain('scope-test-service');
    expect(await disagreements(db())).toEqual([]);

    expect(await unlink(db(), Rel.AVAILABLE_IN, current, barnet, 'test')).toBe(true);
    expect(await inArea('E09000003')).not.toContain('scope-test-service');
    expect(await disagreements(db())).toEqual([]);
  });

  it("follows a programme's areas into the resources that support it", async () => {
    const supported = (
      await db().run(
        'MATCH (r:Resource)-[:SUPPORTS]->(p:Programme) RETURN r.key AS resource, p.key AS programme LIMIT 1',
      )
    ).records[0]!;
    const programme = await node(Label.Programme, supported.get('programme') as string);
    const harrow = await node(Label.Area, 'E09000015');
    await link(db(), Rel.PROGRAMME_COVERS, programme, harrow, {}, 'test');
    expect(await inArea('E09000015', undefined, [Label.Resource])).toContain(supported.get('resource'));
    expect(await disagreements(db())).toEqual([]);
    await unlink(db(), Rel.PROGRAMME_COVERS, programme, harrow, 'test');
    expect(await disagreements(db())).toEqual([]);
  });

  it('follows an import, and a store without scopes gains them when it migrates', async () => {
    const origin = { file: 'scope-test.json' };
    const batch: GraphBatch = {
      nodes: [
        { label: Label.Service, key: 'scope-import-service', properties: { name: 'Imported clinic' }, origin },
        {
          label: Label.Organisation,
          key: 'scope-import-organisation',
          properties: { name: 'Imported trust', kind: 'VOLUNTARY' },
          origin,
        },
      ],
      relationships: [
        {
          type: Rel.AVAILABLE_IN,
          from: { label: Label.Service, key: 'scope-import-service' },
          to: { label: Label.Area, key: 'E09000015' },
          properties: {},
          origin,
        },
        {
          type: Rel.BASED_IN,
          from: { label: Label.Organisation, key: 'scope-import-organisation' },
          to: { label: Label.Area, key: 'E09000015' },
          properties: {},
          origin,
        },
      ],
    };
    await importBatch(db(), batch);
    expect(await inArea('E09000015', 'imported')).toEqual(['scope-import-service']);
    expect(await inArea('E09000015', 'imported', [Label.Organisation])).toEqual(['scope-import-organisation']);
    expect(await disagreements(db())).toEqual([]);

    await db().run('MATCH (n) WHERE n.__areaScope IS NOT NULL REMOVE n.__areaScope', {}, 'WRITE');
    await db().run("MATCH (m:SchemaMigration {id: '009-area-scope'}) DELETE m", {}, 'WRITE');
    expect(await inArea('E09000015')).toEqual([]);
    expect(await migrate(db())).toContain('009-area-scope');
    expect(await disagreements(db())).toEqual([]);
    expect(await inArea('E09000015', 'imported')).toEqual(['scope-import-service']);
  });

  it("never takes a person's words for an area's token", async () => {
    // Every token is hex digits: a word that begins one must still only find what has the word in its text.
    const prefix = areaScopeToken('E09000003').slice(0, 3);
    const { hits } = await searchDirectory(db(), { kinds: [Label.Service], text: prefix }, 0, 100);
    expect(hits).toEqual([]);
  });
});
