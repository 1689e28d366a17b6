// Stored public answers sent below Fastify: the same bytes and headers as Fastify's own hook sends, 304s, per-role
// answers, emptied by a write; and public POSTs answered from their stored bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../server/database/api-keys.js';
import type { RunningService } from '../../../server/service.js';
import { byHash, graphql, registering, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const COUNCIL = 'https://www.enfield.gov.uk';
/** Headers that differ between any two answers, whichever path sends them. */
const PER_ANSWER = new Set(['date', 'x-request-id', 'age', 'x-ratelimit-reset']);

let addresses = 0;
const newAddress = () => {
  addresses += 1;
  return `198.51.100.${addresses}`;
};

/** Every header but those that differ per answer, in name order. */
const comparable = (response: Response) =>
  [...response.headers.entries()].filter(([name]) => !PER_ANSWER.has(name)).sort(([a], [b]) => a.localeCompare(b));

describe('stored public answers below Fastify', () => {
  /** Answers stored GETs below Fastify: a hop count is what the fast path reads a client's address from. */
  let fast: RunningService;
  /** Trusts its proxy by range, which the fast path leaves to Fastify: its hook answers every stored GET. */
  let hook: RunningService;
  let widgetKey: string;
  let analystKey: string;
  const { services } = useSeededService({
    env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '1000' },
    prepare: async (db) => {
      widgetKey = (await createKey(db, 'Enfield council website', 'public', [COUNCIL])).secret;
      analystKey = (await createKey(db, 'Public health intelligence', 'analyst', [])).secret;
    },
    instances: [{ TRUST_PROXY: '1' }, { TRUST_PROXY: '127.0.0.0/8,::1/128' }],
  });
  beforeAll(() => {
    [fast, hook] = services() as [RunningService, RunningService];
  });

  const get = (service: RunningService, path: string, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, {
      headers: { 'apollo-require-preflight': 'true', 'x-forwarded-for': newAddress(), ...headers },
    });

  /** Registers `query` on both services and asks it once more on each, so each holds its answer. */
  async function storedOnBoth(query: string, headers: Record<string, string> = {}): Promise<string> {
    for (const service of [fast, hook]) {
      await (await get(service, registering(query), headers)).arrayBuffer();
      await (await get(service, byHash(query), headers)).arrayBuffer();
    }
    return byHash(query);
  }

  /** Stored answers each path has sent so far, read from /metrics (one registry for the test process). */
  async function sent(): Promise<{ below: number; hook: number }> {
    const metrics = await (
      await fetch(`${fast.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).text();
    const count = (path: string) =>
      Number(new RegExp(`hub_answer_cache_hits_total\\{method="GET",path="${path}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    return { below: count('below-fastify'), hook: count('fastify-hook') };
  }

  it("answers a stored GET below Fastify with the bytes and headers Fastify's hook sends", async () => {
    const path = await storedOnBoth('query TopicsBelowFastify { topics(first: 3) { edges { node { key name } } } }');
    // A key's first request is looked up by Fastify's rate limit; only a key known by then is surely public.
    for (const service of [fast, hook])
      await (await get(service, path, { 'x-api-key': widgetKey, origin: COUNCIL })).text();
    const asked: Record<string, string>[] = [
      {},
      { origin: 'https://www.example.org' },
      { origin: COUNCIL, 'x-api-key': widgetKey },
      { authorization: `Bearer ${widgetKey}`, origin: COUNCIL },
    ];
    for (const headers of asked) {
      const before = await sent();
      const below = await get(fast, path, headers);
      const afterFast = await sent();
      const fromHook = await get(hook, path, headers);
      const afterHook = await sent();
      expect(below.status).toBe(200);
      expect(below.headers.get('x-cache')).toBe('hit');
      expect(afterFast.below - before.below).toBe(1);
      expect(afterHook.hook - afterFast.hook).toBe(1);
      expect(comparable(below)).toEqual(comparable(fromHook));
      expect(await below.text()).toBe(await fromHook.text());
      expect(Number(below.headers.get('age'))).toBeLessThanOrEqual(60);
      expect(below.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    // A proxy's request id is kept, as Fastify keeps it.
    expect((await get(fast, path, { 'x-request-id': 'lb-1234' })).headers.get('x-request-id')).toBe('lb-1234');
  });

  it('answers 304 below Fastify when the browser holds the answer, with the headers the hook sends', async () => {
    const path = await storedOnBoth('query TopicsForA304BelowFastify { topics(first: 2) { edges { node { key } } } }');
    const etag = (await get(fast, path)).headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const before = await sent();
      const below = await get(fast, path, { 'if-none-match': ifNoneMatch });
      expect((await sent()).below - before.below).toBe(1);
      const fromHook = await get(hook, path, { 'if-none-match': ifNoneMatch });
      expect(below.status).toBe(304);
      expect(fromHook.status).toBe(304);
      expect(await below.text()).toBe('');
      expect(comparable(below)).toEqual(comparable(fromHook));
    }
    expect((await get(fast, path, { 'if-none-match': '"older"' })).status).toBe(200);
  });

  it("keeps each role's and each media type's answers apart", async () => {
    const path = await storedOnBoth('query TopicsPerRole { topics(first: 4) { edges { node { key name } } } }');
    expect((await get(fast, path)).headers.get('x-cache')).toBe('hit');
    const before = await sent();
    const analyst = await get(fast, path, { authorization: `Bearer ${analystKey}` });
    expect(analyst.status).toBe(200);
    expect(analyst.headers.get('x-cache')).toBeNull();
    expect(analyst.headers.get('cache-control') ?? '').not.toContain('public');
    const admin = await get(fast, path, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(admin.headers.get('x-cache')).toBeNull();
    // The widget key from a page it does not name is refused, not served the public's copy.
    const elsewhere = await get(fast, path, { 'x-api-key': widgetKey, origin: 'https://copied.example.com' });
    expect(elsewhere.headers.get('x-cache')).toBeNull();
    const graphqlResponse = await get(fast, path, { accept: 'application/graphql-response+json' });
    expect(graphqlResponse.headers.get('x-cache')).toBe('miss');
    expect((await sent()).below).toBe(before.below);
  });

  it('empties on a write: the next GET reads the change', async () => {
    const query =
      'query SearchBelowFastify { search(text: "stop smoking", kinds: [SERVICE]) { edges { node { ... on Service { id name version } } } } }';
    const path = await storedOnBoth(query);
    const before = await get(fast, path);
    expect(before.headers.get('x-cache')).toBe('hit');
    const node = ((await before.json()) as { data: { search: { edges: { node: Record<string, any> }[] } } }).data.search
      .edges[0]!.node;
    const renamed = `${node.name} (renamed below Fastify)`;
    const update = await graphql(
      fast,
      'mutation ($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { id } }',
      { id: node.id, v: node.version, set: { name: renamed } },
      TEST_ADMIN_TOKEN,
    );
    expect(update.body.errors).toBeUndefined();
    const after = await get(fast, path);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(await after.text()).toContain(renamed);
    expect((await get(fast, path)).headers.get('x-cache')).toBe('hit');
  });

  it('answers a public POST from its stored bytes the second time, never a different query or an analyst', async () => {
    const post = (body: object, headers: Record<string, string> = {}) =>
      fetch(`${fast.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': newAddress(), ...headers },
        body: JSON.stringify(body),
      });
    const query = 'query TopicsPosted($first: Int) { topics(first: $first) { edges { node { key name } } } }';
    const first = await post({ query, variables: { first: 3 } });
    const firstBody = await first.text();
    expect(first.headers.get('x-cache')).toBeNull();
    const second = await post({ query, variables: { first: 3 } });
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('x-db-round-trips')).toBe('0');
    const other = await post({ query, variables: { first: 2 } });
    expect(other.headers.get('x-cache')).toBeNull();
    expect(((await other.json()) as { data: { topics: { edges: unknown[] } } }).data.topics.edges).toHaveLength(2);
    const analyst = await post({ query, variables: { first: 3 } }, { authorization: `Bearer ${analystKey}` });
    expect(analyst.headers.get('x-cache')).toBeNull();
    const mutation = await post({ query: 'mutation { importRun(id: "x") { id } }' });
    await mutation.arrayBuffer();
    expect((await post({ query: 'mutation { importRun(id: "x") { id } }' })).headers.get('x-cache')).toBeNull();
  });
});
