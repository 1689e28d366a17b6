// The error catalogue: every code a client can receive is in it, with the status and message a client sees.
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { describe, expect, it } from 'vitest';
import { ERRORS, ErrorCode, errorMessage, errorStatus, isErrorCode } from '../../../schema/errors.js';

describe('the error catalogue', () => {
  it('gives every code an HTTP status and a default message a person can read', () => {
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      expect(ErrorCode[code], code).toBe(code);
      expect(errorStatus(code), code).toBeGreaterThanOrEqual(200);
      expect(errorStatus(code), code).toBeLessThan(600);
      expect(errorMessage(code), code).toMatch(/^\S.*\S$/);
    }
  });

  it('holds every code Apollo Server sends, so clients branching on codes know them all', () => {
    for (const code of Object.values(ApolloServerErrorCode)) expect(isErrorCode(code), code).toBe(true);
  });

  it('answers refusals with the statuses clients and load balancers rely on', () => {
    expect(errorStatus(ErrorCode.BAD_REQUEST)).toBe(400);
    expect(errorStatus(ErrorCode.BAD_USER_INPUT)).toBe(400);
    expect(errorStatus(ErrorCode.UNAUTHENTICATED)).toBe(401);
    expect(errorStatus(ErrorCode.FORBIDDEN)).toBe(403);
    expect(errorStatus(ErrorCode.NOT_FOUND)).toBe(404);
    expect(errorStatus(ErrorCode.RATE_LIMITED)).toBe(429);
    expect(errorStatus(ErrorCode.DB_UNAVAILABLE)).toBe(503);
    // Apollo asks for the query text this way, and the widgets answer it: an error status would break caching clients.
    expect(errorStatus(ErrorCode.PERSISTED_QUERY_NOT_FOUND)).toBe(200);
  });

  it('fills in message templates with the details a call site gives', () => {
    expect(errorMessage(ErrorCode.NOT_FOUND, 'service')).toBe('No service has that id.');
    expect(errorMessage(ErrorCode.NOT_FOUND, 'organisation or programme', 'abc')).toBe(
      'No organisation or programme has id abc.',
    );
    expect(errorMessage(ErrorCode.RATE_LIMITED, 5, 42)).toBe(
      'Too many requests: at most 5 a minute. Try again in 42 s.',
    );
  });

  it('knows its own codes and nothing else, not even what every object inherits', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('not_found')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});
