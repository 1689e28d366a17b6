// Harvesting our own /oruk from a second instance (its own Neo4j): every service across, a second run changing
// nothing, a service retired at the source retired here and restored when back, an admin's correction kept, the
// admin routes (register, list with each feed's last run, harvest now) and `npm run harvest`; and the throughput.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import { parseOruk } from '../../../seed/readers/oruk.js';
import { connect, type Database } from '../../../server/database/database.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { freePort, startLocalNeo4j, type RunningNeo4j } from '../../../server/database/local-neo4j.js';
import { changesBetween } from '../../../server/database/history.js';
import { migrate } from '../../../server/database/migrate.js';
import { nodeByKey } from '../../../server/database/nodes.js';
import { updateNode } from '../../../server/database/write/edits.js';
import { harvestFeed } from '../../../server/harvest/run.js';
import type { RunningService } from '../../../server/service.js';
import { fixtureId, fixtureServices } from '../../fixtures/oruk/feeds/services.js';
import { testTarget, useTestDatabase } from '../../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const run = promisify(execFile);
const PASSWORD = 'harvest-source-password';
const SERVICES = 40;

/** Changes a record as an admin does (the GraphQL mutations' own function): retire, restore or set properties. */
async function edit(db: Database, n: number, change: 'RETIRE' | 'RESTORE' | Record<string, unknown>) {
  const node = (await nodeByKey(db, Label.Service, `oruk:${fixtureId(1, n)}`))!;
  const version = Number(node.version ?? 1);
  if (change === 'RETIRE' || change === 'RESTORE')
    return updateNode(db, node, version, {}, [], 'an admin', change, { retired: change === 'RETIRE' });
  return updateNode(db, node, version, change, [], 'an admin');
}

describe('harvesting our own /oruk from a second instance', () => {
  const db = useTestDatabase();
  let home: string;
  let neo4j: RunningNeo4j;
  let sourceDb: Database;
  let source: RunningService;
  let hub: RunningService;
  let feedUrl: string;

  const post = async (route: string, body: unknown, key: string | null = TEST_ADMIN_TOKEN) => {
    const response = await fetch(`${hub.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const harvest = () => post('/admin/api/harvests', { url: feedUrl });
  const oruk = async (service: RunningService, route: string) => {
    const response = await fetch(`${service.url}/oruk${route}`);
    return { status: response.status, body: (await response.json()) as any };
  };
  const graph = async () =>
    (
      await db().run(
        `OPTIONAL MATCH (n) WHERE n:Service OR n:Organisation OR n:Location OR n:Topic
         WITH n ORDER BY n.id WITH [n IN collect(n) | [n.id, n.version, n.name, coalesce(n.retired, false)]] AS nodes
         RETURN nodes, COUNT { ()-[:AT|PROVIDED_BY|ABOUT]->() } AS links`,
      )
    ).records[0]!.toObject();

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-harvest-'));
    neo4j = await startLocalNeo4j({
      home,
      port: await freePort(),
      password: PASSWORD,
      heap: '384m',
      pageCache: '32m',
      jit: 'quick',
    });
    const target = { uri: neo4j.uri, username: 'neo4j', password: PASSWORD, database: 'neo4j' };
    sourceDb = connect(target);
    await migrate(sourceDb);
    await importBatch(sourceDb, parseOruk('source.json', fixtureServices(SERVICES)));
    source = await startTestService(target, { RATE_LIMIT_PER_MINUTE: '1000000' });
    hub = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    feedUrl = `${source.url}/oruk`;
  });
  afterAll(async () => {
    await hub?.stop();
    await source?.stop();
    await sourceDb?.close();
    await neo4j?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('is for admins only, and refuses a URL it cannot harvest, changing nothing', async () => {
    expect((await post('/admin/api/harvests', { url: feedUrl }, null)).status).toBe(401);
    const bad = await post('/admin/api/harvests', { url: 'ftp://example.org/oruk' });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: 'BAD_USER_INPUT', message: expect.stringMatching(/http or https/) },
    });
    const extra = await post('/admin/api/feeds', { url: feedUrl, every: 5 });
    expect(extra).toMatchObject({ status: 400, body: { message: expect.stringMatching(/also gives every/) } });
    expect((await graph()).nodes).toEqual([]);
  });

  it('brings every service across, served back by the hub as the source serves it', async () => {
    const { status, body } = await harvest();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      services: { created: SERVICES, updated: 0, unchanged: 0, withdrawn: 0, restored: 0 },
      // One page of summaries, then each service's details.
      requests: { pages: 1, details: SERVICES },
    });
    const listed = await oruk(source, `/services?per_page=100`);
    for (const summary of listed.body.contents) {
      const [theirs, ours] = await Promise.all([
        oruk(source, `/services/${summary.id}`),
        oruk(hub, `/services/${summary.id}`),
      ]);
      expect(ours.status).toBe(200);
      for (const field of ['id', 'name', 'description', 'status', 'organization'])
        expect(ours.body[field], `${summary.id} ${field}`).toEqual(theirs.body[field]);
      expect(ours.body.service_at_locations.map((s: any) => s.location.name)).toEqual(
        theirs.body.service_at_locations.map((s: any) => s.location.name),
      );
    }
    expect(listed.body.contents).toHaveLength(SERVICES);
  });

  it('changes nothing on a second harvest', async () => {
    const before = await graph();
    const { body } = await harvest();
    expect(body).toMatchObject({
      ok: true,
      services: { created: 0, updated: 0, unchanged: SERVICES, withdrawn: 0, restored: 0 },
    });
    expect(await graph()).toEqual(before);
  });

  it('retires a service the source retired, and restores it when the source does', async () => {
    await edit(sourceDb, 5, 'RETIRE');
    const withdrawn = await harvest();
    expect(withdrawn.body.services).toMatchObject({ unchanged: SERVICES - 1, withdrawn: 1 });
    expect((await oruk(hub, `/services/${fixtureId(1, 5)}`)).status).toBe(404);
    const kept = await nodeByKey(db(), Label.Service, `oruk:${fixtureId(1, 5)}`);
    expect(kept).toMatchObject({ retired: true, name: 'Harvested service 5' });

    await edit(sourceDb, 5, 'RESTORE');
    const back = await harvest();
    expect(back.body.services).toMatchObject({ withdrawn: 0, restored: 1 });
    expect((await oruk(hub, `/services/${fixtureId(1, 5)}`)).body.name).toBe('Harvested service 5');

    // Both written as an admin's retire and restore are, so history and as-of can put the service back as it was.
    const trail = await changesBetween(db(), '', '9999', 100, [kept!.id]);
    const [retired, restored] = trail.changes.filter((c) => c.action === 'RETIRE' || c.action === 'RESTORE');
    expect(retired).toMatchObject({
      action: 'RETIRE',
      before: { name: 'Harvested service 5' },
      after: { retired: true },
    });
    expect(restored).toMatchObject({ action: 'RESTORE', before: { name: 'Harvested service 5' } });
  });

  it("keeps an admin's correction over the feed's change, reporting the conflict", async () => {
    await edit(db(), 8, { name: 'Corrected by our admin' });
    await edit(sourceDb, 8, { name: 'Renamed at the source' });
    const { body } = await harvest();
    expect(body.ok).toBe(true);
    expect(body.conflicts).toMatchObject([
      {
        record: `Service/oruk:${fixtureId(1, 8)}`,
        field: 'name',
        adminValue: 'Corrected by our admin',
        fileValue: 'Renamed at the source',
        applied: false,
      },
    ]);
    expect((await oruk(hub, `/services/${fixtureId(1, 8)}`)).body.name).toBe('Corrected by our admin');
  });

  it('registers a feed for the schedule and lists each feed with its last run', async () => {
    const registered = await post('/admin/api/feeds', { url: `${feedUrl}/`, everyMinutes: 60 });
    expect(registered).toMatchObject({
      status: 201,
      body: { feed: { url: feedUrl, everyMinutes: 60, registeredBy: expect.any(String) } },
    });
    const tooOften = await post('/admin/api/feeds', { url: feedUrl, everyMinutes: 1 });
    expect(tooOften).toMatchObject({ status: 400, body: { message: expect.stringMatching(/from 15 to/) } });
    const list = await fetch(`${hub.url}/admin/api/feeds`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const { feeds } = (await list.json()) as any;
    expect(feeds).toMatchObject([
      {
        url: feedUrl,
        everyMinutes: 60,
        // The source's change to the corrected service: its name kept (the conflict), its last_modified taken.
        lastRun: { ok: true, result: { services: { updated: 1, unchanged: SERVICES - 1 }, conflicts: 1 } },
      },
    ]);
    const removed = await fetch(`${hub.url}/admin/api/feeds?url=${encodeURIComponent(feedUrl)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(removed.status).toBe(204);
  });

  it('npm run harvest sends the harvest to the running service and prints what it did', async () => {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(NEO4J_|ADMIN_|HUB_URL$)/.test(name)),
    );
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'seed/harvest-cli.ts', feedUrl], {
      env: { ...inherited, HUB_URL: hub.url, ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'silent' },
    });
    expect(stderr).toContain(`Sent to the running service at ${hub.url}`);
    expect(stdout).toMatch(
      new RegExp(`0 created, 0 updated, ${SERVICES} unchanged, 0 withdrawn \\(retired\\), 0 restored`),
    );
  });

  // Large enough for several of our feed's pages; its figures are printed for a reader, never judged by time (CI runs
  // on a shared machine), and were measured at 2,000 services before CI's budget asked for fewer.
  it('harvests 500 more services from our own feed, then again all unchanged', async () => {
    const count = 500;
    await importBatch(
      sourceDb,
      parseOruk(
        'source.json',
        fixtureServices(count, (n) => `Throughput service ${n}`),
      ),
    );
    const politeness = { delayMs: 0, concurrency: 2 };
    const first = await harvestFeed(db(), feedUrl, { politeness });
    expect(first.ok).toBe(true);
    // The fixture's first services share ids with those harvested before, so some are updates, not creations.
    const { created, updated, unchanged, withdrawn } = first.services!;
    expect(withdrawn).toBe(0);
    expect(created).toBeGreaterThan(0);
    expect(created + updated + unchanged).toBeGreaterThanOrEqual(count);
    const again = await harvestFeed(db(), feedUrl, { politeness });
    expect(again.services).toMatchObject({
      created: 0,
      updated: 0,
      withdrawn: 0,
      unchanged: created + updated + unchanged,
    });
    for (const [label, report] of [
      ['no pause, two at a time', first],
      ['no pause, two at a time, again (all unchanged)', again],
    ] as const)
      console.log(
        `harvest throughput, ${label}: ${count} services in ${(report.durationMs / 1000).toFixed(1)} s = ${(count / (report.durationMs / 1000)).toFixed(0)} services/s (reading ${report.timings?.readMs} ms, writing ${report.timings?.writeMs} ms of which ${report.timings?.feedMs} ms the feed's marks and withdrawals; ${report.requests?.sent} requests; ${JSON.stringify(report.services)})`,
      );
  }, 600_000);
});
