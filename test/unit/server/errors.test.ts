import { GraphQLError } from 'graphql';
import { Neo4jError, error as driverError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ErrorCode, formatError } from '../../../server/errors.js';

describe('formatError', () => {
  it('turns a lost database into DB_UNAVAILABLE without leaking the driver message', () => {
    const cause = new Neo4jError('Could not perform discovery on bolt://10.0.0.1', driverError.SERVICE_UNAVAILABLE, '08000', 'error: connection exception');
    const error = new GraphQLError(cause.message, { originalError: cause });
    const formatted = formatError({ message: cause.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted.extensions?.code).toBe(ErrorCode.DB_UNAVAILABLE);
    expect(formatted.message).not.toMatch(/10\.0\.0\.1/);
  });

  it('hides unexpected errors, their Cypher and stack traces behind a generic message', () => {
    const cause = new Error('Invalid input in MATCH (n:Secret) RETURN n');
    const error = new GraphQLError(cause.message, { originalError: cause });
    const formatted = formatError({ message: cause.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({ message: 'Internal server error.', locations: undefined, path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps a client error with its code and message', () => {
    const error = new GraphQLError('No programme has id x', { extensions: { code: 'NOT_FOUND' } });
    const formatted = formatError({ message: error.message, extensions: { code: 'NOT_FOUND' } }, error);
    expect(formatted).toMatchObject({ message: 'No programme has id x', extensions: { code: 'NOT_FOUND' } });
  });
});
