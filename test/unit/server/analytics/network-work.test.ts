// The network's measures off the event loop: the worker thread gives the same answers as findCommunities and
// mostConnected, says when a projection is over budget as they do, and a computation past its time is stopped.
import { afterAll, describe, expect, it } from 'vitest';
import {
  configureNetworkWork,
  DEFAULT_NETWORK_WORK,
  findCommunitiesOffThread,
  reserveNetworkWork,
  stopNetworkWork,
} from '../../../../server/analytics/network-work.js';
import { WorkOutOfMemoryError, WorkTimeoutError } from '../../../../server/analytics/worker-pool.js';
import { offThreadError } from '../../../../server/graphql/resolvers/off-thread.js';
import { findCommunities, ProjectionTooLargeError } from '../../../../server/database/communities.js';
import {
  mostConnected,
  type Network,
  type NetworkEdge,
  type NetworkNode,
} from '../../../../server/database/network.js';
import { heavyNetwork } from './heavy-network.js';

const org = (id: string): NetworkNode => ({ id, key: id, name: `Org ${id}`, type: 'ORGANISATION', demo: false });
const programme = (id: string): NetworkNode => ({ id, key: id, name: id, type: 'PROGRAMME', demo: false });
const partner = (o: string, p: string): NetworkEdge => ({ source: o, target: p, type: 'PARTNER_IN', role: 'PARTNER' });

/** Three groups of partners, two joined by a bridge, the third by a programme within another. */
function network(): Network {
  const groups = { a: ['a1', 'a2', 'a3', 'a4'], b: ['b1', 'b2', 'b3'], c: ['c1', 'c2', 'c3', 'c4', 'c5'] };
  return {
    nodes: [...groups.a, ...groups.b, ...groups.c, 'bridge'].map(org).concat(['pa', 'pb', 'pc'].map(programme)),
    edges: [
      ...groups.a.map((o) => partner(o, 'pa')),
      ...groups.b.map((o) => partner(o, 'pb')),
      ...groups.c.map((o) => partner(o, 'pc')),
      partner('bridge', 'pa'),
      partner('bridge', 'pb'),
      { source: 'pc', target: 'pa', type: 'PROGRAMME_PART_OF' },
    ],
  };
}

// Starting a thread under tsx compiles its modules, seconds on a busy machine: more than vitest's 5 s default allows.
describe('communities in a worker thread', { timeout: 30_000 }, () => {
  afterAll(async () => {
    await stopNetworkWork();
    configureNetworkWork(DEFAULT_NETWORK_WORK);
  });

  it('gives the same answer as on the event loop, seed for seed', async () => {
    for (const options of [{}, { seed: 7 }, { seed: 7, resolution: 2 }])
      expect(await findCommunitiesOffThread(network(), options)).toEqual(findCommunities(network(), options));
  });

  it('ranks partners as on the event loop, by partners and by betweenness', async () => {
    for (const orderBy of ['PARTNERS', 'BETWEENNESS'] as const)
      expect(await reserveNetworkWork().mostConnected(network(), orderBy)).toEqual(mostConnected(network(), orderBy));
  });

  it('refuses a projection over budget with the same error and counts', async () => {
    const crowd: Network = {
      nodes: [programme('p'), ...Array.from({ length: 700 }, (_, i) => org(`o${i}`))],
      edges: Array.from({ length: 700 }, (_, i) => partner(`o${i}`, 'p')),
    };
    const refused = await findCommunitiesOffThread(crowd).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProjectionTooLargeError);
    expect(refused).toMatchObject({ links: (700 * 699) / 2, max: 200_000 });
  });

  it('stops a computation that runs past its time, and the next one is answered', async () => {
    configureNetworkWork({ concurrency: 1, queue: 0, timeoutMs: 300 });
    await findCommunitiesOffThread(network()); // the thread is loaded before anything is timed
    // Seconds of Louvain and betweenness: far past 300 ms however fast the machine.
    await expect(findCommunitiesOffThread(heavyNetwork())).rejects.toBeInstanceOf(WorkTimeoutError);
    expect(await findCommunitiesOffThread(network(), { seed: 3 })).toEqual(findCommunities(network(), { seed: 3 }));
  });

  it('refuses a network that needs more memory than a thread is given with a 503, and the next one is answered', async () => {
    // The default limits are what the largest network under the bounds needs; a third of them is too little for it.
    configureNetworkWork({
      concurrency: 1,
      queue: 0,
      timeoutMs: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    const refused = await findCommunitiesOffThread(heavyNetwork(1_900, 80)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkOutOfMemoryError);
    // What the client gets: the catalogue's 503 for analyses the service has no room for, saying how to ask for less.
    expect(offThreadError(refused, 'Finding the communities')).toMatchObject({
      message: expect.stringMatching(/^Finding the communities needed more memory .* ask about a smaller area/),
      extensions: { code: 'ANALYTICS_BUSY', argument: 'area', http: { status: 503 } },
    });
    expect(await findCommunitiesOffThread(network(), { seed: 3 })).toEqual(findCommunities(network(), { seed: 3 }));
  });
});
