// The response cache shared through a real Redis by two instances over one Neo4j: what one stores the other serves, a
// change through one is seen at once through the other, keyed requests never reach Redis, and when Redis is cut off,
// stalls or stops, answers come from Neo4j, correct, with one warning per outage and no password in any log line.
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { loadConfig } from '../../../server/config.js';
import { PUBLIC_MAX_AGE_S, REDIS_KEY_PREFIX } from '../../../server/graphql/response-cache.js';
import { createLogger } from '../../../server/logger.js';
import { startService, type RunningService } from '../../../server/service.js';
import { testTarget, useTestDatabase } from '../../support/database.js';
import { proxyTo, startTestRedis, type RedisProxy, type TestRedis } from '../../support/redis.js';
import { graphql, TEST_ADMIN_TOKEN } from '../../support/service.js';

interface Instance {
  service: RunningService;
  /** Every log line the instance wrote, as JSON. */
  logs: string[];
}

async function startInstance(redisUrl: string): Promise<Instance> {
  const neo4j = testTarget();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    SEED_ON_EMPTY: 'false',
    SHUTDOWN_GRACE_MS: '2000',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    REDIS_URL: redisUrl,
  });
  const logs: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
  return { service: await startService(config, log), logs };
}

const SEARCH =
  '{ search(text: "stop smoking", kinds: [SERVICE]) { edges { node { ... on Service { id name version } } } } }';
type SearchResult = { data: { search: { edges: { node: { id: string; name: string; version: number } }[] } } };

async function search(instance: Instance, token?: string) {
  const response = await fetch(`${instance.service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: SEARCH }),
  });
  expect(response.status).toBe(200);
  return {
    body: (await response.json()) as SearchResult,
    roundTrips: Number(response.headers.get('x-db-round-trips')),
    cacheControl: response.headers.get('cache-control'),
  };
}

const names = (result: { body: SearchResult }) => result.body.data.search.edges.map((edge) => edge.node.name);

const redisWarnings = (instance: Instance) =>
  instance.logs
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    // The response cache's own warnings: the shared rate limits (REDIS_URL too) warn apart, once per outage of theirs.
    .filter((line) => line.level === 40 && /Redis \(the shared response cache\)/.test(line.msg));

describe('response cache shared through Redis', () => {
  const db = useTestDatabase();
  let redis: TestRedis;
  /** A reaches Redis through this proxy, so a test can cut A off while B and Redis carry on. */
  let proxy: RedisProxy;
  let inspector: ReturnType<typeof createClient>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    redis = await startTestRedis();
    proxy = await proxyTo(redis);
    await seedIfEmpty(db(), createLogger('silent'));
    [a, b] = await Promise.all([startInstance(proxy.url), startInstance(redis.url)]);
    inspector = createClient({ url: redis.url });
    inspector.on('error', () => undefined); // it loses Redis on purpose below, and reconnects by itself
    await inspector.connect();
  });
  afterAll(async () => {
    await Promise.all([a?.service.stop(), b?.service.stop()]);
    if (inspector?.isOpen) inspector.destroy();
    await proxy?.close();
    await redis?.stop();
  });

  /** Empties Redis, answers the search through `writer`, and waits for the answer to land in Redis (it is written after the reply). */
  async function storedThrough(writer: Instance): Promise<Awaited<ReturnType<typeof search>>> {
    await inspector.flushDb();
    const answer = await search(writer);
    const deadline = Date.now() + 5_000;
    while ((await inspector.keys(`${REDIS_KEY_PREFIX}*:*`)).length === 0) {
      if (Date.now() > deadline) throw new Error('no answer was stored in Redis within five seconds');
      await sleep(20);
    }
    return answer;
  }

  const cacheState = async (instance: Instance) =>
    ((await (await fetch(`${instance.service.url}/health/ready`)).json()) as { responseCache: string }).responseCache;

  async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ten seconds`);
      await sleep(100);
    }
  }

  /** Renames the first service the search finds, through `instance`, as an admin; returns the new name. */
  async function rename(instance: Instance, suffix: string): Promise<string> {
    const current = (await search(instance, TEST_ADMIN_TOKEN)).body.data.search.edges[0]!.node;
    const renamed = `${current.name} ${suffix}`;
    const update = await graphql(
      instance.service,
      'mutation ($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { id } }',
      { id: current.id, v: current.version, set: { name: renamed } },
      TEST_ADMIN_TOKEN,
    );
    expect(update.body.errors).toBeUndefined();
    return renamed;
  }

  it('serves through one instance, without the database, the answer another stored', async () => {
    const first = await storedThrough(a);
    expect(first.roundTrips).toBeGreaterThan(0);
    const second = await search(b);
    expect(second.roundTrips).toBe(0);
    expect(second.body).toEqual(first.body);
    expect(second.cacheControl).toBe(`max-age=${PUBLIC_MAX_AGE_S}, public`);
  });

  it('shows a change made through one instance at once through the other', async () => {
    expect((await search(b)).roundTrips).toBe(0);
    const renamed = await rename(a, '(renamed on A)');
    const after = await search(b);
    expect(names(after)).toContain(renamed);
    expect(after.roundTrips).toBeGreaterThan(0);
  });

  it('never takes a keyed request to Redis', async () => {
    await sleep(100); // lets the previous answer's background write land before the counters are reset
    await inspector.configResetStat();
    for (const instance of [a, b, a]) {
      const keyed = await search(instance, TEST_ADMIN_TOKEN);
      expect(keyed.roundTrips).toBeGreaterThan(0);
      expect(keyed.cacheControl ?? 'no-store').not.toContain('public');
    }
    const stats = await inspector.info('commandstats');
    // Each request still counts against the rate limit shared through Redis (one script each, its INCR and PTTL
    // counted inside it), but nothing of the response cache is read or written.
    expect(stats).not.toMatch(/cmdstat_(get|set|del|evalsha):/);
    expect(stats).toMatch(/cmdstat_eval:calls=3,/);
  });

  it('announces a change made while cut off from Redis as soon as it is back, so nobody serves the old answer after', async () => {
    const warnings = redisWarnings(a).length;
    await storedThrough(a);
    expect((await search(b)).roundTrips).toBe(0);

    proxy.cut();
    const renamed = await rename(a, '(renamed while cut off)');
    const cutOff = await search(a);
    expect(names(cutOff)).toContain(renamed);
    expect(cutOff.roundTrips).toBeGreaterThan(0);
    // Meanwhile B still serves what Redis holds, for at most PUBLIC_MAX_AGE_S: the bound the README states.

    proxy.restore();
    await until(async () => (await cacheState(a)) === 'redis', 'A reconnecting to Redis');
    expect(names(await search(b))).toContain(renamed);
    expect(names(await search(a))).toContain(renamed);
    expect(redisWarnings(a)).toHaveLength(warnings + 1);
  });

  it('answers from Neo4j, without waiting on it, while Redis stalls', async () => {
    const warnings = redisWarnings(b).length;
    const expected = await storedThrough(b);
    redis.pause();
    try {
      for (const instance of [a, b, a, b]) {
        const started = Date.now();
        const stalled = await search(instance);
        expect(stalled.body).toEqual(expected.body);
        expect(stalled.roundTrips).toBeGreaterThan(0);
        expect(Date.now() - started).toBeLessThan(2_000);
      }
    } finally {
      redis.resume();
    }
    // Once Redis answers again, so does the cache: an answer is stored and served again.
    await until(async () => (await search(b)).roundTrips === 0, 'B serving from Redis again');
    await until(async () => (await search(a)).roundTrips === 0, 'A serving from Redis again');
    expect(redisWarnings(b)).toHaveLength(warnings + 1);
  });

  it('answers from Neo4j while Redis is down, starts without it, and shares the cache again once it is back', async () => {
    const warnings = [redisWarnings(a).length, redisWarnings(b).length];
    const expected = names(await search(a, TEST_ADMIN_TOKEN));
    await redis.stop();
    for (const instance of [a, b, a, b]) {
      const answer = await search(instance);
      expect(names(answer)).toEqual(expected);
      expect(answer.roundTrips).toBeGreaterThan(0);
    }

    const started = Date.now();
    const c = await startInstance(redis.url);
    try {
      expect(Date.now() - started).toBeLessThan(10_000);
      const ready = await fetch(`${c.service.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, responseCache: 'redis unavailable' });
      expect(names(await search(c))).toEqual(expected);

      // One warning per outage and instance, however many requests went by, and the password in none of the logs.
      expect(redisWarnings(a)).toHaveLength(warnings[0]! + 1);
      expect(redisWarnings(b)).toHaveLength(warnings[1]! + 1);
      expect(redisWarnings(c)).toHaveLength(1);
      for (const instance of [a, b, c]) expect(instance.logs.join('\n')).not.toContain(redis.password);

      await redis.start();
      for (const instance of [a, b, c])
        await until(async () => (await cacheState(instance)) === 'redis', 'reconnecting to Redis');
      await storedThrough(c);
      expect((await search(a)).roundTrips).toBe(0);
      expect((await search(b)).roundTrips).toBe(0);
    } finally {
      await c.service.stop();
    }
  });
});
