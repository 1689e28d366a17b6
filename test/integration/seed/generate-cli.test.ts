// `npm run generate -- --load` as a benchmarker runs it: a real database, the rate it reports, bulk loading's refusal.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTarget, useTestDatabase, wipe } from '../../support/database.js';

const run = promisify(execFile);

async function generate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const target = testTarget();
  const env = {
    ...process.env,
    NEO4J_URI: target.uri,
    NEO4J_USERNAME: target.username,
    NEO4J_PASSWORD: target.password,
    NEO4J_DATABASE: target.database,
    LOG_LEVEL: 'silent',
  };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'seed/generate/cli.ts', '--scale', 'small', '--quiet', ...args],
      { env, maxBuffer: 10_000_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run generate -- --load', () => {
  const db = useTestDatabase();
  const nodes = async () =>
    Number(
      (await db().run('MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Change RETURN count(n) AS n')).records[0]?.get(
        'n',
      ),
    );
  beforeAll(async () => wipe(db()));

  it('bulk-loads into an empty database and says how many transactions it took and how fast it went', async () => {
    const result = await generate('--load', '--bulk');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported in \d+ transactions \(a bulk load\): created 2562 nodes and 9827 links/);
    expect(result.stdout).toMatch(/\d+ records per second/);
    expect(await nodes()).toBe(2562);
  });

  it('refuses to bulk-load over the records it loaded before, and changes nothing', async () => {
    const result = await generate('--load', '--bulk');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Nothing was imported: A bulk load only writes into a database that holds none of its records, but 2562 of them exist already/,
    );
    expect(await nodes()).toBe(2562);
  });

  it('imports the same graph again in one transaction without changing anything', async () => {
    const result = await generate('--load');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Imported in one transaction: created 0 nodes and 0 links, updated 0, left 12389 unchanged/,
    );
    expect(await nodes()).toBe(2562);
  });
});
