// Access control: every rule of FIELD_RULES tested for every role, widget keys bound to origins, revoked keys refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { FIELD_RULES, forgetKeys } from '../../../server/graphql/access.js';
import type { Role } from '../../../schema/roles.js';
import { createKey, revokeKey } from '../../../server/database/api-keys.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget, useTestDatabase } from '../../support/database.js';
import { startTestService, useSeededService } from '../../support/service.js';

/** One query per rule, exercising exactly that field. */
const RULE_QUERIES: Record<string, string> = {
  'Person.email': `{ node(id: "${nodeId('Person', 'access-test-person')}") { ... on Person { email } } }`,
  'Person.phone': `{ node(id: "${nodeId('Person', 'access-test-person')}") { ... on Person { phone } } }`,
  'Query.shortestPath': `{ shortestPath(from: "${nodeId('Organisation', 'public-health-england')}", to: "${nodeId('Organisation', 'london-councils')}") { nodes { key } } }`,
  'Query.mostConnected': '{ mostConnected(first: 1) { partners } }',
  'Query.coverageGaps': '{ coverageGaps(footprint: "E54000027", topic: "stop-smoking") { key } }',
  'Query.communities': '{ communities { count } }',
  'Query.programmeAsOf': `{ programmeAsOf(id: "${nodeId('Programme', 'london-mecc-2017-18')}", asOf: "2020-01-01") { existed } }`,
  'Query.networkAsOf': `{ networkAsOf(around: "${nodeId('Programme', 'london-mecc-2017-18')}", asOf: "2020-01-01") { nodes { id } } }`,
  'Query.changesBetween': '{ changesBetween(from: "2020-01-01", to: "2020-01-02") { total } }',
  'Query.history': `{ history(id: "${nodeId('Topic', 'alcohol')}") { action } }`,
  'Query.imports': '{ imports { actor after } }',
  'Query.apiKeys': '{ apiKeys { id usage { day requests } } }',
  'Query.recordLinks': `{ recordLinks(id: "${nodeId('Topic', 'alcohol')}") { type totalCount } }`,
  'Mutation.*': `mutation { updateRecord(id: "${nodeId('Topic', 'alcohol')}", version: 999, set: {}) { id } }`,
};
const RANK: Role[] = ['public', 'analyst', 'admin'];

describe('access control', () => {
  const keys: Partial<Record<Role | 'widget', string>> = {};
  const { db, service } = useSeededService({
    prepare: async (db) => {
      await db.run(
        "CREATE (:Person {id: $id, key: 'access-test-person', name: 'A Person', email: 'a.person@example.org', phone: '020 7946 0000', version: 1})",
        { id: nodeId('Person', 'access-test-person') },
        'WRITE',
      );
      for (const role of RANK) keys[role] = (await createKey(db, `${role} test key`, role, [])).secret;
      keys.widget = (await createKey(db, 'Barnet widget', 'public', ['https://www.barnet.gov.uk'])).secret;
    },
  });

  async function ask(query: string, key?: string, origin?: string) {
    const response = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { 'x-api-key': key } : {}),
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] },
    };
  }

  it('has a query for every rule, so no rule goes untested', () => {
    expect(Object.keys(RULE_QUERIES).sort()).toEqual(Object.keys(FIELD_RULES).sort());
  });

  for (const [rule, needed] of Object.entries(FIELD_RULES)) {
    for (const role of [undefined, ...RANK] as const) {
      const allowed = role !== undefined && RANK.indexOf(role) >= RANK.indexOf(needed);
      it(`${rule} is ${allowed ? 'open' : 'closed'} to ${role ?? 'a request without a key'}`, async () => {
        const { body } = await ask(RULE_QUERIES[rule]!, role ? keys[role] : undefined);
        const code = body.errors?.[0]?.extensions?.code;
        if (allowed) expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(code);
        // The public role (with or without a widget key) is told to bring a key; a lesser key is forbidden.
        else expect(code).toBe(role === undefined || role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      });
    }
  }

  it("shows analysts a person's work contacts and hides them from the public, field by field", async () => {
    const query = RULE_QUERIES['Person.email']!.replace('{ email }', '{ name email phone }');
    expect((await ask(query, keys.analyst)).body.data.node).toEqual({
      name: 'A Person',
      email: 'a.person@example.org',
      phone: '020 7946 0000',
    });
    const anonymous = await ask(query);
    expect(anonymous.body.data.node).toEqual({ name: 'A Person', email: null, phone: null });
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('accepts a widget key only from its origins, and refuses unknown and revoked keys', async () => {
    expect((await ask('{ about { name } }', keys.widget, 'https://www.barnet.gov.uk')).status).toBe(200);
    const elsewhere = await ask('{ about { name } }', keys.widget, 'https://evil.example');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await ask('{ about { name } }', 'ph_public_not-a-real-key');
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { key, secret } = await createKey(db(), 'short-lived', 'analyst', []);
    expect((await ask(RULE_QUERIES['Query.mostConnected']!, secret)).body.errors).toBeUndefined();
    expect(await revokeKey(db(), key.id)).toBe(1);
    forgetKeys(); // the service caches keys for 30 s; the test runs in the same process
    expect((await ask('{ about { name } }', secret)).status).toBe(401);
  });

  it('stores only hashes of secrets', async () => {
    const stored = await db().run('MATCH (k:ApiKey) RETURN k {.*} AS k');
    const text = JSON.stringify(stored.records.map((r) => r.get('k')));
    for (const secret of Object.values(keys)) expect(text).not.toContain(secret);
  });
});

describe('CORS from widget keys', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await createKey(db(), 'Harrow widget', 'public', ['https://www.harrow.gov.uk']);
    service = await startTestService(testTarget());
  });
  afterAll(async () => service?.stop());

  const preflight = (origin: string) =>
    fetch(`${service.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });

  it("lets pages of a widget key's origins call the API from the browser, and no others", async () => {
    const allowed = await preflight('https://www.harrow.gov.uk');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.harrow.gov.uk');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const oruk = await fetch(`${service.url}/oruk/services`, { headers: { origin: 'https://anyone.example' } });
    expect(oruk.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('lets any page read public answers without a key, as the Open Referral UK feed is read', async () => {
    const anonymous = await fetch(`${service.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.a-council-without-a-key.gov.uk',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'apollo-require-preflight',
      },
    });
    expect(anonymous.status).toBe(204);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
    expect(anonymous.headers.get('access-control-allow-credentials')).toBeNull();
    const answer = await fetch(`${service.url}/graphql?query=${encodeURIComponent('{ about { name } }')}`, {
      headers: { origin: 'https://www.a-council-without-a-key.gov.uk', 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    for (const path of ['/directory', `/networks/${nodeId('Organisation', 'london-councils')}.csv`]) {
      const page = await fetch(`${service.url}${path}`, { headers: { origin: 'https://anyone.example' } });
      expect(page.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });

  it('still refuses a widget key from a page that is not one of its origins', async () => {
    const { secret } = await createKey(db(), 'Harrow widget (second)', 'public', ['https://www.harrow.gov.uk']);
    const copied = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secret, origin: 'https://copier.example' },
      body: JSON.stringify({ query: '{ about { name } }' }),
    });
    expect(copied.status).toBe(403);
    expect(copied.headers.get('access-control-allow-origin')).toBeNull();
  });
});
