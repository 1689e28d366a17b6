// Errors as clients see them: GraphQL errors shaped by formatError, refusals with the catalogue's statuses, REST bodies.
import Fastify from 'fastify';
import { GraphQLError } from 'graphql';
import { Neo4jError, error as driverError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../schema/errors.js';
import type { Database } from '../../../server/database/database.js';
import { formatError, graphqlError, refusedRequest } from '../../../server/graphql/errors.js';
import { restErrorHandler } from '../../../server/http/errors.js';
import { networkExport } from '../../../server/http/network-export.js';

describe('formatError', () => {
  it('turns a lost database into DB_UNAVAILABLE without leaking the driver message', () => {
    const cause = new Neo4jError(
      'Could not perform discovery on bolt://10.0.0.1',
      driverError.SERVICE_UNAVAILABLE,
      '08000',
      'error: connection exception',
    );
    const error = new GraphQLError(cause.message, { originalError: cause });
    const formatted = formatError({ message: cause.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted.extensions?.code).toBe(ErrorCode.DB_UNAVAILABLE);
    expect(formatted.message).not.toMatch(/10\.0\.0\.1/);
  });

  it('hides unexpected errors, their Cypher and stack traces behind a generic message', () => {
    const cause = new Error('Invalid input in MATCH (n:Secret) RETURN n');
    const error = new GraphQLError(cause.message, { originalError: cause });
    const formatted = formatError(
      { message: cause.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      error,
    );
    expect(formatted).toEqual({
      message: 'Internal server error.',
      locations: undefined,
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps a client error with its code and message', () => {
    const error = new GraphQLError('No programme has id x', { extensions: { code: 'NOT_FOUND' } });
    const formatted = formatError({ message: error.message, extensions: { code: 'NOT_FOUND' } }, error);
    expect(formatted).toMatchObject({ message: 'No programme has id x', extensions: { code: 'NOT_FOUND' } });
  });
});

describe('GraphQL errors from the catalogue', () => {
  it('refuses a whole request with the status of its code, and leaves a field error inside a 200 answer', () => {
    expect(refusedRequest(ErrorCode.UNAUTHENTICATED, 'Unknown key.').extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
    expect(refusedRequest(ErrorCode.FORBIDDEN).extensions).toEqual({ code: 'FORBIDDEN', http: { status: 403 } });
    const field = graphqlError(ErrorCode.BAD_USER_INPUT, 'first must be between 1 and 100.', { argument: 'first' });
    expect(field.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(field.message).toBe('first must be between 1 and 100.');
  });
});

describe('REST refusals', () => {
  /** A bare Fastify with the service's error handler and routes that fail in each way a real route can. */
  async function appFailingWith() {
    const app = Fastify({ logger: false, bodyLimit: 100 });
    app.setErrorHandler(restErrorHandler);
    app.post('/echo', async (request) => request.body);
    app.get('/outage', async () => {
      throw new Neo4jError(
        'Could not reach bolt://10.0.0.1',
        driverError.SERVICE_UNAVAILABLE,
        '08000',
        'error: connection exception',
      );
    });
    app.get('/bug', async () => {
      throw new Error('Invalid input in MATCH (n:Secret)');
    });
    app.get('/limited', async () => {
      throw Object.assign(new Error('Too many requests: at most 5 a minute. Try again in 9 s.'), {
        statusCode: 429,
        error: ErrorCode.RATE_LIMITED,
      });
    });
    await app.register(networkExport, { db: {} as Database });
    return app;
  }

  it('answers a request it cannot read with BAD_REQUEST and the status Fastify gave it', async () => {
    const app = await appFailingWith();
    const malformed = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"query": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'BAD_REQUEST' });
    const tooLarge = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(200) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: 'BAD_REQUEST' });
  });

  it('says the database is unavailable, hides unexpected failures and keeps a rate-limit refusal as it is', async () => {
    const app = await appFailingWith();
    const outage = await app.inject('/outage');
    expect(outage.statusCode).toBe(503);
    expect(outage.json()).toEqual({
      error: 'DB_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly.',
    });
    const bug = await app.inject('/bug');
    expect(bug.statusCode).toBe(500);
    expect(bug.json()).toEqual({ error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' });
    const limited = await app.inject('/limited');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: 'RATE_LIMITED',
      message: 'Too many requests: at most 5 a minute. Try again in 9 s.',
    });
  });

  it('refuses a network download it cannot make with the code and status of the mistake', async () => {
    const app = await appFailingWith();
    const pdf = await app.inject('/networks/3f2c7a1e-0000-4000-8000-000000000000.pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json()).toEqual({
      error: 'BAD_USER_INPUT',
      message: 'the format must be csv, gexf or graphml, as in /networks/<id>.graphml',
    });
    expect((await app.inject('/networks/3f2c7a1e-0000-4000-8000-000000000000.csv?depth=9')).json()).toMatchObject({
      error: 'BAD_USER_INPUT',
    });
  });
});
