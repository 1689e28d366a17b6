// Analytics over more than a list shows: an action plan's totals count every action, and mostConnected refuses an
// oversized network after Neo4j has counted it, before any of it is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import type { GraphBatch, NodeRecord, RelationshipRecord } from '../../../schema/records.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { MAX_LINKS } from '../../../server/database/links.js';
import {
  MAX_NETWORK_MEMBERS,
  MAX_RANKED_MEMBERS,
  networkAround,
  networkInArea,
} from '../../../server/database/network.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget, useTestDatabase } from '../../support/database.js';
import { graphql, startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const ACTIONS = 600;
const PLAN = 'bounds-plan';
const origin = { file: 'analytics-bounds.test.ts' };
const actionKey = (i: number) => `bounds-action-${String(i).padStart(3, '0')}`;
/** A third each planned, completed and in progress; all were due in March 2017, so those not completed are overdue. */
const statusOf = (i: number) => (['PLANNED', 'COMPLETED', 'IN_PROGRESS'] as const)[i % 3]!;

/** A programme of 600 actions, all led by one role; a second role leads only the last 100, past the first 500. */
function bigPlan(): GraphBatch {
  const nodes: NodeRecord[] = [
    { label: Label.Programme, key: PLAN, properties: { name: 'Bounds programme' }, origin },
    { label: Label.Role, key: 'bounds-everyone', properties: { name: 'Busy officer' }, origin },
    { label: Label.Role, key: 'bounds-late', properties: { name: 'Late starter' }, origin },
  ];
  const relationships: RelationshipRecord[] = [];
  for (let i = 1; i <= ACTIONS; i++) {
    nodes.push({
      label: Label.Action,
      key: actionKey(i),
      properties: { name: `Bounds action ${i}`, status: statusOf(i), position: i, dueDate: '2017-03-31' },
      origin,
    });
    const to = { label: Label.Action, key: actionKey(i) };
    relationships.push({
      type: Rel.HAS_ACTION,
      from: { label: Label.Programme, key: PLAN },
      to,
      properties: {},
      origin,
    });
    relationships.push({
      type: Rel.LED_BY,
      from: to,
      to: { label: Label.Role, key: 'bounds-everyone' },
      properties: { part: 'LEAD' },
      origin,
    });
    if (i > ACTIONS - 100)
      relationships.push({
        type: Rel.LED_BY,
        from: to,
        to: { label: Label.Role, key: 'bounds-late' },
        properties: { part: 'SUPPORT' },
        origin,
      });
  }
  return { nodes, relationships };
}

describe('analytics over more than a list shows', () => {
  const db = useTestDatabase();
  let service: RunningService;

  beforeAll(async () => {
    await importBatch(db(), bigPlan(), { actor: 'analytics-bounds test' });
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  }, 120_000);
  afterAll(async () => service?.stop());

  it(`counts an action plan of ${ACTIONS} actions whole, though its lists show at most ${MAX_LINKS}`, async () => {
    const { body } = await graphql(
      service,
      `{ programme(key: "${PLAN}") { actions(first: 500) { key } actionPlan {
          total byStatus { status count } overdue(first: 500) { key }
          byLead { lead { ... on Role { name } } actions(first: 500) { key } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const { actions, actionPlan } = body.data.programme;
    expect(actions).toHaveLength(MAX_LINKS); // the list is capped; the plan's counts are not
    expect(actionPlan.total).toBe(ACTIONS);
    expect(actionPlan.byStatus).toEqual([
      { status: 'COMPLETED', count: 200 },
      { status: 'IN_PROGRESS', count: 200 },
      { status: 'PLANNED', count: 200 },
    ]);
    // Planned and in-progress actions are overdue (400, the last ones included), in the plan's order.
    expect(actionPlan.overdue).toHaveLength(400);
    expect(actionPlan.overdue[0]).toEqual({ key: actionKey(2) });
    expect(actionPlan.overdue.at(-1)).toEqual({ key: actionKey(ACTIONS) });
    expect(actionPlan.byLead.map((l: { lead: { name: string } }) => l.lead.name)).toEqual([
      'Busy officer',
      'Late starter',
    ]);
    expect(actionPlan.byLead[0].actions).toHaveLength(MAX_LINKS);
    expect(actionPlan.byLead[1].actions).toHaveLength(100);
    expect(actionPlan.byLead[1].actions[0]).toEqual({ key: actionKey(ACTIONS - 99) });
  });

  it("cuts a plan's lists to the first asked for", async () => {
    const { body } = await graphql(
      service,
      `{ programme(key: "${PLAN}") { actionPlan { overdue(first: 2) { key } byLead(first: 1) { actions(first: 3) { key } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.programme.actionPlan).toEqual({
      overdue: [{ key: actionKey(2) }, { key: actionKey(3) }],
      byLead: [{ actions: [1, 2, 3].map((i) => ({ key: actionKey(i) })) }],
    });
  });

  describe('mostConnected', () => {
    const ORGANISATIONS = MAX_RANKED_MEMBERS;

    beforeAll(async () => {
      // With the programme above and this one, the network everywhere has MAX_RANKED_MEMBERS + 2 members.
      await db().run(
        `CREATE (p:${Label.Programme} {id: randomUUID(), key: 'bounds-crowded', name: 'Crowded programme'})
         WITH p UNWIND range(1, $count) AS i
         CREATE (:${Label.Organisation} {id: randomUUID(), key: 'bounds-org-' + i, name: 'Bounds org ' + i, kind: 'OTHER'})
                -[:${Rel.PARTNER_IN} {role: 'PARTNER'}]->(p)`,
        { count: ORGANISATIONS },
        'WRITE',
      );
    });

    it('counts a network in Neo4j and reads none of it when it is over the limit', async () => {
      const refused = await networkInArea(db(), undefined, MAX_RANKED_MEMBERS);
      expect(refused).toEqual({ members: ORGANISATIONS + 2, network: null });
      const whole = await networkInArea(db(), undefined);
      expect(whole.network?.nodes).toHaveLength(ORGANISATIONS + 2);
      expect(whole.network?.edges).toHaveLength(ORGANISATIONS);
    });

    it('refuses to rank a network over the limit, saying how many members it has and what to give instead', async () => {
      const { body } = await graphql(service, '{ mostConnected { node { key } } }', {}, TEST_ADMIN_TOKEN);
      expect(body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          new RegExp(
            `everywhere has ${ORGANISATIONS + 2} organisations and programmes, more than the ${MAX_RANKED_MEMBERS}.*smaller area`,
          ),
        ),
        extensions: { code: 'BAD_USER_INPUT', argument: 'area' },
      });
    });

    it('refuses the network around a record when it is over what one answer may carry, in GraphQL and as a download', async () => {
      const { body } = await graphql(service, '{ programme(key: "bounds-crowded") { id } }');
      const id = body.data.programme.id as string;
      // Anyone may ask, without a key: one step out from the crowded programme reaches all its partners.
      const refused = await graphql(service, `{ network(around: "${id}", depth: 1) { nodes { id } } }`);
      expect(refused.body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          new RegExp(
            `has ${ORGANISATIONS + 1} organisations and programmes, more than the ${MAX_NETWORK_MEMBERS}.*smaller depth`,
          ),
        ),
        extensions: { code: 'BAD_USER_INPUT', argument: 'depth' },
      });
      for (const format of ['csv', 'gexf']) {
        const download = await fetch(`${service.url}/networks/${id}.${format}?depth=1`);
        expect(download.status).toBe(400);
        expect(await download.json()).toMatchObject({
          error: 'BAD_USER_INPUT',
          message: expect.stringMatching(/smaller depth/),
        });
      }
      // A network within the limit still comes whole.
      const small = await networkAround(db(), id, 1, undefined, { maxMembers: ORGANISATIONS + 1 });
      expect(small?.nodes).toHaveLength(ORGANISATIONS + 1);
    });
  });
});
