// REST refusals from the catalogue (schema/errors.ts): the code's own HTTP status and a body of { error, message }.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, errorMessage, errorStatus, isErrorCode, type ErrorBody } from '../../schema/errors.js';
import { isDatabaseUnavailable } from '../graphql/errors.js';

/** Answers a request with `code`: its status from the catalogue, and `message` or else the code's default. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string = errorMessage(code)): FastifyReply {
  const body: ErrorBody = { error: code, message };
  return reply.code(errorStatus(code)).send(body);
}

/**
 * What routes outside GraphQL answer when something throws: a lost database is DB_UNAVAILABLE and anything
 * unexpected is hidden behind INTERNAL_SERVER_ERROR (logged in full), as formatError does for GraphQL.
 */
export function restErrorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (isDatabaseUnavailable(error)) return sendError(reply, ErrorCode.DB_UNAVAILABLE);
  const status = (error as { statusCode?: number }).statusCode ?? 500;
  if (status < 500) {
    const message = (error as { message?: string }).message;
    // A refusal built from the catalogue (the rate limit's) keeps its code. Any other 4xx is Fastify refusing a request
    // it could not read: BAD_REQUEST, with the more precise status Fastify chose (413 too large, 415 media type).
    const code = (error as { error?: unknown }).error;
    if (isErrorCode(code)) return sendError(reply, code, message);
    const body: ErrorBody = { error: ErrorCode.BAD_REQUEST, message: message ?? errorMessage(ErrorCode.BAD_REQUEST) };
    return reply.code(status).send(body);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, ErrorCode.INTERNAL_SERVER_ERROR);
}
