// The worker thread that finds communities (Louvain and betweenness), so that the service's event loop never runs them.
import { type Communities, findCommunities, ProjectionTooLargeError } from '../database/communities.js';
import type { Network } from '../database/network.js';
import { answerTasks } from './worker-side.js';

/** One request's work: the network read from Neo4j in the service's thread, and how to partition it. */
export interface CommunitiesTask {
  network: Network;
  resolution: number;
  seed: number;
}

/** The communities, or the projection's size when it is over budget (the client's to fix, so not a failure). */
export type CommunitiesOutcome = { communities: Communities } | { tooLarge: { links: number; max: number } };

export function communitiesOutcome({ network, resolution, seed }: CommunitiesTask): CommunitiesOutcome {
  try {
    return { communities: findCommunities(network, { resolution, seed }) };
  } catch (error) {
    if (error instanceof ProjectionTooLargeError) return { tooLarge: { links: error.links, max: error.max } };
    throw error;
  }
}

answerTasks(communitiesOutcome);
