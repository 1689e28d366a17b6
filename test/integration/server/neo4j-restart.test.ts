// The embedded Neo4j killed as the OOM killer would (kill -9): the service brings it back on the same store, or says it cannot.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { createKey, keyForSecret } from '../../../server/database/api-keys.js';
import { freePort } from '../../../server/database/local-neo4j.js';
import { createLogger } from '../../../server/logger.js';
import { startService, type RunningService } from '../../../server/service.js';

const ABOUT = JSON.stringify({ query: '{ about { name } }' });

async function status(service: RunningService, route: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.url}${route}`);
  return { status: response.status, body: await response.json() };
}

/** Whether the process is gone (kill -9 is asynchronous: the kernel reaps it a moment later). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** Resolves once `port` can be listened on again, i.e. the dead Neo4j's Bolt socket is closed. */
async function squat(port: number): Promise<net.Server> {
  for (;;) {
    const server = net.createServer();
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(true));
    });
    if (ok) return server;
    await sleep(20);
  }
}

describe('the embedded Neo4j supervised', () => {
  let dir: string;
  let port: number;
  let service: RunningService;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'neo4j-restart-'));
    port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: dir,
      NEO4J_LOCAL_PORT: String(port),
      NEO4J_LOCAL_HEAP: '384m',
      NEO4J_LOCAL_PAGECACHE: '32m',
      NEO4J_LOCAL_RESTARTS: '2',
      SEED_ON_EMPTY: 'false',
      SHUTDOWN_GRACE_MS: '2000',
    });
    service = await startService(config, createLogger(config.logLevel));
  });

  afterAll(async () => {
    await service?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('restarts it after kill -9 under load, answering 503 meanwhile, with a committed write kept', async () => {
    const local = service.localNeo4j!;
    expect((await status(service, '/health/ready')).status).toBe(200);
    // Committed just before the kill: Neo4j must recover it from its transaction log.
    const { key, secret } = await createKey(service.db, 'written before the kill', 'analyst', []);

    // Load: a steady stream of GraphQL reads for the whole outage, each answer's status, code and time recorded.
    const answers: { status: number; codes: string[]; ms: number }[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const started = Date.now();
        try {
          const response = await fetch(`${service.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: ABOUT,
          });
          const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
          answers.push({
            status: response.status,
            codes: (body.errors ?? []).map((e) => String(e.extensions?.code)),
            ms: Date.now() - started,
          });
        } catch (error) {
          // A dropped connection is a lost request: recorded, so the assertions below name it.
          answers.push({ status: 0, codes: [String(error)], ms: Date.now() - started });
        }
        await sleep(50);
      }
    })();

    const oldPid = local.pid;
    const killedAt = Date.now();
    process.kill(oldPid, 'SIGKILL');
    while (!gone(oldPid)) await sleep(10);

    // Within a moment the service knows: refused at once with why, and still live.
    let refused: Response | undefined;
    for (let i = 0; i < 50 && refused === undefined; i += 1) {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ABOUT,
      });
      if (response.status === 503) refused = response;
      else await sleep(100);
    }
    expect(refused?.headers.get('retry-after')).toBe('5');
    const refusal = (await refused!.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(refusal.errors[0]?.extensions.code).toBe('DB_UNAVAILABLE');
    expect(refusal.errors[0]?.message).toMatch(/embedded Neo4j was killed \(SIGKILL\) and is being restarted/);
    const page = await fetch(`${service.url}/oruk/services`);
    expect(page.status).toBe(503);
    expect(await page.json()).toMatchObject({ error: 'DB_UNAVAILABLE' });
    const ready = await status(service, '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, neo4j: 'restarting' });
    expect((await status(service, '/health/live')).status).toBe(200);
    // A scrape with a query string is still a scrape, not a request the outage refuses: here, keyless, a 401.
    expect((await status(service, '/metrics?name[]=hub_neo4j_local_state')).status).toBe(401);

    let readyAt = 0;
    while (Date.now() - killedAt < 120_000) {
      if ((await status(service, '/health/ready')).status === 200) {
        readyAt = Date.now();
        break;
      }
      await sleep(250);
    }
    loading = false;
    await load;
    expect(readyAt, 'ready again within two minutes').toBeGreaterThan(0);
    console.info(`kill -9 → /health/ready 200: ${readyAt - killedAt} ms`);

    expect(local.pid).not.toBe(oldPid);
    expect(local.health()).toEqual({ state: 'up', restarts: 1 });
    expect(await keyForSecret(service.db, secret)).toEqual(key);
    const after = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ABOUT,
    });
    expect(((await after.json()) as { data: { about: { name: string } } }).data.about.name).toBe('Partnership Hub');

    // No request failed any other way than "unavailable", and none hung.
    expect(answers.length).toBeGreaterThan(5);
    for (const answer of answers) {
      expect([200, 503]).toContain(answer.status);
      expect(answer.codes.filter((code) => code !== 'DB_UNAVAILABLE')).toEqual([]);
      expect(answer.ms).toBeLessThan(6_000);
    }
    expect(answers.some((answer) => answer.status === 503)).toBe(true);
  }, 180_000);

  it('turns /health/live 503 with the reason when it cannot be brought back', async () => {
    const local = service.localNeo4j!;
    const pid = local.pid;
    process.kill(pid, 'SIGKILL');
    // Something else takes the port the moment it is free: every restart attempt then fails.
    const squatter = await squat(port);
    try {
      let live = await status(service, '/health/live');
      const deadline = Date.now() + 30_000;
      while (live.status === 200 && Date.now() < deadline) {
        await sleep(250);
        live = await status(service, '/health/live');
      }
      expect(live.status).toBe(503);
      expect(live.body).toEqual({
        status: 'not live',
        reason:
          'The embedded Neo4j was killed (SIGKILL) and could not be started again after 2 attempts: restart the service.',
      });
      expect(local.health().state).toBe('failed');
      const ready = await status(service, '/health/ready');
      expect(ready.body).toMatchObject({ ready: false, neo4j: 'failed' });
    } finally {
      squatter.close();
    }
  }, 60_000);
});
