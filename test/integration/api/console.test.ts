// The analysts' console: served in production too, introspection by role, and every example works with the role it names.
import { describe, expect, it } from 'vitest';
import { createKey } from '../../../server/database/api-keys.js';
import { EXAMPLE_QUERIES } from '../../../server/graphql/examples.js';
import { testTarget } from '../../support/database.js';
import { graphql, startTestService, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

describe("the analysts' console", () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  it.each(EXAMPLE_QUERIES.map((e) => [e.title, e] as const))(
    'answers the example "%s" from the seed data',
    async (_title, example) => {
      // Some examples are analytics for analysts; the console sends the analyst's key like this.
      const { status, body } = await graphql(service(), example.query, example.variables, TEST_ADMIN_TOKEN);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(status).toBe(200);
      const [first] = Object.values(body.data as Record<string, unknown>);
      expect(first).not.toBeNull();
      expect(JSON.stringify(first).length).toBeGreaterThan(20);
    },
  );

  it('serves GraphiQL and its scripts from this service, with no third-party addresses', async () => {
    const page = await fetch(`${service().url}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(6);
    for (const asset of assets) expect((await fetch(`${service().url}${asset}`)).status, asset).toBe(200);
    expect(await (await fetch(`${service().url}/graphiql/examples.json`)).json()).toHaveLength(EXAMPLE_QUERIES.length);
    expect((await fetch(`${service().url}/graphiql/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('says which role each example needs, and that role is enough while less is refused', async () => {
    const analyst = (await createKey(db(), 'console example analyst', 'analyst', [])).secret;
    for (const example of EXAMPLE_QUERIES) {
      const asAnalyst = await graphql(service(), example.query, example.variables, analyst);
      expect(asAnalyst.body.errors, example.title).toBeUndefined();
      const asPublic = await graphql(service(), example.query, example.variables);
      if (example.role === 'public') expect(asPublic.body.errors, example.title).toBeUndefined();
      else expect(asPublic.body.errors?.[0]?.extensions?.code, example.title).toBe('UNAUTHENTICATED');
    }
    const page = await (await fetch(`${service().url}/graphiql`)).text();
    expect(page).toContain('Which boroughs lack a service for a topic');
    expect(page).toContain('Coverage gaps in North West London <span class="role">(needs an analyst key)</span>');
  });

  it('is served in production with a strict policy, and introspection there is for analyst and admin keys only', async () => {
    const production = await startTestService(testTarget(), { NODE_ENV: 'production', ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    try {
      const page = await fetch(`${production.url}/graphiql`);
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe');
      expect(await page.text()).toContain('Analyst or admin key');
      expect((await fetch(`${production.url}/graphiql/assets/graphiql.js`)).status).toBe(200);

      const introspection = '{ __schema { queryType { name } } }';
      const analyst = (await createKey(db(), 'console analyst', 'analyst', [])).secret;
      const widget = (await createKey(db(), 'console widget', 'public', ['https://www.barnet.gov.uk'])).secret;
      const refused = await graphql(production, introspection);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(refused.body.errors?.[0]?.message).toMatch(/analyst and admin keys/);
      expect((await graphql(production, '{ __type(name: "Service") { name } }')).status).toBe(400);
      expect((await graphql(production, introspection, {}, widget)).body.errors?.[0]?.extensions?.code).toBe(
        'GRAPHQL_VALIDATION_FAILED',
      );
      for (const key of [analyst, TEST_ADMIN_TOKEN])
        expect((await graphql(production, introspection, {}, key)).body.data).toEqual({
          __schema: { queryType: { name: 'Query' } },
        });
      // __typename is not introspection: the widgets ask for it without a key.
      expect((await graphql(production, '{ topics(first: 1) { __typename } }')).body.errors).toBeUndefined();
    } finally {
      await production.stop();
    }
  });
});
