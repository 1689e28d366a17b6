// The topic scope kept by the write path agrees, after every kind of write, with the links the search used to follow
// per query, so a search by topic (asked of the full-text index with its kinds) finds what it always found.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import type { GraphBatch } from '../../../schema/records.js';
import { aboutTopic } from '../../../server/database/about-topic.js';
import { exportGraph, restoreGraph } from '../../../server/database/backup.js';
import type { Database } from '../../../server/database/database.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { migrate } from '../../../server/database/migrate.js';
import { type GraphNode, nodeByKey } from '../../../server/database/nodes.js';
import { searchDirectory } from '../../../server/database/search.js';
import { createNode, link, unlink, updateNode } from '../../../server/database/write/edits.js';
import { TOPIC_SCOPED_LABELS, topicScopeToken } from '../../../server/database/write/topic-scope.js';
import { createLogger } from '../../../server/logger.js';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { useTestDatabase, wipe } from '../../support/database.js';

/** Every record about each topic, by the rule the search asked per query (about-topic.ts), as an independent witness. */
const WALKED = `
  MATCH (t:Topic)
  CALL (t) {
    MATCH (n) WHERE (${TOPIC_SCOPED_LABELS.map((l) => `n:${l}`).join(' OR ')}) AND ${aboutTopic('n', ':Topic {key: t.key}')}
    RETURN collect(DISTINCT [labels(n)[0], n.key]) AS walked
  }
  RETURN t.key AS topic, walked`;

/** Each token's records as the stored scopes say, read straight from the property. */
const STORED = `
  MATCH (n) WHERE n.__topicScope IS NOT NULL
  UNWIND split(n.__topicScope, ' ') AS token
  RETURN token, collect([labels(n)[0], n.key]) AS records`;

async function disagreements(db: Database): Promise<string[]> {
  const stored = new Map(
    (await db.run(STORED)).records.map((r) => [
      r.get('token') as string,
      new Set((r.get('records') as string[][]).map(([label, key]) => `${label}/${key}`)),
    ]),
  );
  const problems: string[] = [];
  for (const r of (await db.run(WALKED)).records) {
    const topic = r.get('topic') as string;
    const walked = (r.get('walked') as string[][]).map(([label, key]) => `${label}/${key}`);
    for (const label of TOPIC_SCOPED_LABELS) {
      const want = new Set(walked.filter((w) => w.startsWith(`${label}/`)));
      const kept = stored.get(topicScopeToken(label, topic)) ?? new Set<string>();
      const missing = [...want].filter((k) => !kept.has(k));
      const extra = [...kept].filter((k) => !want.has(k));
      if (missing.length || extra.length) problems.push(`${topic} ${label}: missing ${missing} extra ${extra}`);
    }
  }
  return problems;
}

describe('the topic scope', () => {
  const db = useTestDatabase();
  beforeAll(async () => {
    await seedIfEmpty(db(), createLogger('silent'));
  });

  const node = async (label: Label, key: string) => (await nodeByKey(db(), label, key)) as GraphNode;
  const aboutKeys = async (topicKey: string, kinds: Label[] = [Label.Service], extra: object = {}) =>
    (await searchDirectory(db(), { kinds, topicKey, ...extra }, 0, 100)).hits.map((h) => h.node.key);
  const someTopic = async () =>
    (await db().run('MATCH (t:Topic) RETURN t.key AS key ORDER BY t.key LIMIT 1')).records[0]!.get('key') as string;

  it('is kept for the seed as loaded, and a search by topic, area and words reads it', async () => {
    expect(await disagreements(db())).toEqual([]);
    // The seed's Barnet stop-smoking service, by topic alone, with its area, and with words: the same as always.
    const smoking = (
      await db().run(
        "MATCH (:Service {key: 'demo-barnet-stop-smoking'})-[:ABOUT]->(t:Topic) RETURN t.key AS key LIMIT 1",
      )
    ).records[0]!.get('key') as string;
    expect(await aboutKeys(smoking)).toContain('demo-barnet-stop-smoking');
    expect(await aboutKeys(smoking, [Label.Service], { areaKey: 'E09000003', text: 'smoking' })).toContain(
      'demo-barnet-stop-smoking',
    );
    // A kind asked with the topic is asked of the index too: no organisation is ever about a topic.
    expect(await aboutKeys(smoking, [Label.Organisation])).toEqual([]);
  });

  it("follows an admin's links: about a topic, classified by a term, a term mapped to a topic; and retiring", async () => {
    const topicKey = await someTopic();
    const topic = await node(Label.Topic, topicKey);
    const service = (await createNode(db(), Label.Service, 'topic-scope-service', { name: 'Topic clinic' }, 'test'))!;
    expect(await aboutKeys(topicKey)).not.toContain('topic-scope-service');
    await link(db(), Rel.ABOUT, service, topic, {}, 'test');
    expect(await aboutKeys(topicKey)).toContain('topic-scope-service');
    expect(await aboutKeys(topicKey, [Label.Resource])).not.toContain('topic-scope-service');
    expect(await disagreements(db())).toEqual([]);
    expect(await unlink(db(), Rel.ABOUT, service, topic, 'test')).toBe(true);
    expect(await aboutKeys(topicKey)).not.toContain('topic-scope-service');
    expect(await disagreements(db())).toEqual([]);

    // Through a published term: classified first, then the term mapped, unmapped and mapped again.
    const term = (await createNode(
      db(),
      Label.TaxonomyTerm,
      'topic-scope-term',
      { name: 'Published term', taxonomyId: 'test-taxonomy' },
      'test',
    ))!;
    await link(db(), Rel.CLASSIFIED_AS, service, term, {}, 'test');
    expect(await aboutKeys(topicKey)).not.toContain('topic-scope-service');
    await link(db(), Rel.MAPPED_TO, term, topic, {}, 'test');
    expect(await aboutKeys(topicKey)).toContain('topic-scope-service');
    expect(await disagreements(db())).toEqual([]);
    expect(await unlink(db(), Rel.MAPPED_TO, term, topic, 'test')).toBe(true);
    expect(await aboutKeys(topicKey)).not.toContain('topic-scope-service');
    expect(await disagreements(db())).toEqual([]);
    await link(db(), Rel.MAPPED_TO, term, topic, {}, 'test');

    // An edit and a retirement leave the scope alone; the search leaves the retired out and finds the restored.
    let current = (await updateNode(db(), service, 1, { description: 'Walk in' }, [], 'test'))!;
    current = (await updateNode(db(), current, 2, {}, [], 'test', 'RETIRE', { retired: true }))!;
    expect(await aboutKeys(topicKey)).not.toContain('topic-scope-service');
    current = (await updateNode(db(), current, 3, {}, [], 'test', 'RESTORE', { retired: false }))!;
    expect(await aboutKeys(topicKey, [Label.Service], { text: 'topic clinic' })).toEqual(['topic-scope-service']);
    expect(await unlink(db(), Rel.CLASSIFIED_AS, current, term, 'test')).toBe(true);
    expect(await aboutKeys(topicKey)).not.toContain('topic-scope-service');
    expect(await disagreements(db())).toEqual([]);
  });

  it('follows an import and a bulk load, and a store without scopes gains them when it migrates', async () => {
    const topicKey = await someTopic();
    const origin = { file: 'topic-scope.json' };
    const service = (key: string, name: string) => ({ label: Label.Service, key, properties: { name }, origin });
    const rel = (type: Rel, from: [Label, string], to: [Label, string]) => ({
      type,
      from: { label: from[0], key: from[1] },
      to: { label: to[0], key: to[1] },
      properties: {},
      origin,
    });
    const imported: GraphBatch = {
      nodes: [
        service('topic-import-direct', 'Imported direct clinic'),
        service('topic-import-mapped', 'Imported mapped clinic'),
        {
          label: Label.TaxonomyTerm,
          key: 'topic-import-term',
          properties: { name: 'Imported term', taxonomyId: 'test-taxonomy' },
          origin,
        },
      ],
      relationships: [
        rel(Rel.ABOUT, [Label.Service, 'topic-import-direct'], [Label.Topic, topicKey]),
        rel(Rel.CLASSIFIED_AS, [Label.Service, 'topic-import-mapped'], [Label.TaxonomyTerm, 'topic-import-term']),
        rel(Rel.MAPPED_TO, [Label.TaxonomyTerm, 'topic-import-term'], [Label.Topic, topicKey]),
      ],
    };
    await importBatch(db(), imported);
    expect(await aboutKeys(topicKey, [Label.Service], { text: 'imported' })).toEqual([
      'topic-import-direct',
      'topic-import-mapped',
    ]);
    expect(await disagreements(db())).toEqual([]);

    // A bulk load works its new records' scopes out before writing: through a stored term's mapping and a term mapped
    // in the same load; stored records a new link starts from (a topic, a stored term's new mapping) refreshed after.
    const bulk: GraphBatch = {
      nodes: [
        service('topic-bulk-stored-term', 'Bulk stored term clinic'),
        service('topic-bulk-new-term', 'Bulk new term clinic'),
        {
          label: Label.TaxonomyTerm,
          key: 'topic-bulk-term',
          properties: { name: 'Bulk term', taxonomyId: 'test-taxonomy' },
          origin,
        },
        { label: Label.Topic, key: 'topic-bulk-topic', properties: { name: 'Bulk topic' }, origin },
      ],
      relationships: [
        rel(Rel.CLASSIFIED_AS, [Label.Service, 'topic-bulk-stored-term'], [Label.TaxonomyTerm, 'topic-import-term']),
        rel(Rel.CLASSIFIED_AS, [Label.Service, 'topic-bulk-new-term'], [Label.TaxonomyTerm, 'topic-bulk-term']),
        rel(Rel.MAPPED_TO, [Label.TaxonomyTerm, 'topic-bulk-term'], [Label.Topic, topicKey]),
        rel(Rel.ABOUT, [Label.Service, 'demo-barnet-stop-smoking'], [Label.Topic, 'topic-bulk-topic']),
        rel(Rel.MAPPED_TO, [Label.TaxonomyTerm, 'topic-import-term'], [Label.Topic, 'topic-bulk-topic']),
      ],
    };
    await importBatch(db(), bulk, { bulk: true });
    expect(await aboutKeys(topicKey, [Label.Service], { text: 'bulk' })).toEqual([
      'topic-bulk-new-term',
      'topic-bulk-stored-term',
    ]);
    expect((await aboutKeys('topic-bulk-topic')).sort()).toEqual([
      'demo-barnet-stop-smoking',
      'topic-bulk-stored-term',
      'topic-import-mapped',
    ]);
    expect(await disagreements(db())).toEqual([]);

    await db().run('MATCH (n) WHERE n.__topicScope IS NOT NULL REMOVE n.__topicScope', {}, 'WRITE');
    await db().run("MATCH (m:SchemaMigration {id: '010-topic-scope'}) DELETE m", {}, 'WRITE');
    expect(await aboutKeys(topicKey)).toEqual([]);
    expect(await migrate(db())).toContain('010-topic-scope');
    expect(await disagreements(db())).toEqual([]);
    expect(await aboutKeys(topicKey, [Label.Service], { text: 'imported' })).toEqual([
      'topic-import-direct',
      'topic-import-mapped',
    ]);
  });

  it('comes back with a restored export, as the records had it', async () => {
    const topicKey = await someTopic();
    const before = await aboutKeys(topicKey);
    expect(before.length).toBeGreaterThan(0);
    const folder = await mkdtemp(join(tmpdir(), 'topic-scope-'));
    try {
      await exportGraph(db(), join(folder, 'export.jsonl'));
      await wipe(db());
      expect(await aboutKeys(topicKey)).toEqual([]);
      await restoreGraph(db(), join(folder, 'export.jsonl'));
      expect(await aboutKeys(topicKey)).toEqual(before);
      expect(await disagreements(db())).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('is worked out again when a restored export has none (one written before the scopes existed)', async () => {
    const SCOPES = `MATCH (n) WHERE n.__areaScope IS NOT NULL OR n.__topicScope IS NOT NULL
      RETURN n.id AS id, n.__areaScope AS area, n.__topicScope AS topic ORDER BY id`;
    const scopes = async () =>
      (await db().run(SCOPES)).records.map((r) => [r.get('id'), r.get('area'), r.get('topic')]);
    const before = await scopes();
    expect(before.length).toBeGreaterThan(0);
    const folder = await mkdtemp(join(tmpdir(), 'topic-scope-'));
    try {
      const file = join(folder, 'export.jsonl');
      await exportGraph(db(), file);
      await writeFile(file, withoutScopes(await readFile(file, 'utf8')));
      await wipe(db());
      await restoreGraph(db(), file);
      expect(await scopes()).toEqual(before);
      expect(await disagreements(db())).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

/**
 * An export as one written before the search's scopes existed: every record without them, and the checksum line made
 * again over what is left, as `npm run export` would have written it.
 */
function withoutScopes(exported: string): string {
  const lines = exported.split('\n').filter((l) => l !== '');
  const last = JSON.parse(lines.pop()!) as { checksum: { sha256: string; nodes: number; relationships: number } };
  const body = lines
    .map((l) => {
      const entry = JSON.parse(l) as { properties?: Record<string, unknown> };
      if (entry.properties) {
        delete entry.properties.__areaScope;
        delete entry.properties.__topicScope;
      }
      return `${JSON.stringify(entry)}\n`;
    })
    .join('');
  const sha256 = createHash('sha256').update(body).digest('hex');
  return `${body}${JSON.stringify({ checksum: { ...last.checksum, sha256 } })}\n`;
}
