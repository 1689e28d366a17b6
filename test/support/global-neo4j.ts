// Vitest global setup: one real, throwaway Neo4j for the whole integration run, on a free port in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../../server/database/database.js';
import { freePort, startLocalNeo4j } from '../../server/database/local-neo4j.js';
import { migrate } from '../../server/database/migrate.js';

export interface TestNeo4j {
  uri: string;
  username: string;
  password: string;
  database: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-test-'));
  // APOC on, as in the benchmark: one suite checks the baseline library's procedures are there.
  const neo4j = await startLocalNeo4j({
    home,
    port: await freePort(),
    heap: '512m',
    pageCache: '64m',
    jit: 'quick',
    apoc: true,
  });
  const target = { uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: 'neo4j' };
  const db = connect(target);
  await migrate(db);
  await db.close();
  project.provide('neo4j', target);
  return async () => {
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  };
}
