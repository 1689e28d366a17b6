// `npm run bench`: the GraphQL API on the seed graph, driven on loopback with autocannon; prints a table and JSON.
// It starts its own throwaway Neo4j and service, so it never touches the data under .data/.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { nodeId } from '../schema/ids.js';
import { seedIfEmpty } from '../seed/seed-if-empty.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { freePort, startLocalNeo4j } from '../server/neo4j/local-neo4j.js';
import { startService } from '../server/service.js';

const SCENARIOS = [
  {
    name: 'directory search (text, topic, borough)',
    query: '{ search(text: "stop smoking", topic: "stop-smoking", area: "E09000003", first: 20) { totalCount edges { score node { ... on Service { name provider { name } topics { name } } } } } }',
  },
  {
    name: 'directory search (text only)',
    query: '{ search(text: "immunisation", first: 20) { totalCount edges { node { ... on Service { name } ... on Resource { name } ... on Organisation { name } } } } }',
  },
  {
    name: 'organisation profile',
    query: '{ organisation(key: "E09000003") { name kind partnerships { role programme { name } } areasCovered { name footprint { name } } roles { name } resources { name } } }',
  },
  {
    name: 'programme action plan',
    query: '{ programme(key: "barnet-immunisation-2017-18") { name actionPlan { total byStatus { status count } overdue { name } } actions { name status dueDate leads { part by { ... on Role { name } } } } targets { metric value } } }',
  },
  {
    name: 'network to depth 2',
    query: `{ network(around: "${nodeId('Programme', 'london-mecc-2017-18')}", depth: 2) { nodes { id name type } edges { source target role } } }`,
  },
  {
    name: 'shortest path',
    query: `{ shortestPath(from: "${nodeId('Organisation', 'public-health-england')}", to: "${nodeId('Organisation', 'E09000003')}") { nodes { name } } }`,
  },
  {
    name: 'coverage gaps',
    query: '{ coverageGaps(footprint: "E54000027", topic: "stop-smoking") { name } }',
  },
];

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
/** Some scenarios are analysts' analytics, which need a key. */
const BENCH_TOKEN = `bench-${Math.random().toString(36).slice(2)}-${Date.now()}-token`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

async function main(): Promise<void> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-bench-'));
  const neo4j = await startLocalNeo4j({ home, port: await freePort(), heap: '512m', pageCache: '128m' });
  const config = loadConfig({
    // The load generator is one client address; the per-address rate limit would measure itself, not the API.
    NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', SEED_ON_EMPTY: 'true', RATE_LIMIT_PER_MINUTE: '100000000', ADMIN_TOKEN: BENCH_TOKEN,
    NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password,
  });
  const service = await startService(config, createLogger('silent'));
  await seedIfEmpty(service.db, createLogger('silent'));
  const results = [];
  try {
    for (const scenario of SCENARIOS) {
      const body = JSON.stringify({ query: scenario.query });
      const probe = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` }, body });
      const probeBody = (await probe.json()) as { errors?: unknown };
      if (probeBody.errors) throw new Error(`${scenario.name}: ${JSON.stringify(probeBody.errors)}`);
      const roundTrips = Number(probe.headers.get('x-db-round-trips'));
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
      const run = await autocannon({
        url: `${service.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` }, body,
        connections: CONNECTIONS, duration: DURATION_S,
      });
      clearInterval(sampler);
      results.push({
        scenario: scenario.name, p50ms: run.latency.p50, p90ms: run.latency.p90, p97_5ms: run.latency.p97_5, p99ms: run.latency.p99, requestsPerSecond: Math.round(run.requests.average), errors: run.errors + run.non2xx,
        roundTrips, peakRssMB: Math.round(peakRss / 1e6),
      });
    }
  } finally {
    await service.stop();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
  console.log(`\nSeed graph, ${CONNECTIONS} connections, ${DURATION_S} s each; service, Neo4j and load generator on one machine (${os.cpus().length} cores).`);
  console.log('Latencies in milliseconds; autocannon reports p90 and p97.5 rather than p95. Peak RSS is the process running service and load generator.\n');
  console.table(results);
  console.log(JSON.stringify({ connections: CONNECTIONS, durationSeconds: DURATION_S, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
