// The analysts' console: served locally in development, absent in production, and every example query works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../server/seed-if-empty.js';
import { EXAMPLE_QUERIES } from '../../../server/graphql/examples.js';
import { createLogger } from '../../../server/logger.js';
import type { RunningService } from '../../../server/service.js';
import { useTestDatabase, testTarget } from '../../support/database.js';
import { graphql, startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

describe("the analysts' console", () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await seedIfEmpty(db(), createLogger('silent'));
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  });
  afterAll(async () => service?.stop());

  it.each(EXAMPLE_QUERIES.map((e) => [e.title, e] as const))(
    'answers the example "%s" from the seed data',
    async (_title, example) => {
      // Some examples are analytics for analysts; the console sends the analyst's key like this.
      const { status, body } = await graphql(service, example.query, example.variables, TEST_ADMIN_TOKEN);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(status).toBe(200);
      const [first] = Object.values(body.data as Record<string, unknown>);
      expect(first).not.toBeNull();
      expect(JSON.stringify(first).length).toBeGreaterThan(20);
    },
  );

  it('serves GraphiQL and its scripts from this service, with no third-party addresses', async () => {
    const page = await fetch(`${service.url}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(6);
    for (const asset of assets) expect((await fetch(`${service.url}${asset}`)).status, asset).toBe(200);
    expect(await (await fetch(`${service.url}/graphiql/examples.json`)).json()).toHaveLength(EXAMPLE_QUERIES.length);
    expect((await fetch(`${service.url}/graphiql/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('is not served in production', async () => {
    const production = await startTestService(testTarget(), { NODE_ENV: 'production' });
    try {
      expect((await fetch(`${production.url}/graphiql`)).status).toBe(404);
    } finally {
      await production.stop();
    }
  });
});
