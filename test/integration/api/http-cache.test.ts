// The HTTP-level cache of public GraphQL GETs: stored bytes served before Apollo, emptied by every change, 304 for a
// browser's copy, never crossing roles, still rate-limited and counted, with the CORS headers the request deserves.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../server/database/api-keys.js';
import { PUBLIC_MAX_AGE_S } from '../../../server/graphql/response-cache.js';
import type { RunningService } from '../../../server/service.js';
import { startTestRedis, type TestRedis } from '../../support/redis.js';
import { byHash, graphql, registering, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const LIMIT = 8;
const COUNCIL = 'https://www.enfield.gov.uk';
const ECCG = 'seed/reference/ods/eccg.csv';
const SEARCH =
  'query CachedSearch { search(text: "stop smoking", kinds: [SERVICE]) { edges { node { ... on Service { id name version } } } } }';

let addresses = 0;
/** A fresh client address, as the load balancer names it, so that each test has its own rate-limit budget. */
const newAddress = () => {
  addresses += 1;
  return `203.0.113.${addresses}`;
};

describe('HTTP-level cache of public GETs', () => {
  let widgetKey: string;
  let analystKey: string;
  const { service } = useSeededService({
    env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' },
    // Made before the service starts, so that CORS knows the council's origin from the first request.
    prepare: async (db) => {
      widgetKey = (await createKey(db, 'Enfield council website', 'public', [COUNCIL])).secret;
      analystKey = (await createKey(db, 'Public health intelligence', 'analyst', [])).secret;
    },
  });

  /** A GET as a widget sends it (with the header CSRF prevention asks for), from a fresh address unless given. */
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${service().url}${path}`, {
      headers: { 'apollo-require-preflight': 'true', 'x-forwarded-for': newAddress(), ...headers },
    });

  /** Registers `query` and asks for it by hash until the answer is stored here; returns the hash-only path. */
  async function stored(query: string): Promise<string> {
    const registered = await get(registering(query));
    expect(registered.status).toBe(200);
    await registered.arrayBuffer();
    const path = byHash(query);
    const first = await get(path);
    await first.arrayBuffer();
    return path;
  }

  it('stores a public answer on the way out and serves the same bytes, headers and ETag from then on', async () => {
    const query = 'query TopicsFromTheHttpCache { topics(first: 3) { edges { node { key name } } } }';
    await (await get(registering(query))).arrayBuffer();
    const path = byHash(query);
    const miss = await get(path);
    const missBody = await miss.text();
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('miss');
    const etag = miss.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);

    const hit = await get(path);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect(await hit.text()).toBe(missBody);
    expect(hit.headers.get('etag')).toBe(etag);
    expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'));
    expect(hit.headers.get('cache-control')).toBe(`max-age=${PUBLIC_MAX_AGE_S}, public`);
    expect(Number(hit.headers.get('age'))).toBeLessThanOrEqual(PUBLIC_MAX_AGE_S);
    expect(hit.headers.get('x-db-round-trips')).toBe('0');
    // Browsers keep one copy per key and origin, as for Apollo's own answers.
    expect(hit.headers.get('vary')).toMatch(/Authorization/);
  });

  it('answers 304 with no body when the browser already holds the answer', async () => {
    const path = await stored('query TopicsForA304 { topics(first: 2) { edges { node { key } } } }');
    const etag = (await get(path)).headers.get('etag') ?? '';
    for (const ifNoneMatch of [etag, `W/${etag}`, `"something-else", ${etag}`]) {
      const again = await get(path, { 'if-none-match': ifNoneMatch });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toBe(`max-age=${PUBLIC_MAX_AGE_S}, public`);
    }
    const changed = await get(path, { 'if-none-match': '"an-older-answer"' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('x-cache')).toBe('hit');
  });

  it("serves an admin's change at once: the mutation empties the stored answers", async () => {
    const path = await stored(SEARCH);
    const before = await get(path);
    expect(before.headers.get('x-cache')).toBe('hit');
    const node = ((await before.json()) as { data: { search: { edges: { node: Record<string, any> }[] } } }).data.search
      .edges[0]!.node;
    const renamed = `${node.name} (renamed for the HTTP cache)`;
    const update = await graphql(
      service(),
      'mutation ($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { id } }',
      { id: node.id, v: node.version, set: { name: renamed } },
      TEST_ADMIN_TOKEN,
    );
    expect(update.body.errors).toBeUndefined();
    const after = await get(path);
    expect(after.headers.get('x-cache')).not.toBe('hit');
    expect(await after.text()).toContain(renamed);
  });

  it('serves an import at once: an import through the admin API empties the stored answers', async () => {
    const path = await stored('query OrganisationsBeforeAnImport { organisations(first: 5) { totalCount } }');
    expect((await get(path)).headers.get('x-cache')).toBe('hit');
    const form = new FormData();
    form.append('file', new Blob([await readFile(ECCG, 'utf8')]), ECCG);
    const imported = await fetch(`${service().url}/admin/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'x-forwarded-for': newAddress() },
      body: form,
    });
    expect(imported.status).toBe(200);
    await imported.arrayBuffer();
    const after = await get(path);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-cache')).not.toBe('hit');
  });

  it("never gives an analyst the public's stored bytes, and never stores an analyst's answer for the public", async () => {
    const path = await stored('query TopicsByRole { topics(first: 4) { edges { node { key name } } } }');
    expect((await get(path)).headers.get('x-cache')).toBe('hit');
    const analyst = await get(path, { authorization: `Bearer ${analystKey}` });
    expect(analyst.status).toBe(200);
    expect(analyst.headers.get('x-cache')).toBeNull();
    expect(analyst.headers.get('cache-control') ?? '').not.toContain('public');
    expect(Number(analyst.headers.get('x-db-round-trips'))).toBeGreaterThan(0);

    // The other way: asked first by an analyst, the answer is not kept for the public.
    const query = 'query TopicsAnalystFirst { topics(first: 5) { edges { node { key } } } }';
    await (await get(registering(query), { authorization: `Bearer ${analystKey}` })).arrayBuffer();
    const analystAgain = await get(byHash(query), { authorization: `Bearer ${analystKey}` });
    await analystAgain.arrayBuffer();
    expect(analystAgain.headers.get('x-cache')).toBeNull();
    const publicAfter = await get(byHash(query));
    await publicAfter.arrayBuffer();
    expect(publicAfter.headers.get('x-cache')).toBe('miss');
    expect(publicAfter.headers.get('cache-control')).toBe(`max-age=${PUBLIC_MAX_AGE_S}, public`);
  });

  it('leaves a GET without the CSRF header, and every POST, to Apollo as before', async () => {
    const query = 'query TopicsGuarded { topics(first: 1) { edges { node { key } } } }';
    const path = await stored(query);
    expect((await get(path)).headers.get('x-cache')).toBe('hit');
    const unguarded = await fetch(`${service().url}${path}`, { headers: { 'x-forwarded-for': newAddress() } });
    expect(unguarded.status).toBe(400);
    expect(unguarded.headers.get('x-cache')).toBeNull();
    const posted = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': newAddress() },
      body: JSON.stringify({ query }),
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('x-cache')).toBeNull();
  });

  it("counts stored answers against the client's budget, and a widget key's usage", async () => {
    const path = await stored('query TopicsWithinBudget { topics(first: 6) { edges { node { key } } } }');
    const client = { 'x-forwarded-for': newAddress() };
    const answers: string[] = [];
    for (let i = 0; i < LIMIT; i += 1) {
      const response = await get(path, client);
      await response.arrayBuffer();
      answers.push(`${response.status} ${response.headers.get('x-cache')}`);
    }
    expect(answers).toEqual(Array(LIMIT).fill('200 hit'));
    const refused = await get(path, client);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'RATE_LIMITED' });

    const widget = { authorization: `Bearer ${widgetKey}`, origin: COUNCIL, 'x-forwarded-for': newAddress() };
    for (let i = 0; i < 3; i += 1) expect((await get(path, widget)).headers.get('x-cache')).toBe('hit');
    const keys = await graphql(service(), '{ apiKeys { name usage { requests } } }', {}, TEST_ADMIN_TOKEN);
    const usage = (keys.body.data.apiKeys as { name: string; usage: { requests: number }[] }[]).find(
      (key) => key.name === 'Enfield council website',
    )?.usage;
    expect(usage?.reduce((sum, day) => sum + day.requests, 0)).toBe(3);
  });

  it('gives a cross-origin answer from the cache the CORS headers the request deserves', async () => {
    const path = await stored('query TopicsAcrossOrigins { topics(first: 7) { edges { node { key } } } }');
    const anonymous = await get(path, { origin: 'https://www.example.org' });
    expect(anonymous.headers.get('x-cache')).toBe('hit');
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
    const widget = await get(path, { origin: COUNCIL, 'x-api-key': widgetKey });
    expect(widget.headers.get('x-cache')).toBe('hit');
    expect(widget.headers.get('access-control-allow-origin')).toBe(COUNCIL);
    expect(widget.headers.get('vary')).toMatch(/Origin/);
  });
});

describe('HTTP-level cache of public GETs across instances sharing Redis', () => {
  let redis: TestRedis;
  let a: RunningService;
  let b: RunningService;
  // Registered before the services' hooks, so that it runs after they have stopped (vitest runs afterAll hooks last
  // registered first).
  afterAll(async () => {
    await redis?.stop();
  });
  const { services } = useSeededService({
    prepare: async () => {
      redis = await startTestRedis();
    },
    env: () => ({ ADMIN_TOKEN: TEST_ADMIN_TOKEN, REDIS_URL: redis.url }),
    instances: [{}, {}],
  });
  beforeAll(() => {
    [a, b] = services() as [RunningService, RunningService];
  });

  const get = (instance: RunningService, path: string) =>
    fetch(`${instance.url}${path}`, { headers: { 'apollo-require-preflight': 'true' } });

  it("empties every instance's stored answers on a change made through one, and stands aside while Redis is down", async () => {
    await (await get(b, registering(SEARCH))).arrayBuffer();
    const path = byHash(SEARCH);
    await (await get(b, path)).arrayBuffer();
    const before = await get(b, path);
    expect(before.headers.get('x-cache')).toBe('hit');
    const node = ((await before.json()) as { data: { search: { edges: { node: Record<string, any> }[] } } }).data.search
      .edges[0]!.node;
    const renamed = `${node.name} (renamed through the other instance)`;
    const update = await graphql(
      a,
      'mutation ($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { id } }',
      { id: node.id, v: node.version, set: { name: renamed } },
      TEST_ADMIN_TOKEN,
    );
    expect(update.body.errors).toBeUndefined();
    const after = await get(b, path);
    expect(after.headers.get('x-cache')).not.toBe('hit');
    expect(await after.text()).toContain(renamed);
    expect((await get(b, path)).headers.get('x-cache')).toBe('hit');

    // Without Redis no instance can know of another's changes, so none serves stored bytes; Neo4j answers.
    await redis.stop();
    const withoutRedis = await get(b, path);
    expect(withoutRedis.status).toBe(200);
    expect(withoutRedis.headers.get('x-cache')).not.toBe('hit');
    expect(await withoutRedis.text()).toContain(renamed);
  });
});
