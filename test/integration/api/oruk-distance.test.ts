// Distance order: given a postcode, /oruk/services and /oruk/service_at_locations and the GraphQL near search put the
// nearest first, each with its distance, and the near search reads locations through the latitude index.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { readOruk } from '../../../seed/readers/oruk.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget, useTestDatabase, wipe } from '../../support/database.js';
import { graphql, startTestService } from '../../support/service.js';

const CENTRE = { latitude: 51.5, longitude: -0.1 };
/** Degrees of latitude for a distance due north, on the sphere Neo4j's point.distance measures with. */
const north = (km: number) => CENTRE.latitude + km / 111.2;
const uuid = (n: number) => `5a1d7e2c-3b4f-4c6d-8e9f-0a1b2c3d4e${String(n).padStart(2, '0')}`;

/** Three services at known distances north of the postcode; named so that name order is not distance order. */
const SERVICES = [
  { id: uuid(1), name: 'Aldgate clinic', at: [6] },
  { id: uuid(2), name: 'Borough clinic', at: [2, 8] },
  { id: uuid(3), name: 'Southwark clinic', at: [0.5] },
];

const SEARCH = `query ($near: NearInput, $text: String) {
  search(text: $text, kinds: [SERVICE], near: $near) { edges { distanceKm node { ... on Service { name } } } }
}`;

describe('results nearest first, given a postcode', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await wipe(db());
    service = await startTestService(testTarget());
    await importBatch(db(), {
      nodes: [
        {
          label: Label.Postcode,
          key: 'ZZ1 1AA',
          properties: { postcode: 'ZZ1 1AA', ...CENTRE },
          origin: { file: 'test' },
        },
      ],
      relationships: [],
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'oruk-distance-'));
    const file = path.join(dir, 'services.json');
    await writeFile(
      file,
      JSON.stringify(
        SERVICES.map((s, i) => ({
          id: s.id,
          name: s.name,
          status: 'active',
          service_at_locations: s.at.map((km, j) => ({
            id: uuid(10 + i * 2 + j),
            location: {
              id: uuid(30 + i * 2 + j),
              name: `${s.name} ${km} km`,
              location_type: 'physical',
              latitude: north(km),
              longitude: CENTRE.longitude,
            },
          })),
        })),
      ),
    );
    await importBatch(db(), await readOruk(file));
  });
  afterAll(async () => service?.stop());

  const oruk = async (route: string) => (await (await fetch(`${service.url}/oruk${route}`)).json()) as any;

  it('lists services by their nearest location, each with its distance in metres', async () => {
    const page = await oruk('/services?postcode=ZZ1%201AA&proximity=10000');
    expect(page.contents.map((s: any) => s.name)).toEqual(['Southwark clinic', 'Borough clinic', 'Aldgate clinic']);
    const metres = page.contents.map((s: any) => s.distance);
    for (const [i, expected] of [500, 2000, 6000].entries())
      expect(Math.abs(metres[i] - expected)).toBeLessThan(expected * 0.01);
    // Without a postcode, the order is by name and no distance is said.
    const plain = await oruk('/services');
    expect(plain.contents.map((s: any) => s.name)).toEqual(['Aldgate clinic', 'Borough clinic', 'Southwark clinic']);
    expect(plain.contents.some((s: any) => 'distance' in s)).toBe(false);
  });

  it('lists services at locations one row per location, nearest first, and within the proximity only', async () => {
    const page = await oruk('/service_at_locations?postcode=ZZ1%201AA&proximity=10000');
    expect(page.contents.map((r: any) => r.location.name)).toEqual([
      'Southwark clinic 0.5 km',
      'Borough clinic 2 km',
      'Aldgate clinic 6 km',
      'Borough clinic 8 km',
    ]);
    expect(page.contents.map((r: any) => Math.round(r.distance / 100) / 10)).toEqual([0.5, 2, 6, 8]);
    const close = await oruk('/service_at_locations?postcode=ZZ1%201AA&proximity=3000');
    expect(close.contents.map((r: any) => r.location.name)).toEqual(['Southwark clinic 0.5 km', 'Borough clinic 2 km']);
    expect(close.total_items).toBe(2);
  });

  it('puts the GraphQL near search nearest first, searching by words or not', async () => {
    for (const text of [null, 'clinic']) {
      const { body } = await graphql(service, SEARCH, { near: { postcode: 'ZZ1 1AA', radiusKm: 7 }, text });
      expect(body.errors).toBeUndefined();
      const edges = body.data.search.edges as { distanceKm: number; node: { name: string } }[];
      expect(
        edges.map((e) => e.node.name),
        String(text),
      ).toEqual(['Southwark clinic', 'Borough clinic', 'Aldgate clinic']);
      expect(edges.map((e) => Math.round(e.distanceKm * 10) / 10)).toEqual([0.5, 2, 6]);
    }
  });

  it('reads only the locations in a band around the point, through the latitude index', async () => {
    const plan = await db().run(
      `PROFILE MATCH (place:${Label.Location}) WHERE place.latitude >= $minLat AND place.latitude <= $maxLat RETURN count(place) AS n`,
      { minLat: north(1), maxLat: north(3) },
    );
    expect(plan.records[0]?.get('n')).toEqual(expect.anything());
    expect(JSON.stringify(plan.summary.profile)).toMatch(/NodeIndexSeekByRange|NodeIndexSeek/);
  });
});
