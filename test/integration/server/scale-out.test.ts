// Two instances over one Neo4j server (a process of its own, reached by NEO4J_URI) and one Redis: one rate-limit budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../server/service.js';
import { testTarget } from '../../support/database.js';
import { startTestRedis, type TestRedis } from '../../support/redis.js';
import { startTestService } from '../../support/service.js';

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
