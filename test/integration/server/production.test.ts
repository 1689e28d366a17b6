// The compiled build, run as `npm start` runs it: plain node over dist/, no TypeScript loader, serving health and GraphQL.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitForExit } from '../../../server/database/local-neo4j.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const COMPILE = path.join(ROOT, 'server', 'compile.mjs');
const START_SCRIPT = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start;

/** For the communities query, which needs an analyst or admin. */
const ADMIN_TOKEN = 'compiled-build-admin-token-0123456789';

describe('the compiled server', () => {
  let child: ChildProcess;
  let url: string;
  let startMs: number;

  beforeAll(async () => {
    const compiled = spawnSync(process.execPath, [COMPILE], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    expect(compiled.status, `${compiled.stdout}\n${compiled.stderr}`).toBe(0);

    // Exactly what `npm start` runs, less npm itself.
    const [command, ...args] = START_SCRIPT.split(' ');
    expect(command).toBe('node');
    const neo4j = inject('neo4j');
    const started = Date.now();
    child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        NEO4J_URI: neo4j.uri,
        NEO4J_USERNAME: neo4j.username,
        NEO4J_PASSWORD: neo4j.password,
        NEO4J_DATABASE: neo4j.database,
        SEED_ON_EMPTY: 'false',
        ADMIN_TOKEN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${output.join('')}`)), 60_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output.push(line);
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Partnership Hub is ready') {
          clearTimeout(timer);
          resolve(entry.url!.replace(/\/graphql$/, ''));
        }
      });
      child.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${output.join('')}`)));
    });
    startMs = Date.now() - started;
    console.info(`compiled build: spawn → ready in ${startMs} ms`);
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 15_000))) child.kill('SIGKILL');
    }
  });

  it('runs dist/ with plain node: no tsx loader, no TypeScript', () => {
    const commandLine = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine).toContain('dist/server/main.js');
    expect(commandLine.join(' ')).not.toMatch(/tsx|\.ts\b/);
  });

  it('is ready and answers a GraphQL query', async () => {
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, neo4j: 'up', migrations: 'applied' });
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ about { name version } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { about: { name: string; version: string } } };
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(body.data.about).toEqual({ name: 'Partnership Hub', version });
  });

  it('finds communities in its compiled worker thread (dist/server/analytics/network-worker.js), without tsx', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      // An area with no programmes: whatever earlier suites left in the database, an empty network, still partitioned
      // in the worker thread.
      body: JSON.stringify({ query: '{ communities(area: "no-such-area") { count organisations seed } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data).toEqual({ communities: { count: 0, organisations: 0, seed: 1 } });
  });

  it('serves the files it reads at run time (widgets, the Open Referral UK description) from beside the build', async () => {
    const openapi = await fetch(`${url}/oruk/openapi.json`);
    expect(openapi.status).toBe(200);
    const widget = await fetch(`${url}/widgets/1/ph-widgets.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await waitForExit(child, 15_000)).toBe(true);
    expect(child.exitCode).toBe(0);
  });

  it('says the build is current once stamped, and stale (with the file) when a source is newer', () => {
    const check = () => spawnSync(process.execPath, [COMPILE, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(spawnSync(process.execPath, [COMPILE, '--stamp'], { cwd: ROOT }).status).toBe(0);
    expect(check().status).toBe(0);
    // Dating the stamp back stands in for editing a source, without touching anyone's files.
    utimesSync(path.join(ROOT, 'dist', '.build-stamp'), new Date(0), new Date(0));
    const stale = check();
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/^Building first: \S+ changed since the last build\.$/m);
  });
});
