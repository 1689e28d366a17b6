// Bulk loading against a real Neo4j: the same graph as one transaction, refused over existing records, undone on failure.
import { beforeEach, describe, expect, it } from 'vitest';
import type { GraphBatch } from '../../../schema/records.js';
import { generate } from '../../../seed/generate/england.js';
import { BulkLoadFailedError, BulkLoadRefusedError, importBatch } from '../../../server/database/import/importer.js';
import { writeInTransactions } from '../../../server/database/import/bulk-writes.js';
import type { Statement } from '../../../server/database/write/statement.js';
import { Label } from '../../../schema/graph.js';
import { parseNative } from '../../../seed/readers/native.js';
import { useTestDatabase, wipe } from '../../support/database.js';

/** Small transactions, so that even the small graph takes many of them. */
const BULK_ROWS = 1_000;

describe('a bulk load', () => {
  const db = useTestDatabase();
  beforeEach(async () => wipe(db()));

  /** Every node and link with its properties, leaving out the audit trail and migrations, in a stable order. */
  async function graph() {
    const nodes = await db().run(
      `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Change
       RETURN labels(n)[0] + '/' + n.key AS node, properties(n) AS props ORDER BY node`,
    );
    const links = await db().run(
      `MATCH (a)-[r]->(b) WHERE NOT a:Change
       RETURN labels(a)[0] + '/' + a.key + ' ' + type(r) + ' ' + labels(b)[0] + '/' + b.key AS link, properties(r) AS props ORDER BY link`,
    );
    return {
      nodes: nodes.records.map((r) => [
        r.get('node'),
        JSON.stringify(r.get('props'), Object.keys(r.get('props')).sort()),
      ]),
      links: links.records.map((r) => [
        r.get('link'),
        JSON.stringify(r.get('props'), Object.keys(r.get('props')).sort()),
      ]),
    };
  }

  const imports = async () =>
    (await db().run(`MATCH (c:Change {action: 'IMPORT', nodeId: 'import'}) RETURN c.after AS after`)).records.map((r) =>
      JSON.parse(r.get('after') as string),
    );

  it('writes the same graph as one transaction does, in many transactions, and records the import', async () => {
    const batch = generate('small');
    const inOne = await importBatch(db(), batch);
    const expected = await graph();
    await wipe(db());

    const bulk = await importBatch(db(), batch, { bulk: true, bulkRows: BULK_ROWS, sources: ['generated:small'] });
    expect(bulk.transactions).toBeGreaterThan(5);
    expect(bulk.nodes).toEqual(inOne.nodes);
    expect(bulk.relationships).toEqual(inOne.relationships);
    // The same records, property for property, and no run tag left on any of them.
    expect(await graph()).toEqual(expected);
    expect(expected.nodes.length).toBe(batch.nodes.length);
    const audit = await imports();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ sources: ['generated:small'], bulk: { transactions: bulk.transactions } });
  }, 300_000);

  it('gives records it creates and records already there the area scopes an ordinary import gives them', async () => {
    // Already there: the country and its region, every programme and organisation, and the links among them. The bulk
    // load then adds the footprint and boroughs below the region (changing what the stored programmes' searches
    // find), services in them, and resources supporting the stored programmes (whose scope it must read from them).
    const batch = generate('small');
    const first = new Set(['gen-country', 'gen-region-1']);
    const isFirst = (ref: { label: string; key: string }) =>
      ref.label === 'Programme' || ref.label === 'Organisation' || (ref.label === 'Area' && first.has(ref.key));
    const before: GraphBatch = {
      nodes: batch.nodes.filter(isFirst),
      relationships: batch.relationships.filter((r) => isFirst(r.from) && isFirst(r.to)),
    };
    const rest: GraphBatch = {
      nodes: batch.nodes.filter((n) => !isFirst(n)),
      relationships: batch.relationships.filter((r) => !(isFirst(r.from) && isFirst(r.to))),
    };
    await importBatch(db(), before);
    await importBatch(db(), rest);
    const expected = await graph();
    const scoped = (await scopes()).filter(([, scope]) => scope !== null);
    expect(scoped.length).toBeGreaterThan(500);
    await wipe(db());

    await importBatch(db(), before);
    await importBatch(db(), rest, { bulk: true, bulkRows: BULK_ROWS });
    expect(await graph()).toEqual(expected);
    // Four imports of the small graph, two of them refreshing every scope in Cypher.
  }, 300_000);

  /** Each scoped record's area scope, by label and key. */
  const scopes = async () =>
    (
      await db().run(
        'MATCH (n) WHERE n:Programme OR n:Service OR n:Organisation OR n:Resource RETURN labels(n)[0] + "/" + n.key AS node, n.__areaScope AS scope ORDER BY node',
      )
    ).records.map((r) => [r.get('node') as string, r.get('scope') as string | null] as const);

  it('refuses a database that holds any of its records, and writes nothing', async () => {
    const batch = generate('small');
    // One area of the batch, loaded earlier by an ordinary import.
    await importBatch(db(), { nodes: batch.nodes.filter((n) => n.key === 'gen-country'), relationships: [] });
    const before = await graph();
    const error = await importBatch(db(), batch, { bulk: true, bulkRows: BULK_ROWS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkLoadRefusedError);
    expect((error as Error).message).toMatch(/1 of them exist already \(Area\/gen-country, for one\)/);
    expect(await graph()).toEqual(before);
    expect(await imports()).toHaveLength(1);
  });

  it('refuses links between records that exist already', async () => {
    const areas = parseNative(
      'areas.yaml',
      'Area:\n  - key: E09000003\n    name: Barnet\n    level: BOROUGH\n  - key: E12000007\n    name: London\n    level: REGION\n',
    );
    await importBatch(db(), areas);
    const link: GraphBatch = {
      nodes: [],
      relationships: [
        {
          type: 'AREA_PART_OF',
          from: { label: 'Area', key: 'E09000003' },
          to: { label: 'Area', key: 'E12000007' },
          properties: {},
          origin: { file: 'links.yaml' },
        },
      ],
    };
    await expect(importBatch(db(), link, { bulk: true })).rejects.toThrow(BulkLoadRefusedError);
    expect((await db().run('MATCH ()-[r:AREA_PART_OF]->() RETURN count(r) AS n')).records[0]?.get('n')).toBe(0);
  });

  it('deletes everything it wrote when the database refuses a write after several transactions have committed', async () => {
    const batch = generate('small');
    // Two source documents with one id: valid records, but Neo4j's unique id constraint refuses the second. They are
    // the last nodes written, long after the first transactions committed.
    const id = '3f2c7a1e-84af-42d7-8fae-eaca714b02b2';
    batch.nodes.push(
      {
        label: 'SourceDocument',
        key: 'doc-one',
        id,
        properties: { title: 'One' },
        origin: { file: 'docs.yaml', row: 1 },
      },
      {
        label: 'SourceDocument',
        key: 'doc-two',
        id,
        properties: { title: 'Two' },
        origin: { file: 'docs.yaml', row: 2 },
      },
    );
    const before = await graph();
    const error = await importBatch(db(), batch, { bulk: true, bulkRows: BULK_ROWS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkLoadFailedError);
    const failed = error as BulkLoadFailedError;
    expect(failed.committed).toBeGreaterThan(1);
    expect(failed.cleanedUp).toBe(true);
    expect(failed.message).toMatch(/deleted again: .*(already exists|constraint)/is);
    expect(await graph()).toEqual(before);
    expect(await imports()).toEqual([]);
  });

  it('names the leftovers of a load killed outright, and the statement that deletes them', async () => {
    const batch = generate('small');
    // What a bulk load killed halfway leaves: some of its records, still carrying its run's tag.
    await importBatch(db(), { nodes: batch.nodes.slice(0, 500), relationships: [] });
    await db().run(
      "MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Change SET n.importRun = 'killed-run'",
      {},
      'WRITE',
    );
    const error = await importBatch(db(), batch, { bulk: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkLoadRefusedError);
    const message = (error as Error).message;
    expect(message).toMatch(/500 of its records were left by a bulk load that did not finish \(run killed-run\)/);

    // The statement it names is the way back to an empty database, and the load then goes through.
    const statement = /with (MATCH .* IN TRANSACTIONS), then/.exec(message)?.[1];
    const session = db().driver.session({ database: db().name });
    await session.run(statement!).finally(() => session.close());
    expect((await graph()).nodes).toEqual([]);
    await importBatch(db(), batch, { bulk: true, bulkRows: BULK_ROWS });
    expect((await graph()).nodes).toHaveLength(batch.nodes.length);
  });

  it('in a dry run reports what it would create, and writes nothing', async () => {
    const batch = generate('small');
    const report = await importBatch(db(), batch, { bulk: true, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(Object.values(report.nodes).reduce((sum, c) => sum + c.created, 0)).toBe(batch.nodes.length);
    expect((await graph()).nodes).toEqual([]);
  });

  describe('writing one transaction after another', () => {
    /** Statements that each create `rows` source documents, noting when each is taken and when it has committed. */
    function* documents(count: number, rows: number, log: string[], failing?: number): Generator<Statement> {
      for (let i = 0; i < count; i += 1) {
        log.push(`taken ${i}`);
        yield {
          cypher:
            i === failing
              ? 'RETURN 1 / 0 AS written'
              : `UNWIND range(1, $rows) AS j CREATE (:${Label.SourceDocument} {key: $prefix + j}) RETURN count(*) AS written`,
          params: { rows, prefix: `doc-${i}-` },
          rows,
          onResult: () => log.push(`committed ${i}`),
        };
      }
    }
    const documentCount = async () =>
      Number((await db().run(`MATCH (n:${Label.SourceDocument}) RETURN count(n) AS n`)).records[0]?.get('n'));

    it('builds the next transaction while Neo4j runs one, and puts small statements together in one', async () => {
      const log: string[] = [];
      const count = { committed: 0, retried: 0 };
      await writeInTransactions(db(), documents(12, 5, log), 10, count);
      // Two statements of five rows a transaction; the next two (and the one after, to see they are full) were taken
      // before the first transaction committed.
      expect(count.committed).toBe(6);
      expect(log.indexOf('taken 4')).toBeLessThan(log.indexOf('committed 0'));
      expect(log.filter((entry) => entry.startsWith('committed'))).toHaveLength(12);
      expect(await documentCount()).toBe(60);
    });

    it('stops taking statements at the first failure and throws it', async () => {
      const log: string[] = [];
      const count = { committed: 0, retried: 0 };
      const error = await writeInTransactions(db(), documents(40, 5, log, 3), 5, count).catch((e: unknown) => e);
      expect(String(error)).toMatch(/by zero/i);
      // What committed stays for the bulk load's clean-up; nothing near the end of the run was taken.
      expect(log).not.toContain('taken 39');
      expect(count.committed).toBe(3);
      expect(await documentCount()).toBe(count.committed * 5);
    });
  });
});
