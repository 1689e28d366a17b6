// The embedded Neo4j killed (kill -9) in the middle of an import: once it is back, the import is all there or not at all.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import type { GraphBatch } from '../../../schema/records.js';
import { readOds } from '../../../seed/readers/ods.js';
import { loadConfig } from '../../../server/config.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { freePort } from '../../../server/database/local-neo4j.js';
import { createLogger } from '../../../server/logger.js';
import { startService, type RunningService } from '../../../server/service.js';

/** England's GP practices: enough rows (about 13,000, seven write statements) to kill Neo4j between two of them. */
const PRACTICES = 'seed/reference/ods/epraccur.csv';

describe('an import when the embedded Neo4j is killed', () => {
  let dir: string;
  let service: RunningService;
  let batch: GraphBatch;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'neo4j-restart-import-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: dir,
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_HEAP: '384m',
      NEO4J_LOCAL_PAGECACHE: '32m',
      NEO4J_LOCAL_RESTARTS: '3',
      SEED_ON_EMPTY: 'false',
      SHUTDOWN_GRACE_MS: '2000',
    });
    service = await startService(config, createLogger(config.logLevel));
    batch = await readOds(PRACTICES);
  });

  afterAll(async () => {
    await service?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const organisations = async () =>
    Number(
      (await service.db.run(`MATCH (o:${Label.Organisation}) RETURN count(o) AS n`, {}, 'READ')).records[0]?.get('n'),
    );

  it('is rolled back whole when killed mid-write, and the next import then succeeds', async () => {
    const local = service.localNeo4j!;
    const practices = batch.nodes.filter((node) => node.label === Label.Organisation).length;
    expect(practices).toBeGreaterThan(10_000);
    expect(await organisations()).toBe(0);

    // Killed the moment the first statement's rows are written: the transaction holds them and has not committed.
    const oldPid = local.pid;
    let killedAt = 0;
    let writtenWhenKilled = 0;
    const outcome = await importBatch(service.db, batch, {
      actor: 'restart test',
      sources: [PRACTICES],
      onProgress: ({ phase, done }) => {
        if (killedAt === 0 && phase === 'nodes' && done > 0) {
          writtenWhenKilled = done;
          killedAt = Date.now();
          process.kill(oldPid, 'SIGKILL');
        }
      },
    }).then(
      () => 'committed' as const,
      (error: unknown) => error,
    );
    expect(killedAt, 'Neo4j was killed during the write').toBeGreaterThan(0);
    expect(writtenWhenKilled).toBeLessThan(practices);
    // The import fails (the connection dropped mid-transaction); it is not reported as committed.
    expect(outcome).not.toBe('committed');

    let readyAt = 0;
    while (Date.now() - killedAt < 120_000) {
      const ready = await fetch(`${service.url}/health/ready`);
      if (ready.status === 200) {
        readyAt = Date.now();
        break;
      }
      await sleep(250);
    }
    expect(readyAt, 'ready again within two minutes').toBeGreaterThan(0);
    expect(local.pid).not.toBe(oldPid);
    console.info(`kill -9 mid-import → /health/ready 200: ${readyAt - killedAt} ms`);

    // Recovered from the transaction log: none of the uncommitted rows, not the first statement's either.
    const afterRecovery = await organisations();
    expect([0, practices], 'all or nothing, never half').toContain(afterRecovery);
    expect(afterRecovery).toBe(0);

    // The next import of the same file commits every row.
    const report = await importBatch(service.db, batch, { actor: 'restart test', sources: [PRACTICES] });
    expect(report.nodes.Organisation?.created).toBe(practices);
    expect(await organisations()).toBe(practices);
  }, 240_000);
});
