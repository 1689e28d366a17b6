// npm run restore with no service running: it works on the database directly, and waits for no one: while an import
// holds the lease (through a service on the same Neo4j, say), it refuses and changes nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withImportLease } from '../../../server/database/import/lease.js';
import { freePort } from '../../../server/database/local-neo4j.js';
import { testTarget, useTestDatabase, wipe } from '../../support/database.js';

const run = promisify(execFile);

describe('npm run restore working directly', () => {
  const db = useTestDatabase();

  it('says it works directly, and refuses while an import holds the lease, writing nothing', async () => {
    await wipe(db());
    const dir = await mkdtemp(path.join(tmpdir(), 'restore-cli-'));
    const file = path.join(dir, 'backup.jsonl');
    await writeFile(file, '{"format":"partnership-hub-export","version":2}\n');
    const target = testTarget();
    let release: () => void = () => {};
    const held = withImportLease(
      db(),
      'an import elsewhere',
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = await run(process.execPath, ['--import', 'tsx', 'seed/backup-cli.ts', 'restore', file], {
      env: {
        ...process.env,
        NEO4J_URI: target.uri,
        NEO4J_USERNAME: target.username,
        NEO4J_PASSWORD: target.password,
        NEO4J_DATABASE: target.database,
        // Nothing listens there: the command must find no service and work directly.
        PORT: String(await freePort()),
        LOG_LEVEL: 'silent',
      },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    release();
    await held;
    expect(result.stderr).toContain('No service running: working on the database directly.');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Nothing was changed: Another import is running: started by an import elsewhere/);
    const nodes = await db().run('MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n');
    expect(Number(nodes.records[0]?.get('n'))).toBe(0);
  });
});
