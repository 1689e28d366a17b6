// Opening hours from Open Referral UK schedules: an imported feed's schedules served as Service.openingHours, and
// every released directory widget's own documents still answered as before, by hash as the widgets send them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETAIL } from '../../../contract/queries/directory.js';
import { importBatch } from '../../../server/database/import/importer.js';
import type { RunningService } from '../../../server/service.js';
import { readOruk } from '../../../seed/readers/oruk.js';
import { RELEASES } from '../../../widgets/build.js';
import { testTarget, useTestDatabase, wipe } from '../../support/database.js';
import { graphql, startTestService } from '../../support/service.js';

const FEED = 'test/fixtures/oruk/schedules/opening-hours.json';
const STOP_SMOKING = '3f1c9a52-5d0e-4a8b-9c61-2b7e4d0a1101';
const WEIGHT = '3f1c9a52-5d0e-4a8b-9c61-2b7e4d0a1102';
const ALCOHOL = '3f1c9a52-5d0e-4a8b-9c61-2b7e4d0a1103';

/** Each released widget version's own directory detail document, as its bundle holds it. */
function releasedDetailDocuments(): { version: string; query: string }[] {
  return readdirSync(RELEASES).flatMap((version) => {
    const chunks = path.join(RELEASES, version, 'chunks');
    return readdirSync(chunks)
      .filter((f) => f.startsWith('directory-') && f.endsWith('.js'))
      .flatMap((f) => [...readFileSync(path.join(chunks, f), 'utf8').matchAll(/`(query DirectoryDetail[^`]*)`/g)])
      .map((m) => ({ version, query: m[1]! }));
  });
}

describe('opening hours from Open Referral UK schedules', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await wipe(db());
    await importBatch(db(), await readOruk(FEED));
    service = await startTestService(testTarget());
  });
  afterAll(async () => service?.stop());

  const hours = async (id: string) => {
    const { body } = await graphql(service, DETAIL, { id });
    expect(body.errors).toBeUndefined();
    return body.data.node.openingHours as Record<string, unknown>[];
  };
  const brief = (h: Record<string, unknown>) => [h.day, h.opens, h.closes];

  it('serves weekly schedules Monday first, a day’s sessions by time, a day of the month and the feed’s words', async () => {
    const smoking = await hours(STOP_SMOKING);
    expect(smoking.map(brief)).toEqual([
      ['MONDAY', '09:00', '17:30'],
      ['TUESDAY', '09:00', '17:30'],
      ['WEDNESDAY', '09:00', '17:30'],
      ['WEDNESDAY', '18:00', '20:00'],
      ['THURSDAY', '09:00', '17:30'],
      ['FRIDAY', '09:00', '17:30'],
      ['SATURDAY', '10:00', '12:00'], // sent as 10:00Z: the clock time, not moved by an hour in summer
      ['SUNDAY', '10:00', '14:00'],
    ]);
    expect(smoking.at(-1)).toMatchObject({ weekOfMonth: -1, everyWeeks: null, note: 'Family session.' });
  });

  it('reads fortnightly sessions, the dates they hold between, notes, and a schedule with words only', async () => {
    expect(await hours(WEIGHT)).toEqual([
      {
        day: 'TUESDAY',
        opens: '18:30',
        closes: '20:00',
        weekOfMonth: null,
        everyWeeks: 2,
        validFrom: '2026-01-06',
        validTo: '2026-12-29',
        note: 'Booking needed.',
      },
      {
        day: null,
        opens: null,
        closes: null,
        weekOfMonth: null,
        everyWeeks: null,
        validFrom: null,
        validTo: null,
        note: 'One-to-one sessions by appointment.',
      },
    ]);
  });

  it('gives an empty list for a service that publishes no schedules', async () => {
    expect(await hours(ALCOHOL)).toEqual([]);
  });

  it('still answers every released directory widget’s detail document, by its hash as the widget sends it', async () => {
    const documents = releasedDetailDocuments();
    expect(documents.map((d) => d.version)).toEqual(expect.arrayContaining(['0.1.0', '1.0.0', '1.3.0']));
    for (const { version, query } of documents) {
      const hash = createHash('sha256').update(query).digest('hex');
      const params = (withQuery: boolean) =>
        new URLSearchParams({
          operationName: 'DirectoryDetail',
          variables: JSON.stringify({ id: STOP_SMOKING }),
          extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
          ...(withQuery ? { query } : {}),
        });
      const ask = async (withQuery: boolean) =>
        (await (
          await fetch(`${service.url}/graphql?${params(withQuery)}`, {
            headers: { 'apollo-require-preflight': 'true' },
          })
        ).json()) as { data?: any; errors?: unknown[] };
      const first = await ask(false);
      if (first.errors) expect((await ask(true)).errors, version).toBeUndefined();
      const answer = await ask(false);
      expect(answer.errors, version).toBeUndefined();
      expect(answer.data.node.name, version).toBe('Stop smoking drop-in');
    }
  });
});
