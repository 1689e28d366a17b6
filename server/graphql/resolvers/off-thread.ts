// The network's heavy measures run in a pool of worker threads: its refusals and time-outs as errors with a code.
import { ErrorCode, errorMessage, errorStatus } from '../../../schema/errors.js';
import { PoolBusyError, WorkTimeoutError } from '../../analytics/worker-pool.js';
import { graphqlError } from '../errors.js';
import { clientError } from './support.js';

/**
 * The error a client gets for the pool's: refused at once while this instance runs as many computations as it may
 * (the 503 and Retry-After go through Apollo's `extensions.http`, which it takes off before the client sees the
 * error, so that proxies and clients wait and retry), or stopped past its time. Any other error is returned as it is.
 */
export function offThreadError(error: unknown, what: string): unknown {
  if (error instanceof PoolBusyError) {
    const retryAfter = error.retryAfterSeconds;
    return graphqlError(ErrorCode.ANALYTICS_BUSY, errorMessage(ErrorCode.ANALYTICS_BUSY, retryAfter), {
      retryAfter,
      http: { status: errorStatus(ErrorCode.ANALYTICS_BUSY), headers: new Map([['retry-after', String(retryAfter)]]) },
    });
  }
  if (error instanceof WorkTimeoutError)
    return clientError(
      ErrorCode.QUERY_TIMEOUT,
      `${what} took longer than ${error.timeoutMs / 1000} s and was stopped: ask about a smaller area (a footprint or borough key), where the network is smaller.`,
      { argument: 'area' },
    );
  return error;
}
