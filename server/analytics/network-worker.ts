// The worker thread for the network's heavy measures (Louvain communities, betweenness rankings), so that the
// service's event loop never runs them.
import { type Communities, findCommunities, ProjectionTooLargeError } from '../database/communities.js';
import { type ConnectedPartner, mostConnected, type Network } from '../database/network.js';
import { answerTasks } from './worker-side.js';

/** One request's work: the network read from Neo4j in the service's thread, and what to measure in it. */
export type NetworkTask =
  | { measure: 'communities'; network: Network; resolution: number; seed: number }
  | { measure: 'mostConnected'; network: Network; orderBy: 'PARTNERS' | 'BETWEENNESS' };

/**
 * What a task found: communities (or the projection's size when it is over budget, the client's to fix, so not a
 * failure), or the partners ranked.
 */
export type NetworkOutcome =
  | { communities: Communities }
  | { tooLarge: { links: number; max: number } }
  | { ranked: ConnectedPartner[] };

export function networkOutcome(task: NetworkTask): NetworkOutcome {
  if (task.measure === 'mostConnected') return { ranked: mostConnected(task.network, task.orderBy) };
  try {
    return { communities: findCommunities(task.network, { resolution: task.resolution, seed: task.seed }) };
  } catch (error) {
    if (error instanceof ProjectionTooLargeError) return { tooLarge: { links: error.links, max: error.max } };
    throw error;
  }
}

answerTasks(networkOutcome);
