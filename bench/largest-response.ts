// `npx tsx bench/largest-response.ts`: the largest answers a public client (no key) can obtain under the query limits
// now in force, on a generated graph (BENCH_GRAPH, england by default) loaded into a throwaway Neo4j through the
// importer; prints each query's status, bytes and time. BENCH_KEEP=1 leaves Neo4j and the service running to try more.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../seed/generate/england.js';
import { isScale, type Scale } from '../seed/generate/scales.js';
import { nodeId } from '../schema/ids.js';
import { importBatch } from '../server/database/import/importer.js';
import { connect } from '../server/database/database.js';
import { freePort, startLocalNeo4j } from '../server/database/local-neo4j.js';
import { migrate } from '../server/database/migrate.js';
import { startChild } from './processes.js';

const GRAPH = process.env.BENCH_GRAPH ?? 'england';
const MEMORY: Record<string, { heap: string; pageCache: string; txMemory: string }> = {
  small: { heap: '1g', pageCache: '256m', txMemory: '512m' },
  medium: { heap: '3g', pageCache: '512m', txMemory: '2g' },
  england: { heap: '10g', pageCache: '2g', txMemory: '8g' },
};

interface Probe {
  name: string;
  path: string;
  body?: Record<string, unknown>;
}

/** The key with the most relationships of a type at one end, so each probe asks where the graph is densest. */
function densest(batch: ReturnType<typeof generate>, type: string, end: 'from' | 'to', prefix = ''): string {
  const counts = new Map<string, number>();
  for (const r of batch.relationships)
    if (r.type === type && r[end].key.startsWith(prefix)) counts.set(r[end].key, (counts.get(r[end].key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** The most expensive public queries the limits allow: deep link nesting at first 500, search pages, networks, /oruk. */
function probes(batch: ReturnType<typeof generate>): Probe[] {
  const topic = densest(batch, 'ABOUT', 'to');
  const borough = densest(batch, 'AVAILABLE_IN', 'to', 'gen-borough-');
  const programme = densest(batch, 'PROGRAMME_COVERS', 'from');
  const partnered = densest(batch, 'PARTNER_IN', 'to');
  const organisation = densest(batch, 'PARTNER_IN', 'from');
  const service = 'id key name description eligibility url email phone referralRoute';
  const gql = (name: string, query: string, variables: Record<string, unknown> = {}): Probe => ({
    name,
    path: '/graphql',
    body: { query, variables },
  });
  return [
    gql(
      'topics(first: 99) × services(first: 500) × __typename',
      '{ topics(first: 99) { edges { node { key services(first: 500) { __typename } } } } }',
    ),
    gql(
      'topics(first: 11) × services(first: 500) × 9 fields',
      `{ topics(first: 11) { edges { node { key services(first: 500) { ${service} } } } } }`,
    ),
    gql(
      `topic ${topic}: services(first: 500) × provider × services(first: 45) × name, description`,
      `{ topic(key: "${topic}") { services(first: 500) { provider { services(first: 45) { name description } } } } }`,
    ),
    gql(
      `area ${borough}: services(first: 500) × 9 fields × topics(first: 80) × name`,
      `{ area(key: "${borough}") { services(first: 500) { ${service} topics(first: 80) { name } } } }`,
    ),
    gql(
      'search(first: 100) × 9 fields',
      `{ search(text: "service", first: 100) { totalCount edges { node { ... on Service { ${service} } } } } }`,
    ),
    ...[1, 2, 3, 4].map((depth) =>
      gql(
        `network around footprint programme ${programme}, depth ${depth}`,
        'query($id: ID!, $d: Int!) { network(around: $id, depth: $d) { nodes { id key type name organisationKind } edges { source target type role } } }',
        { id: nodeId('Programme', programme), d: depth },
      ),
    ),
    gql(
      `network around programme with most partners ${partnered}, depth 4`,
      'query($id: ID!) { network(around: $id, depth: 4) { nodes { id key type name organisationKind } edges { source target type role } } }',
      { id: nodeId('Programme', partnered) },
    ),
    gql(
      `network around organisation in most programmes ${organisation}, depth 4`,
      'query($id: ID!) { network(around: $id, depth: 4) { nodes { id key type name organisationKind } edges { source target type role } } }',
      { id: nodeId('Organisation', organisation) },
    ),
    { name: '/oruk/services?per_page=50', path: '/oruk/services?per_page=50' },
    { name: '/oruk/services?per_page=100', path: '/oruk/services?per_page=100' },
    { name: '/oruk/service_at_locations?per_page=100', path: '/oruk/service_at_locations?per_page=100' },
    { name: `/networks/<${programme}>.csv?depth=4`, path: `/networks/${nodeId('Programme', programme)}.csv?depth=4` },
    { name: `/networks/<${programme}>.gexf?depth=4`, path: `/networks/${nodeId('Programme', programme)}.gexf?depth=4` },
  ];
}

async function ask(url: string, probe: Probe) {
  const started = performance.now();
  const response = await fetch(`${url}${probe.path}`, {
    method: probe.body ? 'POST' : 'GET',
    headers: probe.body ? { 'content-type': 'application/json' } : {},
    body: probe.body ? JSON.stringify(probe.body) : undefined,
  });
  const bytes = Buffer.byteLength(await response.text());
  return { status: response.status, bytes, ms: Math.round(performance.now() - started) };
}

async function main(): Promise<void> {
  if (!isScale(GRAPH)) throw new Error(`BENCH_GRAPH=${GRAPH}: use small, medium or england.`);
  const memory = MEMORY[GRAPH]!;
  const home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-largest-'));
  process.env.NEO4J_TX_MEMORY = memory.txMemory;
  const neo4j = await startLocalNeo4j({ home, port: await freePort(), heap: memory.heap, pageCache: memory.pageCache });
  let service: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    const db = connect(
      { uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: 'neo4j' },
      3_600_000,
    );
    const batch = generate(GRAPH as Scale);
    try {
      await migrate(db);
      const report = await importBatch(db, batch, { actor: 'largest-response', sources: [`generated:${GRAPH}`] });
      console.log(
        `Loaded ${GRAPH}: ${batch.nodes.length} nodes, ${batch.relationships.length} relationships in ${Math.round(report.durationMs / 1000)} s.`,
      );
      await db.run('CALL db.awaitIndexes(3600)');
    } finally {
      await db.close();
    }
    const serviceEnv = {
      BENCH_SERVICE_ENV: JSON.stringify({
        NODE_ENV: 'production',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SEED_ON_EMPTY: 'false',
        RATE_LIMIT_PER_MINUTE: '100000000',
        PUBLIC_URL: 'https://hub.example.org',
        NEO4J_URI: neo4j.uri,
        NEO4J_USERNAME: neo4j.username,
        NEO4J_PASSWORD: neo4j.password,
      }),
    };
    service = await startChild('service', 'service.ts', serviceEnv);
    const rows = [];
    for (const probe of probes(batch)) {
      let row: Record<string, unknown>;
      try {
        await ask(service.url, probe); // warm: the first answer also compiles the Cypher
        row = { query: probe.name, ...(await ask(service.url, probe)) };
      } catch (error) {
        // The service went down answering (its heap is npm start's 192 MB): say so, and start another for the rest.
        row = { query: probe.name, status: 'service died', error: String((error as Error).cause ?? error) };
        await service.stop();
        service = await startChild('service', 'service.ts', serviceEnv);
      }
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    console.table(rows);
    console.log(JSON.stringify({ graph: GRAPH, rows }, null, 2));
    if (process.env.BENCH_KEEP === '1') {
      console.log(`Service at ${service.url}; Neo4j at ${neo4j.uri}. Ctrl-C to stop.`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
  } finally {
    await service?.stop();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
}

await main();
