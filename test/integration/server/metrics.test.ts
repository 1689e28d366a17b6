// /metrics scraped after known traffic: requests, GraphQL operations and codes, cache, round trips, refusals, imports.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../server/database/api-keys.js';
import { freePort } from '../../../server/database/local-neo4j.js';
import { countImportRun } from '../../../server/metrics/registry.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget } from '../../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

type Scrape = Map<string, number>;

/** A small reference file the admin route imports as it is (the CCGs of England). */
const ECCG = 'seed/reference/ods/eccg.csv';

/** Prometheus's text format as a map from `name{label="value",…}` (labels sorted) to the value. */
function parse(text: string): Scrape {
  const series: Scrape = new Map();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, name, value]) => `${name}="${value}"`)
      .sort();
    series.set(`${match[1]}{${labels.join(',')}}`, Number(match[3]));
  }
  return series;
}

async function scrape(url: string, key: string | undefined = TEST_ADMIN_TOKEN): Promise<Scrape> {
  const response = await fetch(`${url}/metrics`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await response.text());
}

/** How much a series grew between two scrapes (a series not there before counts from 0). */
const grew = (before: Scrape, after: Scrape, series: string): number =>
  (after.get(series) ?? 0) - (before.get(series) ?? 0);

async function post(service: RunningService, query: string): Promise<Response> {
  return fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
}

describe('/metrics', () => {
  let service: RunningService;
  let strict: RunningService;
  let ownPort: RunningService;
  let metricsPort: number;

  beforeAll(async () => {
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    strict = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '2' });
    metricsPort = await freePort();
    ownPort = await startTestService(testTarget(), { METRICS_PORT: String(metricsPort) });
  });

  afterAll(async () => {
    await service?.stop();
    await strict?.stop();
    await ownPort?.stop();
  });

  it('counts requests, GraphQL operations and codes, cache hits and database round trips exactly', async () => {
    const before = await scrape(service.url);
    const roundTrips: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await post(service, 'query Migrations { about { migrations } }');
      expect(response.status).toBe(200);
      roundTrips.push(Number(response.headers.get('x-db-round-trips')));
    }
    expect((await post(service, '{ noSuchField }')).status).toBe(400);
    expect((await fetch(`${service.url}/no-such-page`)).status).toBe(404);
    countImportRun('applied');
    const after = await scrape(service.url);

    const requests = 'hub_http_requests_total{method="POST",route="/graphql",status="200"}';
    expect(grew(before, after, requests)).toBe(3);
    expect(
      grew(before, after, 'hub_http_request_duration_seconds_count{method="POST",route="/graphql",status="200"}'),
    ).toBe(3);
    expect(grew(before, after, 'hub_http_requests_total{method="POST",route="/graphql",status="400"}')).toBe(1);
    // A scanner's addresses are one series, not one each.
    expect(grew(before, after, 'hub_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    // The scrape before is counted by the time of the one after.
    expect(grew(before, after, 'hub_http_requests_total{method="GET",route="/metrics",status="200"}')).toBe(1);

    expect(grew(before, after, 'hub_graphql_operations_total{name="Migrations",type="query"}')).toBe(3);
    expect(grew(before, after, 'hub_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);

    // The first answer is read from Neo4j and kept; the next two are sent as its stored bytes, before Apollo (so
    // without asking its response cache) and without a round trip, yet counted as operations above.
    expect(grew(before, after, 'hub_response_cache_lookups_total{result="miss"}')).toBe(1);
    expect(grew(before, after, 'hub_answer_cache_hits_total{method="POST",path="fastify-hook"}')).toBe(2);
    expect(roundTrips[0]).toBeGreaterThan(0);
    expect(roundTrips.slice(1)).toEqual([0, 0]);
    expect(grew(before, after, 'hub_db_round_trips_total{mode="READ",outcome="ok"}')).toBe(roundTrips[0]);
    expect(grew(before, after, 'hub_db_round_trip_duration_seconds_count{mode="READ"}')).toBe(roundTrips[0]);
    expect(after.get('hub_neo4j_time_seconds_total{mode="READ"}')).toBeGreaterThanOrEqual(0);

    expect(grew(before, after, 'hub_import_runs_total{outcome="applied"}')).toBe(1);
    expect(after.get('hub_response_cache_state{state="in-process"}')).toBe(1);
    expect(after.get('hub_response_cache_state{state="redis"}')).toBe(0);
    expect(after.get('hub_response_cache_state{state="redis unavailable"}')).toBe(0);
    expect(after.get('process_cpu_user_seconds_total{}')).toBeGreaterThan(0);
    expect(after.get('nodejs_heap_size_used_bytes{}')).toBeGreaterThan(0);
  });

  it('counts imports through the admin route by how they ended: dry run, refused, applied', async () => {
    const importing = async (withFile: boolean, fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      if (withFile) form.append('file', new Blob([await readFile(ECCG, 'utf8')]), ECCG);
      const response = await fetch(`${service.url}/admin/api/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body: form,
      });
      await response.arrayBuffer();
      return response.status;
    };
    const before = await scrape(service.url);
    expect(await importing(true, { dryRun: 'true' })).toBe(200);
    // A form with no file is refused whole, saying what to send.
    expect(await importing(false, {})).toBe(400);
    expect(await importing(true, {})).toBe(200);
    const after = await scrape(service.url);
    expect(grew(before, after, 'hub_import_runs_total{outcome="dry-run"}')).toBe(1);
    expect(grew(before, after, 'hub_import_runs_total{outcome="refused"}')).toBe(1);
    expect(grew(before, after, 'hub_import_runs_total{outcome="applied"}')).toBe(1);
    expect(grew(before, after, 'hub_import_runs_total{outcome="failed"}')).toBe(0);
  });

  it('counts rate-limit refusals by the budget spent', async () => {
    // Scraped with an analyst key, whose own budget this address's requests do not spend.
    const { secret } = await createKey(strict.db, 'metrics scraper', 'analyst', []);
    const before = await scrape(strict.url, secret);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${strict.url}/oruk/services`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const after = await scrape(strict.url, secret);
    expect(grew(before, after, 'hub_rate_limit_refusals_total{bucket="address"}')).toBe(1);
    expect(grew(before, after, 'hub_http_requests_total{method="GET",route="/oruk/services",status="429"}')).toBe(1);
  });

  it('is for analysts and admins: no key is 401, an unknown key 401, each saying what to send', async () => {
    const none = await fetch(`${service.url}/metrics`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: 'UNAUTHENTICATED',
      message: expect.stringMatching(/analyst or admin key.*METRICS_PORT/),
    });
    const unknown = await fetch(`${service.url}/metrics`, {
      headers: { authorization: 'Bearer ph_analyst_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: string }).error).toBe('UNAUTHENTICATED');
  });

  it('moves to a port of its own with METRICS_PORT, open there and gone from the service', async () => {
    expect((await fetch(`${ownPort.url}/metrics`)).status).toBe(404);
    const open = await scrape(`http://127.0.0.1:${metricsPort}`, undefined);
    expect(open.get('nodejs_heap_size_used_bytes{}')).toBeGreaterThan(0);
  });
});
