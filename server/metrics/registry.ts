// The service's Prometheus metrics, one registry per process: what /metrics reports, and the counters other modules bump.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ResponseCacheState } from '../graphql/response-cache.js';
import { observeRoundTrips } from '../database/database.js';
import type { LocalNeo4jHealth } from '../database/neo4j-supervisor.js';
import { flushSeries } from './series.js';

/**
 * One registry for the process, as there is one driver: the database's round trips and an import's run are counted
 * where they happen, without threading a handle through every call. Two services in one process (tests) share it,
 * so tests compare counts before and after their own traffic.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Latency buckets in seconds, from a cached answer (a few ms) to a query stopped at its timeout (10 s). */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequests = new Counter({
  name: 'hub_http_requests_total',
  help: 'HTTP requests answered, by route pattern (not the address asked for), method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
  collect() {
    flushSeries(this);
  },
});

export const httpDuration = new Histogram({
  name: 'hub_http_request_duration_seconds',
  help: 'Time from receiving a request to sending its answer, by route pattern, method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const graphqlOperations = new Counter({
  name: 'hub_graphql_operations_total',
  help: 'GraphQL operations run, by type (query or mutation) and operation name ("anonymous" without one).',
  labelNames: ['type', 'name'] as const,
  registers: [registry],
  collect() {
    flushSeries(this);
  },
});

export const graphqlErrors = new Counter({
  name: 'hub_graphql_errors_total',
  help: 'Errors in GraphQL answers, by the catalogue code clients see (extensions.code).',
  labelNames: ['code'] as const,
  registers: [registry],
});

export const responseCacheLookups = new Counter({
  name: 'hub_response_cache_lookups_total',
  help: 'Public GraphQL answers looked up in the response cache, by result (hit or miss).',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const dbRoundTrips = new Counter({
  name: 'hub_db_round_trips_total',
  help: 'Statements sent to Neo4j, by access mode and outcome (ok or failed).',
  labelNames: ['mode', 'outcome'] as const,
  registers: [registry],
});

export const dbDuration = new Histogram({
  name: 'hub_db_round_trip_duration_seconds',
  help: 'Time for one statement as this service sees it (network, queueing and Neo4j), by access mode.',
  labelNames: ['mode'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const neo4jTime = new Counter({
  name: 'hub_neo4j_time_seconds_total',
  help: "Neo4j's own time on statements that succeeded (until the first record, plus until the last), by mode.",
  labelNames: ['mode'] as const,
  registers: [registry],
});

let observing = false;

/** Counts every database round trip from now on (once per process, however many services start in it). */
export function countRoundTrips(): void {
  if (observing) return;
  observing = true;
  observeRoundTrips(({ mode, seconds, neo4jMs, failed }) => {
    dbRoundTrips.inc({ mode, outcome: failed ? 'failed' : 'ok' });
    dbDuration.observe({ mode }, seconds);
    if (neo4jMs !== undefined) neo4jTime.inc({ mode }, neo4jMs / 1000);
  });
}

export const rateLimitRefusals = new Counter({
  name: 'hub_rate_limit_refusals_total',
  help: 'Requests refused with RATE_LIMITED, by the kind of budget spent (address, key or widget-key).',
  labelNames: ['bucket'] as const,
  registers: [registry],
});

const importRuns = new Counter({
  name: 'hub_import_runs_total',
  help: 'Imports run through the one write path, by outcome (applied, refused, failed or dry-run).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const harvestRuns = new Counter({
  name: 'hub_harvest_runs_total',
  help: 'Harvests of partner feeds run, by outcome.',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** Counts one import: call it once per run, with how it ended. */
export function countImportRun(outcome: 'applied' | 'refused' | 'failed' | 'dry-run'): void {
  importRuns.inc({ outcome });
}

/** Counts one harvest of a partner's feed, with how it ended. */
export function countHarvestRun(outcome: 'applied' | 'refused' | 'failed'): void {
  harvestRuns.inc({ outcome });
}

const RESPONSE_CACHE_STATES: readonly ResponseCacheState[] = ['in-process', 'redis', 'redis unavailable'];
let responseCacheState: (() => ResponseCacheState) | undefined;

new Gauge({
  name: 'hub_response_cache_state',
  help: 'Where public answers are cached: 1 for the current state; redis unavailable means the shared Redis is not answering.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const current = responseCacheState?.();
    for (const state of RESPONSE_CACHE_STATES) this.set({ state }, state === current ? 1 : 0);
  },
});

/** The response cache whose state the gauges report (the last service started in this process). */
export function reportResponseCache(state: () => ResponseCacheState): void {
  responseCacheState = state;
}

const LOCAL_STATES: readonly LocalNeo4jHealth['state'][] = ['up', 'restarting', 'failed'];
let localNeo4j: (() => LocalNeo4jHealth) | undefined;

new Gauge({
  name: 'hub_neo4j_local_state',
  help: 'The embedded Neo4j: 1 for its current state (up, restarting or failed); absent with NEO4J_URI.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const health = localNeo4j?.();
    if (!health) return this.reset();
    for (const state of LOCAL_STATES) this.set({ state }, state === health.state ? 1 : 0);
  },
});

new Gauge({
  name: 'hub_neo4j_local_restarts',
  help: 'Times the embedded Neo4j died and was brought back since the service started.',
  registers: [registry],
  collect() {
    const health = localNeo4j?.();
    if (health) this.set(health.restarts);
    else this.reset();
  },
});

/** The embedded Neo4j whose state the gauges report, when the service started one. */
export function reportLocalNeo4j(health: (() => LocalNeo4jHealth) | undefined): void {
  localNeo4j = health;
}
