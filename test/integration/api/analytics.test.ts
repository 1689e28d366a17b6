// Partnership analytics over the seed data: networks, shortest paths, rankings, coverage gaps, action plans, downloads.
import { describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import { NETWORK_RELS, networkAround, WHOLE_NETWORK } from '../../../server/database/network.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const org = (key: string) => nodeId('Organisation', key);
const programme = (key: string) => nodeId('Programme', key);

describe('partnership analytics', () => {
  const { service, db } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const { body } = await graphql(service(), text, variables, TEST_ADMIN_TOKEN);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const NETWORK = `query ($around: ID!, $depth: Int, $roles: [PartnershipRole!]) { network(around: $around, depth: $depth, roles: $roles) {
    nodes { id key type name } edges { source target type role } } }`;

  it('draws the network around a programme: its partners with roles, and its parent programme', async () => {
    const { network } = await query(NETWORK, { around: programme('london-mecc-2017-18'), depth: 1 });
    const keys = network.nodes.map((n: { key: string }) => n.key).sort();
    expect(keys).toEqual([
      'academy-of-public-health',
      'adph-london',
      'greater-london-authority',
      'london-councils',
      'london-fire-brigade',
      'london-mecc-2017-18',
      'making-every-contact-count',
      'public-health-england',
      'voluntary-sector',
    ]);
    expect(network.edges).toContainEqual({
      source: org('london-fire-brigade'),
      target: programme('london-mecc-2017-18'),
      type: 'PARTNER_IN',
      role: 'PROPOSED_PARTNER',
    });
    const ids = new Set(network.nodes.map((n: { id: string }) => n.id));
    expect(network.edges.every((e: { source: string; target: string }) => ids.has(e.source) && ids.has(e.target))).toBe(
      true,
    );
  });

  it('goes deeper with depth and narrows with roles', async () => {
    const deep = (await query(NETWORK, { around: programme('london-mecc-2017-18'), depth: 2 })).network;
    expect(deep.nodes.map((n: { key: string }) => n.key)).toContain('nw-london-mecc-roll-out'); // a sibling under the national programme
    const partnersOnly = (
      await query(NETWORK, { around: programme('london-mecc-2017-18'), depth: 1, roles: ['PARTNER'] })
    ).network;
    expect(partnersOnly.nodes.map((n: { key: string }) => n.key)).not.toContain('london-fire-brigade');
  });

  it('reads every member within the depth and every link between members, each once, whatever is asked of them', async () => {
    // The network as the graph holds it, asked the plainest way: every path of at most `depth` steps whose
    // partnerships all have one of the roles, then every relationship of the network's kinds between two members.
    const asHeld = async (id: string, depth: number, roles: string[] | null) => {
      const result = await db().run(
        `MATCH (s {id: $id}) WHERE s:${Label.Organisation} OR s:${Label.Programme}
         MATCH p = (s)-[:${NETWORK_RELS}*0..${depth}]-(n)
         WHERE all(r IN relationships(p) WHERE $roles IS NULL OR r.role IS NULL OR r.role IN $roles)
         WITH collect(DISTINCT n) AS members
         UNWIND members AS a
         OPTIONAL MATCH (a)-[r:${NETWORK_RELS}]->(b) WHERE b IN members AND ($roles IS NULL OR r.role IS NULL OR r.role IN $roles)
         RETURN [m IN members | m.id] AS ids, collect(CASE WHEN r IS NOT NULL THEN [a.id, b.id, type(r), r.role] END) AS links`,
        { id, roles },
      );
      const record = result.records[0]!;
      return {
        ids: (record.get('ids') as string[]).sort(),
        links: (record.get('links') as string[][]).map((l) => l.join(' ')).sort(),
      };
    };
    const cases: [string, number, string[] | null][] = [
      [programme('london-mecc-2017-18'), 1, null],
      [programme('london-mecc-2017-18'), 2, null],
      [programme('london-mecc-2017-18'), 3, ['PARTNER', 'LEAD']],
      [org('E09000003'), 2, null],
      [org('public-health-england'), 4, ['FUNDER']],
    ];
    for (const [id, depth, roles] of cases) {
      const read = await networkAround(db(), id, depth, roles ?? undefined, { projection: WHOLE_NETWORK });
      const expected = await asHeld(id, depth, roles);
      const context = `${id} to depth ${depth}, roles ${roles}`;
      expect(read!.nodes.map((n) => n.id).sort(), context).toEqual(expected.ids);
      expect(read!.edges.map((e) => [e.source, e.target, e.type, e.role ?? null].join(' ')).sort(), context).toEqual(
        expected.links,
      );
      // Every member whole: its key, a name (its key when it has none), and what it is.
      for (const node of read!.nodes) {
        expect(node.key, context).toEqual(expect.any(String));
        expect(node.name, context).toEqual(expect.any(String));
        expect(node.type === 'ORGANISATION' || node.organisationKind === undefined, context).toBe(true);
      }
    }
    expect(await networkAround(db(), programme('nothing'), 2)).toBeNull();
  });

  it('reads the same members and links in the same order whatever of them is asked', async () => {
    // Each projection reads a row of a different width (a role as a number, a type as a boolean), so each is
    // checked against the whole network's members and links, field by field and in order.
    const narrow = { key: false, kind: false, demo: false, edgeType: false, role: true, inference: false };
    const typed = { ...narrow, edgeType: true, role: false, inference: true };
    const cases: [string, number, string[] | undefined][] = [
      [programme('london-mecc-2017-18'), 2, undefined],
      [programme('london-mecc-2017-18'), 3, ['PARTNER', 'LEAD']],
      [org('public-health-england'), 4, undefined],
    ];
    for (const [id, depth, roles] of cases) {
      const whole = (await networkAround(db(), id, depth, roles, { projection: WHOLE_NETWORK }))!;
      const context = `${id} to depth ${depth}, roles ${roles}`;
      for (const projection of [narrow, typed]) {
        const read = (await networkAround(db(), id, depth, roles, { projection }))!;
        expect(
          read.nodes.map((n) => [n.id, n.name, n.type]),
          context,
        ).toEqual(whole.nodes.map((n) => [n.id, n.name, n.type]));
        expect(
          read.edges.map((e) => [e.source, e.target, projection.role ? e.role : e.type, e.inferred, e.inference]),
          context,
        ).toEqual(
          whole.edges.map((e) => [
            e.source,
            e.target,
            projection.role ? e.role : e.type,
            projection.inference ? e.inferred : undefined,
            projection.inference ? e.inference : undefined,
          ]),
        );
      }
    }
  });

  it('tells which footprints each network member works in, for filtering', async () => {
    const { network } = await query(
      `query ($around: ID!) { network(around: $around, depth: 1) { nodes { key footprints } } }`,
      { around: org('E09000003') },
    );
    const footprintsOf = (key: string) => network.nodes.find((n: { key: string }) => n.key === key)?.footprints;
    expect(footprintsOf('E09000003')).toEqual(['E54000028']); // Barnet council covers Barnet, in North Central London
    const london = (
      await query(`query ($around: ID!) { network(around: $around, depth: 1) { nodes { key footprints } } }`, {
        around: programme('london-mecc-2017-18'),
      })
    ).network;
    expect(london.nodes.find((n: { key: string }) => n.key === 'public-health-england').footprints).toEqual([]); // national: in no one footprint
  });

  it('works out footprints only when asked, for all members in one more query', async () => {
    const roundTrips = async (fields: string) => {
      const response = await fetch(`${service().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body: JSON.stringify({
          query: `query ($around: ID!) { network(around: $around, depth: 2) { nodes { ${fields} } } }`,
          variables: { around: programme('london-mecc-2017-18') },
        }),
      });
      expect(response.status).toBe(200);
      return Number(response.headers.get('x-db-round-trips'));
    };
    expect(await roundTrips('key')).toBe(1);
    expect(await roundTrips('key footprints')).toBe(2); // not one per member
  });

  it('finds the shortest path between two organisations through shared programmes, or null', async () => {
    const { shortestPath } = await query(
      `query ($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { nodes { key } edges { type role } } }`,
      { from: org('public-health-england'), to: org('london-councils') },
    );
    expect(shortestPath.nodes.map((n: { key: string }) => n.key)).toEqual([
      'public-health-england',
      'london-mecc-2017-18',
      'london-councils',
    ]);
    const none = await query(`query ($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { nodes { key } } }`, {
      from: org('public-health-england'),
      to: org('nesta'),
    });
    expect(none.shortestPath).toBeNull();
  });

  it('ranks the most connected partners by partners and by betweenness', async () => {
    const { mostConnected } = await query(
      `{ mostConnected(first: 3) { node { key } programmes partners betweenness } }`,
    );
    expect(mostConnected[0].partners).toBeGreaterThanOrEqual(mostConnected[1].partners);
    expect(mostConnected[0].partners).toBe(6); // a London MECC partner shares it with the six other organisations
    const barnet = await query(
      `{ mostConnected(area: "E09000003", orderBy: BETWEENNESS) { node { key } partners betweenness } }`,
    );
    const inBarnet = barnet.mostConnected.map((c: { node: { key: string } }) => c.node.key);
    // Barnet's own plan, and the London-wide programme that also works in Barnet; not the unplaced STP blog's Nesta.
    expect(inBarnet).toEqual(expect.arrayContaining(['07M', 'E09000003', 'public-health-england']));
    expect(inBarnet).not.toContain('nesta');
    const scores = barnet.mostConnected.map((c: { betweenness: number }) => c.betweenness);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('shows coverage gaps: the boroughs of a footprint with no service for a topic', async () => {
    const smoking = await query(`{ coverageGaps(footprint: "E54000027", topic: "stop-smoking") { key } }`);
    expect(smoking.coverageGaps).toHaveLength(7); // Harrow has a (demo) service; seven boroughs have none
    expect(smoking.coverageGaps.map((a: { key: string }) => a.key)).not.toContain('E09000015');
    const alcohol = await query(`{ coverageGaps(footprint: "E54000027", topic: "alcohol") { key } }`);
    expect(alcohol.coverageGaps).toEqual([]); // the footprint-wide (demo) advice line covers every borough
    const { body } = await graphql(
      service(),
      `{ coverageGaps(footprint: "E54000999", topic: "alcohol") { key } }`,
      {},
      TEST_ADMIN_TOKEN,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('summarises an action plan by status, overdue actions and leads', async () => {
    const { programme: plan } = await query(`{ programme(key: "barnet-immunisation-2017-18") { actionPlan {
      total byStatus { status count } overdue { key } byLead { lead { ... on Role { name } ... on Organisation { name } } actions { key } } } } }`);
    expect(plan.actionPlan.total).toBe(9);
    expect(plan.actionPlan.byStatus).toEqual([
      { status: 'COMPLETED', count: 6 },
      { status: 'ONGOING', count: 2 },
      { status: 'PLANNED', count: 1 },
    ]);
    expect(plan.actionPlan.overdue).toEqual([{ key: 'barnet-imms-mmr2-practice-data' }]);
    expect(plan.actionPlan.byLead[0]).toMatchObject({ lead: { name: 'Health Improvement Officer' } });
    // Eight, not nine, since 3f49317: the plan's row 2 pairs the GP bulletin with the officer and its social media
    // action with the CCG's communications manager.
    expect(plan.actionPlan.byLead[0].actions).toHaveLength(8);
  });

  it('downloads a network as GEXF and CSV, and refuses bad requests with 4xx', async () => {
    const id = programme('london-mecc-2017-18');
    const gexf = await fetch(`${service().url}/networks/${id}.gexf?depth=1`);
    expect(gexf.status).toBe(200);
    expect(gexf.headers.get('content-type')).toMatch(/gexf/);
    const xml = await gexf.text();
    expect(xml).toMatch(/<gexf[^>]*>/);
    expect(xml).toContain('London Fire Brigade');
    const csv = await (await fetch(`${service().url}/networks/${id}.csv?depth=1`)).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('source,source_name,source_type,target,target_name,target_type,relationship,role');
    expect(lines).toHaveLength(1 + 8); // seven partners and the link to the national programme
    expect((await fetch(`${service().url}/networks/${id}.pdf`)).status).toBe(400);
    expect((await fetch(`${service().url}/networks/not-an-id.csv`)).status).toBe(400);
    expect((await fetch(`${service().url}/networks/${id}.csv?depth=9`)).status).toBe(400);
    expect((await fetch(`${service().url}/networks/${nodeId('Programme', 'nothing')}.csv`)).status).toBe(404);
  });

  it('answers bad analytics arguments with coded errors', async () => {
    const codeOf = async (text: string) =>
      (await graphql(service(), text, {}, TEST_ADMIN_TOKEN)).body.errors?.[0]?.extensions?.code;
    expect(await codeOf(`{ network(around: "${programme('london-mecc-2017-18')}", depth: 9) { nodes { id } } }`)).toBe(
      'BAD_USER_INPUT',
    );
    expect(await codeOf(`{ network(around: "${programme('nothing')}") { nodes { id } } }`)).toBe('NOT_FOUND');
    expect(
      await codeOf(`{ shortestPath(from: "${org('nope')}", to: "${org('london-councils')}") { nodes { id } } }`),
    ).toBe('NOT_FOUND');
    expect(await codeOf(`{ mostConnected(first: 0) { partners } }`)).toBe('BAD_USER_INPUT');
  });
});
