// Lists analysts can shape (issue 22.2): filters, orderBy, Relay paging both ways with keyset cursors, totals when asked.
import { describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { MAX_PAGE } from '../../../server/graphql/resolvers/support.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

interface Page {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Record<string, any> }[];
}

const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name } }';

describe('lists analysts can shape', () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  const query = async (text: string, variables: Record<string, unknown> = {}, key?: string) => {
    const { status, body } = await graphql(service(), text, variables, key);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data;
  };
  const errorOf = async (text: string, variables: Record<string, unknown> = {}) => {
    const { body } = await graphql(service(), text, variables);
    return body.errors?.[0];
  };
  const roundTrips = async (text: string) => {
    const response = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    return Number(response.headers.get('x-db-round-trips'));
  };
  /** Every name of a list, read forwards a page at a time. */
  const readForwards = async (list: string, args: string, size: number) => {
    const names: string[] = [];
    let after: string | null = null;
    do {
      const data = await query(
        `query ($after: String) { ${list}(${args} first: ${size}, after: $after) { ${PAGE} } }`,
        {
          after,
        },
      );
      const page = data[list] as Page;
      names.push(...page.edges.map((e) => e.node.name));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return names;
  };
  /** Every name of a list, read backwards from its end a page at a time, then put in the list's order. */
  const readBackwards = async (list: string, args: string, size: number) => {
    const pages: string[][] = [];
    let before: string | null = null;
    let first = true;
    do {
      const data = await query(
        `query ($before: String) { ${list}(${args} last: ${size}, before: $before) { ${PAGE} } }`,
        { before },
      );
      const page = data[list] as Page;
      pages.unshift(page.edges.map((e) => e.node.name));
      expect(page.pageInfo.hasNextPage).toBe(!first);
      first = false;
      before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
    } while (before);
    return pages.flat();
  };

  it.each([
    ['programmes', ''],
    ['services', ''],
    ['resources', ''],
    ['topics', ''],
    ['organisations', 'kind: LOCAL_AUTHORITY,'],
    ['services', 'orderBy: { field: DEGREE, direction: DESC },'],
    ['organisations', 'orderBy: { field: LAST_MODIFIED, direction: DESC },'],
  ])('pages %s (%s) both ways to the same list', async (list, args) => {
    const { [list]: counted } = await query(`{ ${list}(${args} first: 1) { totalCount } }`);
    // Pages of 3, or a dozen or so pages for a long list (the councils, every organisation): each page boundary is
    // a cursor followed both ways, and a few hundred of them at 3 a page cost a minute without finding more.
    const size = Math.min(MAX_PAGE, Math.max(3, Math.ceil(counted.totalCount / 12)));
    const forwards = await readForwards(list, args, size);
    expect(forwards.length).toBeGreaterThan(size);
    expect(new Set(forwards).size).toBe(forwards.length);
    expect(await readBackwards(list, args, size)).toEqual(forwards);
    expect(counted.totalCount).toBe(forwards.length);
  });

  it('orders by name, degree and last modified, in Cypher, as the graph has them', async () => {
    const byName = await readForwards('programmes', '', 100);
    expect(byName).toEqual([...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const data = await query(
      `{ topics(orderBy: { field: DEGREE, direction: DESC }, first: 100) { edges { node { key } } } }`,
    );
    const keys = data.topics.edges.map((e: { node: { key: string } }) => e.node.key);
    // The graph, asked independently: each topic's relationships of every kind.
    const degrees = await db().run('MATCH (t:Topic) RETURN t.key AS key, COUNT { (t)--() } AS degree');
    const degree = new Map(degrees.records.map((r) => [r.get('key') as string, Number(r.get('degree'))]));
    const shown = keys.map((k: string) => degree.get(k)!);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    expect(shown[0]).toBeGreaterThan(shown.at(-1));
  });

  it('keeps its place when a record is inserted before the cursor between two page reads', async () => {
    const first = (await query(`{ services(first: 4) { ${PAGE} } }`)).services as Page;
    const whole = await readForwards('services', '', 100);
    // A service whose name sorts before every other, added as an analyst reads.
    await db().run(
      "CREATE (:Service {id: randomUUID(), key: 'aaa-inserted-between-pages', name: 'AAA inserted between pages'})",
      {},
      'WRITE',
    );
    try {
      const second = (
        await query(`query ($after: String) { services(first: 4, after: $after) { ${PAGE} } }`, {
          after: first.pageInfo.endCursor,
        })
      ).services as Page;
      // An offset would now repeat the fourth service; the keyset cursor continues with the fifth.
      expect(second.edges.map((e) => e.node.name)).toEqual(whole.slice(4, 8));
      const back = (
        await query(`query ($before: String) { services(last: 4, before: $before) { ${PAGE} } }`, {
          before: second.pageInfo.startCursor,
        })
      ).services as Page;
      // Backwards from there: the first page as it was read, and now the inserted service before it.
      expect(back.edges.map((e) => e.node.name)).toEqual(whole.slice(0, 4));
      expect(back.pageInfo.hasPreviousPage).toBe(true);
    } finally {
      await db().run("MATCH (s:Service {key: 'aaa-inserted-between-pages'}) DETACH DELETE s", {}, 'WRITE');
    }
  });

  it('filters each list as the graph links it', async () => {
    const inBarnet = await query(`{ services(area: "E09000003", topic: "stop-smoking", first: 100) {
      totalCount edges { node { key topics { key } } } } }`);
    const witness = await db().run(
      `MATCH (s:Service)-[:ABOUT]->(:Topic {key: 'stop-smoking'}) WHERE coalesce(s.retired, false) = false
       AND (EXISTS { (s)-[:AVAILABLE_IN]->(:Area)-[:AREA_PART_OF*0..3]->(:Area {key: 'E09000003'}) }
         OR EXISTS { (s)-[:AVAILABLE_IN]->(:Area)<-[:AREA_PART_OF*1..3]-(:Area {key: 'E09000003'}) })
       RETURN count(s) AS n`,
    );
    expect(inBarnet.services.totalCount).toBe(Number(witness.records[0]!.get('n')));
    expect(inBarnet.services.totalCount).toBeGreaterThan(0);
    for (const edge of inBarnet.services.edges)
      expect(edge.node.topics.map((t: { key: string }) => t.key)).toContain('stop-smoking');

    const partners = await query(
      `{ organisations(programme: "london-mecc-2017-18", first: 100) { edges { node { key } } } }`,
    );
    const london = await query(`{ programme(key: "london-mecc-2017-18") { partners { organisation { key } } } }`);
    expect(new Set(partners.organisations.edges.map((e: { node: { key: string } }) => e.node.key))).toEqual(
      new Set(london.programme.partners.map((p: { organisation: { key: string } }) => p.organisation.key)),
    );

    const covering = await query(`{ programmes(area: "E09000003", first: 100) { edges { node { key } } } }`);
    expect(covering.programmes.edges.map((e: { node: { key: string } }) => e.node.key)).toContain(
      'barnet-immunisation-2017-18',
    );
    const supporting = await db().run(
      'MATCH (p:Programme)<-[:SUPPORTS]-(r:Resource) RETURN p.key AS key, count(r) AS n ORDER BY n DESC LIMIT 1',
    );
    const programme = supporting.records[0]!.get('key') as string;
    const resources = await query(`{ resources(programme: "${programme}", first: 100) { totalCount } }`);
    expect(resources.resources.totalCount).toBe(Number(supporting.records[0]!.get('n')));
    expect(resources.resources.totalCount).toBeGreaterThan(0);
  });

  it("shapes a programme's actions: status, due dates, order and paging both ways", async () => {
    const plan = await query(`{ programme(key: "barnet-immunisation-2017-18") {
      actions(first: 500) { name status dueDate }
      actionsConnection(first: 100) { totalCount edges { node { name } } }
      open: actionsConnection(status: [IN_PROGRESS, PLANNED], first: 100) { edges { node { status } } }
      autumn: actionsConnection(dueFrom: "2017-09", dueTo: "2017-12", orderBy: { field: DUE_DATE }, first: 100) {
        edges { node { dueDate } } }
      latest: actionsConnection(orderBy: { field: DUE_DATE, direction: DESC }, last: 2) { edges { node { dueDate } } }
    } }`);
    const { actions, actionsConnection, open, autumn } = plan.programme;
    // In the plan's own order, as the plain list gives it.
    expect(actionsConnection.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(
      actions.map((a: { name: string }) => a.name),
    );
    expect(actionsConnection.totalCount).toBe(actions.length);
    expect(open.edges.length).toBe(
      actions.filter((a: { status: string }) => ['IN_PROGRESS', 'PLANNED'].includes(a.status)).length,
    );
    const autumnDates = autumn.edges.map((e: { node: { dueDate: string } }) => e.node.dueDate);
    expect(autumnDates).toEqual(
      actions
        .map((a: { dueDate: string | null }) => a.dueDate)
        .filter((d: string | null) => d !== null && d >= '2017-09' && d <= '2017-12-31')
        .sort(),
    );
    expect(autumnDates.length).toBeGreaterThan(0);
    // The last two in descending order: undated actions count as due after every date, so they come first.
    const descending = actions
      .map((a: { dueDate: string | null }) => a.dueDate ?? '9999-12-31')
      .sort()
      .reverse()
      .slice(-2)
      .map((d: string) => (d === '9999-12-31' ? null : d));
    expect(plan.programme.latest.edges.map((e: { node: { dueDate: string | null } }) => e.node.dueDate)).toEqual(
      descending,
    );
  });

  it("shapes an organisation's services and batches every parent's page into one query", async () => {
    const providers = await db().run(
      `MATCH (o:Organisation)<-[:PROVIDED_BY]-(s:Service) WITH o, count(s) AS n WHERE n >= 2 RETURN o.key AS key, n ORDER BY n DESC LIMIT 1`,
    );
    const key = providers.records[0]!.get('key') as string;
    const n = Number(providers.records[0]!.get('n'));
    const data = await query(`{ organisation(key: "${key}") {
      services(first: 500) { name }
      servicesConnection(first: 1) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { name } } }
    } }`);
    const plain = data.organisation.services.map((s: { name: string }) => s.name);
    expect(data.organisation.servicesConnection).toMatchObject({
      totalCount: n,
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
      edges: [{ node: { name: plain[0] } }],
    });
    // Ten programmes' actions, then twenty: the same round trips, since parents asking alike share one query.
    const ten = await roundTrips(
      '{ programmes(first: 10) { edges { node { actionsConnection(first: 3) { edges { node { name } } } } } } }',
    );
    const twenty = await roundTrips(
      '{ programmes(first: 20) { edges { node { actionsConnection(first: 3) { edges { node { name } } } } } } }',
    );
    expect(twenty).toBe(ten);
    expect(ten).toBe(2);
  });

  it("shapes the relationship connections analysts expect: partnerships both ways, an area's and a topic's services", async () => {
    const names = (page: Page) => page.edges.map((e) => e.node.name);
    const byName = (a: string, b: string) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
    // A programme's partners: as its partnerships name them, by name, a role at a time, both ways.
    const mecc = await query(`{ programme(key: "london-mecc-2017-18") {
      partners(first: 500) { role organisation { name } }
      all: partnersConnection(first: 100) { totalCount ${PAGE} }
      tail: partnersConnection(last: 2) { ${PAGE} }
    } }`);
    const partnerships = mecc.programme.partners as { role: string; organisation: { name: string } }[];
    const partners = [...new Set(partnerships.map((p) => p.organisation.name))].sort(byName);
    expect(partners.length).toBeGreaterThan(3);
    expect(names(mecc.programme.all)).toEqual(partners);
    expect(mecc.programme.all.totalCount).toBe(partners.length);
    // A role the seed gives: the filter keeps exactly the partners in it.
    const role = partnerships[0]!.role;
    const inRole = partnerships.filter((p) => p.role === role).map((p) => p.organisation.name);
    const filtered = await query(
      'query ($role: [PartnershipRole!]) { programme(key: "london-mecc-2017-18") { partnersConnection(role: $role) { totalCount } } }',
      { role: [role] },
    );
    expect(filtered.programme.partnersConnection.totalCount).toBe(new Set(inRole).size);
    expect(names(mecc.programme.tail)).toEqual(partners.slice(-2));
    expect(mecc.programme.tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    // An organisation's programmes: its partnerships, ordered by start date, filtered by role and status.
    // Of the best-connected organisations, the one with the most partnerships (the seed has few per organisation).
    const connected = await query(
      '{ organisations(orderBy: { field: DEGREE, direction: DESC }, first: 20) { edges { node { key partnerships(first: 500) { role } } } } }',
    );
    const busiest = (connected.organisations.edges as { node: { key: string; partnerships: unknown[] } }[])
      .map((e) => e.node)
      .sort((a, b) => b.partnerships.length - a.partnerships.length)[0]!;
    const phe = await query(`{ organisation(key: "${busiest.key}") {
      partnerships(first: 500) { role programme { name startDate endDate } }
      byStart: programmesConnection(orderBy: { field: START_DATE }, first: 100) { edges { node { name startDate } } }
      partnered: programmesConnection(role: [PARTNER], first: 100) { ${PAGE} }
      ended: programmesConnection(status: [ENDED], first: 100) { totalCount }
      running: programmesConnection(status: [RUNNING, PLANNED], first: 100) { totalCount }
      all: programmesConnection(first: 100) { totalCount }
    } }`);
    type Held = { role: string; programme: { name: string; startDate: string | null; endDate: string | null } };
    const held = phe.organisation.partnerships as Held[];
    expect(held.length).toBeGreaterThan(0);
    const starts = (phe.organisation.byStart.edges as { node: { startDate: string | null } }[]).map(
      (e) => e.node.startDate ?? '9999',
    );
    expect(starts).toEqual([...starts].sort());
    expect(names(phe.organisation.partnered)).toEqual(
      [...new Set(held.filter((h) => h.role === 'PARTNER').map((h) => h.programme.name))].sort(byName),
    );
    expect(phe.organisation.ended.totalCount + phe.organisation.running.totalCount).toBe(
      phe.organisation.all.totalCount,
    );
    // The seed's programmes ran in 2017/18: every one with an end date has ended.
    const dated = new Set(held.filter((h) => h.programme.endDate).map((h) => h.programme.name));
    expect(phe.organisation.ended.totalCount).toBeGreaterThanOrEqual(dated.size);
    // An area's services are the services list's for that area; a topic's, the services list's for that topic.
    const area = await query(`{
      area(key: "E09000003") { servicesConnection(first: 100) { totalCount ${PAGE} } }
      services(area: "E09000003", first: 100) { ${PAGE} }
      topic(key: "stop-smoking") { servicesConnection(first: 100) { ${PAGE} } back: servicesConnection(last: 1) { ${PAGE} } }
      smoking: services(topic: "stop-smoking", first: 100) { ${PAGE} }
    }`);
    expect(names(area.area.servicesConnection)).toEqual(names(area.services));
    expect(area.area.servicesConnection.totalCount).toBe(area.services.edges.length);
    expect(names(area.topic.servicesConnection)).toEqual(names(area.smoking));
    expect(names(area.topic.servicesConnection).length).toBeGreaterThan(1);
    expect(names(area.topic.back)).toEqual(names(area.smoking).slice(-1));
  });

  it('lists programmes by their status today and their start date', async () => {
    const data = await query(`{
      all: programmes(first: 100) { totalCount }
      ended: programmes(status: [ENDED], first: 100) { totalCount }
      other: programmes(status: [RUNNING, PLANNED], first: 100) { totalCount }
      byStart: programmes(orderBy: { field: START_DATE, direction: DESC }, first: 100) { edges { node { startDate } } }
    }`);
    expect(data.ended.totalCount).toBeGreaterThan(0);
    expect(data.ended.totalCount + data.other.totalCount).toBe(data.all.totalCount);
    const starts = (data.byStart.edges as { node: { startDate: string | null } }[]).map(
      (e) => e.node.startDate ?? '9999',
    );
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('lists events by date within a range', async () => {
    const all = await query('{ events(first: 100) { edges { node { date } } } }');
    const dates = all.events.edges.map((e: { node: { date: string | null } }) => e.node.date ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());
  });

  it('keeps old offset cursors working forwards, so a page a client holds keeps its place', async () => {
    const whole = await readForwards('topics', '', 100);
    const data = await query(`query ($after: String) { topics(first: 2, after: $after) { ${PAGE} } }`, {
      after: Buffer.from('offset:1').toString('base64url'),
    });
    expect(data.topics.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(whole.slice(2, 4));
    expect(data.topics.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses bad filters and cursors with BAD_USER_INPUT saying how to fix them, and changes nothing', async () => {
    const topicCursor = ((await query(`{ topics(first: 1) { ${PAGE} } }`)).topics as Page).pageInfo.endCursor;
    const byDegree = ((await query(`{ services(first: 1, orderBy: { field: DEGREE }) { ${PAGE} } }`)).services as Page)
      .pageInfo.endCursor;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        '{ services(topic: "no-such-topic") { edges { node { id } } } }',
        {},
        /topic "no-such-topic" names nothing.*topics/,
      ],
      ['{ programmes(area: "E99999999") { edges { node { id } } } }', {}, /area "E99999999" names nothing/],
      [
        '{ programme(key: "barnet-immunisation-2017-18") { actionsConnection(dueFrom: "2018-01", dueTo: "2017-06") { totalCount } } }',
        {},
        /dueFrom \(2018-01\) is after dueTo \(2017-06\).*swap/,
      ],
      ['{ events(from: "31/03/2018") { totalCount } }', {}, /not a date: give an ISO date/],
      [
        'query ($c: String) { services(after: $c) { totalCount } }',
        { c: topicCursor },
        /cursor of topics.*not of services/,
      ],
      [
        'query ($c: String) { services(after: $c, orderBy: { field: NAME }) { totalCount } }',
        { c: byDegree },
        /ordered by DEGREE ASC, not of services ordered by NAME ASC/,
      ],
      [
        'query ($c: String) { services(before: $c) { totalCount } }',
        { c: 'not-a-cursor' },
        /before is not a cursor of services/,
      ],
      [
        'query ($c: String) { services(after: $c, orderBy: { field: DEGREE }) { totalCount } }',
        { c: Buffer.from('offset:3').toString('base64url') },
        /after is not a cursor of services in this order/,
      ],
      ['{ services(first: 2, last: 2) { totalCount } }', {}, /first .* or last .*, not both/],
      ['{ services(last: 101) { totalCount } }', {}, /last must be between 1 and 100/],
    ];
    for (const [text, variables, message] of cases) {
      const error = await errorOf(text, variables);
      expect(error?.extensions?.code, text).toBe('BAD_USER_INPUT');
      expect(error?.message, text).toMatch(message);
    }
  });

  it('lists retired records only for analysts and admins', async () => {
    await db().run(
      "CREATE (:Topic {id: randomUUID(), key: 'retired-topic', name: 'Retired topic', retired: true})",
      {},
      'WRITE',
    );
    try {
      expect((await errorOf('{ topics(retired: true) { edges { node { key } } } }'))?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      const live = await query('{ topics(first: 100) { edges { node { key } } } }');
      expect(live.topics.edges.map((e: { node: { key: string } }) => e.node.key)).not.toContain('retired-topic');
      const retired = await query('{ topics(retired: true) { edges { node { key } } } }', {}, TEST_ADMIN_TOKEN);
      expect(retired.topics.edges).toEqual([{ node: { key: 'retired-topic' } }]);
    } finally {
      await db().run("MATCH (t:Topic {key: 'retired-topic'}) DETACH DELETE t", {}, 'WRITE');
    }
  });

  it('keeps the released widgets working: the directory options and a footprint list as they ask', async () => {
    const options = await query(`query DirectoryOptions($after: String) {
      topics(first: 100) { edges { node { key name } } }
      areas(level: BOROUGH, first: 100, after: $after) { edges { node { key name } } pageInfo { hasNextPage endCursor } }
    }`);
    expect(options.topics.edges.length).toBeGreaterThan(5);
    expect(options.areas.edges.map((e: { node: { key: string } }) => e.node.key)).toContain('E09000003');
    const boroughs = await query(
      'query ($within: ID) { areas(level: BOROUGH, within: $within, first: 20) { totalCount } }',
      { within: nodeId('Area', 'E54000027') },
    );
    expect(boroughs.areas.totalCount).toBe(8);
  });
});
