// `npm run seed` as an admin runs it: real files, a real database, the report and the errors it prints.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { toGraphNode } from '../../../server/database/nodes.js';
import { updateNode } from '../../../server/database/write/edits.js';
import { corrupt, seededRandom } from '../../support/corrupt.js';
import { useTestDatabase, testTarget, wipe } from '../../support/database.js';

const run = promisify(execFile);

async function seed(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'seed/cli.ts', '--quiet', ...args], {
      env,
      maxBuffer: 10_000_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run seed', () => {
  const db = useTestDatabase();
  const organisations = async () =>
    (await db().run('MATCH (o:Organisation) RETURN count(o) AS n')).records[0]?.get('n') as number;
  let dir: string;

  beforeAll(async () => {
    await wipe(db());
    dir = await mkdtemp(path.join(tmpdir(), 'seed-cli-'));
  });

  it('in a dry run reports per label what would be created, and writes nothing', async () => {
    const result = await seed('--dry-run', 'seed/reference/ods/etr.csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run: nothing was written/);
    expect(result.stdout).toMatch(/^Organisation\s+\d{3}\s+0\s+0$/m);
    expect(await organisations()).toBe(0);
  });

  it('imports another ODS file type than etr: the CCGs of eccg, and again without changes', async () => {
    const first = await seed('seed/reference/ods/eccg.csv');
    expect(first.code).toBe(0);
    const created = Number(/^Organisation\s+(\d+)/m.exec(first.stdout)?.[1]);
    expect(created).toBeGreaterThan(200);
    expect(await organisations()).toBe(created);
    const barnet = await db().run("MATCH (o:Organisation {odsCode: '07M'}) RETURN o.kind AS kind, o.name AS name");
    expect(barnet.records[0]?.toObject()).toMatchObject({ kind: 'CCG', name: expect.stringMatching(/Barnet/i) });

    const second = await seed('seed/reference/ods/eccg.csv');
    expect(second.stdout).toMatch(new RegExp(`^Organisation\\s+0\\s+0\\s+${created}$`, 'm'));
    expect(await organisations()).toBe(created);
  });

  it("keeps an admin's correction, says so and exits 0; with --prefer-file applies the file's value", async () => {
    const id = nodeId('Organisation', '07M');
    const read = async () =>
      (await db().run('MATCH (o:Organisation {id: $id}) RETURN labels(o) AS labels, properties(o) AS props', { id }))
        .records[0]!;
    const record = await read();
    const node = toGraphNode(record.get('labels'), record.get('props'));
    const fileName = String(node.name);
    await updateNode(db(), node, Number(node.version), { name: 'Barnet CCG (corrected)' }, [], 'test admin');

    const kept = await seed('seed/reference/ods/eccg.csv');
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('1 correction(s) an admin made by hand were kept');
    expect(kept.stdout).toMatch(/--prefer-file/);
    expect(kept.stdout).toMatch(
      /eccg\.csv row \d+: Organisation\/07M name: admin's "Barnet CCG \(corrected\)", file's /,
    );
    expect(kept.stdout).toContain(`file's ${JSON.stringify(fileName)}`);
    expect((await read()).get('props').name).toBe('Barnet CCG (corrected)');

    const preferred = await seed('--prefer-file', 'seed/reference/ods/eccg.csv');
    expect(preferred.code).toBe(0);
    expect(preferred.stdout).toContain("1 correction(s) an admin made by hand were replaced by the files' values");
    expect((await read()).get('props')).toMatchObject({ name: fileName });
    expect((await read()).get('props').__corrected).toBeUndefined();
  });

  it('stops at a malformed row, naming file, row and field, and leaves the database as it was', async () => {
    const before = await organisations();
    const lines = (await readFile('seed/reference/ods/etr.csv', 'utf8')).split('\n').slice(0, 30);
    lines[11] = lines[11]!.replace(/^[^,]*/, 'NOT A CODE');
    const file = path.join(dir, 'etr.csv');
    await writeFile(file, lines.join('\n'));
    const result = await seed(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Nothing was imported/);
    expect(result.stderr).toContain(`${file}, row 12`);
    expect(result.stderr).toMatch(/Fix: /);
    expect(await organisations()).toBe(before);
  });

  it('says what formats it reads when given something else', async () => {
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'hello');
    const result = await seed(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/format of this file is not recognised.*NHS ODS extract/s);
  });
});

describe('an import killed halfway', () => {
  const db = useTestDatabase();
  it('leaves the graph as it was', async () => {
    const count = async () =>
      Number((await db().run('MATCH (o:Organisation) RETURN count(o) AS n')).records[0]?.get('n'));
    const before = await count();
    const target = testTarget();
    const child = spawn(process.execPath, ['--import', 'tsx', 'seed/cli.ts', 'seed/reference/ods/epraccur.csv'], {
      env: {
        ...process.env,
        NEO4J_URI: target.uri,
        NEO4J_USERNAME: target.username,
        NEO4J_PASSWORD: target.password,
        NEO4J_DATABASE: target.database,
        LOG_LEVEL: 'silent',
      },
    });
    // Kill it the moment it reports writing: the transaction holds some rows and has not committed.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('writing nodes')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) =>
        code === 0 ? reject(new Error('the import finished before it could be killed')) : resolve(),
      );
    });
    await new Promise((resolve) => child.on('close', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    expect(await count()).toBe(before);
  });
});

describe('npm run seed given corrupted real files', () => {
  const db = useTestDatabase();
  const everything = async () =>
    Number((await db().run('MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n')).records[0]?.get('n'));
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'seed-fuzz-'));
    await seed('seed/reference/ods/eccg.csv');
  });

  it('exits non-zero naming the file, the place and the fix, without a stack trace, and writes nothing', async () => {
    const random = seededRandom(1_705);
    const etr = await readFile('seed/reference/ods/etr.csv');
    const plan = await readFile('seed/data/barnet-immunisation-action-plan-2017-18.yaml');
    const feed = await readFile('test/fixtures/oruk/examples/service_full.json');
    const cases: { name: string; bytes: Buffer; where: RegExp }[] = [
      {
        name: 'etr.csv',
        bytes: Buffer.concat([etr.subarray(0, 500), Buffer.from('"'), etr.subarray(500)]),
        where: /(row|line) \d+/,
      },
      {
        name: 'etr.csv',
        bytes: corrupt(etr, 'invalid-utf8', random).bytes,
        where: /line \d+, column \d+: the file is not UTF-8/,
      },
      { name: 'plan.yaml', bytes: corrupt(plan, 'invalid-utf8', random).bytes, where: /line \d+, column \d+/ },
      {
        name: 'service.json',
        bytes: feed.subarray(0, Math.floor(feed.length / 2)),
        where: /line \d+, column \d+: the file ends/,
      },
    ];
    const before = await everything();
    expect(before).toBeGreaterThan(200);
    for (const { name, bytes, where } of cases) {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      const result = await seed(file);
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(/^Nothing was imported: 1 problem\(s\) to fix first\./);
      expect(result.stderr, name).toContain(file);
      expect(result.stderr, name).toMatch(where);
      expect(result.stderr, name).toMatch(/Fix: /);
      expect(result.stderr, name).not.toMatch(/\n\s+at /);
      expect(await everything(), name).toBe(before);
    }
  });
});
