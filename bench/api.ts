// `npm run bench`: the GraphQL API on the seed graph (or BENCH_GRAPH=small|medium|england, generated and loaded
// through the importer), driven on loopback with autocannon; prints a table and JSON.
// It starts its own throwaway Neo4j and service, so it never touches the data under .data/.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { nodeId } from '../schema/ids.js';
import type { GraphBatch } from '../seed/batch.js';
import { generate, isScale, SCALES, type Scale } from '../seed/generate/england.js';
import { importBatch } from '../seed/importer.js';
import { seedIfEmpty } from '../seed/seed-if-empty.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { freePort, startLocalNeo4j } from '../server/neo4j/local-neo4j.js';
import { startService } from '../server/service.js';

/** The records each scenario asks about: the seed's own, or representative ones of a generated graph. */
interface Subjects { text: string; topic: string; borough: string; footprint: string; organisation: string; programme: string; networkCentre: string; pathFrom: string; pathTo: string }

const SEED_SUBJECTS: Subjects = {
  text: 'stop smoking', topic: 'stop-smoking', borough: 'E09000003', footprint: 'E54000027', organisation: 'E09000003',
  programme: 'barnet-immunisation-2017-18', networkCentre: nodeId('Programme', 'london-mecc-2017-18'),
  pathFrom: nodeId('Organisation', 'public-health-england'), pathTo: nodeId('Organisation', 'E09000003'),
};

/** In a generated graph: the first borough and footprint, a council, and a footprint-wide programme at the centre of the network. */
function generatedSubjects(batch: GraphBatch): Subjects {
  const covering = batch.relationships.find((r) => r.type === 'PROGRAMME_COVERS' && r.to.key.startsWith('gen-footprint-'))!;
  const council = batch.nodes.find((n) => n.label === 'Organisation' && n.properties.kind === 'LOCAL_AUTHORITY')!;
  const partners = batch.relationships.filter((r) => r.type === 'PARTNER_IN');
  return {
    text: 'stop smoking', topic: 'gen-topic-stop-smoking', borough: 'gen-borough-1', footprint: 'gen-footprint-1', organisation: council.key,
    programme: covering.from.key, networkCentre: nodeId('Programme', covering.from.key),
    pathFrom: nodeId('Organisation', partners[0]!.from.key), pathTo: nodeId('Organisation', partners.at(-1)!.from.key),
  };
}

/** Scenarios send the admin token, which bypasses the response cache, unless `public`: so all but one measure the database. */
function scenarios(s: Subjects): { name: string; query: string; public?: boolean }[] {
  return [
    {
      name: 'directory search (text, topic, borough)',
      query: `{ search(text: "${s.text}", topic: "${s.topic}", area: "${s.borough}", first: 20) { totalCount edges { score node { ... on Service { name provider { name } topics { name } } } } } }`,
    },
    {
      // What widgets send: public, so answered from the response cache after the first time.
      name: 'directory search, public (cached)',
      public: true,
      query: `{ search(text: "${s.text}", topic: "${s.topic}", area: "${s.borough}", first: 20) { totalCount edges { score node { ... on Service { name provider { name } topics { name } } } } } }`,
    },
    {
      name: 'directory search (text only)',
      query: '{ search(text: "immunisation", first: 20) { totalCount edges { node { ... on Service { name } ... on Resource { name } ... on Organisation { name } } } } }',
    },
    {
      name: 'organisation profile',
      query: `{ organisation(key: "${s.organisation}") { name kind partnerships { role programme { name } } areasCovered { name footprint { name } } roles { name } resources { name } } }`,
    },
    {
      name: 'programme action plan',
      query: `{ programme(key: "${s.programme}") { name actionPlan { total byStatus { status count } overdue { name } } actions { name status dueDate leads { part by { ... on Role { name } } } } targets { metric value } } }`,
    },
    {
      name: 'network to depth 2',
      query: `{ network(around: "${s.networkCentre}", depth: 2) { nodes { id name type } edges { source target role } } }`,
    },
    {
      name: 'shortest path',
      query: `{ shortestPath(from: "${s.pathFrom}", to: "${s.pathTo}") { nodes { name } } }`,
    },
    {
      name: 'coverage gaps',
      query: `{ coverageGaps(footprint: "${s.footprint}", topic: "${s.topic}") { name } }`,
    },
  ];
}

/** seed (the default), or a generated scale: small, medium or england (`npm run generate`). */
const GRAPH = process.env.BENCH_GRAPH ?? 'seed';
/** The embedded Neo4j's memory: enough for the whole england import in one transaction. */
const NEO4J_MEMORY: Record<string, { heap: string; pageCache: string; txMemory: string }> = {
  seed: { heap: '512m', pageCache: '128m', txMemory: '256m' },
  small: { heap: '1g', pageCache: '256m', txMemory: '512m' },
  medium: { heap: '3g', pageCache: '512m', txMemory: '2g' },
  england: { heap: '10g', pageCache: '2g', txMemory: '8g' },
};
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
/** Some scenarios are analysts' analytics, which need a key. */
const BENCH_TOKEN = `bench-${Math.random().toString(36).slice(2)}-${Date.now()}-token`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

async function main(): Promise<void> {
  if (GRAPH !== 'seed' && !isScale(GRAPH)) throw new Error(`BENCH_GRAPH=${GRAPH}: use seed, ${Object.keys(SCALES).join(', ')}.`);
  const memory = NEO4J_MEMORY[GRAPH]!;
  const home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-bench-'));
  process.env.NEO4J_TX_MEMORY = memory.txMemory; // read by the embedded Neo4j's launcher
  const neo4j = await startLocalNeo4j({ home, port: await freePort(), heap: memory.heap, pageCache: memory.pageCache });
  const config = loadConfig({
    // The load generator is one client address; the per-address rate limit would measure itself, not the API.
    NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', SEED_ON_EMPTY: 'false', RATE_LIMIT_PER_MINUTE: '100000000', ADMIN_TOKEN: BENCH_TOKEN,
    NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password,
  });
  const service = await startService(config, createLogger('silent'));
  let subjects = SEED_SUBJECTS;
  let load: { records: number; seconds: number; recordsPerSecond: number } | undefined;
  if (GRAPH === 'seed') {
    await seedIfEmpty(service.db, createLogger('silent'));
  } else {
    const batch = generate(GRAPH as Scale);
    subjects = generatedSubjects(batch);
    const report = await importBatch(service.db, batch, { actor: 'npm run bench', sources: [`generated:${GRAPH}`] });
    const records = batch.nodes.length + batch.relationships.length;
    load = { records, seconds: Math.round(report.durationMs / 100) / 10, recordsPerSecond: Math.round(records / (report.durationMs / 1000)) };
    console.log(`Loaded the ${GRAPH} graph through the importer: ${records} records in ${load.seconds} s, ${load.recordsPerSecond} records/s (validation and one transaction included).`);
  }
  const results = [];
  try {
    for (const scenario of scenarios(subjects)) {
      const body = JSON.stringify({ query: scenario.query });
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(scenario.public ? {} : { authorization: `Bearer ${BENCH_TOKEN}` }) };
      const probe = await fetch(`${service.url}/graphql`, { method: 'POST', headers, body });
      const probeBody = (await probe.json()) as { errors?: unknown };
      if (probeBody.errors) throw new Error(`${scenario.name}: ${JSON.stringify(probeBody.errors)}`);
      const roundTrips = Number(probe.headers.get('x-db-round-trips'));
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
      const run = await autocannon({
        url: `${service.url}/graphql`, method: 'POST', headers, body,
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
  console.log(`\n${GRAPH === 'seed' ? 'Seed' : `Generated ${GRAPH}`} graph, ${CONNECTIONS} connections, ${DURATION_S} s each; service, Neo4j and load generator on one machine (${os.cpus().length} cores).`);
  console.log('Latencies in milliseconds; autocannon reports p90 and p97.5 rather than p95. Peak RSS is the process running service and load generator.\n');
  console.table(results);
  console.log(JSON.stringify({ graph: GRAPH, load, connections: CONNECTIONS, durationSeconds: DURATION_S, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
