// Backup: export, wipe, restore gives the identical graph: nodes, labels, relationships, properties and their types.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_LABEL } from '../../../schema/migrations.js';
import { exportGraph, RestoreError, restoreGraph } from '../../../server/database/backup.js';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { createLogger } from '../../../server/logger.js';
import { useTestDatabase, wipe } from '../../support/database.js';

describe('export and restore', () => {
  const db = useTestDatabase();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'backup-'));
    await wipe(db());
    await seedIfEmpty(db(), createLogger('silent'));
    // An audit-trail entry and a bumped version, as admins leave them.
    await db().run(
      "MATCH (t:Topic {key: 'alcohol'}) SET t.version = t.version + 1 CREATE (:Change {id: randomUUID(), nodeId: t.id, at: '2026-11-23T10:00:00Z', actor: 'admin', action: 'UPDATE'})",
      {},
      'WRITE',
    );
  });

  /** Every node and relationship with labels, properties and the Neo4j type of each property, in a fixed order. */
  async function fingerprint(): Promise<string> {
    const props = '[k IN keys(x) | [k, x[k], valueType(x[k])]]';
    const nodes = await db().run(
      `MATCH (x) WHERE NOT x:SchemaMigration RETURN labels(x) AS labels, x.id AS id, ${props} AS props`,
    );
    const rels = await db().run(
      `MATCH (a)-[x]->(b) WHERE NOT a:SchemaMigration RETURN type(x) AS type, a.id AS from, b.id AS to, ${props} AS props`,
    );
    const lines = [
      ...nodes.records.map((r) =>
        JSON.stringify([
          'N',
          [...(r.get('labels') as string[])].sort(),
          r.get('id'),
          [...(r.get('props') as unknown[][])].sort(),
        ]),
      ),
      ...rels.records.map((r) =>
        JSON.stringify(['R', r.get('type'), r.get('from'), r.get('to'), [...(r.get('props') as unknown[][])].sort()]),
      ),
    ];
    return lines.sort().join('\n');
  }

  it('gives back the identical graph after export, wipe and restore, and the same file again', async () => {
    const before = await fingerprint();
    const file = path.join(dir, 'graph.jsonl');
    const exported = await exportGraph(db(), file);
    expect(exported.nodes).toBeGreaterThan(4_000);
    await wipe(db());
    expect(await fingerprint()).toBe('');
    const restored = await restoreGraph(db(), file);
    expect(restored).toEqual({ ...exported, keysLeftOut: 0 });
    expect(await fingerprint()).toBe(before);
    const again = path.join(dir, 'again.jsonl');
    await exportGraph(db(), again);
    expect(await readFile(again, 'utf8')).toBe(await readFile(file, 'utf8'));
    // Whole-number floats stay floats, and integers integers.
    const types = await db().run(
      "MATCH (t:Target {key: 'nw-london-mecc-2000-staff-trained'}), (a:Area {key: 'E09000003'}) RETURN valueType(t.value) AS value, valueType(a.population) AS population",
    );
    expect(types.records[0]?.toObject()).toEqual({ value: 'FLOAT NOT NULL', population: 'INTEGER NOT NULL' });
  });

  it('refuses to restore into a database that holds data, or a file that is not an export, and changes nothing', async () => {
    const file = path.join(dir, 'graph.jsonl');
    const before = await fingerprint();
    await expect(restoreGraph(db(), file)).rejects.toThrow(RestoreError);
    await wipe(db());
    const broken = path.join(dir, 'broken.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(
      broken,
      [
        ...lines.slice(0, 100),
        '{"rel":"PARTNER_IN","from":["Organisation","nope"],"to":["Programme","nope"],"properties":{}}',
      ].join('\n'),
    );
    await expect(restoreGraph(db(), broken)).rejects.toThrow(/names a node that is not in the export/);
    expect(await fingerprint()).toBe('');
    await writeFile(broken, '{"format":"something-else"}\n');
    await expect(restoreGraph(db(), broken)).rejects.toThrow(/not a Partnership Hub export/);
    await restoreGraph(db(), file);
    expect(await fingerprint()).toBe(before);
  });

  it('writes the export for its owner only, without API keys, and refuses a restore that holds one', async () => {
    const file = path.join(dir, 'private.jsonl');
    await writeFile(file, 'an older file anyone could read\n', { mode: 0o644 });
    await db().run(
      `CREATE (:${API_KEY_LABEL} {id: randomUUID(), hash: 'not-a-real-hash', role: 'ADMIN'})`,
      {},
      'WRITE',
    );
    try {
      await exportGraph(db(), file);
    } finally {
      await db().run(`MATCH (k:${API_KEY_LABEL}) DELETE k`, {}, 'WRITE');
    }
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(API_KEY_LABEL);
    expect(text).not.toContain('not-a-real-hash');

    const before = await fingerprint();
    await wipe(db());
    const lines = text.split('\n');
    const withKey = path.join(dir, 'with-key.jsonl');
    const key = JSON.stringify({ node: [API_KEY_LABEL], id: 'k1', properties: { hash: 'x', role: 'ADMIN' } });
    await writeFile(withKey, [lines[0], key, ...lines.slice(1)].join('\n'));
    await expect(restoreGraph(db(), withKey)).rejects.toThrow(/line 2: an API key record/);
    expect(await fingerprint()).toBe('');
    await restoreGraph(db(), file);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses an export that was cut short or changed after it was written, and changes nothing', async () => {
    const file = path.join(dir, 'graph.jsonl');
    const text = await readFile(file, 'utf8');
    await wipe(db());
    const damaged = path.join(dir, 'damaged.jsonl');
    // Cut mid-line, and cut neatly at the end of a line (no link left without its ends).
    await writeFile(damaged, text.slice(0, Math.floor(text.length * 0.6)));
    await expect(restoreGraph(db(), damaged)).rejects.toThrow(/is incomplete: .*cut short/);
    await writeFile(damaged, `${text.split('\n').slice(0, 2_000).join('\n')}\n`);
    await expect(restoreGraph(db(), damaged)).rejects.toThrow(/is incomplete/);
    // One value changed, the file otherwise whole.
    await writeFile(damaged, text.replace('"Barnet', '"Barnett'));
    await expect(restoreGraph(db(), damaged)).rejects.toThrow(/does not match its checksum: it was changed/);
    // A version 2 export passed off as version 1 still has its checksum line, which version 1 never had.
    await writeFile(damaged, text.replace('"version":2', '"version":1'));
    await expect(restoreGraph(db(), damaged, { unchecked: true })).rejects.toThrow(/version 1 export with a checksum/);
    expect(await fingerprint()).toBe('');
  });

  it('restores an export of version 1 (no checksum, API keys inside) only when told to, leaving its keys out', async () => {
    const file = path.join(dir, 'graph.jsonl');
    const text = await readFile(file, 'utf8');
    // The graph as the current export gives it back, to compare the old file's restore with.
    await wipe(db());
    await restoreGraph(db(), file);
    const before = await fingerprint();
    await wipe(db());
    const lines = text.trimEnd().split('\n');
    // As the previous release wrote it: version 1, an API key among the nodes, and no checksum line at the end.
    const key = JSON.stringify({ node: [API_KEY_LABEL], id: 'k1', properties: { hash: 'x', role: 'admin' } });
    const old = path.join(dir, 'version-1.jsonl');
    await writeFile(
      old,
      `${[lines[0]!.replace('"version":2', '"version":1'), key, ...lines.slice(1, -1)].join('\n')}\n`,
    );
    await expect(restoreGraph(db(), old)).rejects.toThrow(/version 1 export.*--unchecked/);
    expect(await fingerprint()).toBe('');
    const restored = await restoreGraph(db(), old, { unchecked: true });
    expect(restored.keysLeftOut).toBe(1);
    expect(await fingerprint()).toBe(before);
    const keys = await db().run(`MATCH (k:${API_KEY_LABEL}) RETURN count(k) AS n`);
    expect(Number(keys.records[0]?.get('n'))).toBe(0);
  });
});
