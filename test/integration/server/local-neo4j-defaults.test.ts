// The service's own start of the embedded Neo4j: DATA_DIR its owner's only, no APOC, and no secrets in the JVM.
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { freePort } from '../../../server/database/local-neo4j.js';
import { openDatabase, type OpenDatabase } from '../../../server/database/open.js';

describe('the embedded Neo4j as the service starts it', () => {
  let dir: string;
  let open: OpenDatabase;
  const saved = { ADMIN_TOKEN: process.env.ADMIN_TOKEN, REDIS_URL: process.env.REDIS_URL };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'local-defaults-'));
    process.env.ADMIN_TOKEN = 'bootstrap-admin-secret';
    process.env.REDIS_URL = 'redis://user:cache-secret@127.0.0.1:6379';
    open = await openDatabase(
      {
        neo4j: undefined,
        neo4jDatabase: 'neo4j',
        dataDir: path.join(dir, 'data'),
        local: { port: await freePort(), heap: '384m', pageCache: '32m' },
        queryTimeoutMs: 30_000,
      },
      createLogger('silent'),
    );
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await open?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its store in a DATA_DIR only its owner can enter', async () => {
    expect((await stat(path.join(dir, 'data'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dir, 'data', 'neo4j'))).mode & 0o777).toBe(0o700);
  });

  it('has no APOC procedures or functions', async () => {
    await expect(open.db.run('RETURN apoc.version() AS v')).rejects.toThrow(/Unknown function 'apoc.version'/);
    const procedures = await open.db.run(
      "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc' RETURN count(*) AS n",
    );
    expect(Number(procedures.records[0]?.get('n'))).toBe(0);
  });

  it("gives the JVM none of the service's secrets", async () => {
    const pid = open.localNeo4j?.pid;
    expect(pid).toBeGreaterThan(0);
    const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
    const names = environ.map((entry) => entry.slice(0, entry.indexOf('=')));
    expect(names).not.toContain('ADMIN_TOKEN');
    expect(names).not.toContain('REDIS_URL');
    expect(environ.join('\n')).not.toMatch(/bootstrap-admin-secret|cache-secret/);
    expect(names).toContain('NEO4J_PASSWORD');
  });
});
