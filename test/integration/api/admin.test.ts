// Admin mutations: the admin check, model validation, optimistic concurrency, reversible retiring and the audit trail.
import { describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { readSources } from '../../../seed/sources.js';
import { createKey } from '../../../server/database/api-keys.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const TOKEN = TEST_ADMIN_TOKEN;

describe('admin mutations', () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TOKEN } });

  async function call(query: string, variables: Record<string, unknown> = {}, token: string | null = TOKEN) {
    const response = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: any;
      errors?: { message: string; extensions?: { code?: string; problems?: { field: string }[] } }[];
    };
  }
  const CREATE = `mutation ($key: String!, $properties: JSONObject!) { createRecord(kind: Service, key: $key, properties: $properties) { id key version } }`;
  const UPDATE = `mutation ($id: ID!, $version: Int!, $set: JSONObject, $remove: [String!]) { updateRecord(id: $id, version: $version, set: $set, remove: $remove) { version ... on Service { name eligibility } } }`;
  const services = async () => Number((await db().run('MATCH (s:Service) RETURN count(s) AS n')).records[0]?.get('n'));

  it('refuses every change without an admin key, and changes nothing', async () => {
    const before = await services();
    for (const token of [null, 'wrong-token-wrong-token-wrong']) {
      const result = await call(CREATE, { key: 'x', properties: { name: 'X' } }, token);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('UNAUTHENTICATED');
    }
    expect(await services()).toBe(before);
  });

  it('creates a record checked against the model, and refuses a second with the same key', async () => {
    const bad = await call(CREATE, {
      key: 'admin-test-service',
      properties: { name: 'Test', minimumAge: 'twelve', colour: 'blue' },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.problems?.map((p) => p.field).sort()).toEqual(['colour', 'minimumAge']);
    const created = await call(CREATE, {
      key: 'admin-test-service',
      properties: { name: 'Admin test service', description: 'Made by a test.' },
    });
    expect(created.data.createRecord).toEqual({
      id: nodeId('Service', 'admin-test-service'),
      key: 'admin-test-service',
      version: 1,
    });
    expect(
      (await call(CREATE, { key: 'admin-test-service', properties: { name: 'Again' } })).errors?.[0]?.extensions?.code,
    ).toBe('CONFLICT');
    expect(
      (await call(`mutation { createRecord(kind: Service, key: "s2", properties: { name: "S", version: 9 }) { id } }`))
        .errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('updates only from the version read, so two admins cannot overwrite each other', async () => {
    const id = nodeId('Service', 'admin-test-service');
    const first = await call(UPDATE, { id, version: 1, set: { eligibility: 'Adults in Barnet.' } });
    expect(first.data.updateRecord).toEqual({
      version: 2,
      name: 'Admin test service',
      eligibility: 'Adults in Barnet.',
    });
    const stale = await call(UPDATE, { id, version: 1, set: { name: 'Overwritten' } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const invalid = await call(UPDATE, { id, version: 2, remove: ['name'] });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT'); // a service must keep its name
  });

  it('lets exactly one of two admins win when both send the same version at the same moment', async () => {
    const created = await call(CREATE, { key: 'admin-race-service', properties: { name: 'Race' } });
    const id = created.data.createRecord.id as string;
    for (let version = 1; version <= 8; version += 1) {
      const race = await Promise.all([
        call(UPDATE, { id, version, set: { name: `Alice ${version}` } }),
        call(UPDATE, { id, version, set: { name: `Bob ${version}` } }),
      ]);
      expect(race.filter((r) => r.data?.updateRecord).length, `round ${version}`).toBe(1);
      expect(race.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length, `round ${version}`).toBe(1);
    }
    const { data } = await call(`query ($id: ID!) { history(id: $id) { action } }`, { id });
    expect(data.history.filter((c: { action: string }) => c.action === 'UPDATE')).toHaveLength(8);
  });

  it('links and unlinks as the model allows', async () => {
    const service = nodeId('Service', 'admin-test-service');
    const barnet = nodeId('Organisation', 'E09000003');
    const LINK = `mutation ($type: LinkType!, $from: ID!, $to: ID!, $properties: JSONObject) { linkRecords(type: $type, from: $from, to: $to, properties: $properties) }`;
    expect((await call(LINK, { type: 'PROVIDED_BY', from: service, to: barnet })).data.linkRecords).toBe(true);
    const provider = await call(`query ($id: ID!) { node(id: $id) { ... on Service { provider { key } } } }`, {
      id: service,
    });
    expect(provider.data.node.provider).toEqual({ key: 'E09000003' });
    expect((await call(LINK, { type: 'PARTNER_IN', from: service, to: barnet })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const UNLINK = `mutation ($from: ID!, $to: ID!) { unlinkRecords(type: PROVIDED_BY, from: $from, to: $to) }`;
    expect((await call(UNLINK, { from: service, to: barnet })).data.unlinkRecords).toBe(true);
    expect((await call(UNLINK, { from: service, to: barnet })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses to set or remove what the service manages, or names that are not properties, and changes nothing', async () => {
    const created = await call(CREATE, { key: 'admin-guarded-service', properties: { name: 'Guarded' } });
    const id = created.data.createRecord.id as string;
    const refusal = async (variables: Record<string, unknown>) => {
      const result = await call(UPDATE, { id, version: 1, ...variables });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('BAD_USER_INPUT');
      return result.errors?.[0]?.message ?? '';
    };
    expect(await refusal({ remove: ['id'] })).toMatch(/^id cannot be removed: the service manages it/);
    expect(await refusal({ remove: ['key', 'version'] })).toMatch(
      /^key, version cannot be removed: the service manages them/,
    );
    expect(await refusal({ remove: ['retired', 'updatedAt'] })).toMatch(/cannot be removed/);
    expect(await refusal({ set: { retiredAt: '2020-01-01' } })).toMatch(/^retiredAt cannot be set/);
    expect(await refusal({ remove: ['constructor', 'toString'] })).toMatch(
      /^Service has no property "constructor", "toString" to remove: use one of .*name/,
    );
    // Inherited names are not the model's properties, whether set on a new record or an existing one.
    // A JSON body holding __proto__ is refused by Fastify's parser, and a query's literal by type-graphql's argument
    // checks, before either reaches the model; either way nothing is written.
    const proto = await call(
      'mutation { createRecord(kind: Service, key: "admin-sneaky-proto", properties: { name: "Sneaky", __proto__: "x" }) { id } }',
    );
    expect(proto.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const properties = JSON.parse(`{"name": "Sneaky", ${JSON.stringify(name)}: "x"}`) as Record<string, unknown>;
      const made = await call(CREATE, { key: `admin-sneaky-${name.replaceAll('_', '')}`, properties });
      expect(
        made.errors?.[0]?.extensions?.problems?.map((p) => p.field),
        name,
      ).toEqual([name]);
      const update = await call(UPDATE, { id, version: 1, set: { [name]: 'x' } });
      expect(update.errors?.[0]?.extensions?.code, name).toBe('BAD_USER_INPUT');
      expect(update.errors?.[0]?.message, name).toContain(`has no property "${name}"`);
    }
    const { data } = await call(`query ($id: ID!) { node(id: $id) { id version } history(id: $id) { action } }`, {
      id,
    });
    expect(data.node).toEqual({ id, version: 1 });
    expect(data.history.map((c: { action: string }) => c.action)).toEqual(['CREATE']);
    const sneaky = await db().run('MATCH (s:Service) WHERE s.key STARTS WITH $prefix RETURN count(s) AS n', {
      prefix: 'admin-sneaky',
    });
    expect(Number(sneaky.records[0]?.get('n'))).toBe(0);
  });

  it('retires a record out of lists and searches, and restores it', async () => {
    const id = nodeId('Service', 'demo-harrow-stop-smoking');
    const search = async () =>
      (
        await call(`{ search(text: "Harrow", kinds: [SERVICE]) { edges { node { ... on Service { key } } } } }`)
      ).data.search.edges.map((e: { node: { key: string } }) => e.node.key);
    expect(await search()).toContain('demo-harrow-stop-smoking');
    const { data } = await call(`query ($id: ID!) { node(id: $id) { version } }`, { id });
    const retired = await call(
      `mutation ($id: ID!, $v: Int!) { retireRecord(id: $id, version: $v) { retired version } }`,
      { id, v: data.node.version },
    );
    expect(retired.data.retireRecord).toEqual({ retired: true, version: data.node.version + 1 });
    expect(await search()).not.toContain('demo-harrow-stop-smoking');
    const restored = await call(`mutation ($id: ID!, $v: Int!) { restoreRecord(id: $id, version: $v) { retired } }`, {
      id,
      v: data.node.version + 1,
    });
    expect(restored.data.restoreRecord).toEqual({ retired: false });
    expect(await search()).toContain('demo-harrow-stop-smoking');
  });

  it('records each import that changed the graph: who, the files and the counts', async () => {
    const { data } = await call('{ imports { action actor after } }');
    expect(data.imports[0]).toMatchObject({ action: 'IMPORT', actor: 'seed on first start' });
    expect(data.imports[0].after.sources).toContain('reference');
    // The reference data's organisations and those the seed documents name (issue 18 removed an invented publisher).
    expect(data.imports[0].after.nodes.Organisation.created).toBe(152);
  });

  it('keeps an audit trail of who changed what, before and after', async () => {
    const id = nodeId('Service', 'admin-test-service');
    const { data } = await call(`query ($id: ID!) { history(id: $id) { action actor at before after } }`, { id });
    const actions = data.history.map((c: { action: string }) => c.action);
    expect(actions.slice().reverse()).toEqual(['CREATE', 'UPDATE', 'LINK', 'UNLINK']);
    const update = data.history.find(
      (c: { action: string; before: { eligibility?: string }; after: { eligibility?: string } }) =>
        c.action === 'UPDATE' && c.after.eligibility && !c.before.eligibility,
    );
    expect(update).toMatchObject({
      // Issue 15.5: the principal, not the role; this suite's changes are made with the bootstrap ADMIN_TOKEN.
      actor: 'bootstrap token',
      before: { name: 'Admin test service' },
      after: { eligibility: 'Adults in Barnet.' },
    });
    expect(
      (await call(`query ($id: ID!) { history(id: $id) { action } }`, { id }, null)).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });

  it("names the admin key that made a change, by its name and id, in the record's history", async () => {
    const key = await createKey(db(), 'Programme manager, Barnet', 'admin', []);
    const id = nodeId('Service', 'admin-test-service');
    const { data } = await call(`query ($id: ID!) { node(id: $id) { version } }`, { id });
    const updated = await call(
      UPDATE,
      { id, version: data.node.version, set: { eligibility: 'Adults registered with a Barnet GP.' } },
      key.secret,
    );
    expect(updated.errors).toBeUndefined();
    const trail = await call(`query ($id: ID!) { history(id: $id) { action actor } }`, { id });
    expect(trail.data.history[0]).toEqual({
      action: 'UPDATE',
      actor: `key "Programme manager, Barnet" (${key.key.id})`,
    });
  });

  describe('corrections made by hand survive a re-import of the seed (issue 15.3)', () => {
    const id = nodeId('Service', 'demo-nw-london-alcohol-advice');
    const alcohol = nodeId('Topic', 'alcohol');
    const FILE = 'seed/data/demo-services.yaml';
    const corrected = async () =>
      (
        await db().run(
          'MATCH (s:Service {id: $id}) RETURN s.referralRoute AS route, s.__corrected AS corrected, s.__unlinked AS unlinked, COUNT { (s)-[:ABOUT]->(:Topic {id: $alcohol}) } AS about',
          { id, alcohol },
        )
      ).records[0]!.toObject();

    it("keeps the admin's value and removed link, and reports each conflict with file, record, field and both values", async () => {
      const { data } = await call(`query ($id: ID!) { node(id: $id) { version } }`, { id });
      const route = 'Call the advice line; GPs refer through e-RS.';
      expect(
        (await call(UPDATE, { id, version: data.node.version, set: { referralRoute: route } })).errors,
      ).toBeUndefined();
      const unlinked = await call(
        'mutation ($from: ID!, $to: ID!) { unlinkRecords(type: ABOUT, from: $from, to: $to) }',
        { from: id, to: alcohol },
      );
      expect(unlinked.data?.unlinkRecords).toBe(true);

      // The seed's file that holds the service, not the whole seed: the same planner, without re-reading 13,000 GP
      // practices (minutes on busy cores). seed-data.test.ts re-imports the whole seed.
      const report = await importBatch(db(), await readSources([FILE]), { actor: 'test re-import' });
      expect(await corrected()).toMatchObject({ route, corrected: ['referralRoute'], about: 0 });
      expect(report.conflicts).toEqual([
        {
          origin: expect.objectContaining({ file: FILE }),
          record: 'Service/demo-nw-london-alcohol-advice',
          field: 'referralRoute',
          adminValue: route,
          fileValue: 'Call or refer yourself online; professionals can refer too.',
          applied: false,
        },
        {
          origin: expect.objectContaining({ file: FILE }),
          record: 'Service/demo-nw-london-alcohol-advice ABOUT Topic/alcohol',
          field: 'ABOUT',
          adminValue: 'removed',
          fileValue: 'present',
          applied: false,
        },
      ]);
    }, 120_000);

    it("with preferFile applies the file's value and link, clears the marks and records that it did", async () => {
      const report = await importBatch(db(), await readSources([FILE]), { actor: 'test re-import', preferFile: true });
      expect(report.conflicts.map((c) => [c.field, c.applied])).toEqual([
        ['referralRoute', true],
        ['ABOUT', true],
      ]);
      expect(await corrected()).toEqual({
        route: 'Call or refer yourself online; professionals can refer too.',
        corrected: null,
        unlinked: null,
        about: 1,
      });
      const { data } = await call('{ imports { actor after } }');
      expect(data.imports[0]).toMatchObject({ actor: 'test re-import', after: { preferFile: true, conflicts: 2 } });
      const again = await importBatch(db(), await readSources([FILE]), {});
      expect(again.conflicts).toEqual([]);
    }, 120_000);
  });
});
