// The network's heavy measures off the service's event loop: the network read from Neo4j goes to a worker thread, a
// few at a time (communities, and partners ranked by betweenness).
import { availableParallelism } from 'node:os';
import { type Communities, ProjectionTooLargeError } from '../database/communities.js';
import type { ConnectedPartner, Network } from '../database/network.js';
// The worker module is named here by type as well as by URL, so the compiler builds it into dist/ with the rest.
import type { NetworkOutcome, NetworkTask } from './network-worker.js';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.js';

export interface NetworkWorkOptions {
  /** Computations at once in this process, each on a thread of its own (ANALYTICS_CONCURRENCY). */
  concurrency: number;
  /** Requests that may wait for a thread; more are refused at once with ANALYTICS_BUSY (ANALYTICS_QUEUE). */
  queue: number;
  /** The longest one computation may run before its thread is terminated (ANALYTICS_TIMEOUT_MS). */
  timeoutMs: number;
  /** How long a thread may wait with no computation before it ends (ANALYTICS_IDLE_MS); 60 s when not given. */
  idleMs?: number;
  /** Each thread's V8 heap; a computation that needs more is refused (WorkOutOfMemoryError), the service unharmed. */
  resourceLimits?: WorkerPoolOptions['resourceLimits'];
}

/**
 * Half the cores, at least one: a computation keeps a core busy for its whole run (2.1-2.5 s on England's largest
 * borough under the bound), and the rest are the event loop's and, on the embedded default, Neo4j's. On a 2-core
 * machine that is one at a time.
 */
export const defaultNetworkConcurrency = (): number => Math.max(1, Math.floor(availableParallelism() / 2));

export const DEFAULT_NETWORK_WORK: Required<NetworkWorkOptions> = {
  concurrency: defaultNetworkConcurrency(),
  // Two waiting behind each running one wait at most two computations (about 5 s on England); more would only time out.
  queue: 2,
  timeoutMs: 20_000,
  // A thread holds tens of MB (its own V8 heap and the worker's modules) that a service asked for communities once
  // would otherwise keep for good; a minute keeps it for an analyst's next few questions, and starting one again
  // costs a fraction of a second.
  idleMs: 60_000,
  // Measured in a thread (no process-wide flags): England's largest borough under the bound (1,980 members, 60,107
  // projected links) partitions in a 40 MB old generation, and a made-up network at the projection's bound (1,980
  // members, 199,000 pairs) in 96 MB, not 64. The young generation at 16 MB instead of V8's 48 took 40 MB off the
  // thread's peak (138 -> 98 MB beside npm start's 192 MB main heap) at no measurable cost in CPU.
  resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
};

const WORKER = new URL('./network-worker.js', import.meta.url);

let options: NetworkWorkOptions = DEFAULT_NETWORK_WORK;
let pool: WorkerPool<NetworkTask, NetworkOutcome> | undefined;

/**
 * The pool for this process, started on first use. One per process, not per service: the bound is on this
 * process's cores, however many services a test starts in it.
 */
export function networkWork(): WorkerPool<NetworkTask, NetworkOutcome> {
  pool ??= new WorkerPool({
    entry: WORKER,
    name: 'network analysis',
    ...options,
    idleMs: options.idleMs ?? DEFAULT_NETWORK_WORK.idleMs,
    resourceLimits: options.resourceLimits ?? DEFAULT_NETWORK_WORK.resourceLimits,
  });
  return pool;
}

/** Takes the service's settings; a pool already running is stopped, and the next request starts one with them. */
export function configureNetworkWork(next: NetworkWorkOptions): void {
  void pool?.close();
  pool = undefined;
  options = next;
}

/** Stops the threads (the service is stopping); a later request would start them again. */
export async function stopNetworkWork(): Promise<void> {
  const stopping = pool;
  pool = undefined;
  await stopping?.close();
}

export interface NetworkWorkPlace {
  /**
   * findCommunities in a worker thread, with the same answer: throws ProjectionTooLargeError as it does, and the
   * pool's WorkTimeoutError when stopped.
   */
  communities(network: Network, options?: { resolution?: number; seed?: number }): Promise<Communities>;
  /** mostConnected in a worker thread, with the same answer. */
  mostConnected(network: Network, orderBy: 'PARTNERS' | 'BETWEENNESS'): Promise<ConnectedPartner[]>;
  /** Gives the place back when no network will come (it was over the member bound, say). */
  release(): void;
}

/**
 * A place for one computation, taken before its network is read from Neo4j: when there is none, PoolBusyError is
 * thrown at once, so a refused request costs neither the service nor Neo4j the read (145 ms of Neo4j's CPU for
 * England's largest borough). When `signal` aborts (the request's client has gone), the computation stops with
 * WorkAbandonedError, its thread given back.
 */
export function reserveNetworkWork(signal?: AbortSignal): NetworkWorkPlace {
  const place = networkWork().reserve();
  return {
    async communities(network, { resolution = 1, seed = 1 } = {}) {
      const outcome = await place.run({ measure: 'communities', network, resolution, seed }, signal);
      if ('tooLarge' in outcome) throw new ProjectionTooLargeError(outcome.tooLarge.links, outcome.tooLarge.max);
      if (!('communities' in outcome)) throw new Error('The network worker answered communities with another measure.');
      return outcome.communities;
    },
    async mostConnected(network, orderBy) {
      const outcome = await place.run({ measure: 'mostConnected', network, orderBy }, signal);
      if (!('ranked' in outcome)) throw new Error('The network worker answered a ranking with another measure.');
      return outcome.ranked;
    },
    release: place.release,
  };
}

/** findCommunities in a worker thread (a place taken and used at once). */
export function findCommunitiesOffThread(
  network: Network,
  options: { resolution?: number; seed?: number } = {},
): Promise<Communities> {
  try {
    return reserveNetworkWork().communities(network, options);
  } catch (error) {
    return Promise.reject(error);
  }
}
