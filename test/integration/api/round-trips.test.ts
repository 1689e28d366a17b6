// The organisation profile and the directory search each in one database round trip, with the answer the loaders give.
import { describe, expect, it } from 'vitest';
import { DETAIL } from '../../../contract/queries/directory.js';
import { TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

/** What the benchmark's organisation profile asks (bench/scenarios.ts), as a fragment to ask it two ways. */
const PROFILE = `fragment Profile on Organisation { id name kind
  partnerships { role programme { name } } areasCovered { name footprint { name } } roles { name } resources { name } }`;

/** The benchmark's directory search (text, topic, borough). */
const DIRECTORY = `{ search(text: "stop smoking", kinds: [SERVICE], topic: "stop-smoking", area: "E09000003", first: 20) {
  totalCount edges { score node { ... on Service { id name provider { name } topics { name } } } } } }`;

describe('database round trips of the organisation profile and the directory search', () => {
  const { service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  /** The answer and its round trips; as admin unless public, so that no response cache answers instead. */
  const ask = async (query: string, variables: Record<string, unknown> = {}, as: 'admin' | 'public' = 'admin') => {
    const response = await fetch(`${service().url}/graphql`, {
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

  /**
   * The same selection asked where the links come from the loaders a level at a time, as every lookup's did before:
   * a service's or resource's own lookup, or one of Barnet's organisations (an area's organisations come from the
   * loaders). The answer is shaped as node(id)'s.
   */
  const throughLoaders = async (id: string, selection: string, as: 'admin' | 'public' = 'admin') => {
    const kind = /fragment Profile on (\w+)/.exec(selection)![1]!;
    // Pages small enough for the request's cost limit: a programme's actions each with their leads weigh a lot.
    if (kind === 'Service' || kind === 'Programme')
      return listedThroughLoaders(`${kind.toLowerCase()}s`, kind === 'Service' ? 100 : 2, id, selection, as);
    if (kind !== 'Organisation') {
      const field = kind.toLowerCase();
      const answer = await ask(`query ($id: ID!) { ${field}(id: $id) { ...Profile } } ${selection}`, { id }, as);
      return { ...answer, body: { ...answer.body, data: { node: answer.body.data[field] } } };
    }
    // Barnet's organisations (those responsible for it or based in it), each with the selection, through the loaders.
    const area = await ask(
      `{ area(key: "E09000003") { organisations(first: 40) { ...Profile } } } ${selection}`,
      {},
      as,
    );
    if (!area.body.data) throw new Error(JSON.stringify(area.body.errors));
    const listed = area.body.data.area.organisations as { id: string }[];
    const index = listed.findIndex((o) => o.id === id);
    if (index < 0) throw new Error(`Organisation ${id} is not one of Barnet's.`);
    const errors = area.body.errors
      ?.filter((e) => e.path?.[2] === index)
      .map((e) => ({ ...e, path: ['node', ...(e.path ?? []).slice(3)] }));
    return { ...area, body: { data: { node: listed[index] }, errors } };
  };

  /**
   * A service or programme as the list of them all gives it, page by page (its own lookup reads its links with it
   * now): its links come from the loaders.
   */
  const listedThroughLoaders = async (
    list: string,
    first: number,
    id: string,
    selection: string,
    as: 'admin' | 'public',
  ) => {
    let after: string | null = null;
    for (;;) {
      const page = await ask(
        `query ($after: String) { ${list}(first: ${first}, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ...Profile } } } } ${selection}`,
        { after },
        as,
      );
      if (!page.body.data) throw new Error(JSON.stringify(page.body.errors));
      const { edges, pageInfo } = page.body.data[list];
      const index = (edges as { node: { id: string } }[]).findIndex((e) => e.node.id === id);
      if (index >= 0) {
        const errors = page.body.errors
          ?.filter((e) => e.path?.[2] === index)
          .map((e) => ({ ...e, path: ['node', ...(e.path ?? []).slice(4)] }));
        return { ...page, body: { data: { node: edges[index].node }, errors } };
      }
      if (!pageInfo.hasNextPage) throw new Error(`${id} is not one of the ${list}.`);
      after = pageInfo.endCursor;
    }
  };

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
    // By id as by key, and as any record by id (the directory's detail of an organisation).
    const byId = await ask(`query ($id: ID!) { organisation(id: $id) { ...Profile } } ${PROFILE}`, { id: barnet.id });
    expect(byId.body.data.organisation).toEqual(barnet);
    expect(byId.roundTrips).toBe(1);
    const node = await ask(`query ($id: ID!) { node(id: $id) { ...Profile } } ${PROFILE}`, { id: barnet.id });
    expect(node.body.data.node).toEqual(barnet);
    expect(node.roundTrips).toBe(1);
  });

  it('reads with the organisation what fragments, aliases, first and @include ask, and only that', async () => {
    const selection = `fragment Profile on Organisation { id name
      ... on Organisation { few: partnerships(first: 1) { role programme { name } } }
      all: partnerships { programme { name key } }
      ...Places
      resources @include(if: false) { name }
      roles @skip(if: true) { name } }
      fragment Places on Node { ... on Organisation { areasCovered { region { name } footprint { name parent { name } } } } }`;
    const profile = await ask(`{ organisation(key: "E09000003") { ...Profile } } ${selection}`);
    expect(profile.body.errors, JSON.stringify(profile.body.errors)).toBeUndefined();
    const barnet = profile.body.data.organisation;
    expect(barnet.few).toHaveLength(1);
    expect(barnet.resources).toBeUndefined();
    expect(barnet.areasCovered[0].footprint.parent.name).toBeTruthy();
    expect(profile.roundTrips).toBe(1);
    expect((await throughLoaders(barnet.id, selection)).body.data.node).toEqual(barnet);
  });

  it("answers the directory widget's detail of an organisation in one round trip", async () => {
    const id = (await ask('{ organisation(key: "E09000003") { id } }')).body.data.organisation.id as string;
    const detail = await ask(DETAIL, { id });
    expect(detail.body.errors, JSON.stringify(detail.body.errors)).toBeUndefined();
    expect(detail.roundTrips).toBe(1);
    const { services, partnerships } = detail.body.data.node;
    expect(partnerships.length).toBeGreaterThan(0);
    const links =
      'fragment Profile on Organisation { id services { id name } partnerships { role programme { name } } }';
    expect((await throughLoaders(id, links)).body.data.node).toEqual({ id, services, partnerships });
  });

  it("keeps the access rules: a holder's email below the profile is refused to the public, given to an admin", async () => {
    const selection =
      'fragment Profile on Organisation { id roles(first: 10) { name holders(first: 5) { name email } } }';
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

  it('answers a page of services and resources with their links in one round trip, with and without its total', async () => {
    const page = `{ search(kinds: [SERVICE, RESOURCE], first: 40) { TOTAL edges { node {
      ... on Service { id provider { name } topics(first: 2) { name } }
      ... on Resource { id publisher { name } topics { name } } } } } }`;
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
        : 'fragment Profile on Resource { id publisher { name } topics { name } }';
    expect(nodes.some((n: Record<string, unknown>) => 'publisher' in n)).toBe(true);
    for (const node of nodes) expect((await throughLoaders(node.id, byKind(node))).body.data.node).toEqual(node);
  });

  it("answers a programme's action plan (the benchmark's) with its actions, their leads and its targets in one statement", async () => {
    const plan = `fragment Profile on Programme { id name actions { name status dueDate leads { part by { ... on Role { name } } } }
      targets { metric value } partners { role organisation { name } } }`;
    const programme = await ask(`{ programme(key: "barnet-immunisation-2017-18") { ...Profile } } ${plan}`);
    expect(programme.body.errors, JSON.stringify(programme.body.errors)).toBeUndefined();
    const { actions, id } = programme.body.data.programme;
    expect(actions.some((a: { leads: unknown[] }) => a.leads.length > 0)).toBe(true);
    expect(programme.roundTrips).toBe(1);
    expect((await throughLoaders(id, plan)).body.data.node).toEqual(programme.body.data.programme);
    // The action plan's counts are read apart: its actions, leads and targets add no round trip to theirs.
    const counts = 'actionPlan { total byStatus { status count } overdue { name } }';
    const countsAlone = await ask(`{ programme(key: "barnet-immunisation-2017-18") { ${counts} } }`);
    const withCounts = await ask(`{ programme(key: "barnet-immunisation-2017-18") { ...Profile ${counts} } } ${plan}`);
    expect(withCounts.body.errors, JSON.stringify(withCounts.body.errors)).toBeUndefined();
    expect(withCounts.roundTrips).toBe(countsAlone.roundTrips);
  });

  it("answers a service's lookup with its provider, topics and areas in one round trip, as the loaders answer it", async () => {
    const detail = 'fragment Profile on Service { id name provider { name kind } topics { name } areas { name } }';
    const smoking = await ask(`{ service(key: "demo-barnet-stop-smoking") { ...Profile } } ${detail}`);
    expect(smoking.body.errors, JSON.stringify(smoking.body.errors)).toBeUndefined();
    expect(smoking.body.data.service.provider.name).toBeTruthy();
    expect(smoking.roundTrips).toBe(1);
    const { id } = smoking.body.data.service;
    expect((await throughLoaders(id, detail)).body.data.node).toEqual(smoking.body.data.service);
    const byId = await ask(`query ($id: ID!) { service(id: $id) { ...Profile } } ${detail}`, { id });
    expect(byId.body.data.service).toEqual(smoking.body.data.service);
    expect(byId.roundTrips).toBe(1);
    const missing = await ask(`{ service(key: "no-such-service") { ...Profile } } ${detail}`);
    expect(missing.body.errors?.[0]?.message).toBe('No Service has key "no-such-service".');
  });

  it('reads linked nodes by name only where nothing else in the request wants more of them', async () => {
    // The same areas of Barnet asked twice in one statement (Barnet is a partner in its own programmes), with
    // different properties: each asking gets all it asked.
    const twice = `fragment Profile on Organisation { id areasCovered { name }
      partnerships(first: 20) { programme { partners(first: 20) { organisation { id areasCovered { gssCode level } } } } } }`;
    const profile = await ask(`{ organisation(key: "E09000003") { ...Profile } } ${twice}`);
    expect(profile.body.errors, JSON.stringify(profile.body.errors)).toBeUndefined();
    const barnet = profile.body.data.organisation;
    const again = barnet.partnerships
      .flatMap((p: { programme: { partners: { organisation: { id: string } }[] } }) => p.programme.partners)
      .find((p: { organisation: { id: string } }) => p.organisation.id === barnet.id);
    const areas = (await ask('{ organisation(key: "E09000003") { areasCovered { name gssCode level } } }')).body.data
      .organisation.areasCovered as { name: string; gssCode: string; level: string }[];
    expect(areas.some((a) => a.gssCode === 'E09000003')).toBe(true);
    expect(barnet.areasCovered).toEqual(areas.map(({ name }) => ({ name })));
    expect(again.organisation.areasCovered).toEqual(areas.map(({ gssCode, level }) => ({ gssCode, level })));

    // Another root field asking the loaders for the same areas with more: every property is read for both.
    const both = await ask(`{ organisation(key: "E09000003") { areasCovered { name } }
      area(key: "E09000003") { organisations(first: 40) { key areasCovered { name gssCode } } } }`);
    expect(both.body.errors, JSON.stringify(both.body.errors)).toBeUndefined();
    const listed = both.body.data.area.organisations.find((o: { key: string }) => o.key === 'E09000003');
    expect(listed.areasCovered[0]).toEqual({
      name: both.body.data.organisation.areasCovered[0].name,
      gssCode: 'E09000003',
    });
  });
});
