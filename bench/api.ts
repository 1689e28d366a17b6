// `npm run bench`: the GraphQL API on the seed graph (or BENCH_GRAPH=small|medium|england, generated and loaded
// by a bulk load), driven on loopback with autocannon next to @neo4j/graphql on the same Neo4j; prints a table, issue
// 19's targets each with PASS or MISS (bench/targets.ts), and JSON, written to bench/results/<graph>-<connections>c.json
// (…-partial.json for a run of BENCH_ONLY or shorter than 10 s).
// It starts its own throwaway Neo4j and services, so it never touches the data under .data/. The graph is loaded here,
// before the services start, and each service runs in a process of its own, so its memory is its own.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../seed/generate/england.js';
import { isScale, SCALES, type Scale } from '../seed/generate/scales.js';
import { importBatch } from '../server/database/import/importer.js';
import { seedIfEmpty } from '../server/seed-if-empty.js';
import { createLogger } from '../server/logger.js';
import { connect, type Database } from '../server/database/database.js';
import { freePort, startLocalNeo4j, type RunningNeo4j } from '../server/database/local-neo4j.js';
import { migrate } from '../server/database/migrate.js';
import { assertSameAnswers } from './equivalence.js';
import { drive, send, type LoadResult } from './load.js';
import {
  buildService,
  cpuMsOf,
  jitCpuMsOf,
  mb,
  memoryOf,
  type RunningChild,
  sampleRss,
  startChild,
  startCompiledService,
} from './processes.js';
import {
  baselineScenarios,
  COMPARED,
  generatedSubjects,
  ourScenarios,
  SEED_SUBJECTS,
  type Scenario,
  type Side,
  type Subjects,
} from './scenarios.js';
import { judgeTargets, readOtherRuns, resultFile } from './targets.js';

/** seed (the default), or a generated scale: small, medium or england (`npm run generate`). */
const GRAPH = process.env.BENCH_GRAPH ?? 'seed';
/** The embedded Neo4j's memory: enough for each graph's load and for the scenarios. */
const NEO4J_MEMORY: Record<string, { heap: string; pageCache: string; txMemory: string }> = {
  seed: { heap: '512m', pageCache: '128m', txMemory: '256m' },
  small: { heap: '1g', pageCache: '256m', txMemory: '512m' },
  medium: { heap: '3g', pageCache: '512m', txMemory: '2g' },
  // A bulk load commits every 10,000 rows, so England no longer needs a heap for one transaction of 1.3 million records.
  england: { heap: '4g', pageCache: '2g', txMemory: '2g' },
};
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
/** Seconds of unmeasured load on every scenario before any is measured, so that compilers and caches are warm for all. */
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
/** Connection counts, one or several (`8,32`): each is measured in turn on the same services, the graph loaded once. */
const CONNECTION_COUNTS = (process.env.BENCH_CONNECTIONS ?? '8').split(',').map((c) => Number(c.trim()));
/** Only the scenarios whose name contains this (case ignored), on both sides. */
const ONLY = process.env.BENCH_ONLY?.toLowerCase();
/** Leaves out the scenarios whose name contains this (case ignored): one a graph cannot answer, for instance. */
const SKIP = process.env.BENCH_SKIP?.toLowerCase();
/** Some scenarios are analysts' analytics, which need a key. */
const BENCH_TOKEN = `bench-${Math.random().toString(36).slice(2)}-${Date.now()}-token`;
const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const SIDE_NAMES: Record<Side, string> = { ours: 'Partnership Hub', baseline: '@neo4j/graphql 7' };

interface Row extends LoadResult {
  scenario: string;
  service: string;
  roundTrips: number;
  /** Largest resident memory of the measured service sampled during the scenario. */
  serviceRssMB: number | undefined;
  neo4jRssMB: number | undefined;
  /** CPU milliseconds per request spent by the service's process and by Neo4j's, during the scenario. */
  serviceCpuMsPerRequest: number | undefined;
  neo4jCpuMsPerRequest: number | undefined;
  /** Of Neo4j's, what its JIT compiler threads spent per request: compilation still going on while measured. */
  neo4jJitCpuMsPerRequest: number | undefined;
}

/** Loads the graph through a database handle of this process, so the generated batch never enters a service's memory. */
async function loadGraph(
  db: Database,
  neo4jPid: number,
): Promise<{
  subjects: Subjects;
  load?: {
    records: number;
    seconds: number;
    recordsPerSecond: number;
    bulk: boolean;
    /** Processor time the load took, this process's and Neo4j's: steadier than its rate on a shared machine. */
    loaderCpuSeconds?: number;
    neo4jCpuSeconds?: number;
    loaderPeakMB?: number;
  };
}> {
  await migrate(db);
  if (GRAPH === 'seed') {
    await seedIfEmpty(db, createLogger('silent'));
    return { subjects: SEED_SUBJECTS };
  }
  // The batch stays local to this function, so it can be collected once the import is done.
  const batch = generate(GRAPH as Scale);
  const cpuBefore = { loader: cpuMsOf(process.pid), neo4j: cpuMsOf(neo4jPid) };
  const subjects = generatedSubjects(batch);
  // A first load into an empty database, as `npm run generate -- --load --bulk` does (issue 19's target is its rate).
  const report = await importBatch(db, batch, { actor: 'npm run bench', sources: [`generated:${GRAPH}`], bulk: true });
  console.log(`Load phases (ms): ${JSON.stringify(report.timings)}, ${report.transactions} transactions.`);
  const records = batch.nodes.length + batch.relationships.length;
  const load = {
    records,
    seconds: Math.round(report.durationMs / 100) / 10,
    recordsPerSecond: Math.round(records / (report.durationMs / 1000)),
    bulk: true,
    loaderCpuSeconds: cpuSecondsSince(cpuBefore.loader, cpuMsOf(process.pid)),
    neo4jCpuSeconds: cpuSecondsSince(cpuBefore.neo4j, cpuMsOf(neo4jPid)),
    // This process's peak, the generated batch included: the loader's memory, not a service's.
    loaderPeakMB: mb(memoryOf(process.pid)?.peak),
  };
  console.log(
    `Loaded the ${GRAPH} graph by a bulk load: ${records} records in ${load.seconds} s, ${load.recordsPerSecond} records/s (validation and checks included; CPU: loader ${load.loaderCpuSeconds} s, Neo4j ${load.neo4jCpuSeconds} s).`,
  );
  return { subjects, load };
}

const cpuSecondsSince = (before: number | undefined, after: number | undefined) =>
  before === undefined || after === undefined ? undefined : Math.round((after - before) / 100) / 10;

interface Step {
  scenario: Scenario;
  child: RunningChild;
}

/**
 * Sends a scenario's preparing requests and checks its answer; then loads it, unmeasured, for the warm-up. Every step
 * is warmed before any is measured, so neither side is measured while Neo4j's and V8's compilers are still at work.
 */
async function warm({ scenario, child }: Step, connections: number): Promise<void> {
  for (const request of scenario.prepare ?? []) await send(child.url, request);
  const probe = await send(child.url, scenario.request);
  if (probe.status !== 200 || probe.body.errors)
    throw new Error(
      `${scenario.name} (${child.name}): HTTP ${probe.status} ${JSON.stringify(probe.body.errors ?? probe.body)}`,
    );
  if (WARMUP_S > 0) await drive(child.url, scenario.request, connections, WARMUP_S);
}

/** Rounds of warm-up at most, beyond the first, while Neo4j's JIT compilers are still busy. */
const SETTLE_ROUNDS = Number(process.env.BENCH_SETTLE_ROUNDS ?? 3);
/** Compilation below this share of Neo4j's CPU in a round of warm-up counts as settled. */
const SETTLED_JIT_SHARE = 0.1;

/**
 * Warms every step again, round after round, until Neo4j's JIT compilers spend under a tenth of its CPU in a round (at
 * most SETTLE_ROUNDS more). A Neo4j started minutes ago is still compiling the Cypher runtime's hot paths: on seed,
 * a search's Neo4j CPU fell from 9.4 to 2.7 ms over its first 7,500 statements, and on England the first scenario
 * measured cost 6.75 ms at 8 connections and 3.03 at 32 half an hour later; a service's Neo4j runs for days. On two
 * shared cores compilation may never fall that low within the rounds: each row's JIT figure says what was left.
 */
async function settleCompilers(steps: Step[], neo4j: RunningNeo4j, connections: number): Promise<void> {
  for (let round = 1; round <= SETTLE_ROUNDS; round += 1) {
    const before = { all: cpuMsOf(neo4j.pid), jit: jitCpuMsOf(neo4j.pid) };
    for (const step of steps) await warm(step, connections);
    const all = (cpuMsOf(neo4j.pid) ?? 0) - (before.all ?? 0);
    const jit = (jitCpuMsOf(neo4j.pid) ?? 0) - (before.jit ?? 0);
    const share = all > 0 ? jit / all : 0;
    console.log(
      `Warm-up round ${round + 1}: Neo4j's JIT compilers spent ${Math.round(jit)} of its ${Math.round(all)} CPU ms (${(share * 100).toFixed(1)}%).`,
    );
    if (share < SETTLED_JIT_SHARE) return;
  }
  console.log(
    `Neo4j's JIT compilers were still busy after ${SETTLE_ROUNDS + 1} rounds of warm-up: see each row's JIT CPU.`,
  );
}

/** Measures one scenario while sampling the service's and Neo4j's memory. */
async function measure({ scenario, child }: Step, neo4j: RunningNeo4j, connections: number): Promise<Row> {
  // Round trips of the steady state: a cached answer's are those of a hit, not of a miss. The warm-up may be more
  // than the cache's 60 s ago, so the first probe may refill it; the second is answered as the scenario will be.
  await send(child.url, scenario.request);
  const roundTrips = await roundTripsOf({ scenario, child });
  const sampler = sampleRss({ service: child.pid, neo4j: neo4j.pid });
  const cpuBefore = { service: cpuMsOf(child.pid), neo4j: cpuMsOf(neo4j.pid), jit: jitCpuMsOf(neo4j.pid) };
  const result = await drive(child.url, scenario.request, connections, DURATION_S);
  const perRequest = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined || result.requests === 0
      ? undefined
      : Math.round(((after - before) / result.requests) * 100) / 100;
  const cpu = {
    service: perRequest(cpuBefore.service, cpuMsOf(child.pid)),
    neo4j: perRequest(cpuBefore.neo4j, cpuMsOf(neo4j.pid)),
    jit: perRequest(cpuBefore.jit, jitCpuMsOf(neo4j.pid)),
  };
  const rss = sampler.stop();
  return {
    scenario: scenario.name,
    service: SIDE_NAMES[scenario.side],
    ...result,
    roundTrips,
    serviceRssMB: mb(rss.service),
    neo4jRssMB: mb(rss.neo4j),
    serviceCpuMsPerRequest: cpu.service,
    neo4jCpuMsPerRequest: cpu.neo4j,
    neo4jJitCpuMsPerRequest: cpu.jit,
  };
}

/**
 * The database round trips of one request. Ours runs in production, which sends no `x-db-round-trips` header, so its
 * count is read from its metrics before and after the request (nothing else asks it anything meanwhile, and /metrics
 * reads no database with the bootstrap token); the baseline's from the header its plugin sets.
 */
async function roundTripsOf({ scenario, child }: Step): Promise<number> {
  if (scenario.side !== 'ours')
    return Number((await send(child.url, scenario.request)).headers.get('x-db-round-trips') ?? NaN);
  const before = await quietRoundTrips(child.url);
  await send(child.url, scenario.request);
  return (await roundTripsSoFar(child.url)) - before;
}

/**
 * The count once the service has stopped sending statements: requests of the scenario before (a CSV export takes
 * seconds) may still be running after their clients have gone, and counted 32 round trips for one search on England.
 * Waits at most 30 s, then counts anyway. Ours is measured after it, so its CPU is not theirs either.
 */
async function quietRoundTrips(url: string): Promise<number> {
  let count = await roundTripsSoFar(url);
  // A second unchanged: one statement of a slow request may take a good part of one.
  for (let waited = 0; waited < 30_000; waited += 1_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await roundTripsSoFar(url);
    if (next === count) return count;
    count = next;
  }
  return count;
}

/** hub_db_round_trips_total over all its labels, from the service's /metrics. */
async function roundTripsSoFar(url: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  if (response.status !== 200) throw new Error(`${url}/metrics answered ${response.status}: ${await response.text()}`);
  return (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('hub_db_round_trips_total'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Ours ÷ baseline for throughput and baseline ÷ ours for p95: above 1 means ours is ahead. */
function ratios(rows: Row[]) {
  return COMPARED.flatMap((name) => {
    const ours = rows.find((r) => r.scenario === name && r.service === SIDE_NAMES.ours);
    const baseline = rows.find((r) => r.scenario === name && r.service === SIDE_NAMES.baseline);
    if (!ours || !baseline) return [];
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    return [
      {
        scenario: name,
        oursRequestsPerSecond: ours.requestsPerSecond,
        baselineRequestsPerSecond: baseline.requestsPerSecond,
        throughputRatio: ratio(ours.requestsPerSecond, baseline.requestsPerSecond),
        oursP95ms: ours.p95ms,
        baselineP95ms: baseline.p95ms,
        p95Ratio: ratio(baseline.p95ms, ours.p95ms),
        target: 'throughput ratio at least 1.5',
      },
    ];
  });
}

async function main(): Promise<void> {
  if (GRAPH !== 'seed' && !isScale(GRAPH))
    throw new Error(`BENCH_GRAPH=${GRAPH}: use seed, ${Object.keys(SCALES).join(', ')}.`);
  if (CONNECTION_COUNTS.some((c) => !Number.isInteger(c) || c < 1))
    throw new Error(`BENCH_CONNECTIONS=${process.env.BENCH_CONNECTIONS}: give one or more counts, such as 8 or 8,32.`);
  const memory = NEO4J_MEMORY[GRAPH]!;
  // Before anything is loaded: a service that does not compile fails the run at once.
  buildService();
  // The machine is shared: its load when the run began and ended says how noisy the figures may be.
  const loadAtStart = os.loadavg();
  const home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-bench-'));
  process.env.NEO4J_TX_MEMORY = memory.txMemory; // read by the embedded Neo4j's launcher
  // APOC for the @neo4j/graphql baseline, which calls it; the service itself starts without it.
  const neo4j = await startLocalNeo4j({
    home,
    port: await freePort(),
    heap: memory.heap,
    pageCache: memory.pageCache,
    apoc: true,
  });
  const target = { uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: 'neo4j' };
  const children: RunningChild[] = [];
  try {
    // A long transaction timeout: the england import and the index population take minutes.
    const db = connect(target, 3_600_000);
    let loaded: Awaited<ReturnType<typeof loadGraph>>;
    try {
      loaded = await loadGraph(db, neo4j.pid);
      // Both services then search a complete full-text index.
      await db.run('CALL db.awaitIndexes(3600)');
    } finally {
      await db.close();
    }
    const { subjects, load } = loaded;

    const selected = (s: Scenario) =>
      (!ONLY || s.name.toLowerCase().includes(ONLY)) && (!SKIP || !s.name.toLowerCase().includes(SKIP));
    const mine = ourScenarios(subjects, BENCH_TOKEN).filter(selected);
    const theirs = baselineScenarios(subjects).filter(selected);
    if (mine.length === 0) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} matches no scenario.`);

    // As production runs it (compiled, NODE_ENV=production, on loopback, which production mode allows without
    // PUBLIC_URL), with two settings of its own, each saying why.
    const ours = await startCompiledService(SIDE_NAMES.ours, await freePort(), {
      NODE_ENV: 'production',
      // Errors only: the analysts' scenarios use the bootstrap ADMIN_TOKEN, whose every use is logged as a warning
      // (a deployment issues keys instead), and at info every request is logged; either would measure the logging.
      LOG_LEVEL: 'error',
      SEED_ON_EMPTY: 'false',
      // The load generator is one client address; the per-address rate limit would measure itself, not the API.
      RATE_LIMIT_PER_MINUTE: '100000000',
      ADMIN_TOKEN: BENCH_TOKEN,
      NEO4J_URI: neo4j.uri,
      NEO4J_USERNAME: neo4j.username,
      NEO4J_PASSWORD: neo4j.password,
    });
    children.push(ours);
    const baseline =
      theirs.length === 0
        ? undefined
        : await startChild(SIDE_NAMES.baseline, 'baseline/server.ts', {
            BENCH_NEO4J: JSON.stringify({ uri: neo4j.uri, username: neo4j.username, password: neo4j.password }),
          });
    if (baseline) children.push(baseline);

    const pairs = theirs.map((b) => ({ ours: mine.find((o) => o.name === b.name)!, baseline: b }));
    const equivalence = baseline ? await assertSameAnswers(pairs, { ours: ours.url, baseline: baseline.url }) : {};
    for (const [name, what] of Object.entries(equivalence))
      console.log(`Same answers from both services for ${name}: ${what}.`);

    // Each baseline scenario right after ours of the same name, so that the two meet the machine in the same state.
    const steps: Step[] = mine.flatMap((o) => [
      { scenario: o, child: ours },
      ...pairs.filter((p) => p.ours === o).map((p) => ({ scenario: p.baseline, child: baseline! })),
    ]);
    for (const [i, connections] of CONNECTION_COUNTS.entries()) {
      for (const step of steps) await warm(step, connections);
      if (i === 0) await settleCompilers(steps, neo4j, connections);
      const rows: Row[] = [];
      for (const step of steps) rows.push(await measure(step, neo4j, connections));
      const peak = (pid: number | undefined) => (pid === undefined ? undefined : mb(memoryOf(pid)?.peak));
      const peaks = { ours: peak(ours.pid), baseline: peak(baseline?.pid), neo4j: peak(neo4j.pid) };

      const comparison = ratios(rows);
      console.log(
        `\n${GRAPH === 'seed' ? 'Seed' : `Generated ${GRAPH}`} graph, ${connections} connections, ${DURATION_S} s each, after ${WARMUP_S} s of warm-up each; ` +
          `services, Neo4j and load generator on one machine (${os.cpus().length} cores).`,
      );
      console.log(
        "Latencies in milliseconds, percentiles of every response. Memory: resident set (RSS) of the service's own process, " +
          "largest sample during the scenario; Neo4j's for information. CPU ms/req: processor time each process spent per request " +
          '(less sensitive to a shared machine than latency).\n',
      );
      console.table(
        rows.map((r) => ({
          scenario: r.scenario,
          service: r.service,
          'p50 ms': r.p50ms,
          'p95 ms': r.p95ms,
          'p99 ms': r.p99ms,
          'req/s': r.requestsPerSecond,
          errors: r.errors,
          'non-2xx': r.non2xx,
          answers: r.answers,
          refused: r.refusals,
          'answered p50/p95 ms': `${r.answeredP50ms} / ${r.answeredP95ms}`,
          'round trips': r.roundTrips,
          'service MB': r.serviceRssMB,
          'Neo4j MB': r.neo4jRssMB,
          'service CPU ms/req': r.serviceCpuMsPerRequest,
          'Neo4j CPU ms/req': r.neo4jCpuMsPerRequest,
          'of it JIT ms/req': r.neo4jJitCpuMsPerRequest,
        })),
      );
      console.log(
        `Peak RSS over each process's life (VmHWM): ${SIDE_NAMES.ours} ${peaks.ours} MB` +
          `${baseline ? `, ${SIDE_NAMES.baseline} ${peaks.baseline} MB` : ''}, Neo4j ${peaks.neo4j} MB (the graph's load included).`,
      );
      if (comparison.length > 0) {
        console.log(
          '\nOurs against @neo4j/graphql on the same questions (throughput: ours ÷ baseline; p95: baseline ÷ ours; above 1 is ours ahead):',
        );
        console.table(
          comparison.map((c) => ({ scenario: c.scenario, 'throughput ×': c.throughputRatio, 'p95 ×': c.p95Ratio })),
        );
      }
      const partial = ONLY !== undefined || SKIP !== undefined || DURATION_S < 10;
      const targets = judgeTargets(
        {
          graph: GRAPH,
          connections: connections,
          rows,
          comparison,
          load,
          servicePeakMB: peaks.ours,
        },
        readOtherRuns(RESULTS_DIR, GRAPH, connections),
      );
      console.log(
        `\nIssue 19's targets on this run (${GRAPH}, ${connections} connections${partial ? ', partial run' : ''}):`,
      );
      console.table(
        targets.map((t) => ({ target: t.target, figure: t.figure ?? '—', verdict: t.verdict, note: t.note ?? '' })),
      );
      const report = {
        graph: GRAPH,
        load,
        connections: connections,
        durationSeconds: DURATION_S,
        warmupSeconds: WARMUP_S,
        cores: os.cpus().length,
        only: process.env.BENCH_ONLY,
        equivalence,
        results: rows,
        peakRssMB: peaks,
        comparison,
        targets,
        loadAverage: Object.fromEntries(
          [
            ['start', loadAtStart],
            ['end', os.loadavg()],
          ].map(([when, l]) => [when, (l as number[]).map((x) => Math.round(x * 100) / 100)]),
        ),
      };
      const json = JSON.stringify(report, null, 2);
      console.log(json);
      await mkdir(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, resultFile(GRAPH, connections, partial));
      await writeFile(file, `${json}\n`);
      console.log(`\nWritten to ${path.relative(process.cwd(), file)}.`);
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
