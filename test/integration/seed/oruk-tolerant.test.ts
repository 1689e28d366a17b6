// A real-world-shaped Open Referral UK feed imports through the admin route with a warning per service and field, and
// is served back by /oruk/services/{id}; strict=true refuses it whole, as the standard's validator does.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../server/service.js';
import { testTarget, useTestDatabase, wipe } from '../../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const TOLERANT = 'test/fixtures/oruk/tolerant';
const FEEDS = ['local-timestamps.json', 'vendor-fields.json', 'html-descriptions.json', 'hsds-names.json'];

describe('importing Open Referral UK feeds as they really are', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await wipe(db());
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  });
  afterAll(async () => service?.stop());

  const post = async (files: readonly string[], fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const name of files)
      form.append('file', new Blob([await readFile(`${TOLERANT}/${name}`, 'utf8')]), `feeds/${name}`);
    const response = await fetch(`${service.url}/admin/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const services = async () => Number((await db().run('MATCH (s:Service) RETURN count(s) AS n')).records[0]?.get('n'));
  const served = async (id: string) =>
    (await (await fetch(`${service.url}/oruk/services/${id}`)).json()) as Record<string, any>;

  it('refuses every deviation with strict=true, and changes nothing', async () => {
    const refused = await post(FEEDS, { strict: 'true' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('BAD_USER_INPUT');
    const fields = refused.body.problems.map((p: any) => `${p.file} ${p.field}`);
    expect(fields).toContain('feeds/local-timestamps.json last_modified');
    expect(fields).toContain('feeds/hsds-names.json minimum_age');
    expect(await services()).toBe(0);
  });

  it('imports them with a warning per service and field, named as uploaded, and serves them back', async () => {
    const imported = await post(FEEDS);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.nodes.Service.created).toBe(5);
    const warnings = imported.body.warnings as { file: string; row: number; record: string; field: string }[];
    const where = (w: { file: string; record: string; field: string }) => `${w.file} ${w.record} ${w.field}`;
    expect(warnings.map(where)).toEqual(
      expect.arrayContaining([
        'feeds/local-timestamps.json service 7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a01 last_modified',
        'feeds/local-timestamps.json service 7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a02 last_modified',
        'feeds/vendor-fields.json service 7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a03 lgd_service_type',
        'feeds/html-descriptions.json service 7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a04 description',
        'feeds/hsds-names.json service 7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a05 fees_description',
      ]),
    );
    expect(warnings.every((w) => w.row === 1 || w.row === 2)).toBe(true);

    const vendor = await served('7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a03');
    expect(vendor).toMatchObject({
      lgd_service_type: 'community',
      'x-placecube-rank': 4,
      ext_outcomes: { referrals: 12 },
    });
    const html = await served('7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a04');
    expect(html.name).toBe('Alcohol advice line');
    expect(html.description).not.toMatch(/</);
    const hsds = await served('7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a05');
    expect(hsds).toMatchObject({ fees: 'Free', minimum_age: 16, status: 'active' });
    expect(hsds.fees_description).toBeUndefined();
    expect(hsds.service_at_locations[0].location).toMatchObject({ latitude: 51.5033, longitude: -0.1196 });
  });

  it('still refuses what cannot be read without guessing, saying why', async () => {
    const refused = await post(['unreadable.json']);
    expect(refused.status).toBe(400);
    expect(refused.body.problems.map((p: any) => [p.row, p.field])).toEqual([
      [1, 'last_modified'],
      [2, 'status'],
    ]);
  });
});
