// Online backup and restore through the running service: one consistent snapshot, byte for byte the offline export's,
// and a restore only into an empty database, refused whole for a bad file.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { exportGraph } from '../../../server/database/backup.js';
import { toGraphNode } from '../../../server/database/nodes.js';
import { updateNode } from '../../../server/database/write/edits.js';
import { graphql, useSeededService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const ALCOHOL = nodeId('Topic', 'alcohol');

describe('online backup and restore', () => {
  const { db, service } = useSeededService({
    env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN, ADMIN_UPLOAD_LIMIT_MB: '10', RATE_LIMIT_PER_MINUTE: '100000' },
  });
  let dir: string;
  const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const download = () => fetch(`${service().url}/admin/api/export`, { headers: auth });
  const restore = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/x-ndjson' }) =>
    fetch(`${service().url}/admin/api/restore`, { method: 'POST', headers: { ...auth, ...headers }, body });
  const count = async () => Number((await db().run('MATCH (n) RETURN count(n) AS n')).records[0]?.get('n'));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'admin-backup-'));
  });

  /** An admin's edit of the alcohol topic's description, through the one write path (it records a Change). */
  async function editAlcohol(description: string): Promise<void> {
    const found = await db().run('MATCH (t:Topic {id: $id}) RETURN labels(t) AS labels, properties(t) AS props', {
      id: ALCOHOL,
    });
    const node = toGraphNode(found.records[0]!.get('labels'), found.records[0]!.get('props'));
    await updateNode(db(), node, Number(node.version), { description }, [], 'a test admin');
  }

  it('sends the whole graph as an attachment, byte for byte what npm run export writes of the same data', async () => {
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="partnership-hub-.*\.jsonl"$/);
    const online = await response.text();
    const offline = path.join(dir, 'offline.jsonl');
    const counts = await exportGraph(db(), offline);
    expect(online).toBe(await readFile(offline, 'utf8'));
    expect(counts.nodes).toBeGreaterThan(4_000);
    expect(Number(response.headers.get('x-export-nodes'))).toBe(counts.nodes);
    expect(online).not.toMatch(/ImportLease|ApiKey/);
  });

  it('is refused to anyone but an admin', async () => {
    const anonymous = await fetch(`${service().url}/admin/api/export`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      error: 'UNAUTHENTICATED',
      message: expect.stringMatching(/admin key/),
    });
    const restoring = await fetch(`${service().url}/admin/api/restore`, { method: 'POST', body: 'x' });
    expect(restoring.status).toBe(401);
  });

  it('reads again when a write lands in the middle of a read, so the file is never half before and half after', async () => {
    await editAlcohol('before the backup');
    const attempts: number[] = [];
    const file = path.join(dir, 'torn.jsonl');
    await exportGraph(db(), file, {
      // Between the nodes and the relationships of the first read: an admin's edit and a new link commit.
      betweenReads: async (attempt) => {
        attempts.push(attempt);
        if (attempt > 1) return;
        await editAlcohol('during the backup');
        await db().run(
          "MATCH (a:Topic {key: 'alcohol'}) CREATE (a)-[:RELATED_TO {id: 'torn-link'}]->(a) CREATE (:Change {id: randomUUID(), nodeId: a.id, at: '2026-11-30T08:00:00Z', actor: 'a test admin', action: 'LINK'})",
          {},
          'WRITE',
        );
      },
    });
    expect(attempts).toEqual([1, 2]);
    const text = await readFile(file, 'utf8');
    // Both changes, the node's and the link's: the state after them, whole.
    expect(text).toContain('during the backup');
    expect(text).toContain('torn-link');
    const after = path.join(dir, 'after.jsonl');
    await exportGraph(db(), after);
    expect(text).toBe(await readFile(after, 'utf8'));
    await db().run("MATCH ()-[r {id: 'torn-link'}]->() DELETE r", {}, 'WRITE');
  });

  it('restores only into an empty database, refuses a bad file whole, and answers from the restored graph at once', async () => {
    // Keys are not data: the restore below is made with an admin key, into a database that holds it. Made first, since
    // a mutation empties the response cache.
    const created = await graphql(
      service(),
      'mutation { createApiKey(role: "admin", name: "restorer") { secret } }',
      {},
      TEST_ADMIN_TOKEN,
    );
    const adminKey = created.body.data.createApiKey.secret as string;
    const backup = await (await download()).text();
    const before = await count();

    const notEmpty = await restore(backup);
    expect(notEmpty.status).toBe(409);
    expect(await notEmpty.json()).toMatchObject({
      error: 'DATABASE_NOT_EMPTY',
      message: expect.stringMatching(/empty database/),
    });
    expect(await count()).toBe(before);

    const wrongType = await restore(backup, { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE' });

    // A public answer cached before the restore must not outlive it.
    const ask = async () =>
      (await graphql(service(), 'query ($id: ID) { topic(id: $id) { description } }', { id: ALCOHOL })).body.data.topic
        ?.description as string | undefined;
    await editAlcohol('after the backup');
    expect(await ask()).toBe('after the backup');

    // CALL … IN TRANSACTIONS needs an auto-commit transaction, which only a session's run() gives.
    const session = db().driver.session({ database: db().name });
    await session
      .run(
        'MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:ApiKey CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
      )
      .finally(() => session.close());

    const lines = backup.trimEnd().split('\n');
    const cut = await restore(`${lines.slice(0, 100).join('\n')}\n`);
    expect(cut.status).toBe(400);
    expect(await cut.json()).toMatchObject({ error: 'BAD_USER_INPUT', message: expect.stringMatching(/cut short/) });
    const tampered = backup.replace('"key":"alcohol"', '"key":"alcohol-changed"');
    expect(tampered).not.toBe(backup);
    const changed = await restore(tampered);
    expect(changed.status).toBe(400);
    expect((await changed.json()).message).toMatch(/does not match its checksum/);
    // Still the cached answer: the graph is gone, but nothing told the cache (the restore will).
    expect(await ask()).toBe('after the backup');
    const left = await db().run('MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:ApiKey RETURN count(n) AS n');
    expect(Number(left.records[0]?.get('n'))).toBe(0);

    const form = new FormData();
    form.append('file', new Blob([backup]), 'partnership-hub.jsonl');
    const restored = await fetch(`${service().url}/admin/api/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}` },
      body: form,
    });
    expect(restored.status).toBe(200);
    const counts = (await restored.json()) as { nodes: number; relationships: number; keysLeftOut: number };
    expect(counts.nodes).toBeGreaterThan(4_000);
    expect(await ask()).toBe('during the backup');
    expect(await (await download()).text()).toBe(backup);
  });

  it('refuses a backup over the upload limit with 413, saying the limit', async () => {
    const big = await restore(new Uint8Array(11 * 1024 * 1024).fill(65));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'UPLOAD_TOO_LARGE', message: expect.stringMatching(/10 MB/) });
  });
});
