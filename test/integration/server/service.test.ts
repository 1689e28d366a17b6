import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../schema/migrations.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget } from '../../support/database.js';
import { graphql, startTestService } from '../../support/service.js';

describe('the service over a real Neo4j', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startTestService(testTarget());
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('answers { __typename } and reports the applied migrations', async () => {
    const { status, body } = await graphql(service, '{ __typename about { name version migrations } }');
    expect(status).toBe(200);
    expect(body.data.__typename).toBe('Query');
    expect(body.data.about.name).toBe('Partnership Hub');
    expect(body.data.about.migrations).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('is live and ready, and says what it checked', async () => {
    const live = await fetch(`${service.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, neo4j: 'up', migrations: 'applied' });
  });

  it('gives every response a request id, reusing a well-formed one from the caller', async () => {
    const given = await fetch(`${service.url}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const forged = await fetch(`${service.url}/health/live`, { headers: { 'x-request-id': 'forged id <script>' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a mistaken query with a GraphQL error code, not a 500', async () => {
    const { status, body } = await graphql(service, '{ noSuchField }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers malformed JSON with a 400', async () => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
  });
});
