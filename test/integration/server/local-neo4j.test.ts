// The local Neo4j's failure messages, and the service's readiness following Neo4j down and back up, without a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../schema/migrations.js';
import { freePort, LocalNeo4jError, startLocalNeo4j, type RunningNeo4j } from '../../../server/database/local-neo4j.js';
import type { RunningService } from '../../../server/service.js';
import { graphql, startTestService } from '../../support/service.js';

const PASSWORD = 'readiness-test-password';

async function readiness(service: RunningService): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${service.url}/health/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function eventuallyReady(service: RunningService, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readiness(service)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the service did not become ready again');
}

describe('the local Neo4j', () => {
  let home: string;
  let port: number;
  let neo4j: RunningNeo4j;
  let service: RunningService;

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-local-'));
    port = await freePort();
    neo4j = await startLocalNeo4j({ home, port, password: PASSWORD, heap: '384m', pageCache: '32m', jit: 'quick' });
    service = await startTestService({ uri: neo4j.uri, username: 'neo4j', password: PASSWORD, database: 'neo4j' });
  });

  afterAll(async () => {
    await service?.stop();
    await neo4j?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('says the port is taken, and how to choose another, when something listens there', async () => {
    const squatter = net.createServer();
    const taken = await new Promise<number>((resolve) =>
      squatter.listen(0, '127.0.0.1', () => resolve((squatter.address() as net.AddressInfo).port)),
    );
    try {
      const error = await startLocalNeo4j({ home: path.join(home, 'other'), port: taken }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalNeo4jError);
      expect((error as LocalNeo4jError).reason).toBe('port-in-use');
      expect((error as Error).message).toMatch(new RegExp(`Port ${taken} .*NEO4J_LOCAL_PORT`));
    } finally {
      squatter.close();
    }
  });

  it('says the store is locked by another instance, and leaves no second Java process behind', async () => {
    const error = await startLocalNeo4j({
      home,
      port: await freePort(),
      heap: '256m',
      pageCache: '16m',
      jit: 'quick',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect((error as LocalNeo4jError).reason).toBe('store-locked');
    expect((error as Error).message).toMatch(/locked by another running Neo4j.*DATA_DIR/s);
  });

  it('turns the service not ready while Neo4j is down, failing requests fast, and ready again when it returns', async () => {
    expect((await readiness(service)).status).toBe(200);

    await neo4j.stop();
    const down = await readiness(service);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, neo4j: 'down' });
    expect(String(down.body.reason)).toMatch(/Neo4j is not answering/);

    const { body } = await graphql(service, '{ about { migrations } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('DB_UNAVAILABLE');

    neo4j = await startLocalNeo4j({ home, port, password: PASSWORD, heap: '384m', pageCache: '32m', jit: 'quick' });
    await eventuallyReady(service);
    const { body: after } = await graphql(service, '{ about { migrations } }');
    expect(after.data.about.migrations).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('migrates a database that comes back empty, still without a restart', async () => {
    await neo4j.stop();
    await rm(path.join(home, 'data'), { recursive: true, force: true });
    neo4j = await startLocalNeo4j({ home, port, password: PASSWORD, heap: '384m', pageCache: '32m', jit: 'quick' });
    await eventuallyReady(service);
    const { body } = await graphql(service, '{ about { migrations } }');
    expect(body.data.about.migrations).toEqual(MIGRATIONS.map((m) => m.id));
  });
});
