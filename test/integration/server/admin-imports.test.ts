// Imports through the running service (POST /admin/api/imports): the same readers and importer as npm run seed, one at
// a time across instances, readers served meanwhile, the cache emptied on commit, and every bad request refused whole.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { IMPORT_LEASE_LABEL } from '../../../schema/migrations.js';
import { withImportLease } from '../../../server/database/import/lease.js';
import type { RunningService } from '../../../server/service.js';
import { useTestDatabase, testTarget, wipe } from '../../support/database.js';
import { graphql, startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const ECCG = 'seed/reference/ods/eccg.csv';
const BARNET_CCG = nodeId('Organisation', '07M');

interface Upload {
  name: string;
  content: string | Uint8Array;
}

/** Posts an import form: `file` parts, then the fields (a field given as a list is repeated). */
async function postImport(
  service: RunningService,
  files: readonly Upload[],
  fields: Record<string, string | string[]> = {},
  key: string | null = TEST_ADMIN_TOKEN,
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  for (const file of files) form.append('file', new Blob([file.content as BlobPart]), file.name);
  const response = await fetch(`${service.url}/admin/api/imports`, {
    method: 'POST',
    headers: key ? { authorization: `Bearer ${key}` } : {},
    body: form,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const eccg = async (): Promise<Upload> => ({ name: ECCG, content: await readFile(ECCG, 'utf8') });

describe('imports through the running service', () => {
  const db = useTestDatabase();
  let service: RunningService;
  const organisations = async () =>
    Number((await db().run('MATCH (o:Organisation) RETURN count(o) AS n')).records[0]?.get('n'));
  const barnetName = async () =>
    (await db().run('MATCH (o:Organisation {id: $id}) RETURN o.name AS name', { id: BARNET_CCG })).records[0]?.get(
      'name',
    ) as string | undefined;

  beforeAll(async () => {
    await wipe(db());
    service = await startTestService(testTarget(), {
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ADMIN_UPLOAD_LIMIT_MB: '4',
      // The readers' test asks as fast as it can: the rate limit is not what it is about.
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('refuses anyone but an admin, and a body that is not a form, changing nothing', async () => {
    const none = await postImport(service, [await eccg()], {}, null);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: 'UNAUTHENTICATED', message: expect.stringMatching(/admin key/) });
    const unknown = await postImport(service, [await eccg()], {}, 'ph_admin_not-a-key-at-all-not-a-key-at-all-not-a-k');
    expect(unknown.status).toBe(401);

    const created = await graphql(
      service,
      'mutation { createApiKey(role: "analyst", name: "an analyst") { secret key { role } } }',
      {},
      TEST_ADMIN_TOKEN,
    );
    const analyst = created.body.data.createApiKey.secret as string;
    const refused = await postImport(service, [await eccg()], {}, analyst);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'FORBIDDEN', message: expect.stringMatching(/analyst/) });

    const json = await fetch(`${service.url}/admin/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ file: ECCG }),
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({
      error: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/multipart/),
    });
    expect(await organisations()).toBe(0);
  });

  it('in a dry run reports what would change and writes nothing; then imports, under the name it was given', async () => {
    const dry = await postImport(service, [await eccg()], { dryRun: 'true' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, conflicts: [], problems: [] });
    const created = dry.body.nodes.Organisation.created as number;
    expect(created).toBeGreaterThan(200);
    expect(await organisations()).toBe(0);

    const done = await postImport(service, [await eccg()]);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dryRun: false, nodes: { Organisation: { created, updated: 0, unchanged: 0 } } });
    expect(await organisations()).toBe(created);
    // Visible over GraphQL at once, recorded as the admin's (the principal) with the file as they named it.
    const read = await graphql(service, 'query ($id: ID) { organisation(id: $id) { name } }', { id: BARNET_CCG });
    expect(read.body.data.organisation.name).toMatch(/Barnet/i);
    const log = await graphql(service, '{ imports { actor after } }', {}, TEST_ADMIN_TOKEN);
    expect(log.body.data.imports[0]).toMatchObject({ actor: 'bootstrap token' });
    expect(JSON.stringify(log.body.data.imports[0].after)).toContain(ECCG);
    const source = await db().run('MATCH (o:Organisation {id: $id}) RETURN o.__source AS source', { id: BARNET_CCG });
    expect(source.records[0]?.get('source')).toBe(ECCG);
  });

  it('refuses an invalid file with its problems, each naming the file as uploaded, its row and fix; nothing written', async () => {
    const lines = (await readFile(ECCG, 'utf8')).split('\n');
    lines[3] = lines[3]!.replace(/^"?[A-Z0-9]+"?,/, '"0 0",');
    const broken = await postImport(service, [{ name: 'broken/eccg.csv', content: lines.join('\n') }]);
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('BAD_USER_INPUT');
    expect(broken.body.message).toMatch(/^Nothing was imported/);
    expect(broken.body.problems[0]).toMatchObject({ file: 'broken/eccg.csv', row: 4, fix: expect.any(String) });
    expect(JSON.stringify(broken.body)).not.toMatch(/hub-upload-|\/tmp\//);

    const wrong = await postImport(service, [{ name: 'notes.txt', content: 'not data' }]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.problems[0]).toMatchObject({ file: 'notes.txt', message: expect.stringMatching(/format/) });

    for (const name of ['../escape.csv', '/etc/x.csv', 'a/../../b.csv']) {
      const escaping = await postImport(service, [{ name, content: 'x' }]);
      expect(escaping.status, name).toBe(400);
      expect(escaping.body.problems[0].message).toMatch(/not a name a file can be imported under/);
    }
    const nothing = await postImport(service, [], { dryRun: 'true' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.problems[0].fix).toMatch(/defaultSeed=true/);
    const badField = await postImport(service, [await eccg()], { kind: 'Dragon' });
    expect(badField.status).toBe(400);
    expect(badField.body.problems[0].fix).toMatch(/CCG/);
    expect((await barnetName()) ?? '').toMatch(/Barnet/i);
  });

  it('refuses an upload over the limit with 413, saying the limit, and writes nothing', async () => {
    const before = await organisations();
    const big = await postImport(service, [{ name: 'big.csv', content: new Uint8Array(5 * 1024 * 1024).fill(65) }]);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: 'UPLOAD_TOO_LARGE', message: expect.stringMatching(/4 MB/) });
    expect(await organisations()).toBe(before);
  });

  it('refuses a second import while one runs, with 409 and Retry-After; a crashed holder does not block', async () => {
    let release: () => void = () => {};
    const held = withImportLease(
      db(),
      'a test holding the lease',
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    // The lease is taken once withImportLease has asked the database; wait until it shows.
    for (let i = 0; i < 50; i += 1) {
      const found = await db().run(`MATCH (l:${IMPORT_LEASE_LABEL}) WHERE l.token IS NOT NULL RETURN count(l) AS n`);
      if (Number(found.records[0]?.get('n')) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const refused = await postImport(service, [await eccg()]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'IMPORT_RUNNING',
      message: expect.stringMatching(/a test holding the lease.*try again in \d+ s/),
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // A dry run writes nothing, so it is answered meanwhile.
    expect((await postImport(service, [await eccg()], { dryRun: 'true' })).status).toBe(200);
    release();
    await held;
    expect((await postImport(service, [await eccg()])).status).toBe(200);

    // An importer that died left its lease behind: once past its expiry, the next import takes it over.
    await db().run(
      `CREATE (:${IMPORT_LEASE_LABEL} {id: 'import', token: 'dead', holder: 'a crashed importer', since: timestamp() - 120000, expiresAt: timestamp() - 60000})`,
      {},
      'WRITE',
    );
    expect((await postImport(service, [await eccg()])).status).toBe(200);
    const left = await db().run(`MATCH (l:${IMPORT_LEASE_LABEL}) RETURN count(l) AS n`);
    expect(Number(left.records[0]?.get('n'))).toBe(0);
  });

  it('empties the response cache when the import commits: a cached public answer changes at once', async () => {
    const query = 'query ($id: ID) { organisation(id: $id) { name } }';
    const ask = async () => (await graphql(service, query, { id: BARNET_CCG })).body.data.organisation.name as string;
    const before = await ask();
    // Asked twice, so the second answer comes from the cache.
    expect(await ask()).toBe(before);
    const renamed = (await readFile(ECCG, 'utf8')).replace(before.toUpperCase(), 'NHS BARNET RENAMED CCG');
    expect(renamed).not.toBe(await readFile(ECCG, 'utf8'));
    const done = await postImport(service, [{ name: ECCG, content: renamed }]);
    expect(done.status).toBe(200);
    expect(done.body.nodes.Organisation.updated).toBe(1);
    expect(await ask()).toMatch(/renamed/i);
    // Put back as it was, for the tests after.
    expect((await postImport(service, [await eccg()])).status).toBe(200);
  });

  it("reports each conflict with an admin's correction by id, and takes the file's value only for the ids preferred", async () => {
    const read = await graphql(service, 'query ($id: ID) { organisation(id: $id) { name version } }', {
      id: BARNET_CCG,
    });
    const { name: fileName, version } = read.body.data.organisation;
    const corrected = await graphql(
      service,
      'mutation ($id: ID!, $version: Int!, $set: JSONObject) { updateRecord(id: $id, version: $version, set: $set) { id } }',
      { id: BARNET_CCG, version, set: { name: 'Barnet CCG (corrected)' } },
      TEST_ADMIN_TOKEN,
    );
    expect(corrected.body.errors).toBeUndefined();

    const dry = await postImport(service, [await eccg()], { dryRun: 'true' });
    expect(dry.body.conflicts).toEqual([
      {
        id: expect.any(String),
        file: ECCG,
        row: expect.any(Number),
        record: { id: BARNET_CCG, label: 'Organisation', key: '07M', name: 'Barnet CCG (corrected)' },
        field: 'name',
        adminValue: 'Barnet CCG (corrected)',
        fileValue: fileName,
        resolution: 'kept-admin',
      },
    ]);
    const kept = await postImport(service, [await eccg()], { preferFile: ['no-such-conflict'] });
    expect(kept.body.conflicts[0].resolution).toBe('kept-admin');
    expect(await barnetName()).toBe('Barnet CCG (corrected)');

    const taken = await postImport(service, [await eccg()], { preferFile: dry.body.conflicts[0].id });
    expect(taken.status).toBe(200);
    expect(taken.body.conflicts[0]).toMatchObject({ id: dry.body.conflicts[0].id, resolution: 'took-file' });
    expect(await barnetName()).toBe(fileName);
  });

  it('keeps answering readers while a large import runs', async () => {
    const practices = await readFile('seed/reference/ods/epraccur.csv');
    let finished = false;
    const importing = postImport(service, [{ name: 'epraccur.csv', content: practices }]).finally(() => {
      finished = true;
    });
    const answeredMeanwhile: number[] = [];
    while (!finished) {
      const started = performance.now();
      const answer = await graphql(service, 'query ($id: ID) { organisation(id: $id) { name } }', { id: BARNET_CCG });
      expect(answer.status).toBe(200);
      expect(answer.body.data.organisation.name).toMatch(/Barnet/i);
      if (!finished) answeredMeanwhile.push(performance.now() - started);
      // Uncached reads: each asks Neo4j while the import's transaction is open.
      await service.db.run('MATCH (o:Organisation {id: $id}) RETURN o.name', { id: BARNET_CCG });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const done = await importing;
    expect(done.status).toBe(200);
    expect(done.body.nodes.Organisation.created).toBeGreaterThan(5_000);
    expect(answeredMeanwhile.length).toBeGreaterThan(3);
    console.log(
      `readers during an import of ${done.body.nodes.Organisation.created} practices: ${answeredMeanwhile.length} answers, slowest ${Math.round(Math.max(...answeredMeanwhile))} ms`,
    );
  }, 120_000);
});
