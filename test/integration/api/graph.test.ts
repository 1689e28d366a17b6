// The read side of the GraphQL API over the seed data: every concept, its relationships, lookups, paging and errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { graphql, useSeededService } from '../../support/service.js';

describe('the GraphQL API over the seed data', () => {
  // One service over one seed for the query limits too: no test here writes.
  const { service } = useSeededService();

  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const { status, body } = await graphql(service(), text, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data;
  };
  const errorOf = async (text: string) => {
    const { body } = await graphql(service(), text);
    return body.errors?.[0];
  };

  it('follows a council to its programmes, its borough, footprint and region', async () => {
    const data = await query(`{ organisation(key: "E09000003") {
      name kind demo
      partnerships { role programme { name } }
      areasCovered { name footprint { name } region { name } }
      sourceDocuments { title ref }
    } }`);
    expect(data.organisation).toMatchObject({ name: 'London Borough of Barnet', kind: 'LOCAL_AUTHORITY', demo: false });
    expect(data.organisation.partnerships).toEqual([
      { role: 'LEAD', programme: { name: 'Barnet Public Health Immunisation Action Plan 2017/18' } },
    ]);
    expect(data.organisation.areasCovered).toEqual([
      { name: 'Barnet', footprint: { name: 'North London' }, region: { name: 'London' } },
    ]);
    expect(data.organisation.sourceDocuments.map((s: { title: string }) => s.title)).toContain(
      "London's 33 local authorities with CCG, STP and ICB",
    );
  });

  it("shows a programme's action plan: actions in order, leads with their part, due dates and targets", async () => {
    const data = await query(`{ programme(key: "barnet-immunisation-2017-18") {
      partners { role organisation { name } }
      workstreams { kind name }
      actions { key status dueDate overdue leads { part period by { __typename ... on Role { name } ... on Organisation { name } } } }
      targets { metric value unit }
      areasCovered { key }
    } }`);
    const programme = data.programme;
    expect(programme.partners.map((p: { role: string }) => p.role).sort()).toEqual(['LEAD', 'PARTNER']);
    expect(programme.workstreams).toHaveLength(1);
    expect(programme.actions).toHaveLength(9);
    const mmr2 = programme.actions.find((a: { key: string }) => a.key === 'barnet-imms-mmr2-practice-data');
    expect(mmr2).toMatchObject({ status: 'PLANNED', dueDate: '2017-09', overdue: true });
    expect(mmr2.leads.map((l: { by: { name: string } }) => l.by.name).sort()).toEqual([
      'Health Improvement Officer',
      'Public Health Analyst',
    ]);
    const newsletters = programme.actions.find(
      (a: { key: string }) => a.key === 'barnet-imms-children-centre-newsletters',
    );
    expect(newsletters.leads).toContainEqual({
      part: 'LEAD',
      period: 'Moving forward',
      by: { __typename: 'Organisation', name: 'Health Education Partnership' },
    });
    expect(programme.targets).toEqual([{ metric: 'MMR2 immunisation coverage', value: 95, unit: 'percent' }]);
    expect(programme.areasCovered).toEqual([{ key: 'E09000003' }]);
  });

  it("tells an action's time from its document's date: overdue when the plan was written, or no report since", async () => {
    // The dates come from the plan's own text: its Completed column's latest month is the last it reports on, and
    // the one row with a Due date is later than that, so it was not late when the plan was written.
    const text = readFileSync('seed/documents/barnet-immunisation-action-plan-2017-18.txt', 'utf8');
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'];
    const iso = (words: string) => {
      const [, month, year] = /(\w+) (\d{4})$/.exec(words.trim())!;
      return `${year}-${String(months.indexOf(month!) + 1).padStart(2, '0')}`;
    };
    const rows = text.split('\n').filter((line) => line.split('\t').length === 7 && !line.startsWith('Key Area'));
    const completed = rows.flatMap((r) => r.split('\t')[4]!.match(/[A-Z][a-z]+ \d{4}/g) ?? []).map(iso);
    const latestReport = completed.sort().at(-1)!;
    const mmr2Row = rows.find((r) => r.includes('MMR2 to reach 95% target'))!;
    const mmr2Due = iso(mmr2Row.split('\t')[5]!);
    expect(latestReport).toBe('2017-06');
    expect(mmr2Due > latestReport).toBe(true);

    const data = await query(`{ barnet: programme(key: "barnet-immunisation-2017-18") { asOf asOfBasis
        actions { key status overdue overdueAsOfDocument lastReported timing } }
      nwLondon: programme(key: "nw-london-mecc-roll-out") { asOf asOfBasis
        actions { key overdue overdueAsOfDocument lastReported timing } } }`);
    expect(data.barnet.asOf).toBe(latestReport);
    expect(data.barnet.asOfBasis).toContain('bears no date');
    const mmr2 = data.barnet.actions.find((a: { key: string }) => a.key === 'barnet-imms-mmr2-practice-data');
    // Past its due date today, but not late when the plan was written: all that can be said is that no report came.
    expect(mmr2).toMatchObject({
      status: 'PLANNED',
      overdue: true,
      overdueAsOfDocument: false,
      lastReported: latestReport,
      timing: 'No report since June 2017',
    });
    const recurring = data.barnet.actions.find((a: { key: string }) => a.key === 'barnet-imms-mecc-frontline-training');
    expect(recurring).toMatchObject({
      overdue: false,
      overdueAsOfDocument: false,
      timing: 'No report since June 2017',
    });
    const done = data.barnet.actions.find((a: { key: string }) => a.key === 'barnet-imms-gp-bulletin-targets');
    expect(done).toMatchObject({ status: 'COMPLETED', overdue: false, overdueAsOfDocument: false, timing: null });

    // NW London's page bears no date: whether its actions were late when it was written cannot be said.
    const page = readFileSync('seed/documents/nw-london-mecc-roll-out.txt', 'utf8');
    expect(page).toContain('To do this we will');
    expect(data.nwLondon.asOf).toBeNull();
    for (const action of data.nwLondon.actions) {
      expect(action).toMatchObject({
        overdue: true,
        overdueAsOfDocument: null,
        lastReported: null,
        timing: 'No report since the plan, which bears no date',
      });
    }
  });

  it('serves inferred partnerships and leads as inferences, with their reasons, and a shared Led by cell as shared', async () => {
    const data = await query(`{ programme(key: "london-mecc-2017-18") {
        partners { role inferred inference organisation { key } } }
      organisation(key: "london-fire-brigade") { partnerships { role inferred inference programme { key } } }
      barnet: programme(key: "barnet-immunisation-2017-18") {
        actions { key leads { shared inferred inference by { ... on Role { key name } } } } } }`);
    const fire = data.programme.partners.find(
      (p: { organisation: { key: string } }) => p.organisation.key === 'london-fire-brigade',
    );
    expect(fire).toMatchObject({ role: 'PROPOSED_PARTNER', inferred: true });
    expect(fire.inference).toContain('not as partners');
    expect(data.organisation.partnerships).toEqual([
      {
        role: 'PROPOSED_PARTNER',
        inferred: true,
        inference: fire.inference,
        programme: { key: 'london-mecc-2017-18' },
      },
    ]);
    expect(data.programme.partners.filter((p: { inferred: boolean }) => !p.inferred).length).toBeGreaterThan(0);

    // The plan's text: row 2 of the second table names two roles for two actions; row 3 three roles for two actions.
    const text = readFileSync('seed/documents/barnet-immunisation-action-plan-2017-18.txt', 'utf8');
    const cellOf = (action: string) =>
      text
        .split('\n')
        .find((line) => line.includes(action))!
        .split('\t')[6]!
        .trim();
    expect(cellOf('immunisation week through CCG social media')).toBe(
      'CCG communications Manager and Health Improvement officer',
    );
    const leadsOf = (key: string) =>
      data.barnet.actions.find((a: { key: string }) => a.key === key).leads as {
        shared: boolean;
        inferred: boolean;
        inference: string | null;
        by: { key: string; name: string };
      }[];
    // Not every named role leads every action of the row: each action is paired with one, marked as a reading.
    expect(leadsOf('barnet-imms-week-ccg-social-media').map((l) => [l.by.key, l.inferred])).toEqual([
      ['ccg-communications-manager', true],
    ]);
    expect(leadsOf('barnet-imms-week-gp-bulletin').map((l) => [l.by.key, l.inferred])).toEqual([
      ['health-improvement-officer', true],
    ]);
    expect(leadsOf('barnet-imms-week-gp-bulletin')[0]!.inference).toContain('table 1, row 1');
    const row3 = cellOf('school leavers immunisation letter');
    for (const key of ['barnet-imms-webpage-section', 'barnet-imms-school-leavers-letter']) {
      const leads = leadsOf(key);
      expect(leads).toHaveLength(3);
      expect(leads.every((l) => l.shared && !l.inferred)).toBe(true);
      for (const lead of leads) expect(row3.toLowerCase()).toContain(lead.by.name.toLowerCase());
    }
    expect(leadsOf('barnet-imms-mmr2-practice-data').every((l) => !l.shared && !l.inferred)).toBe(true);
  });

  it('shows a communication plan: groups, needs with qualifiers and definitions, who produces and delivers', async () => {
    const data = await query(`{ stakeholderGroup(key: "tc247-trades-unions") {
      name need
      needs { level qualifier definition { definitions } }
      communications { methods frequency producedBy { ... on Role { name } } deliveredBy { occasion by { ... on Role { name } } } }
    } programme(key: "taking-care-24-7") { communicationPlan { name } stakeholderGroups { name } } }`);
    const group = data.stakeholderGroup;
    expect(group.needs.map((n: { level: string; qualifier: string | null }) => [n.level, n.qualifier])).toEqual([
      ['AWARENESS', 'general'],
      ['INVOLVEMENT', 'in certain projects'],
      ['COMMITMENT', null],
    ]);
    expect(group.needs[0].definition.definitions).toContain('Appreciate the need for change');
    expect(group.communications[0].deliveredBy.map((d: { by: { name: string } }) => d.by.name)).toEqual([
      'Chief Executive',
      'Project Director',
    ]);
    expect(data.programme.communicationPlan).toHaveLength(15);
    expect(data.programme.stakeholderGroups).toHaveLength(15);
  });

  it('walks the area hierarchy and the programme hierarchy', async () => {
    const data = await query(`{
      area(key: "E54000027") { name level parent { key } children { name } programmes { key } }
      programme(key: "making-every-contact-count") { children { key } }
    }`);
    expect(data.area).toMatchObject({ name: 'North West London', level: 'FOOTPRINT', parent: { key: 'Y56' } });
    expect(data.area.children).toHaveLength(8);
    expect(data.area.programmes).toEqual([{ key: 'nw-london-mecc-roll-out' }]);
    expect(data.programme.children.map((c: { key: string }) => c.key).sort()).toEqual([
      'london-mecc-2017-18',
      'nw-london-mecc-roll-out',
    ]);
  });

  it('finds any record by id through node, and topics lead to what is about them', async () => {
    const id = nodeId('Topic', 'immunisation');
    const data = await query(
      `query ($id: ID!) { node(id: $id) { __typename id key ... on Topic { name programmes { key } resources { key } } } }`,
      { id },
    );
    expect(data.node).toMatchObject({ __typename: 'Topic', id, key: 'immunisation', name: 'Immunisation' });
    expect(data.node.programmes).toEqual([{ key: 'barnet-immunisation-2017-18' }]);
    expect(data.node.resources.length).toBeGreaterThanOrEqual(4);
    expect((await query(`{ node(id: "${nodeId('Topic', 'no-such-topic')}") { id } }`)).node).toBeNull();
  });

  it('pages through a list with stable cursors and a total', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const data = await query(
        `query ($after: String) { organisations(kind: LOCAL_AUTHORITY, first: 10, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`,
        { after },
      );
      total = data.organisations.totalCount;
      seen.push(...data.organisations.edges.map((e: { node: { name: string } }) => e.node.name));
      after = data.organisations.pageInfo.hasNextPage ? data.organisations.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(33);
    expect(seen).toHaveLength(33);
    expect(new Set(seen).size).toBe(33);
    expect([...seen]).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const boroughs = await query(
      `query ($within: ID) { areas(level: BOROUGH, within: $within, first: 20) { totalCount } }`,
      { within: nodeId('Area', 'E54000027') },
    );
    expect(boroughs.areas.totalCount).toBe(8);
  });

  it("answers a client's mistakes with coded errors, never a 500", async () => {
    expect(await errorOf('{ organisation(key: "NOPE") { name } }')).toMatchObject({
      extensions: { code: 'NOT_FOUND' },
      message: 'No Organisation has key "NOPE".',
    });
    expect((await errorOf('{ organisation(id: "not-a-uuid") { name } }'))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await errorOf('{ organisation { name } }'))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await errorOf('{ organisations(first: 500) { totalCount } }'))?.message).toMatch(
      /first must be between 1 and 100/,
    );
    expect((await errorOf('{ organisations(after: "forged") { totalCount } }'))?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const { status, body } = await graphql(service(), '{ organisation(key: "E09000003") { nosuchfield } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('costs the same database round trips for 2 programmes as for 6, with partners, actions and leads', async () => {
    const roundTrips = async (first: number) => {
      const response = await fetch(`${service().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ programmes(first: ${first}) { edges { node { name
          partners { role organisation { name basedIn { name } } }
          actions { name overdueAsOfDocument lastReported timing leads { by { ... on Role { name } } } }
          sourceDocuments { title } } } } }`,
        }),
      });
      const body = (await response.json()) as { data: { programmes: { edges: unknown[] } } };
      return { count: body.data.programmes.edges.length, roundTrips: Number(response.headers.get('x-db-round-trips')) };
    };
    const few = await roundTrips(2);
    const many = await roundTrips(6);
    expect(few.count).toBe(2);
    expect(many.count).toBe(6);
    expect(many.roundTrips).toBe(few.roundTrips);
    expect(few.roundTrips).toBeLessThanOrEqual(10);
  });

  describe('query limits', () => {
    it('refuses queries that walk the graph without bound, alias floods and batches, before they run', async () => {
      const deep = `{ area(key: "E09000003") { ${'parent { '.repeat(16)}key${' }'.repeat(16)} } }`;
      const tooDeep = await graphql(service(), deep);
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.errors?.[0]?.message).toMatch(/depth/i);
      const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: about { name }`).join(' ')} }`;
      const flood = await graphql(service(), aliases);
      expect(flood.status).toBe(400);
      expect(flood.body.errors?.[0]?.message).toMatch(/alias/i);
      const batch = await fetch(`${service().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ about { name } }' }, { query: '{ about { name } }' }]),
      });
      expect(batch.status).toBe(400);
    });
  });
});
