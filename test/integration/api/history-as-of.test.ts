// Change over time, honestly: records an import created appear at its time, a network as of a moment, and unlinks that keep the role.
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import type { GraphBatch } from '../../../schema/records.js';
import { CHANGE_LABEL } from '../../../schema/migrations.js';
import { MAX_SCOPE_CHANGES } from '../../../server/database/history.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const LONDON = nodeId('Programme', 'london-mecc-2017-18');
const FIRE_BRIGADE = nodeId('Organisation', 'london-fire-brigade');
const BARNET = nodeId('Organisation', 'E09000003');
const NEW_ORG = nodeId('Organisation', 'history-test-trust');
const NEW_ACTION = nodeId('Action', 'history-test-action');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A moment between two steps of a test, with the trail's entries on either side of it. */
const instant = async () => {
  await pause(5);
  const at = new Date().toISOString();
  await pause(5);
  return at;
};

/** An import after the seed: a new organisation partnering London's MECC programme, and a new action of it. */
const LATER_IMPORT: GraphBatch = {
  nodes: [
    {
      label: 'Organisation',
      key: 'history-test-trust',
      properties: { name: 'History Test Trust', kind: 'NHS_TRUST' },
      origin: { file: 'later.json' },
    },
    {
      label: 'Action',
      key: 'history-test-action',
      properties: { name: 'History test action', status: 'PLANNED' },
      origin: { file: 'later.json' },
    },
  ],
  relationships: [
    {
      type: 'PARTNER_IN',
      from: { label: 'Organisation', key: 'history-test-trust' },
      to: { label: 'Programme', key: 'london-mecc-2017-18' },
      properties: { role: 'DELIVERY_PARTNER' },
      origin: { file: 'later.json' },
    },
    {
      type: 'HAS_ACTION',
      from: { label: 'Programme', key: 'london-mecc-2017-18' },
      to: { label: 'Action', key: 'history-test-action' },
      properties: {},
      origin: { file: 'later.json' },
    },
  ],
};

describe('change over time', () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  const call = (text: string, variables: Record<string, unknown> = {}, key: string | null = TEST_ADMIN_TOKEN) =>
    graphql(service(), text, variables, key ?? undefined).then((r) => r.body);
  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const body = await call(text, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const refusal = async (text: string, variables: Record<string, unknown>, code = 'BAD_USER_INPUT') => {
    const body = await call(text, variables);
    expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe(code);
    return body.errors?.[0]?.message ?? '';
  };

  const AS_OF = `query ($id: ID!, $asOf: String!) { programmeAsOf(id: $id, asOf: $asOf) {
    existed changesSince partners { id role } actions { id } } }`;
  const NETWORK_AS_OF = `query ($around: ID!, $asOf: String!, $depth: Int, $roles: [PartnershipRole!]) {
    networkAsOf(around: $around, asOf: $asOf, depth: $depth, roles: $roles) { nodes { id name } edges { source target type role } } }`;
  const NETWORK = `query ($around: ID!) { network(around: $around, depth: 1) { nodes { id } edges { source target role } } }`;
  const CHANGES = `query ($from: String!, $to: String!) { changesBetween(from: $from, to: $to) {
    total changes { nodeId action before after } } }`;

  it('sees the records and links an import created appear at its time, in a few entries whatever its size', async () => {
    const beforeImport = await instant();
    await importBatch(db(), LATER_IMPORT, { actor: 'history test', sources: ['later.json'] });
    const afterImport = await instant();

    const then = (await query(AS_OF, { id: LONDON, asOf: beforeImport })).programmeAsOf;
    const now = (await query(AS_OF, { id: LONDON, asOf: afterImport })).programmeAsOf;
    const ids = (list: { id: string }[]) => list.map((x) => x.id);
    expect(ids(then.partners)).not.toContain(NEW_ORG);
    expect(ids(then.actions)).not.toContain(NEW_ACTION);
    expect(then.changesSince).toBe(1); // the new action, London's only record the import created
    expect(now.partners.find((p: { id: string }) => p.id === NEW_ORG)).toMatchObject({ role: 'DELIVERY_PARTNER' });
    expect(ids(now.actions)).toContain(NEW_ACTION);
    // The seed itself was imported before either moment: London's programme was there all along.
    expect(then.existed).toBe(true);
    expect(then.partners.length).toBe(now.partners.length - 1);

    // The network then had neither; now it has the new partner.
    const past = (await query(NETWORK_AS_OF, { around: LONDON, asOf: beforeImport, depth: 1 })).networkAsOf;
    expect(ids(past.nodes)).not.toContain(NEW_ORG);
    const present = (await query(NETWORK_AS_OF, { around: LONDON, asOf: afterImport, depth: 1 })).networkAsOf;
    expect(ids(present.nodes)).toContain(NEW_ORG);

    // Each import names what it created in at most 256 entries (by the ids' first two hex digits), and every
    // organisation, programme and action is named by one.
    const trail = await db().run(
      `MATCH (c:${CHANGE_LABEL}) WHERE c.created IS NOT NULL WITH count(c) AS entries
       RETURN entries, COUNT { (:${CHANGE_LABEL} {nodeId: 'import'}) } AS imports,
         COUNT { MATCH (n:${Label.Organisation}|${Label.Programme}|${Label.Action})
                 WHERE NOT EXISTS { MATCH (c:${CHANGE_LABEL} {nodeId: 'created:' + left(n.id, 2)}) WHERE n.id IN c.created } } AS unnamed`,
    );
    const [entries, imports, unnamed] = ['entries', 'imports', 'unnamed'].map((k) => Number(trail.records[0]!.get(k)));
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThanOrEqual(256 * imports!);
    expect(unnamed).toBe(0);
    // A record's own history says which import made it, and when.
    const made = (await query(`query ($id: ID!) { history(id: $id) { action actor at } }`, { id: NEW_ACTION })).history;
    expect(made).toEqual([{ action: 'CREATE', actor: 'history test', at: expect.any(String) }]);
    expect(made[0].at > beforeImport && made[0].at <= afterImport).toBe(true);
    // An import's entries of what it created are not changes to a record: changesBetween does not list them.
    const listed = (await query(CHANGES, { from: beforeImport, to: afterImport })).changesBetween;
    expect(listed.total).toBe(0);
  });

  it('keeps an unlinked partnership’s role in the trail, and puts it back as of before the unlink', async () => {
    const role = (await query(NETWORK, { around: LONDON })).network.edges.find(
      (e: { source: string }) => e.source === FIRE_BRIGADE,
    ).role;
    expect(role).toBeTruthy();
    const beforeUnlink = await instant();
    await query(`mutation ($from: ID!, $to: ID!) { unlinkRecords(type: PARTNER_IN, from: $from, to: $to) }`, {
      from: FIRE_BRIGADE,
      to: LONDON,
    });
    const afterUnlink = await instant();

    const { changes } = (await query(CHANGES, { from: beforeUnlink, to: afterUnlink })).changesBetween;
    // The entry keeps every property the link had: its role, and its provenance (here, why it was inferred).
    expect(changes).toEqual([
      {
        nodeId: FIRE_BRIGADE,
        action: 'UNLINK',
        before: expect.objectContaining({ type: Rel.PARTNER_IN, to: LONDON, role, inferred: true }),
        after: null,
      },
    ]);
    const then = (await query(AS_OF, { id: LONDON, asOf: beforeUnlink })).programmeAsOf;
    expect(then.partners.find((p: { id: string }) => p.id === FIRE_BRIGADE)).toEqual({ id: FIRE_BRIGADE, role });
    const past = (await query(NETWORK_AS_OF, { around: LONDON, asOf: beforeUnlink, depth: 1 })).networkAsOf;
    expect(past.edges).toContainEqual({ source: FIRE_BRIGADE, target: LONDON, type: Rel.PARTNER_IN, role });
    // Asked for only that role, the network then still holds the partnership.
    const byRole = (await query(NETWORK_AS_OF, { around: LONDON, asOf: beforeUnlink, depth: 1, roles: [role] }))
      .networkAsOf;
    expect(byRole.nodes.map((n: { id: string }) => n.id)).toContain(FIRE_BRIGADE);
  });

  it('gives the network around a record as it stood, further out than today’s links reach', async () => {
    const beforeLink = await instant();
    await query(
      `mutation ($from: ID!, $to: ID!, $p: JSONObject) { linkRecords(type: PARTNER_IN, from: $from, to: $to, properties: $p) }`,
      { from: BARNET, to: LONDON, p: { role: 'PARTNER' } },
    );
    const afterLink = await instant();
    await query(`mutation ($from: ID!, $to: ID!) { unlinkRecords(type: PARTNER_IN, from: $from, to: $to) }`, {
      from: BARNET,
      to: LONDON,
    });
    const ids = (n: { nodes: { id: string }[] }) => n.nodes.map((x) => x.id);
    // Barnet's council was London's partner only between the two moments: today's network around it does not reach
    // London, the network as it stood then does, with the fire brigade (unlinked in the test before) not there.
    expect(ids((await query(NETWORK, { around: BARNET })).network)).not.toContain(LONDON);
    const then = (await query(NETWORK_AS_OF, { around: BARNET, asOf: afterLink, depth: 2 })).networkAsOf;
    expect(ids(then)).toContain(LONDON);
    expect(ids(then)).not.toContain(FIRE_BRIGADE);
    expect(then.edges).toContainEqual({ source: BARNET, target: LONDON, type: Rel.PARTNER_IN, role: 'PARTNER' });
    const earlier = (await query(NETWORK_AS_OF, { around: BARNET, asOf: beforeLink, depth: 2 })).networkAsOf;
    expect(ids(earlier)).not.toContain(LONDON);
  });

  it('refuses malformed, impossible and future moments, records not yet made, the public and too long a trail', async () => {
    const ask = (asOf: string, around = LONDON) => ({ around, asOf });
    expect(await refusal(NETWORK_AS_OF, ask('31/03/2018'))).toMatch(
      /asOf "31\/03\/2018" is not an ISO date \(2018-03-31\)/,
    );
    expect(await refusal(NETWORK_AS_OF, ask('2018-02-30'))).toMatch(/not a real date/);
    expect(await refusal(NETWORK_AS_OF, ask('2999-01-01'))).toMatch(/in the future.*today or earlier/);
    expect(await refusal(NETWORK_AS_OF, { ...ask('2018-03-31'), depth: 9 })).toMatch(/depth must be between 1 and 4/);
    expect(await refusal(NETWORK_AS_OF, ask('2018-03-31', nodeId('Organisation', 'nobody')), 'NOT_FOUND')).toMatch(
      /No organisation or programme has id/,
    );
    // The organisation the import made did not exist a year before it.
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    expect(await refusal(NETWORK_AS_OF, ask(yearAgo, NEW_ORG), 'NOT_FOUND')).toMatch(
      /did not exist yet at .*give a later moment/,
    );
    const anonymous = await call(NETWORK_AS_OF, ask('2018-03-31'), null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Last, as it floods the trail: more partnership entries than one request replays.
    // In parts, each well within a statement's time limit on a busy machine.
    for (let part = 0; part < 5; part += 1)
      await db().run(
        `UNWIND range(1, $n) AS i
       CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: $from, at: '2001-01-01T00:00:00.000Z', actor: 'flood',
         action: 'LINK', before: null, after: $after})`,
        {
          n: neo4j.int(part === 0 ? MAX_SCOPE_CHANGES / 5 + 1 : MAX_SCOPE_CHANGES / 5),
          from: BARNET,
          after: JSON.stringify({ type: Rel.PARTNER_IN, to: LONDON, role: 'PARTNER' }),
        },
        'WRITE',
      );
    const flooded = await refusal(NETWORK_AS_OF, ask('2018-03-31'));
    expect(flooded).toMatch(
      new RegExp(`The network has \\d+ recorded changes, more than the ${MAX_SCOPE_CHANGES} one request may replay`),
    );
    expect(Number(/has (\d+)/.exec(flooded)![1])).toBe(MAX_SCOPE_CHANGES + 4); // with the three the tests made
  });
});
