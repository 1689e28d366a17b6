// Patterns for analysts over the seed: communities and brokers, a target's trajectory, a programme as of a moment and what changed.
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import { MAX_COMMUNITY_MEMBERS, MAX_PROJECTED_LINKS } from '../../../server/database/communities.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const LONDON = nodeId('Programme', 'london-mecc-2017-18');
const MECC_TARGET = nodeId('Target', 'nw-london-mecc-2000-staff-trained');
const FRAMEWORK = nodeId('Action', 'london-mecc-framework-for-london');
const FIRE_BRIGADE = nodeId('Organisation', 'london-fire-brigade');
const BARNET = nodeId('Organisation', 'E09000003');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('patterns', () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  const call = (text: string, variables: Record<string, unknown> = {}, key: string | null = TEST_ADMIN_TOKEN) =>
    graphql(service(), text, variables, key ?? undefined).then((r) => r.body);
  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const body = await call(text, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const refusal = async (text: string, variables: Record<string, unknown>) => {
    const body = await call(text, variables);
    expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe('BAD_USER_INPUT');
    return body.errors?.[0]?.message ?? '';
  };

  const COMMUNITIES = `query ($seed: Int, $resolution: Float) { communities(seed: $seed, resolution: $resolution) {
    modularity organisations links count seed
    communities { number size internalWeight members(first: 100) { key } brokers { node { key } betweenness otherCommunities } } } }`;

  it('finds communities of the seed’s partners, the same for the same seed, with brokers between them', async () => {
    const first = (await query(COMMUNITIES, { seed: 7 })).communities;
    const again = (await query(COMMUNITIES, { seed: 7 })).communities;
    expect(again).toEqual(first);
    // The seed's partners form two groups that share no programme: London's MECC partners, and Barnet's council and CCG.
    expect(first).toMatchObject({ organisations: 9, links: 22, count: 2 });
    expect(first.modularity).toBeCloseTo(0.0868, 3);
    const sizes = first.communities.map((c: { size: number }) => c.size);
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(first.organisations);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes); // largest first
    // London's partners work together on one programme, so they share a community.
    const londonCouncils = first.communities.find((c: { members: { key: string }[] }) =>
      c.members.some((m) => m.key === 'london-councils'),
    );
    expect(londonCouncils.members.map((m: { key: string }) => m.key)).toContain('greater-london-authority');
    expect(first.communities[1].members.map((m: { key: string }) => m.key)).toEqual(['E09000003', '07M']);
    // No programme joins the two, so neither has a broker (test/unit/server/communities.test.ts has some that do).
    expect(first.communities.flatMap((c: { brokers: unknown[] }) => c.brokers)).toEqual([]);
  });

  it('bounds members, and refuses a bad resolution and the public', async () => {
    const capped = await query(`{ communities { communities(first: 1) { size members(first: 2) { key } } } }`);
    const [largest] = capped.communities.communities;
    expect(largest.members.length).toBe(Math.min(2, largest.size));
    expect(await refusal(COMMUNITIES, { resolution: 0 })).toMatch(/resolution must be from 0.1 to 10/);
    const anonymous = await call(`{ communities { count } }`, {}, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  const TRAJECTORY = `query ($id: ID!) { node(id: $id) { ... on Target { trajectory {
    target unit deadline readings { date value } line { date value } expectedAtLatest onTrack basis } } } }`;

  it('says honestly that the NW London MECC target has no readings, then draws its line from readings an admin adds', async () => {
    const none = (await query(TRAJECTORY, { id: MECC_TARGET })).node.trajectory;
    expect(none).toMatchObject({ target: 2000, unit: 'people', deadline: '2018-03-31', readings: [], line: [] });
    expect(none.onTrack).toBeNull();
    expect(none.basis).toMatch(/No readings have been recorded/);

    const addReading = async (key: string, date: string, value: number) => {
      const created = await query(
        `mutation ($key: String!, $p: JSONObject!) { createRecord(kind: TargetReading, key: $key, properties: $p) { id } }`,
        { key, p: { date, value, note: 'test reading' } },
      );
      await query(`mutation ($from: ID!, $to: ID!) { linkRecords(type: HAS_READING, from: $from, to: $to) }`, {
        from: MECC_TARGET,
        to: created.createRecord.id,
      });
    };
    await addReading('test-mecc-2017-06', '2017-06-30', 200);
    await addReading('test-mecc-2017-12', '2017-12-31', 1200);
    const behind = (await query(TRAJECTORY, { id: MECC_TARGET })).node.trajectory;
    expect(behind.line).toEqual([
      { date: '2017-06-30', value: 200 },
      { date: '2018-03-31', value: 2000 },
    ]);
    // 184 of the line's 274 days gone: 200 + 1800 × 184 / 274 = 1408.76 expected, 1,200 read.
    expect(behind.expectedAtLatest).toBeCloseTo(1408.76, 2);
    expect(behind.onTrack).toBe(false);
    await addReading('test-mecc-2018-01', '2018-01-31', 1900);
    const ahead = (await query(TRAJECTORY, { id: MECC_TARGET })).node.trajectory;
    expect(ahead.readings.map((r: { date: string }) => r.date)).toEqual(['2017-06-30', '2017-12-31', '2018-01-31']);
    expect(ahead.onTrack).toBe(true);
  });

  const AS_OF = `query ($id: ID!, $asOf: String!) { programmeAsOf(id: $id, asOf: $asOf) {
    existed changesSince partners { id name role } actions { id status } } }`;
  const CHANGES = `query ($from: String!, $to: String!, $programme: ID) { changesBetween(from: $from, to: $to, programme: $programme) {
    total changes { nodeId actor action before after at } } }`;

  it('reads a programme as it was before and after admins changed it, and lists what changed, who and when', async () => {
    const version = async (id: string) =>
      (await query(`query ($id: ID!) { node(id: $id) { ... on Action { version } } }`, { id })).node.version;
    await pause(5);
    const before = new Date().toISOString();
    await pause(5);
    await query(
      `mutation ($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { id } }`,
      { id: FRAMEWORK, v: await version(FRAMEWORK), set: { status: 'COMPLETED' } },
    );
    await query(`mutation ($from: ID!, $to: ID!) { unlinkRecords(type: PARTNER_IN, from: $from, to: $to) }`, {
      from: FIRE_BRIGADE,
      to: LONDON,
    });
    await query(
      `mutation ($from: ID!, $to: ID!, $p: JSONObject) { linkRecords(type: PARTNER_IN, from: $from, to: $to, properties: $p) }`,
      { from: BARNET, to: LONDON, p: { role: 'PARTNER' } },
    );
    await pause(5);
    const after = new Date().toISOString();

    const then = (await query(AS_OF, { id: LONDON, asOf: before })).programmeAsOf;
    const now = (await query(AS_OF, { id: LONDON, asOf: after })).programmeAsOf;
    const statusOf = (p: { actions: { id: string; status: string }[] }) =>
      p.actions.find((a) => a.id === FRAMEWORK)?.status;
    const partnerIds = (p: { partners: { id: string }[] }) => p.partners.map((x) => x.id);
    expect(then.existed).toBe(true);
    expect(statusOf(then)).toBe('PLANNED');
    expect(statusOf(now)).toBe('COMPLETED');
    expect(partnerIds(then)).toContain(FIRE_BRIGADE);
    // The trail keeps a removed link's properties with its kind and ends: the role it had comes back.
    expect(then.partners.find((p: { id: string }) => p.id === FIRE_BRIGADE).role).toBe('PROPOSED_PARTNER');
    expect(partnerIds(then)).not.toContain(BARNET);
    expect(partnerIds(now)).not.toContain(FIRE_BRIGADE);
    expect(now.partners.find((p: { id: string }) => p.id === BARNET)).toMatchObject({ role: 'PARTNER' });
    expect(then.changesSince).toBe(3);
    expect(now.changesSince).toBe(0);

    const { changesBetween } = await query(CHANGES, { from: before, to: after, programme: LONDON });
    expect(changesBetween.total).toBe(3);
    expect(changesBetween.changes.map((c: { action: string }) => c.action)).toEqual(['UPDATE', 'UNLINK', 'LINK']);
    expect(changesBetween.changes[0]).toMatchObject({
      nodeId: FRAMEWORK,
      actor: 'bootstrap token',
      before: { status: 'PLANNED' },
      after: { status: 'COMPLETED' },
    });
    for (const c of changesBetween.changes) expect(c.at > before && c.at <= after).toBe(true);
    // A day before the changes, nothing had yet changed.
    const dayBefore = new Date(Date.parse(before) - 86_400_000).toISOString().slice(0, 10);
    expect((await query(CHANGES, { from: dayBefore, to: dayBefore, programme: LONDON })).changesBetween.total).toBe(0);
  });

  it('refuses malformed, impossible, future and inverted dates saying how to ask, and changes to the public', async () => {
    expect(await refusal(AS_OF, { id: LONDON, asOf: '31/03/2018' })).toMatch(/not an ISO date \(2018-03-31\)/);
    expect(await refusal(AS_OF, { id: LONDON, asOf: '2018-02-30' })).toMatch(/not a real date/);
    expect(await refusal(AS_OF, { id: LONDON, asOf: '2999-01-01' })).toMatch(/in the future.*today or earlier/);
    expect(await refusal(CHANGES, { from: '2018-04-01', to: '2018-03-01' })).toMatch(
      /from \(2018-04-01\) is after to \(2018-03-01\): give the earlier moment first/,
    );
    expect(await refusal(CHANGES, { from: '2018-03-01', to: 'tomorrow' })).toMatch(/to "tomorrow" is not/);
    const anonymous = await call(CHANGES, { from: '2018-03-01', to: '2018-04-01' }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  // Last, as it crowds the graph: a programme whose partners all work together, then a network over the member limit.
  it('refuses to partition over its budgets, saying the count and what to give instead', async () => {
    const crowd = (key: string, from: number, count: number) =>
      db().run(
        `MERGE (p:${Label.Programme} {key: $key}) ON CREATE SET p.id = randomUUID(), p.name = $key
         WITH p UNWIND range($from, $from + $count - 1) AS i
         CREATE (:${Label.Organisation} {id: randomUUID(), key: 'crowd-org-' + i, name: 'Crowd org ' + i, kind: 'OTHER'})
                -[:${Rel.PARTNER_IN} {role: 'PARTNER'}]->(p)`,
        { key, from: neo4j.int(from), count: neo4j.int(count) },
        'WRITE',
      );
    // 700 partners of one programme are 244,650 pairs: past the projection's budget, though few members.
    await crowd('crowded-programme', 1, 700);
    const pairs = await refusal(COMMUNITIES, {});
    expect((700 * 699) / 2).toBeGreaterThan(MAX_PROJECTED_LINKS);
    expect(pairs).toMatch(
      /has \d+ pairs of organisations sharing a programme.*more than the 200000.*Give a smaller area/,
    );
    await crowd('another-crowded-programme', 701, MAX_COMMUNITY_MEMBERS);
    expect(await refusal(COMMUNITIES, {})).toMatch(
      new RegExp(
        `everywhere has \\d+ organisations and programmes, more than the ${MAX_COMMUNITY_MEMBERS} one request may partition: give a smaller area`,
      ),
    );
  });
});
