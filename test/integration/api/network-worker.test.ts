// The network's heavy measures off the event loop: the service answers other requests while a large network is
// partitioned, refuses more than it may run at once (communities and betweenness rankings alike) with ANALYTICS_BUSY
// and Retry-After, and stops a computation that runs too long.
import { describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import { networkWork, configureNetworkWork } from '../../../server/analytics/network-work.js';
import { TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const HEAVY_AREA = 'heavy-borough';
const COMMUNITIES = `query ($area: String) { communities(area: $area) { count organisations modularity
  communities { number size members(first: 100) { key } brokers { node { key } betweenness } } } }`;
const MOST_CONNECTED = `{ mostConnected(orderBy: BETWEENNESS, first: 5) { node { key } partners betweenness } }`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Seconds of work on a quiet machine, and a thread started under tsx: a busy shared machine needs more than 60 s.
describe('communities off the event loop', { timeout: 180_000 }, () => {
  // The heavy borough is written before the service starts, and the service allows one computation and no queue, so
  // that the second communities request is refused while the first runs.
  const { service } = useSeededService({
    env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN, ANALYTICS_CONCURRENCY: '1', ANALYTICS_QUEUE: '0' },
    // A borough whose network is near the member bound: 1,000 organisations each in three of its 60 programmes,
    // seconds of Louvain and betweenness.
    prepare: async (db) => {
      await db.run(
        `CREATE (area:${Label.Area} {id: randomUUID(), key: $area, name: 'Heavy borough'})
         WITH area UNWIND range(0, 59) AS p
         CREATE (:${Label.Programme} {id: randomUUID(), key: 'heavy-programme-' + p, name: 'Heavy programme ' + p})
                -[:${Rel.PROGRAMME_COVERS}]->(area)
         WITH count(*) AS programmes UNWIND range(0, 999) AS o
         CREATE (org:${Label.Organisation} {id: randomUUID(), key: 'heavy-org-' + o, name: 'Heavy org ' + o, kind: 'OTHER'})
         WITH org, o UNWIND [o % 60, (o * 7 + 3) % 60, (o * 13 + 5) % 60] AS p
         WITH DISTINCT org, p
         MATCH (programme:${Label.Programme} {key: 'heavy-programme-' + p})
         CREATE (org)-[:${Rel.PARTNER_IN} {role: 'PARTNER'}]->(programme)`,
        { area: HEAVY_AREA },
        'WRITE',
      );
    },
  });
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      roundTrips: response.headers.get('x-db-round-trips'),
      body: await response.json(),
    };
  };

  it('answers other requests while it partitions a large network, and refuses more at once saying when to retry', async () => {
    const seedAnswer = await post(COMMUNITIES); // also loads the worker thread, so what follows is the work alone
    expect(seedAnswer.body.errors, JSON.stringify(seedAnswer.body.errors)).toBeUndefined();
    const ranked = await post(MOST_CONNECTED);
    expect(ranked.body.errors, JSON.stringify(ranked.body.errors)).toBeUndefined();
    expect(ranked.body.data.mostConnected.length).toBeGreaterThan(0);
    const order: string[] = [];
    const heavy = post(COMMUNITIES, { area: HEAVY_AREA }).then((answer) => {
      order.push('communities');
      return answer;
    });
    // Until the network has been read from Neo4j and handed to the thread (bounded, so a failure is an assertion).
    for (let waited = 0; networkWork().load.running === 0 && waited < 30_000; waited += 10) await pause(10);
    expect(networkWork().load).toEqual({ running: 1, waiting: 0, preparing: 0 });

    const cheap = await post(`{ programme(key: "london-mecc-2017-18") { name } }`);
    order.push('programme');
    expect(cheap.body.data.programme.name).toMatch(/Making Every Contact Count/);

    const refused = await post(COMMUNITIES);
    order.push('refused');
    expect(refused.status).toBe(503);
    const [error] = refused.body.errors;
    expect(error.extensions.code).toBe('ANALYTICS_BUSY');
    expect(error.extensions.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBe(String(error.extensions.retryAfter));
    expect(error.message).toBe(
      `The service is already running as many analyses like this one as it runs at once: try again in ${error.extensions.retryAfter} s.`,
    );
    expect(error.extensions).not.toHaveProperty('http');
    // Refused before Neo4j was asked for the network: a refusal costs the database nothing.
    expect(refused.roundTrips).toBe('0');
    // Ranking partners by betweenness takes the same threads, so it waits its turn as well rather than hold the service.
    const rankingRefused = await post(MOST_CONNECTED);
    expect(rankingRefused.status).toBe(503);
    expect(rankingRefused.body.errors[0].extensions.code).toBe('ANALYTICS_BUSY');
    order.push('ranking refused');

    const answered = await heavy;
    expect(answered.status).toBe(200);
    expect(answered.body.errors, JSON.stringify(answered.body.errors)).toBeUndefined();
    expect(answered.body.data.communities.organisations).toBe(1_000);
    // The cheap question and the refusal were answered while the communities were still being found.
    expect(order).toEqual(['programme', 'refused', 'ranking refused', 'communities']);
    // And once found, there is room again: the seed's answers are as they were.
    expect((await post(COMMUNITIES)).body).toEqual(seedAnswer.body);
    expect((await post(MOST_CONNECTED)).body).toEqual(ranked.body);
  });

  it('stops a computation whose client has gone, well before it would have finished, and answers the next', async () => {
    const waitFor = async (done: () => boolean, what: string) => {
      for (const started = performance.now(); !done(); await pause(10))
        if (performance.now() - started > 60_000) throw new Error(`Still waiting for ${what}.`);
    };
    const before = await post(COMMUNITIES);
    let started = performance.now();
    expect((await post(COMMUNITIES, { area: HEAVY_AREA })).status).toBe(200);
    const whole = performance.now() - started;

    const gone = new AbortController();
    const asked = fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ query: COMMUNITIES, variables: { area: HEAVY_AREA } }),
      signal: gone.signal,
    }).catch((error: Error) => error.name);
    await waitFor(() => networkWork().load.running === 1, 'the computation to start');
    started = performance.now();
    gone.abort();
    expect(await asked).toBe('AbortError');
    await waitFor(() => networkWork().load.running === 0, 'the computation to stop');
    // Its thread was terminated: a computation left to run would have taken most of the whole one's time still.
    expect(performance.now() - started).toBeLessThan(whole / 4);
    expect((await post(COMMUNITIES)).body).toEqual(before.body);
  });

  it('stops a computation that runs past its time, says so, and answers the next', async () => {
    configureNetworkWork({ concurrency: 1, queue: 0, timeoutMs: 200 });
    try {
      const before = await post(COMMUNITIES);
      const stopped = await post(COMMUNITIES, { area: HEAVY_AREA });
      expect(stopped.body.errors?.[0]?.extensions?.code, JSON.stringify(stopped.body)).toBe('QUERY_TIMEOUT');
      expect(stopped.body.errors[0].message).toBe(
        'Finding the communities took longer than 0.2 s and was stopped: ask about a smaller area (a footprint or borough key), where the network is smaller.',
      );
      expect(networkWork().load).toEqual({ running: 0, waiting: 0, preparing: 0 });
      expect((await post(COMMUNITIES)).body).toEqual(before.body);
    } finally {
      configureNetworkWork({ concurrency: 1, queue: 0, timeoutMs: 20_000 });
    }
  });
});
