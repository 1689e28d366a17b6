// Communities of the partnership network (Louvain, seeded so an answer is the same each time) and the brokers between them.
import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';
import { mulberry32 } from '../../schema/random.js';
import { MAX_RANKED_MEMBERS, type Network, type NetworkNode, toGraphology } from './network.js';

// Both ship CommonJS with a default export typed for bundlers; require gives the function itself.
const louvain = createRequire(import.meta.url)(
  'graphology-communities-louvain',
) as typeof import('graphology-communities-louvain')['default'];
const betweennessCentrality = createRequire(import.meta.url)('graphology-metrics/centrality/betweenness') as (
  graph: UndirectedGraph,
  options?: { normalized?: boolean },
) => Record<string, number>;

/**
 * The most organisation pairs the projection may hold. A programme of k partners gives k(k-1)/2 pairs, so one
 * programme of 1,000 partners alone is half a million: Louvain and the graph would hold the event loop for seconds.
 */
export const MAX_PROJECTED_LINKS = 200_000;

/**
 * The most organisations and programmes one request partitions: the brokers' betweenness costs what mostConnected's
 * does (members × links on the event loop), so the bound is the same one (Louvain itself took 0.1 s at 1,908).
 */
export const MAX_COMMUNITY_MEMBERS = MAX_RANKED_MEMBERS;

/** The most brokers a community names: the few that bridge it most. */
export const MAX_BROKERS = 5;

export interface Broker {
  node: NetworkNode;
  /** Normalised betweenness in the organisation–programme network, as mostConnected ranks it. */
  betweenness: number;
  /** How many other communities it shares a programme with. */
  otherCommunities: number;
}

export interface Community {
  /** Numbered from 1, largest community first, ties by the first member's name. */
  number: number;
  size: number;
  /** Members by name. */
  members: NetworkNode[];
  /** Weight of the links within it: shared programmes between its members. */
  internalWeight: number;
  brokers: Broker[];
}

export interface Communities {
  modularity: number;
  organisations: number;
  /** Organisation pairs sharing at least one programme. */
  links: number;
  resolution: number;
  seed: number;
  communities: Community[];
}

/** A projection of the network too large to partition within one request. */
export class ProjectionTooLargeError extends Error {
  constructor(
    readonly links: number,
    readonly max: number,
  ) {
    super(
      `The network has ${links} pairs of organisations sharing a programme (counted per programme), more than the ${max} one request may partition.`,
    );
  }
}

/**
 * The organisations-only projection: two organisations are linked when they take part in a programme together,
 * weighted by how many programmes they share. Programmes within programmes do not link their partners (a London
 * partner and a North West London partner under the national MECC programme never work together by that alone).
 * Nodes and links are added in id order, so the graph, and with a seed the partition, do not depend on Neo4j's order.
 */
export function projectOrganisations(network: Network, maxLinks = MAX_PROJECTED_LINKS): UndirectedGraph {
  const partnersOf = new Map<string, Set<string>>();
  const organisations = new Map(network.nodes.filter((n) => n.type === 'ORGANISATION').map((n) => [n.id, n]));
  for (const edge of network.edges) {
    if (edge.type !== 'PARTNER_IN' || !organisations.has(edge.source)) continue;
    const partners = partnersOf.get(edge.target) ?? new Set<string>();
    partners.add(edge.source);
    partnersOf.set(edge.target, partners);
  }
  // Counted before anything is built, so an oversized network is refused in microseconds.
  let pairs = 0;
  for (const partners of partnersOf.values()) pairs += (partners.size * (partners.size - 1)) / 2;
  if (pairs > maxLinks) throw new ProjectionTooLargeError(pairs, maxLinks);
  const graph = new UndirectedGraph();
  for (const id of [...organisations.keys()].sort()) graph.addNode(id, organisations.get(id));
  for (const programme of [...partnersOf.keys()].sort()) {
    const partners = [...partnersOf.get(programme)!].sort();
    for (let i = 0; i < partners.length; i++)
      for (let j = i + 1; j < partners.length; j++)
        graph.updateUndirectedEdge(partners[i]!, partners[j]!, (a) => ({ weight: ((a.weight as number) ?? 0) + 1 }));
  }
  return graph;
}

/**
 * The communities of a partnership network by Louvain on the weighted projection (resolution 1 is standard
 * modularity; higher finds smaller communities). Brokers are each community's members with the highest betweenness
 * in the organisation–programme network (the measure mostConnected ranks by) among those that share a programme
 * with another community: the organisations through which separate groups reach each other.
 */
export function findCommunities(
  network: Network,
  options: { resolution?: number; seed?: number; maxLinks?: number } = {},
): Communities {
  const resolution = options.resolution ?? 1;
  const seed = options.seed ?? 1;
  // In id order, so that sums in betweenness add in the same order too: Neo4j's order is not stable between runs.
  network = {
    nodes: [...network.nodes].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...network.edges].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
  };
  const projection = projectOrganisations(network, options.maxLinks);
  // Seeded: Louvain visits nodes and breaks ties at random, and Math.random would answer differently every request.
  const detailed =
    projection.size > 0
      ? louvain.detailed(projection, { getEdgeWeight: 'weight', resolution, rng: mulberry32(seed) })
      : null;
  // An organisation with no partner is a community of its own; Louvain numbers it too.
  const assignment = detailed?.communities ?? Object.fromEntries(projection.nodes().map((id, i) => [id, i]));
  const bipartite = toGraphology(network);
  const betweenness = bipartite.order > 2 ? betweennessCentrality(bipartite, { normalized: true }) : {};

  const groups = new Map<number, string[]>();
  for (const id of projection.nodes()) {
    const group = assignment[id]!;
    groups.set(group, [...(groups.get(group) ?? []), id]);
  }
  const node = (id: string) => projection.getNodeAttributes(id) as NetworkNode;
  const byName = (a: string, b: string) => node(a).name.localeCompare(node(b).name) || a.localeCompare(b);
  const ordered = [...groups.values()]
    .map((ids) => ids.sort(byName))
    .sort((a, b) => b.length - a.length || byName(a[0]!, b[0]!));

  const communities = ordered.map((ids, i) => {
    const own = assignment[ids[0]!]!;
    let internalWeight = 0;
    const brokers: Broker[] = [];
    for (const id of ids) {
      const others = new Set<number>();
      projection.forEachNeighbor(id, (neighbour) => {
        const group = assignment[neighbour]!;
        if (group !== own) others.add(group);
        else if (id < neighbour) internalWeight += projection.getEdgeAttribute(id, neighbour, 'weight') as number;
      });
      if (others.size > 0)
        brokers.push({ node: node(id), betweenness: betweenness[id] ?? 0, otherCommunities: others.size });
    }
    brokers.sort(
      (a, b) =>
        b.betweenness - a.betweenness ||
        b.otherCommunities - a.otherCommunities ||
        a.node.name.localeCompare(b.node.name),
    );
    return {
      number: i + 1,
      size: ids.length,
      members: ids.map(node),
      internalWeight,
      brokers: brokers.slice(0, MAX_BROKERS),
    };
  });
  return {
    modularity: detailed?.modularity ?? 0,
    organisations: projection.order,
    links: projection.size,
    resolution,
    seed,
    communities,
  };
}
