// CORS for anonymous requests, set by the service's own hook: the headers and preflight answers @fastify/cors gave.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/database/database.js';
import { keyOriginsCors } from '../../../server/http/cors.js';

// Only a request that carries a key reads the widget keys' origins; none here does, so no database is reached.
const noDatabase = {} as Database;

describe('CORS without a key', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(keyOriginsCors, { db: noDatabase });
    app.get('/graphql', async () => ({ data: {} }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('lets any page read an anonymous answer, never with credentials, and says the answer varies by Origin', async () => {
    const answer = await app.inject({ method: 'GET', url: '/graphql', headers: { origin: 'https://example.org' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect(answer.headers.vary).toBe('Origin');
  });

  it('answers a preflight at once with the methods, headers and how long to remember them', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/graphql',
      headers: {
        origin: 'https://example.org',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'apollo-require-preflight',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['content-length']).toBe('0');
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(preflight.headers['access-control-allow-headers']).toBe(
      'content-type, authorization, x-api-key, apollo-require-preflight',
    );
    expect(preflight.headers['access-control-max-age']).toBe('600');
  });

  it('refuses a preflight without Origin or the method it asks about, as a browser never sends one', async () => {
    const withoutMethod = await app.inject({
      method: 'OPTIONS',
      url: '/graphql',
      headers: { origin: 'https://example.org' },
    });
    expect(withoutMethod.statusCode).toBe(400);
    expect(withoutMethod.body).toBe('Invalid Preflight Request');
    const withoutOrigin = await app.inject({
      method: 'OPTIONS',
      url: '/graphql',
      headers: { 'access-control-request-method': 'GET' },
    });
    expect(withoutOrigin.statusCode).toBe(400);
  });
});
