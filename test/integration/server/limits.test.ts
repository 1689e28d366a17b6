// Abuse resistance at the edge: rate limits with 429 and Retry-After, introspection off in production, query timeouts.
import { afterEach, describe, expect, it } from 'vitest';
import { formatError } from '../../../server/graphql/errors.js';
import { connect } from '../../../server/database/database.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget } from '../../support/database.js';
import { graphql, startTestService } from '../../support/service.js';

describe('limits at the edge', () => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  it('answers a client over its rate with 429, Retry-After and a coded message, but keeps health checks open', async () => {
    service = await startTestService(testTarget(), { RATE_LIMIT_PER_MINUTE: '5' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await graphql(service, '{ about { name } }')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ about { name } }' }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      error: 'RATE_LIMITED',
      message: expect.stringMatching(/at most 5 a minute/),
    });
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
  });

  it('turns introspection off in production unless configured', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    service = await startTestService(testTarget(), { NODE_ENV: 'production' });
    expect((await graphql(service, introspection)).body.errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    await service.stop();
    service = await startTestService(testTarget(), { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
    expect((await graphql(service, introspection)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('stops a query that runs past the timeout, and says so with QUERY_TIMEOUT', async () => {
    // A real database query that cannot finish in 200 ms, through the same driver settings the service uses.
    const slow = connect(testTarget(), 200);
    try {
      const error = await slow
        .run('UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 123456 RETURN count(i)')
        .catch((e: unknown) => e);
      expect((error as { code?: string }).code).toMatch(/TransactionTimedOut/);
      expect(formatError({ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error).extensions?.code).toBe(
        'QUERY_TIMEOUT',
      );
    } finally {
      await slow.close();
    }
  });
});
