// The organisation profile and the directory search each in one database round trip, with the answer the loaders give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { createLogger } from '../../../server/logger.js';
import type { RunningService } from '../../../server/service.js';
import { useTestDatabase, testTarget } from '../../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

/** What the benchmark's organisation profile asks (bench/scenarios.ts), as a fragment to ask it two ways. */
const PROFILE = `fragment Profile on Organisation { id name kind
  partnerships { role programme { name } } areasCovered { name footprint { name } } roles { name } resources { name } }`;

/** The benchmark's directory search (text, topic, borough). */
const DIRECTORY = `{ search(text: "stop smoking", kinds: [SERVICE], topic: "stop-smoking", area: "E09000003", first: 20) {
  totalCount edges { score node { ... on Service { id name provider { name } topics { name } } } } } }`;

describe('database round trips of the organisation profile and the directory search', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await seedIfEmpty(db(), createLogger('silent'));
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  });
  afterAll(async () => service?.stop());

  /** The answer and its round trips; as admin unless public, so that no response cache answers instead. */
  const ask = async (query: string, variables: Record<string, unknown> = {}, as: 'admin' | 'public' = 'admin') => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(as === 'admin' ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: { message: string; path?: unknown[] }[] };
    return { body, roundTrips: Number(response.headers.get('x-db-round-trips')) };
  };

  /** The same selection asked through node(id), whose links come from the loaders a level at a time, as before. */
  const throughLoaders = async (id: string, selection: string, as: 'admin' | 'public' = 'admin') =>
    ask(`query ($id: ID!) { node(id: $id) { ...Profile } } ${selection}`, { id }, as);

  it("answers the benchmark's organisation profile in one round trip, as the loaders answer it", async () => {
    const profile = await ask(`{ organisation(key: "E09000003") { ...Profile } } ${PROFILE}`);
    expect(profile.body.errors, JSON.stringify(profile.body.errors)).toBeUndefined();
    const barnet = profile.body.data.organisation;
    expect(barnet.partnerships.length).toBeGreaterThan(0);
    expect(barnet.areasCovered[0].footprint.name).toBeTruthy();
    expect(barnet.roles.length).toBeGreaterThan(1);
    expect(profile.roundTrips).toBe(1);

    const before = await throughLoaders(barnet.id, PROFILE);
    expect(before.body.data.node).toEqual(barnet);
    expect(before.roundTrips).toBeGreaterThan(1);
    // By id as by key.
    const byId = await ask(`query ($id: ID!) { organisation(id: $id) { ...Profile } } ${PROFILE}`, { id: barnet.id });
    expect(byId.body.data.organisation).toEqual(barnet);
    expect(byId.roundTrips).toBe(1);
  });

  it('reads with the organisation what fragments, aliases, first and @include ask, and only that', async () => {
    const selection = `fragment Profile on Organisation { name
      ... on Organisation { few: partnerships(first: 1) { role programme { name } } }
      all: partnerships { programme { name key } }
      ...Places
      resources @include(if: $withResources) { name }
      roles @skip(if: true) { name } }
      fragment Places on Node { ... on Organisation { areasCovered { region { name } footprint { name parent { name } } } } }`;
    const variables = { withResources: false };
    const profile = await ask(
      `query ($withResources: Boolean!) { organisation(key: "E09000003") { id ...Profile } } ${selection}`,
      variables,
    );
    expect(profile.body.errors, JSON.stringify(profile.body.errors)).toBeUndefined();
    const barnet = profile.body.data.organisation;
    expect(barnet.few).toHaveLength(1);
    expect(barnet.resources).toBeUndefined();
    expect(profile.roundTrips).toBe(1);
    const before = await ask(
      `query ($id: ID!, $withResources: Boolean!) { node(id: $id) { id ...Profile } } ${selection}`,
      { id: barnet.id, ...variables },
    );
    expect(before.body.data.node).toEqual(barnet);
  });

  it("keeps the access rules: a holder's email below the profile is refused to the public, given to an admin", async () => {
    const selection = 'fragment Profile on Organisation { id roles { name holders { name email } } }';
    const query = `{ organisation(key: "E09000003") { ...Profile } } ${selection}`;
    // Someone with contact details in one of Barnet's roles (the seed names roles, not people).
    const role = (await ask(query)).body.data.organisation.roles[0].name as string;
    const roleId = (await ask(`{ organisation(key: "E09000003") { roles { id name } } }`)).body.data.organisation
      .roles[0].id as string;
    const person = await ask(
      'mutation ($properties: JSONObject!) { createRecord(kind: Person, key: "barnet-test-officer", properties: $properties) { id } }',
      { properties: { name: 'Test Officer', email: 'officer@example.org' } },
    );
    expect(person.body.errors, JSON.stringify(person.body.errors)).toBeUndefined();
    const held = await ask('mutation ($from: ID!, $to: ID!) { linkRecords(type: HOLDS, from: $from, to: $to) }', {
      from: person.body.data.createRecord.id,
      to: roleId,
    });
    expect(held.body.errors, JSON.stringify(held.body.errors)).toBeUndefined();

    const asAdmin = await ask(query);
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data.organisation.roles[0]).toEqual({
      name: role,
      holders: [{ name: 'Test Officer', email: 'officer@example.org' }],
    });
    expect(asAdmin.roundTrips).toBe(1);
    const publicly = await ask(query, {}, 'public');
    const publicBefore = await throughLoaders(asAdmin.body.data.organisation.id, selection, 'public');
    expect(publicly.body.errors?.[0]?.message).toMatch(/Person\.email/);
    expect(publicly.body.errors?.map((e) => [e.message, e.path])).toEqual(
      publicBefore.body.errors?.map((e) => [e.message, e.path?.map((p) => (p === 'node' ? 'organisation' : p))]),
    );
    expect(publicly.body.data).toEqual({ organisation: publicBefore.body.data.node });
  });

  it('leaves a retired programme out of the profile read in one statement, as the loaders do', async () => {
    const profile = await ask(`{ organisation(key: "E09000003") { ...Profile } } ${PROFILE}`);
    const partnership = profile.body.data.organisation.partnerships[0];
    const programme = await ask(`{ programme(key: "barnet-immunisation-2017-18") { id version name } }`);
    const { id, version, name } = programme.body.data.programme;
    expect(partnership.programme.name).toBe(name);
    const retire = `mutation ($id: ID!, $version: Int!) { retireRecord(id: $id, version: $version) { id } }`;
    expect((await ask(retire, { id, version })).body.errors).toBeUndefined();
    try {
      const after = await ask(`{ organisation(key: "E09000003") { ...Profile } } ${PROFILE}`);
      const names = after.body.data.organisation.partnerships.map(
        (p: { programme: { name: string } }) => p.programme.name,
      );
      expect(names).not.toContain(name);
      expect((await throughLoaders(after.body.data.organisation.id, PROFILE)).body.data.node).toEqual(
        after.body.data.organisation,
      );
    } finally {
      const restore = `mutation ($id: ID!, $version: Int!) { restoreRecord(id: $id, version: $version) { id } }`;
      expect((await ask(restore, { id, version: version + 1 })).body.errors).toBeUndefined();
    }
  });

  it("says what is wrong with a profile's lookup as before", async () => {
    const missing = await ask(`{ organisation(key: "no-such-council") { ...Profile } } ${PROFILE}`);
    expect(missing.body.errors?.[0]?.message).toBe('No Organisation has key "no-such-council".');
    const area = await ask('{ area(key: "E09000003") { id } }');
    const other = await ask(`query ($id: ID!) { organisation(id: $id) { ...Profile } } ${PROFILE}`, {
      id: area.body.data.area.id,
    });
    expect(other.body.errors?.[0]?.message).toMatch(/^No Organisation has id /);
    const both = await ask(`{ organisation(key: "E09000003", id: "x") { ...Profile } } ${PROFILE}`);
    expect(both.body.errors?.[0]?.message).toMatch(/either id or key/);
  });

  it("answers the benchmark's directory search in one round trip, its hits' providers and topics as the loaders give them", async () => {
    const search = await ask(DIRECTORY);
    expect(search.body.errors, JSON.stringify(search.body.errors)).toBeUndefined();
    const nodes = search.body.data.search.edges.map((e: { node: unknown }) => e.node) as {
      id: string;
      provider: { name: string } | null;
      topics: { name: string }[];
    }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.provider && n.topics.length > 0)).toBe(true);
    expect(search.roundTrips).toBe(1);
    const each = `fragment Profile on Service { id name provider { name } topics { name } }`;
    for (const node of nodes) expect((await throughLoaders(node.id, each)).body.data.node).toEqual(node);
  });

  it('answers a page of every directory kind with its links in one round trip, with and without its total', async () => {
    const page = `{ search(first: 40) { TOTAL edges { node {
      ... on Service { id provider { name } topics(first: 2) { name } }
      ... on Resource { id publisher { name } topics { name } }
      ... on Organisation { id partnerships { programme { name } } } } } } }`;
    const withTotal = await ask(page.replace('TOTAL', 'totalCount'));
    const withoutTotal = await ask(page.replace('TOTAL', ''));
    expect(withTotal.body.errors, JSON.stringify(withTotal.body.errors)).toBeUndefined();
    expect(withTotal.roundTrips).toBe(1);
    expect(withoutTotal.roundTrips).toBe(1);
    expect(withoutTotal.body.data.search.edges).toEqual(withTotal.body.data.search.edges);
    const nodes = withTotal.body.data.search.edges.map((e: { node: { id: string } }) => e.node);
    const byKind = (n: Record<string, unknown>) =>
      'provider' in n
        ? 'fragment Profile on Service { id provider { name } topics(first: 2) { name } }'
        : 'publisher' in n
          ? 'fragment Profile on Resource { id publisher { name } topics { name } }'
          : 'fragment Profile on Organisation { id partnerships { programme { name } } }';
    for (const node of nodes) expect((await throughLoaders(node.id, byKind(node))).body.data.node).toEqual(node);
  });
});
