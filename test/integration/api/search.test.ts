// The directory search over the seed data (with its demo services): text, filters combined with AND, proximity, paging.
import { describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import { SEARCHABLE_LABELS } from '../../../schema/model.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const SEARCH = `query ($text: String, $kinds: [SearchKind!], $topic: String, $area: String, $organisationKind: OrganisationKind, $near: NearInput, $first: Int, $after: String) {
  search(text: $text, kinds: $kinds, topic: $topic, area: $area, organisationKind: $organisationKind, near: $near, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor score distanceKm node { __typename ... on Service { key name demo } ... on Resource { key name demo } ... on Organisation { key name demo } } }
  } }`;

describe('the directory search', () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  const search = async (variables: Record<string, unknown>) => {
    const { body } = await graphql(service(), SEARCH, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.search as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { score: number; distanceKm: number | null; node: { key: string; demo: boolean; __typename: string } }[];
    };
  };
  const keys = (result: Awaited<ReturnType<typeof search>>) => result.edges.map((e) => e.node.key);
  const errorOf = async (variables: Record<string, unknown>) =>
    (await graphql(service(), SEARCH, variables)).body.errors?.[0];

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

  it('pages backwards as well, through the same ranking, with startCursor and hasPreviousPage', async () => {
    const PAGED = `query ($text: String, $kinds: [SearchKind!], $first: Int, $after: String, $last: Int, $before: String) {
      search(text: $text, kinds: $kinds, first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { ... on Node { id } } } } }`;
    type Paged = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
      edges: { node: { id: string } }[];
    };
    const page = async (variables: Record<string, unknown>) => {
      const { body } = await graphql(service(), PAGED, variables);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data.search as Paged;
    };
    for (const query of [{ kinds: ['RESOURCE'] }, { text: 'london', kinds: ['PROGRAMME', 'ORGANISATION', 'EVENT'] }]) {
      const all = (await page({ ...query, first: 100 })).edges.map((e) => e.node.id);
      expect(all.length).toBeGreaterThan(6);
      // From the end, three at a time, back to the start: the same ranking in the same order.
      const pages: string[][] = [];
      let before: string | null = null;
      let last = await page({ ...query, last: 3 });
      expect(last.pageInfo.hasNextPage).toBe(false);
      expect(last.totalCount).toBe(all.length);
      for (;;) {
        pages.unshift(last.edges.map((e) => e.node.id));
        if (!last.pageInfo.hasPreviousPage) break;
        before = last.pageInfo.startCursor;
        last = await page({ ...query, last: 3, before });
        expect(last.pageInfo.hasNextPage).toBe(true);
      }
      expect(pages.flat()).toEqual(all);
      // Forwards from a page read backwards, and backwards from one read forwards, meet where they should.
      const middle = await page({ ...query, first: 3, after: (await page({ ...query, first: 3 })).pageInfo.endCursor });
      expect(middle.pageInfo.hasPreviousPage).toBe(true);
      expect(
        (await page({ ...query, last: 3, before: middle.pageInfo.startCursor })).edges.map((e) => e.node.id),
      ).toEqual(all.slice(0, 3));
      const between = await page({
        ...query,
        first: 10,
        after: middle.pageInfo.startCursor,
        before: middle.pageInfo.endCursor,
      });
      expect(between.edges.map((e) => e.node.id)).toEqual(all.slice(4, 5));
    }
  });

  it('refuses a cursor from another search or a list, and still reads the old offset cursors forwards', async () => {
    const resources = await search({ kinds: ['RESOURCE'], first: 2 });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ kinds: ['SERVICE'], after: resources.pageInfo.endCursor }, /after is a cursor of another search/],
      [{ kinds: ['RESOURCE'], text: 'smoking', after: resources.pageInfo.endCursor }, /another search .*same search/],
      [{ kinds: ['RESOURCE'], topic: 'stop-smoking', after: resources.pageInfo.endCursor }, /another search/],
      [{ after: 'not-a-cursor' }, /after is not a cursor, not of search/],
    ];
    const { body } = await graphql(service(), '{ topics(first: 1) { pageInfo { endCursor } } }');
    cases.push([{ after: body.data.topics.pageInfo.endCursor }, /after is a cursor of topics, not of search/]);
    for (const [variables, message] of cases) {
      const error = await errorOf(variables);
      expect(error?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(error?.message).toMatch(message);
    }
    // The same words and filters, in another order or case, are the same search.
    const mixed = await search({ kinds: ['RESOURCE', 'SERVICE'], first: 2 });
    expect(
      (await search({ kinds: ['SERVICE', 'RESOURCE'], first: 2, after: mixed.pageInfo.endCursor })).edges,
    ).toHaveLength(2);
    // A link made before search cursors named their query (offset:1 is the second result) reads on from it.
    const all = keys(await search({ kinds: ['RESOURCE'], first: 100 }));
    const old = await search({ kinds: ['RESOURCE'], first: 2, after: Buffer.from('offset:1').toString('base64url') });
    expect(keys(old)).toEqual(all.slice(2, 4));
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

  it('answers a directory page with its providers, publishers and topics in one round trip', async () => {
    const page = `{ search(first: 40) { edges { node {
      ... on Service { name provider { name } topics { name } } ... on Resource { name publisher { name } topics { name } } } } } }`;
    const response = await fetch(`${service().url}/graphql`, {
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
    // The search and every relationship field of the page together (round-trips.test.ts): not one query per field.
    expect(Number(response.headers.get('x-db-round-trips'))).toBe(1);
  });

  const EVERY_KIND = `query ($text: String, $kinds: [SearchKind!], $area: String, $topic: String, $near: NearInput, $first: Int) {
    search(text: $text, kinds: $kinds, area: $area, topic: $topic, near: $near, first: $first) {
      totalCount
      edges { kind highlight { field text ranges { start length } } node { __typename ... on Node { id key } } }
    } }`;
  interface KindHit {
    kind: string;
    highlight: { field: string; text: string; ranges: { start: number; length: number }[] } | null;
    node: { __typename: string; id: string; key: string };
  }
  const searchEvery = async (variables: Record<string, unknown>, key?: string) => {
    const { body } = await graphql(service(), EVERY_KIND, variables, key);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.search as { totalCount: number; edges: KindHit[] };
  };
  /** The SearchKind of each searchable label, as the schema names it: StakeholderGroup is STAKEHOLDER_GROUP. */
  const kindOf = (label: string) => label.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  const ALL_KINDS = SEARCHABLE_LABELS.map(kindOf);
  const marks = (h: KindHit['highlight']) => h?.ranges.map((r) => h.text.slice(r.start, r.start + r.length)) ?? [];

  it('finds every searchable kind by a word of its name, saying what it is and why it matched', async () => {
    const person = await graphql(
      service(),
      'mutation ($properties: JSONObject!) { createRecord(kind: Person, key: "search-test-person", properties: $properties) { id } }',
      {
        properties: {
          name: 'Morwenna Quillfeather',
          jobTitle: 'Programme Manager',
          email: 'lantern.keeper@example.org',
          phone: '020 7946 0999',
        },
      },
      TEST_ADMIN_TOKEN,
    );
    expect(person.body.errors, JSON.stringify(person.body.errors)).toBeUndefined();
    // People and roles are searchable now, with programmes, workstreams, actions, events and stakeholder groups.
    for (const label of [Label.Programme, Label.Workstream, Label.Action, Label.Event, Label.StakeholderGroup]) {
      expect(SEARCHABLE_LABELS).toContain(label);
    }
    expect(ALL_KINDS).toEqual(expect.arrayContaining(['PERSON', 'ROLE', 'STAKEHOLDER_GROUP', 'SERVICE']));
    for (const label of SEARCHABLE_LABELS) {
      const kind = kindOf(label);
      // One live record of the kind, and the longest word of its name: the search must find it by that word alone.
      const record = await db().run(
        `MATCH (n:\`${label}\`) WHERE n.name IS NOT NULL AND coalesce(n.retired, false) = false
         RETURN n.key AS key, n.name AS name ORDER BY size(n.name) DESC, n.key LIMIT 1`,
      );
      const name = record.records[0]?.get('name') as string | undefined;
      expect(name, `the seed holds a ${label}`).toBeDefined();
      const word = name!.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length || a.localeCompare(b))[0]!;
      const found = await searchEvery({ text: word, kinds: [kind], first: 100 });
      const hit = found.edges.find((e) => e.node.key === record.records[0]!.get('key'));
      expect(hit, `${label} "${name}" found by "${word}"`).toBeDefined();
      expect(hit!.kind).toBe(kind);
      expect(hit!.node.__typename).toBe(label);
      expect(found.edges.every((e) => e.node.__typename === label)).toBe(true);
      expect(hit!.highlight?.field).toBe('name');
      expect(marks(hit!.highlight).map((m) => m.toLowerCase())).toContain(word.toLowerCase());
    }
  });

  it('never matches a person by their contact details, which stay for analysts', async () => {
    expect((await searchEvery({ text: 'lantern keeper', kinds: ['PERSON'] })).totalCount).toBe(0);
    expect((await searchEvery({ text: '7946', kinds: ALL_KINDS })).totalCount).toBe(0);
    const { body } = await graphql(
      service(),
      '{ search(text: "Quillfeather", kinds: [PERSON]) { edges { node { ... on Person { name email } } } } }',
    );
    expect(body.data?.search.edges[0].node.name).toBe('Morwenna Quillfeather');
    expect(body.data?.search.edges[0].node.email).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the directory as it was without kinds, and searches every kind when asked', async () => {
    const directory = await searchEvery({ text: 'immunisation', first: 100 });
    expect(directory.edges.length).toBeGreaterThan(0);
    expect(directory.edges.every((e) => ['SERVICE', 'RESOURCE', 'ORGANISATION'].includes(e.kind))).toBe(true);
    const everything = await searchEvery({ text: 'immunisation', kinds: ALL_KINDS, first: 100 });
    expect(everything.totalCount).toBeGreaterThan(directory.totalCount);
    const kinds = new Set(everything.edges.map((e) => e.kind));
    for (const kind of ['PROGRAMME', 'SERVICE', 'ACTION']) expect(kinds).toContain(kind);
    const plan = everything.edges.find((e) => e.node.key === 'barnet-immunisation-2017-18');
    expect(plan?.kind).toBe('PROGRAMME');
    expect(marks(plan!.highlight)).toEqual(['Immunisation']);
    // Narrowing to some kinds gives those alone.
    const some = await searchEvery({ text: 'immunisation', kinds: ['PROGRAMME', 'ACTION'], first: 100 });
    expect(new Set(some.edges.map((e) => e.kind))).toEqual(new Set(['PROGRAMME', 'ACTION']));
  });

  it('applies an area only to kinds that have areas, leaving the others out', async () => {
    const barnet = await searchEvery({ area: 'E09000003', kinds: ['PROGRAMME', 'ROLE', 'PERSON'], first: 100 });
    expect(barnet.edges.map((e) => e.node.key)).toContain('barnet-immunisation-2017-18');
    expect(barnet.edges.every((e) => e.kind === 'PROGRAMME')).toBe(true);
    const harrow = await searchEvery({ area: 'E09000015', kinds: ['PROGRAMME'], first: 100 });
    expect(harrow.edges.map((e) => e.node.key)).not.toContain('barnet-immunisation-2017-18');
    // A kind without areas, alone, finds nothing in an area (and says so by its count), rather than ignoring the area.
    expect(await searchEvery({ area: 'E09000003', kinds: ['ROLE'] })).toEqual({ totalCount: 0, edges: [] });
    expect(
      (await searchEvery({ near: { postcode: 'SE1 2DL', radiusKm: 2 }, kinds: ['PROGRAMME', 'SERVICE'] })).edges.map(
        (e) => e.kind,
      ),
    ).toEqual(['SERVICE']);
  });
});
