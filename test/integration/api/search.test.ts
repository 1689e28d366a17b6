// The directory search over the seed data (with its demo services): text, filters combined with AND, proximity, paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { createLogger } from '../../../server/logger.js';
import type { RunningService } from '../../../server/service.js';
import { useTestDatabase, testTarget } from '../../support/database.js';
import { graphql, startTestService } from '../../support/service.js';

const SEARCH = `query ($text: String, $kinds: [SearchKind!], $topic: String, $area: String, $organisationKind: OrganisationKind, $near: NearInput, $first: Int, $after: String) {
  search(text: $text, kinds: $kinds, topic: $topic, area: $area, organisationKind: $organisationKind, near: $near, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor score distanceKm node { __typename ... on Service { key name demo } ... on Resource { key name demo } ... on Organisation { key name demo } } }
  } }`;

describe('the directory search', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await seedIfEmpty(db(), createLogger('silent'));
    service = await startTestService(testTarget());
  });
  afterAll(async () => service?.stop());

  const search = async (variables: Record<string, unknown>) => {
    const { body } = await graphql(service, SEARCH, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.search as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { score: number; distanceKm: number | null; node: { key: string; demo: boolean; __typename: string } }[];
    };
  };
  const keys = (result: Awaited<ReturnType<typeof search>>) => result.edges.map((e) => e.node.key);
  const errorOf = async (variables: Record<string, unknown>) =>
    (await graphql(service, SEARCH, variables)).body.errors?.[0];

  it('finds by free text, most relevant first, and says which results are demo data', async () => {
    const result = await search({ text: 'stop smoking' });
    expect(result.totalCount).toBeGreaterThanOrEqual(3);
    expect(result.edges[0]?.score).toBeGreaterThan(0);
    expect(result.edges.map((e) => e.score)).toEqual([...result.edges.map((e) => e.score)].sort((a, b) => b - a));
    expect(result.edges.find((e) => e.node.key === 'demo-barnet-stop-smoking')?.node.demo).toBe(true);
    expect(keys(await search({ text: 'smok' }))).toContain('demo-harrow-stop-smoking'); // found while typing
  });

  it('combines topic and borough: stop smoking services in Barnet', async () => {
    expect(keys(await search({ topic: 'stop-smoking', area: 'E09000003', kinds: ['SERVICE'] }))).toEqual([
      'demo-barnet-stop-smoking',
    ]);
  });

  it('finds for a borough what serves its whole footprint, and for a footprint what serves its boroughs', async () => {
    expect(keys(await search({ topic: 'alcohol', area: 'E09000015', kinds: ['SERVICE'] }))).toEqual([
      'demo-nw-london-alcohol-advice',
    ]);
    // Only the kinds asked for are gathered from the area's side, and each still finds its own.
    const organisations = await search({ area: 'E09000003', kinds: ['ORGANISATION'], first: 100 });
    expect(organisations.edges.every((e) => e.node.__typename === 'Organisation')).toBe(true);
    expect(keys(organisations)).toContain('E09000003'); // Barnet council covers Barnet
    const everything = await search({ area: 'E09000003', first: 100 });
    expect(new Set(everything.edges.map((e) => e.node.__typename))).toEqual(
      new Set(['Service', 'Resource', 'Organisation']),
    );
    expect(keys(await search({ topic: 'alcohol', area: 'E09000003', kinds: ['SERVICE'] }))).toEqual([]); // Barnet is not in NW London
    expect(keys(await search({ topic: 'stop-smoking', area: 'E54000027', kinds: ['SERVICE'] }))).toEqual([
      'demo-harrow-stop-smoking',
    ]);
  });

  it('filters organisations by kind and area', async () => {
    expect(keys(await search({ kinds: ['ORGANISATION'], organisationKind: 'ICB', area: 'E09000015' }))).toEqual([
      'QRV',
    ]);
    const barnet = keys(await search({ kinds: ['ORGANISATION'], area: 'E09000003', first: 50 }));
    expect(barnet).toEqual(expect.arrayContaining(['E09000003', '07M', 'QMJ']));
    expect(barnet).not.toContain('R1H'); // Barts is based in the London region, not responsible for Barnet
  });

  it('finds what is near a postcode or a point, nearest first, within the radius', async () => {
    const southwark = await search({ near: { postcode: 'se1 2dl', radiusKm: 2 } });
    expect(keys(southwark)).toEqual(['demo-southwark-stop-smoking']);
    expect(southwark.edges[0]?.distanceKm).toBeLessThan(0.01);
    const barnet = await search({ near: { latitude: 51.62, longitude: -0.21, radiusKm: 3 }, kinds: ['SERVICE'] });
    expect(keys(barnet).sort()).toEqual([
      'demo-barnet-childhood-immunisation-clinic',
      'demo-barnet-healthy-weight',
      'demo-barnet-stop-smoking',
    ]);
    expect(barnet.edges.every((e) => (e.distanceKm ?? 99) < 1)).toBe(true);
    expect(
      keys(await search({ near: { latitude: 51.62, longitude: -0.21, radiusKm: 20 }, topic: 'stop-smoking' })),
    ).toEqual(['demo-barnet-stop-smoking', 'demo-harrow-stop-smoking', 'demo-southwark-stop-smoking']);
  });

  it('pages with cursors through a stable order', async () => {
    const all = keys(await search({ kinds: ['RESOURCE'], first: 100 }));
    const first = await search({ kinds: ['RESOURCE'], first: 5 });
    const second = await search({ kinds: ['RESOURCE'], first: 5, after: first.pageInfo.endCursor });
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...keys(first), ...keys(second)]).toEqual(all.slice(0, 10));
    expect(first.totalCount).toBe(all.length);
  });

  it('treats search syntax as words, and answers mistakes with coded errors', async () => {
    expect((await search({ text: 'smoking) OR (*:* AND "' })).totalCount).toBeGreaterThanOrEqual(0);
    expect((await search({ text: '   ' })).totalCount).toBeGreaterThan(0);
    expect((await errorOf({ near: { radiusKm: 2 } }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await errorOf({ near: { latitude: 51.5, radiusKm: 2 } }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await errorOf({ near: { postcode: 'SE1 2DL', radiusKm: 500 } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await errorOf({ near: { postcode: 'ZZ9 9ZZ' } })).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await errorOf({ near: { postcode: 'not a postcode' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await errorOf({ text: 'x'.repeat(201) })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers a directory page with its providers, publishers and topics in two round trips', async () => {
    const page = `{ search(first: 40) { edges { node {
      ... on Service { name provider { name } topics { name } } ... on Resource { name publisher { name } topics { name } } } } } }`;
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: page }),
    });
    const body = (await response.json()) as {
      data: {
        search: {
          edges: { node: { provider?: { name: string }; publisher?: { name: string }; topics?: { name: string }[] } }[];
        };
      };
    };
    expect(body.data, JSON.stringify(body)).toBeDefined();
    const nodes = body.data.search.edges.map((e) => e.node);
    expect(nodes.filter((n) => n.provider).length, 'services with a provider').toBeGreaterThan(0);
    expect(nodes.filter((n) => n.publisher).length, 'resources with a publisher').toBeGreaterThan(0);
    expect(nodes.filter((n) => (n.topics ?? []).length > 0).length, 'results with topics').toBeGreaterThan(0);
    // The search, then every relationship field of the page together: not one query per field.
    expect(Number(response.headers.get('x-db-round-trips'))).toBe(2);
  });
});
