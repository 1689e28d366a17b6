// The default seed, loaded as `npm start` loads it into an empty database: the documents' key facts are queryable.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBatch } from '../../../server/database/import/importer.js';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { defaultSources, readSources } from '../../../seed/sources.js';
import { createLogger } from '../../../server/logger.js';
import { useTestDatabase } from '../../support/database.js';

/** One stakeholder row of the Taking Care 24-7 plan, its cells read from the document's own text. */
interface PlanRow {
  group: string;
  need: string[];
  methods: string[];
  frequency: string[];
  production: string[];
  delivery: string[];
}

/**
 * Reads the plan's table from its text: each tab starts a cell, lines without one continue it, and "·" starts an
 * item. A row is a stakeholder's name (a cell that is not a bullet) and the five cells after it.
 */
async function readCommunicationPlan(): Promise<PlanRow[]> {
  const text = await readFile('seed/documents/taking-care-24-7-communication-plan.txt', 'utf8');
  const table = text.slice(
    text.indexOf('[who will actually deliver the communication ie presentation, meetings]'),
    text.indexOf('\tKey Definitions'),
  );
  const cells = table
    .split('\t')
    .slice(1)
    .map((cell) => ({
      bulleted: cell.trim().startsWith('·'),
      items: cell
        .split('·')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    }));
  const rows: PlanRow[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (!cell || cell.bulleted || cell.items.length === 0) continue;
    const [need, methods, frequency, production, delivery] = cells.slice(i + 1, i + 6).map((c) => c.items);
    rows.push({
      group: cell.items.join(' '),
      need: need ?? [],
      methods: methods ?? [],
      frequency: frequency ?? [],
      production: production ?? [],
      delivery: delivery ?? [],
    });
    i += 5;
  }
  return rows;
}

/** A responsibility cell's item as the role it names ("Chief Executive," and "Programme Manager at …"). */
const roleNamed = (item: string) => item.replace(/,$/, '').replace(/ at .*$/, '');

describe('the default seed', () => {
  const db = useTestDatabase();
  const one = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await db().run(cypher, params)).records.map((r) => r.toObject());

  beforeAll(async () => {
    expect(await seedIfEmpty(db(), createLogger('silent'))).toBe(true);
  });

  it('holds the reference geography and NHS organisations', async () => {
    const [areas] = await one(`MATCH (a:Area) RETURN
      count(CASE a.level WHEN 'FOOTPRINT' THEN 1 END) AS footprints,
      count(CASE a.level WHEN 'BOROUGH' THEN 1 END) AS boroughs,
      count(CASE a.level WHEN 'REGION' THEN 1 END) AS regions`);
    expect(areas).toEqual({ footprints: 44, boroughs: 33, regions: 7 });
    const [orgs] = await one(`MATCH (o:Organisation) RETURN
      count(CASE o.kind WHEN 'ICB' THEN 1 END) AS icbs,
      count(CASE o.kind WHEN 'LOCAL_AUTHORITY' THEN 1 END) AS councils,
      count(CASE o.kind WHEN 'NHS_TRUST' THEN 1 END) AS trusts`);
    expect(orgs).toMatchObject({ icbs: 42, councils: 33 });
    expect(orgs?.trusts).toBeGreaterThan(20);
    const nwl =
      await one(`MATCH (b:Area {level: 'BOROUGH'})-[:AREA_PART_OF]->(f:Area {key: 'E54000027'})-[:AREA_PART_OF]->(r:Area {key: 'Y56'})
      RETURN f.name AS footprint, count(b) AS boroughs`);
    expect(nwl).toEqual([{ footprint: 'North West London', boroughs: 8 }]);
  });

  it('Barnet: sharing practice-level MMR2 data is led by the Health Improvement Officer and the Public Health Analyst, due September 2017', async () => {
    const rows = await one(`
      MATCH (:Area {key: 'E09000003'})<-[:PROGRAMME_COVERS]-(p:Programme)-[:HAS_WORKSTREAM|HAS_ACTION*1..2]->(a:Action)
      WHERE toLower(a.name) CONTAINS 'practice level data' AND a.name CONTAINS 'MMR2'
      MATCH (a)-[:LED_BY {part: 'LEAD'}]->(r:Role)
      RETURN a.dueDate AS due, collect(r.name) AS leads`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.due).toBe('2017-09');
    expect([...((rows[0]?.leads ?? []) as string[])].sort()).toEqual([
      'Health Improvement Officer',
      'Public Health Analyst',
    ]);
  });

  it('Taking Care 24-7: Trades Unions need general awareness and commitment, and involvement in certain projects', async () => {
    const rows = await one(`
      MATCH (p:Programme)-[:ENGAGES]->(g:StakeholderGroup {name: 'Trades Unions'})-[n:NEEDS]->(l:EngagementLevel)
      RETURN l.level AS level, n.qualifier AS qualifier ORDER BY level`);
    expect(rows.map((r) => r.level)).toEqual(['AWARENESS', 'COMMITMENT', 'INVOLVEMENT']);
    expect(rows.find((r) => r.level === 'AWARENESS')?.qualifier).toMatch(/general/i);
    const [groups] = await one(
      `MATCH (:Programme {name: 'Taking Care 24-7'})-[:ENGAGES]->(g:StakeholderGroup) RETURN count(DISTINCT g) AS groups`,
    );
    expect(groups?.groups).toBe(15);
    const [levels] = await one(
      `MATCH (l:EngagementLevel) RETURN count(l) AS levels, min(size(l.definitions)) AS fewest`,
    );
    expect(levels).toEqual({ levels: 3, fewest: 5 });
  });

  it("Taking Care 24-7: every stakeholder row's need, methods, frequency, production and delivery are the plan's", async () => {
    const rows = await readCommunicationPlan();
    expect(rows).toHaveLength(15);
    const stored = await one(`
      MATCH (:Programme {name: 'Taking Care 24-7'})-[:PLANS]->(c:CommunicationActivity)-[:FOR]->(g:StakeholderGroup)
      RETURN g.name AS group, g.need AS need, c.methods AS methods, c.frequency AS frequency,
        COLLECT { MATCH (c)-[:PRODUCED_BY]->(r:Role) RETURN r.name ORDER BY r.name } AS production,
        COLLECT { MATCH (c)-[:DELIVERED_BY]->(r:Role) RETURN r.name ORDER BY r.name } AS delivery`);
    for (const row of rows) {
      const found = stored.find((s) => s.group === row.group);
      expect(found, row.group).toBeDefined();
      expect(
        {
          need: found?.need,
          methods: found?.methods ?? [],
          frequency: found?.frequency ?? undefined,
          production: found?.production,
          delivery: found?.delivery,
        },
        row.group,
      ).toEqual({
        need: row.need.join(' '),
        methods: row.methods,
        frequency: row.frequency[0],
        production: [...new Set(row.production.map(roleNamed))].sort(),
        delivery: [...new Set(row.delivery.map(roleNamed))].sort(),
      });
    }
    // The row the plan's readers most often misread: production and delivery are not the same people.
    expect(rows.find((r) => r.group === 'All trust staff')).toMatchObject({
      production: ['Programme Manager'],
      delivery: ['Project Director', 'Programme Manager'],
    });
  });

  it('London MECC: five named partners, four key areas, six workstreams and the Fire Brigade beyond health', async () => {
    const rows = await one(`
      MATCH (p:Programme)-[:PROGRAMME_COVERS]->(:Area {key: 'Y56'})
      MATCH (p)-[:HAS_WORKSTREAM]->(w:Workstream)
      WITH p, count(CASE w.kind WHEN 'KEY_AREA' THEN 1 END) AS keyAreas, count(CASE w.kind WHEN 'WORKSTREAM' THEN 1 END) AS workstreams
      MATCH (o:Organisation)-[r:PARTNER_IN]->(p)
      RETURN keyAreas, workstreams, collect(o.name + ':' + r.role) AS partners`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ keyAreas: 4, workstreams: 6 });
    const partners = rows[0]?.partners as string[];
    expect(partners.filter((p) => p.endsWith(':PARTNER'))).toHaveLength(5);
    expect(partners.some((p) => /fire brigade.*:PROPOSED_PARTNER/i.test(p))).toBe(true);
  });

  it('NW London MECC: 2000 frontline staff trained by 31 March 2018, across the eight boroughs', async () => {
    const rows = await one(`
      MATCH (p:Programme)-[:HAS_TARGET]->(t:Target)
      WHERE t.value = 2000
      MATCH (p)-[:PROGRAMME_COVERS]->(b:Area {level: 'BOROUGH'})
      RETURN t.deadline AS deadline, count(b) AS boroughs`);
    expect(rows).toEqual([{ deadline: '2018-03-31', boroughs: 8 }]);
  });

  it('the STP blog: ideas 7 to 10 are proposed actions', async () => {
    const rows = await one(
      `MATCH (a:Action {status: 'PROPOSED'}) WHERE a.position >= 7 AND a.position <= 10 RETURN a.position AS idea ORDER BY idea`,
    );
    expect(rows.map((r) => r.idea)).toEqual([7, 8, 9, 10]);
  });

  it('traces every fact to a document', async () => {
    const untraced = await one(
      `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:SourceDocument AND NOT n:Change AND NOT n:ApiKey AND NOT (n)-[:DOCUMENTED_IN]->() RETURN labels(n)[0] + '/' + n.key AS node LIMIT 5`,
    );
    expect(untraced).toEqual([]);
  });

  it('imports the same seed again without changing anything', async () => {
    const count = async () =>
      one(`MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships`);
    const before = await count();
    const report = await importBatch(db(), await readSources(await defaultSources()));
    expect(Object.values(report.nodes).reduce((sum, c) => sum + c.created + c.updated, 0)).toBe(0);
    expect(Object.values(report.relationships).reduce((sum, c) => sum + c.created + c.updated, 0)).toBe(0);
    expect(await count()).toEqual(before);
    expect(await seedIfEmpty(db(), createLogger('silent'))).toBe(false);
    // A whole re-import, the 13,000 GP practices of the reference data included: half a minute alone, more on busy cores.
  }, 180_000);
});
