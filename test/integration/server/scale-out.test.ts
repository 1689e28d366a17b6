// Two instances over one Neo4j server (a process of its own, reached by NEO4J_URI) and one Redis: one rate-limit budget,
// changes and imports through either seen by both at once, and no request lost when one stops.
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget, useTestDatabase } from '../../support/database.js';
import { startTestRedis, type TestRedis } from '../../support/redis.js';
import { graphql, startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

/** Statuses of GET /demo (no database needed, rate-limited like every public route) through each instance in turn. */
async function statuses(services: RunningService[], forwardedFor: string): Promise<number[]> {
  const answered: number[] = [];
  for (const service of services) {
    // Each call comes as a different client (TRUST_PROXY=1), so the tests do not share budgets with each other.
    const response = await fetch(`${service.url}/demo`, { headers: { 'x-forwarded-for': forwardedFor } });
    answered.push(response.status);
  }
  return answered;
}

describe('rate limits across instances sharing Redis', () => {
  let redis: TestRedis;
  let a: RunningService;
  let b: RunningService;

  beforeAll(async () => {
    redis = await startTestRedis();
    const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' };
    a = await startTestService(testTarget(), env);
    b = await startTestService(testTarget(), env);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  it('spends one budget whichever instance answers: the fourth request of three a minute is refused', async () => {
    const answered = await statuses([a, b, a, b, a], '203.0.113.7');
    expect(answered).toEqual([200, 200, 200, 429, 429]);
    const refused = await fetch(`${b.url}/demo`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many requests: at most 3 a minute\. Try again in \d+ s\.$/),
    });
  });

  it('keeps limiting, each instance alone, while Redis is down, and shares again once it is back', async () => {
    await redis.stop();
    // No 500 and no wait on the lost Redis: each instance counts for itself, so three each.
    const alone = await statuses([a, a, a, a, b], '203.0.113.8');
    expect(alone).toEqual([200, 200, 200, 429, 200]);

    await redis.start();
    const deadline = Date.now() + 15_000;
    // The clients reconnect in the background; a new client's budget is shared again once they have.
    let client = 0;
    let answered: number[] = [];
    while (Date.now() < deadline) {
      client += 1;
      answered = await statuses([a, b, a, b], `198.51.100.${client}`);
      if (answered[3] === 429) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(answered).toEqual([200, 200, 200, 429]);
  });
});

/** A public question, as a widget asks it: answered from the shared response cache when it holds the answer. */
async function publicly(service: RunningService, query: string): Promise<any> {
  const { status, body } = await graphql(service, query);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('changes and imports across instances sharing Redis', () => {
  useTestDatabase();
  let redis: TestRedis;
  let a: RunningService;
  let b: RunningService;
  const SERVICE = '{ service(key: "scale-out-clinic") { name } }';
  const ORGANISATIONS = '{ organisations(first: 1) { totalCount } }';

  beforeAll(async () => {
    redis = await startTestRedis();
    const env = { REDIS_URL: redis.url, ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '100000' };
    a = await startTestService(testTarget(), env);
    b = await startTestService(testTarget(), env);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  it('serves a change made through one instance from the other at once, though both had the old answer cached', async () => {
    const created = await graphql(
      a,
      'mutation ($properties: JSONObject!) { createRecord(kind: Service, key: "scale-out-clinic", properties: $properties) { id version } }',
      { properties: { name: 'Stop smoking clinic' } },
      TEST_ADMIN_TOKEN,
    );
    expect(created.body.errors).toBeUndefined();
    const { id, version } = created.body.data.createRecord as { id: string; version: number };
    expect(id).toBe(nodeId('Service', 'scale-out-clinic'));
    for (const service of [a, b, a, b])
      expect(await publicly(service, SERVICE)).toEqual({ service: { name: 'Stop smoking clinic' } });

    const updated = await graphql(
      a,
      'mutation ($id: ID!, $version: Int!, $set: JSONObject) { updateRecord(id: $id, version: $version, set: $set) { version } }',
      { id, version, set: { name: 'Quit smoking clinic' } },
      TEST_ADMIN_TOKEN,
    );
    expect(updated.body.errors).toBeUndefined();
    // No wait: the answer after the change's author has theirs is the new one, whichever instance is asked.
    expect(await publicly(b, SERVICE)).toEqual({ service: { name: 'Quit smoking clinic' } });
    expect(await publicly(a, SERVICE)).toEqual({ service: { name: 'Quit smoking clinic' } });
  });

  it('serves an import through one instance (POST /admin/api/imports) from both at once', async () => {
    const before = (await publicly(a, ORGANISATIONS)).organisations.totalCount as number;
    expect((await publicly(b, ORGANISATIONS)).organisations.totalCount).toBe(before);

    const form = new FormData();
    const eccg = 'seed/reference/ods/eccg.csv';
    form.append('file', new Blob([await readFile(eccg, 'utf8')]), eccg);
    const response = await fetch(`${a.url}/admin/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: form,
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    const onB = (await publicly(b, ORGANISATIONS)).organisations.totalCount as number;
    expect(onB).toBeGreaterThan(before);
    expect((await publicly(a, ORGANISATIONS)).organisations.totalCount).toBe(onB);
    expect(await publicly(b, '{ organisation(key: "07M") { key } }')).toEqual({ organisation: { key: '07M' } });
  });
});

/**
 * A GraphQL request whose body comes in two parts, the second when `finish` is called: in flight at the service from
 * its first bytes until its answer.
 */
function slowRequest(url: string, query: string): { finish(): void; status: Promise<number> } {
  const body = JSON.stringify({ query });
  let finish = () => {};
  const status = new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      `${url}/graphql`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.write(body.slice(0, 10));
    finish = () => request.end(body.slice(10));
  });
  // Awaited by the test later; a cut connection must fail the test there, not as an unhandled rejection meanwhile.
  status.catch(() => undefined);
  return { finish: () => finish(), status };
}

describe('stopping one of two instances', () => {
  let a: RunningService;
  let b: RunningService;

  beforeAll(async () => {
    const env = { ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '100000' };
    a = await startTestService(testTarget(), env);
    b = await startTestService(testTarget(), env);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('loses no request of a client that retries on the other: in-flight ones answered, new ones refused', async () => {
    const outcomes = { answeredByA: 0, answeredByB: 0, retried: 0 };
    const refusals: string[] = [];
    /** One request as a load balancer's client sends it: to A first, to B when A refuses or is gone. */
    async function ask(i: number): Promise<void> {
      // Keyed, so each is a real read of Neo4j (no cached answer), long enough to be in flight when A stops.
      const body = JSON.stringify({ query: `query Ask${i % 7} { organisations(first: 20) { totalCount } }` });
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body,
      };
      try {
        const response = await fetch(`${a.url}/graphql`, init);
        if (response.status === 200) {
          await response.json();
          outcomes.answeredByA += 1;
          return;
        }
        refusals.push(`A answered ${response.status} ${response.headers.get('connection') ?? ''}`);
        await response.arrayBuffer();
      } catch (error) {
        refusals.push(
          `A refused: ${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`,
        );
      }
      outcomes.retried += 1;
      const retry = await fetch(`${b.url}/graphql`, init);
      expect(retry.status).toBe(200);
      await retry.json();
      outcomes.answeredByB += 1;
    }

    // A request A has begun to read when it is told to stop: it must be answered, not cut.
    const inFlight = slowRequest(a.url, '{ organisations(first: 5) { totalCount } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent: Promise<void>[] = [];
    let stopped: Promise<void> | undefined;
    for (let i = 0; i < 120; i += 1) {
      sent.push(ask(i));
      if (i === 40) {
        stopped = a.stop();
        setTimeout(() => inFlight.finish(), 300);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(sent);
    await stopped;
    expect(await inFlight.status).toBe(200);

    expect(outcomes.answeredByA + outcomes.answeredByB).toBe(120);
    expect(outcomes.answeredByA).toBeGreaterThan(0);
    expect(outcomes.retried).toBeGreaterThan(0);
    // Only refusals a client can safely retry: a 503 while closing, or a connection refused or closed before any answer.
    for (const refusal of refusals)
      expect(refusal).toMatch(/^A (answered 503|refused: (ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET))/);
  });
});
