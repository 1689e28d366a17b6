// The command lines with `npm start` running on the embedded default and no configuration: they find the service on
// PORT, authenticate with the token it left in DATA_DIR, and their work is visible over GraphQL at once.
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { loadConfig, localAdminTokenFile } from '../../../server/config.js';
import { exportGraph } from '../../../server/database/backup.js';
import { withImportLease } from '../../../server/database/import/lease.js';
import { freePort } from '../../../server/database/local-neo4j.js';
import { createLogger } from '../../../server/logger.js';
import { startService, type RunningService } from '../../../server/service.js';
import { graphql } from '../../support/service.js';

const run = promisify(execFile);
const ECCG = 'seed/reference/ods/eccg.csv';
const BARNET_CCG = nodeId('Organisation', '07M');

describe('the command lines with a service running on the embedded default', () => {
  let service: RunningService;
  let dataDir: string;
  let port: string;
  let token: string;

  /** Runs a command line as an admin would on the same machine: no NEO4J_URI, no ADMIN_TOKEN, the same DATA_DIR. */
  async function cli(
    script: string,
    args: string[],
    env: Record<string, string> = {},
    watch?: (child: ChildProcess) => void,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(NEO4J_|ADMIN_|HUB_URL$)/.test(name)),
    );
    try {
      const running = run(process.execPath, ['--import', 'tsx', script, ...args], {
        env: { ...inherited, PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
        maxBuffer: 10_000_000,
      });
      watch?.(running.child);
      const { stdout, stderr } = await running;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-service-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_HEAP: '384m',
      NEO4J_LOCAL_PAGECACHE: '32m',
      SEED_ON_EMPTY: 'false',
      SHUTDOWN_GRACE_MS: '2000',
    });
    service = await startService(config, createLogger('silent'));
    port = new URL(service.url).port;
    token = (await readFile(localAdminTokenFile(dataDir), 'utf8')).trim();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('leaves a token for this machine in DATA_DIR, readable by its owner only', async () => {
    expect((await stat(localAdminTokenFile(dataDir))).mode & 0o777).toBe(0o600);
    expect(token.length).toBeGreaterThan(40);
    const keys = await graphql(service, '{ apiKeys { id } }', {}, token);
    expect(keys.body.errors).toBeUndefined();
  });

  it('npm run seed sends the file to the service, prints the report, and the change is served at once', async () => {
    const seeded = await cli('seed/cli.ts', ['--quiet', ECCG]);
    expect(seeded.stderr).toContain(
      `Sent to the running service at http://localhost:${port} (authenticated by the local token file).`,
    );
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/^Imported in \d+\.\d s:/);
    expect(Number(/^Organisation\s+(\d+)/m.exec(seeded.stdout)?.[1])).toBeGreaterThan(200);
    expect(seeded.stdout).toMatch(/records per second/);
    const read = await graphql(service, 'query ($id: ID) { organisation(id: $id) { name } }', { id: BARNET_CCG });
    expect(read.body.data.organisation.name).toMatch(/Barnet/i);
    const log = await graphql(service, '{ imports { actor } }', {}, token);
    expect(log.body.data.imports[0].actor).toBe('local token');
  });

  it("keeps an admin's correction when the file is imported again, and reports the conflict as npm run seed does", async () => {
    const read = await graphql(service, 'query ($id: ID) { organisation(id: $id) { name version } }', {
      id: BARNET_CCG,
    });
    const corrected = await graphql(
      service,
      'mutation ($id: ID!, $version: Int!, $set: JSONObject) { updateRecord(id: $id, version: $version, set: $set) { id } }',
      { id: BARNET_CCG, version: read.body.data.organisation.version, set: { name: 'Barnet CCG (corrected)' } },
      token,
    );
    expect(corrected.body.errors).toBeUndefined();
    const again = await cli('seed/cli.ts', ['--quiet', ECCG]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('1 correction(s) an admin made by hand were kept');
    expect(again.stdout).toMatch(
      /eccg\.csv row \d+: Organisation\/07M name: admin's "Barnet CCG \(corrected\)", file's /,
    );
    const after = await graphql(service, 'query ($id: ID) { organisation(id: $id) { name } }', { id: BARNET_CCG });
    expect(after.body.data.organisation.name).toBe('Barnet CCG (corrected)');
  });

  it('waits while another import runs, saying so, then imports', async () => {
    let release: () => void = () => {};
    const held = withImportLease(
      service.db,
      'another admin',
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    let refused: Promise<void> = Promise.resolve();
    const seeding = cli('seed/cli.ts', ['--quiet', ECCG], {}, (child) => {
      refused = new Promise((resolve) => {
        let said = '';
        child.stderr?.on('data', (chunk) => {
          said += chunk;
          if (said.includes('Another import is running')) resolve();
        });
        child.on('exit', () => resolve());
      });
    });
    // Released once the command line has been refused, rather than after a guess at how long it takes to start.
    await refused;
    release();
    await held;
    const seeded = await seeding;
    expect(seeded.stderr).toMatch(
      /Another import is running: started by another admin .* Waiting \d+ s, then sending it again/,
    );
    expect(seeded.code).toBe(0);
  });

  it('npm run keys creates a key that works at once, lists it and revokes it, through the service', async () => {
    const created = await cli('seed/keys-cli.ts', [
      'create',
      '--role',
      'public',
      '--name',
      'Barnet council website',
      '--origin',
      'https://www.barnet.gov.uk',
    ]);
    expect(created.stderr).toContain('Sent to the running service');
    expect(created.code).toBe(0);
    const secret = /Secret, shown only now: (\S+)/.exec(created.stdout)?.[1];
    const id = /\(id ([0-9a-f-]{36})\)/.exec(created.stdout)?.[1];
    expect(secret).toMatch(/^ph_public_/);
    const used = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${secret}`,
        origin: 'https://www.barnet.gov.uk',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(used.status).toBe(200);

    const listed = await cli('seed/keys-cli.ts', ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `${id}\\s+ph_public_\\S*…\\s+public\\s+live\\s+Barnet council website\\s+origins: https://www.barnet.gov.uk`,
      ),
    );

    const bad = await cli('seed/keys-cli.ts', [
      'create',
      '--role',
      'admin',
      '--name',
      'x',
      '--origin',
      'https://a.example',
    ]);
    expect(bad.code).toBe(2);
    const revoked = await cli('seed/keys-cli.ts', ['revoke', id!]);
    expect(revoked.stdout).toContain('Revoked 1 key(s)');
    const twice = await cli('seed/keys-cli.ts', ['revoke', id!]);
    expect(twice.code).toBe(1);
    expect(twice.stdout).toContain(`No live key has id ${id}`);
  });

  it('npm run export writes the online backup, the same bytes as an offline export; restore refuses a full database', async () => {
    const file = path.join(dataDir, 'backup.jsonl');
    const exported = await cli('seed/backup-cli.ts', ['export', file]);
    expect(exported.stderr).toContain('Sent to the running service');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Exported \d+ nodes and \d+ relationships to /);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const offline = path.join(dataDir, 'offline.jsonl');
    await exportGraph(service.db, offline);
    expect(await readFile(file, 'utf8')).toBe(await readFile(offline, 'utf8'));

    const restored = await cli('seed/backup-cli.ts', ['restore', file]);
    expect(restored.code).toBe(1);
    expect(restored.stderr).toMatch(/Nothing was changed: The database already holds \d+ records/);
  });

  it('says how to authenticate when the service refuses, and never falls back to another database', async () => {
    const refused = await cli('seed/cli.ts', ['--quiet', ECCG], {
      ADMIN_KEY: 'ph_admin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(authenticated by ADMIN_KEY)');
    expect(refused.stderr).toMatch(/refused: .*not known or has been revoked/);
    expect(refused.stderr).toMatch(/Fix: set ADMIN_KEY to an admin API key/);

    const nowhere = await cli('seed/keys-cli.ts', ['list'], { HUB_URL: `http://127.0.0.1:${await freePort()}` });
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/HUB_URL=http:\/\/127\.0\.0\.1:\d+ does not answer/);
  });
});
