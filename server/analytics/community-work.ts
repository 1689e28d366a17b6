// Communities found off the service's event loop: the network read from Neo4j goes to a worker thread, a few at a time.
import { availableParallelism } from 'node:os';
import { type Communities, ProjectionTooLargeError } from '../database/communities.js';
import type { Network } from '../database/network.js';
// The worker module is named here by type as well as by URL, so the compiler builds it into dist/ with the rest.
import type { CommunitiesOutcome, CommunitiesTask } from './communities-worker.js';
import { WorkerPool } from './worker-pool.js';

export interface CommunityWorkOptions {
  /** Computations at once in this process, each on a thread of its own (COMMUNITIES_CONCURRENCY). */
  concurrency: number;
  /** Requests that may wait for a thread; more are refused at once with ANALYTICS_BUSY (COMMUNITIES_QUEUE). */
  queue: number;
  /** The longest one computation may run before its thread is terminated (COMMUNITIES_TIMEOUT_MS). */
  timeoutMs: number;
}

/**
 * Half the cores, at least one: a computation keeps a core busy for its whole run (2.1-2.5 s on England's largest
 * borough under the bound), and the rest are the event loop's and, on the embedded default, Neo4j's. On a 2-core
 * machine that is one at a time.
 */
export const defaultCommunityConcurrency = (): number => Math.max(1, Math.floor(availableParallelism() / 2));

export const DEFAULT_COMMUNITY_WORK: CommunityWorkOptions = {
  concurrency: defaultCommunityConcurrency(),
  // Two waiting behind each running one wait at most two computations (about 5 s on England); more would only time out.
  queue: 2,
  timeoutMs: 20_000,
};

const WORKER = new URL('./communities-worker.js', import.meta.url);

let options: CommunityWorkOptions = DEFAULT_COMMUNITY_WORK;
let pool: WorkerPool<CommunitiesTask, CommunitiesOutcome> | undefined;

/**
 * The pool for this process, started on first use. One per process, not per service: the bound is on this
 * process's cores, however many services a test starts in it.
 */
export function communityWork(): WorkerPool<CommunitiesTask, CommunitiesOutcome> {
  pool ??= new WorkerPool({ entry: WORKER, name: 'communities', ...options });
  return pool;
}

/** Takes the service's settings; a pool already running is stopped, and the next request starts one with them. */
export function configureCommunityWork(next: CommunityWorkOptions): void {
  void pool?.close();
  pool = undefined;
  options = next;
}

/** Stops the threads (the service is stopping); a later request would start them again. */
export async function stopCommunityWork(): Promise<void> {
  const stopping = pool;
  pool = undefined;
  await stopping?.close();
}

export interface CommunityWorkPlace {
  /**
   * findCommunities in a worker thread, with the same answer: throws ProjectionTooLargeError as it does, and the
   * pool's WorkTimeoutError when stopped.
   */
  find(network: Network, options?: { resolution?: number; seed?: number }): Promise<Communities>;
  /** Gives the place back when no network will come (it was over the member bound, say). */
  release(): void;
}

/**
 * A place for one computation, taken before its network is read from Neo4j: when there is none, PoolBusyError is
 * thrown at once, so a refused request costs neither the service nor Neo4j the read (145 ms of Neo4j's CPU for
 * England's largest borough).
 */
export function reserveCommunityWork(): CommunityWorkPlace {
  const place = communityWork().reserve();
  return {
    async find(network, { resolution = 1, seed = 1 } = {}) {
      const outcome = await place.run({ network, resolution, seed });
      if ('tooLarge' in outcome) throw new ProjectionTooLargeError(outcome.tooLarge.links, outcome.tooLarge.max);
      return outcome.communities;
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
    return reserveCommunityWork().find(network, options);
  } catch (error) {
    return Promise.reject(error);
  }
}
