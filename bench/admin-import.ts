// Import throughput of the ODS GP practice file: through the running service (POST /admin/api/imports) against the
// direct importer npm run seed uses with no service, each into an empty graph, with this process's and Neo4j's CPU.
// Run: node --import tsx bench/admin-import.ts [runs, 3 by default]
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATION_LABEL } from '../schema/migrations.js';
import { loadConfig } from '../server/config.js';
import { connect, type Database } from '../server/database/database.js';
import { importBatch } from '../server/database/import/importer.js';
import { freePort, startLocalNeo4j } from '../server/database/local-neo4j.js';
import { migrate } from '../server/database/migrate.js';
import { createLogger } from '../server/logger.js';
import { startService } from '../server/service.js';
import { readSources } from '../seed/sources.js';

const FILE = 'seed/reference/ods/epraccur.csv';
const TOKEN = 'bench-admin-token-0123456789abcdef';
const runs = Number(process.argv[2] ?? 3);

/** CPU seconds a process has used so far, from Linux's /proc (user and system time, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function empty(db: Database): Promise<void> {
  const session = db.driver.session({ database: db.name });
  try {
    await session.run(
      `MATCH (n) WHERE NOT n:${MIGRATION_LABEL} CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
    );
  } finally {
    await session.close();
  }
}

interface Measure {
  records: number;
  seconds: number;
  nodeCpu: number;
  neo4jCpu: number;
}

async function measure(neo4jPid: number, work: () => Promise<number>): Promise<Measure> {
  const [node0, neo0, t0] = [ownCpu(), cpuSeconds(neo4jPid), performance.now()];
  const records = await work();
  return {
    records,
    seconds: (performance.now() - t0) / 1000,
    nodeCpu: ownCpu() - node0,
    neo4jCpu: cpuSeconds(neo4jPid) - neo0,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function summary(name: string, measures: Measure[]): string {
  const rate = median(measures.map((m) => m.records / m.seconds));
  const seconds = median(measures.map((m) => m.seconds));
  const nodeCpu = median(measures.map((m) => m.nodeCpu));
  const neo4jCpu = median(measures.map((m) => m.neo4jCpu));
  return `${name.padEnd(22)} ${String(measures[0]!.records).padStart(7)} records  ${seconds.toFixed(2).padStart(6)} s  ${String(Math.round(rate)).padStart(6)} records/s  CPU: Node ${nodeCpu.toFixed(2)} s, Neo4j ${neo4jCpu.toFixed(2)} s`;
}

async function main(): Promise<void> {
  const home = await mkdtemp(path.join(tmpdir(), 'hub-bench-admin-import-'));
  const neo4j = await startLocalNeo4j({ home, port: await freePort(), heap: '512m', pageCache: '128m' });
  const target = { uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: 'neo4j' };
  const db = connect(target, 600_000);
  const log = createLogger('silent');
  try {
    await migrate(db);
    const service = await startService(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        NEO4J_URI: target.uri,
        NEO4J_USERNAME: target.username,
        NEO4J_PASSWORD: target.password,
        SEED_ON_EMPTY: 'false',
        ADMIN_TOKEN: TOKEN,
      }),
      log,
    );
    const direct: Measure[] = [];
    const online: Measure[] = [];
    try {
      for (let run = 1; run <= runs; run += 1) {
        await empty(db);
        // As npm run seed works with no service: read the file, then import it in one transaction.
        direct.push(
          await measure(neo4j.pid, async () => {
            const batch = await readSources([FILE]);
            const report = await importBatch(db, batch, { actor: 'bench', sources: [FILE] });
            return batch.nodes.length + batch.relationships.length - report.skippedLinks.length;
          }),
        );
        await empty(db);
        // As npm run seed works with a service: upload the file, the service reads and imports it and answers.
        online.push(
          await measure(neo4j.pid, async () => {
            const form = new FormData();
            form.append('file', new Blob([(await readFile(FILE)) as BlobPart]), FILE);
            const response = await fetch(`${service.url}/admin/api/imports`, {
              method: 'POST',
              headers: { authorization: `Bearer ${TOKEN}` },
              body: form,
            });
            if (!response.ok) throw new Error(`the service answered ${response.status}: ${await response.text()}`);
            const report = (await response.json()) as {
              nodes: Record<string, { created: number }>;
              relationships: Record<string, { created: number }>;
            };
            return [...Object.values(report.nodes), ...Object.values(report.relationships)].reduce(
              (sum, c) => sum + c.created,
              0,
            );
          }),
        );
        console.error(`run ${run} of ${runs} done`);
      }
    } finally {
      await service.stop();
    }
    console.log(`Import of ${FILE} into an empty graph, median of ${runs} runs (the service in this process):`);
    console.log(summary('direct importer', direct));
    console.log(summary('through the service', online));
  } finally {
    await db.close();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
}

await main();
