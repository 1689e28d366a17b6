// Importing Open Referral UK 3.0 JSON: the profile's examples come back out of /oruk equivalent; bad feeds change nothing.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportValidationError } from '../../../schema/records.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { readOruk } from '../../../seed/readers/oruk.js';
import type { RunningService } from '../../../server/service.js';
import { useTestDatabase, testTarget, wipe } from '../../support/database.js';
import { startTestService } from '../../support/service.js';

const FIXTURES = 'test/fixtures/oruk';
const example = (file: string) => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, any>;

describe('importing Open Referral UK 3.0', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await wipe(db());
    service = await startTestService(testTarget());
  });
  afterAll(async () => service?.stop());
  const feed = async (id: string) =>
    (await (await fetch(`${service.url}/oruk/services/${id}`)).json()) as Record<string, any>;
  const count = async () =>
    Number((await db().run('MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n')).records[0]?.get('n'));

  it("imports the profile's full service example, and the feed gives it back equivalent", async () => {
    const original = example('examples/service_full.json');
    const report = await importBatch(db(), await readOruk(path.join(FIXTURES, 'examples/service_full.json')));
    expect(report.nodes.Service).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const served = await feed(original.id);
    // Everything one-to-one, and the nested records the standard keeps apart (schedules, contacts, costs, ...), as sent.
    for (const field of [
      'id',
      'name',
      'url',
      'email',
      'status',
      'minimum_age',
      'maximum_age',
      'fees',
      'accreditations',
      'assured_date',
      'assurer_email',
      'alert',
      'last_modified',
      'schedules',
      'contacts',
      'cost_options',
      'languages',
      'funding',
    ]) {
      expect(served[field], field).toEqual(original[field]);
    }
    expect(served.description).toBe(original.description.trim());
    expect(served.organization).toMatchObject({
      id: original.organization.id,
      name: original.organization.name,
      description: original.organization.description,
    });
    expect(
      served.service_at_locations.map((s: any) => [s.id, s.location.id, s.location.latitude, s.location.longitude]),
    ).toEqual(
      original.service_at_locations.map((s: any) => [s.id, s.location.id, s.location.latitude, s.location.longitude]),
    );
    expect(served.attributes.map((a: any) => [a.taxonomy_term.id, a.taxonomy_term.name]).sort()).toEqual(
      original.attributes.map((a: any) => [a.taxonomy_term.id, a.taxonomy_term.name]).sort(),
    );
  });

  it('imports a /services page, and importing again changes nothing', async () => {
    const file = path.join(FIXTURES, 'examples/service_list.json');
    await importBatch(db(), await readOruk(file));
    const before = await count();
    const again = await importBatch(db(), await readOruk(file));
    expect(Object.values(again.nodes).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(await count()).toBe(before);
  });

  it("accepts the official validator's passing and warning feeds, and refuses its failing ones with reasons", async () => {
    for (const kind of ['Default', 'Warn'])
      await expect(
        readOruk(path.join(FIXTURES, `validator-fixtures/V3.0-UK-${kind}/service_full.json`)),
      ).resolves.toBeDefined();
    const before = await count();
    for (const file of ['service_full.json', 'service_list.json']) {
      const error = await readOruk(path.join(FIXTURES, `validator-fixtures/V3.0-UK-Fail/${file}`)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportValidationError);
      const problems = (error as ImportValidationError).problems;
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => /^service [0-9a-f-]{36}: /.test(p.message) && p.field)).toBe(true);
    }
    expect(await count()).toBe(before);
  });

  it('reduces HTML in descriptions to safe text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oruk-'));
    const file = path.join(dir, 'html.json');
    const id = '6e0c3b1a-5f43-4a43-9d0e-2d7c1a0f9a11';
    await writeFile(
      file,
      JSON.stringify({
        id,
        name: 'Drop-in <b>clinic</b>',
        status: 'active',
        description: '<p>Hello &amp; welcome</p><script>alert(1)</script><img src=x onerror=alert(2)>',
      }),
    );
    await importBatch(db(), await readOruk(file));
    const served = await feed(id);
    expect(served.name).toBe('Drop-in clinic');
    expect(served.description).toBe('Hello & welcome');
  });
});
