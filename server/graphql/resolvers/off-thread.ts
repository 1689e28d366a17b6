// The network's heavy measures run in a pool of worker threads: the sequence each one follows, and its refusals and
// time-outs as errors with a code.
import { ErrorCode, errorMessage, errorStatus } from '../../../schema/errors.js';
import { type NetworkWorkPlace, reserveNetworkWork } from '../../analytics/network-work.js';
import {
  PoolBusyError,
  WorkAbandonedError,
  WorkOutOfMemoryError,
  WorkTimeoutError,
} from '../../analytics/worker-pool.js';
import { type Network, networkInArea } from '../../database/network.js';
import type { Context } from '../context.js';
import { graphqlError } from '../errors.js';
import { clientError } from './support.js';

/** What a measure of the network in an area is called in its messages, and the most members it takes. */
export interface AreaMeasure {
  /** The most organisations and programmes one request may measure. */
  bound: number;
  /** What is done to the network, for the refusal of one too large: "partition", "rank". */
  verb: string;
  /** The computation, for the message of one stopped past its time: "Finding the communities". */
  what: string;
}

/**
 * Measures the partnership network in an area (everywhere when none is given) on a worker thread: a place in the pool
 * is taken first, so that a request the service has no room for is refused before Neo4j reads it a network; a network
 * over the bound is refused with how to narrow it; the pool's refusals and time-outs become errors with a code; and
 * the place is given back however it ends. In a thread because these measures take seconds of CPU on the largest
 * networks under the bound, which on the event loop would hold every other request of the service for as long.
 */
export async function measureInArea<T>(
  ctx: Context,
  area: string | null | undefined,
  { bound, verb, what }: AreaMeasure,
  measure: (place: NetworkWorkPlace, network: Network) => Promise<T>,
): Promise<T> {
  let place: NetworkWorkPlace | undefined;
  try {
    place = reserveNetworkWork(ctx.signal);
    const { members, network } = await networkInArea(ctx.db, area ?? undefined, bound);
    if (!network)
      throw clientError(
        ErrorCode.BAD_USER_INPUT,
        `The partnership network ${area ? `in ${area}` : 'everywhere'} has ${members} organisations and programmes, more than the ${bound} one request may ${verb}: give a smaller area (a region, footprint or borough key).`,
        { argument: 'area' },
      );
    return await measure(place, network);
  } catch (error) {
    throw offThreadError(error, what);
  } finally {
    place?.release();
  }
}

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
  // Refused as the service's want of room (503), with no Retry-After: the same area would need as much again.
  if (error instanceof WorkOutOfMemoryError)
    return graphqlError(
      ErrorCode.ANALYTICS_BUSY,
      `${what} needed more memory than this service gives one analysis, and was stopped: ask about a smaller area (a footprint or borough key), where the network is smaller.`,
      { argument: 'area', http: { status: errorStatus(ErrorCode.ANALYTICS_BUSY) } },
    );
  if (error instanceof WorkAbandonedError)
    return graphqlError(ErrorCode.CLIENT_CLOSED_REQUEST, errorMessage(ErrorCode.CLIENT_CLOSED_REQUEST), {
      http: { status: errorStatus(ErrorCode.CLIENT_CLOSED_REQUEST) },
    });
  if (error instanceof WorkTimeoutError)
    return clientError(
      ErrorCode.QUERY_TIMEOUT,
      `${what} took longer than ${error.timeoutMs / 1000} s and was stopped: ask about a smaller area (a footprint or borough key), where the network is smaller.`,
      { argument: 'area' },
    );
  return error;
}
