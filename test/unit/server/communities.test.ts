// Communities: the same seed partitions the same network the same way, whatever order it arrives in; brokers bridge; too large is refused.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../schema/random.js';
import {
  findCommunities,
  ProjectionTooLargeError,
  projectOrganisations,
} from '../../../server/database/communities.js';
import type { Network, NetworkEdge, NetworkNode } from '../../../server/database/network.js';

const org = (id: string): NetworkNode => ({ id, key: id, name: id, type: 'ORGANISATION', demo: false });
const programme = (id: string): NetworkNode => ({ id, key: id, name: id, type: 'PROGRAMME', demo: false });
const partner = (o: string, p: string): NetworkEdge => ({ source: o, target: p, type: 'PARTNER_IN' });

/** Two programmes of five partners each, and a bridge organisation that takes part in both. */
function twoGroups(): Network {
  const a = ['a1', 'a2', 'a3', 'a4', 'a5'];
  const b = ['b1', 'b2', 'b3', 'b4', 'b5'];
  return {
    nodes: [...a, ...b, 'bridge']
      .map(org)
      .concat([programme('pa'), programme('pb'), programme('pa2'), programme('pb2')]),
    edges: [
      ...a.map((o) => partner(o, 'pa')),
      ...a.slice(0, 3).map((o) => partner(o, 'pa2')),
      ...b.map((o) => partner(o, 'pb')),
      ...b.slice(0, 3).map((o) => partner(o, 'pb2')),
      partner('bridge', 'pa'),
      partner('bridge', 'pb'),
    ],
  };
}

/** The same network with its nodes and edges in another order, as Neo4j may return them. */
function shuffled(network: Network, seed: number): Network {
  const random = mulberry32(seed);
  const shuffle = <T>(items: T[]) =>
    items
      .map((item) => ({ item, at: random() }))
      .sort((x, y) => x.at - y.at)
      .map(({ item }) => item);
  return { nodes: shuffle([...network.nodes]), edges: shuffle([...network.edges]) };
}

const membership = (result: ReturnType<typeof findCommunities>) =>
  result.communities.map((c) => c.members.map((m) => m.id));

describe('communities', () => {
  it('finds the two groups, each with the bridge as broker to the other, with a clear modularity', () => {
    const result = findCommunities(twoGroups());
    expect(result.organisations).toBe(11);
    expect(result.communities).toHaveLength(2);
    expect(result.modularity).toBeGreaterThan(0.3);
    const groups = membership(result).map((ids) => ids.filter((id) => id !== 'bridge').map((id) => id[0]));
    expect(groups.map((g) => new Set(g).size)).toEqual([1, 1]); // no community mixes a's and b's
    const brokers = result.communities.flatMap((c) => c.brokers.map((b) => b.node.id));
    expect(brokers).toContain('bridge');
    const bridge = result.communities.flatMap((c) => c.brokers).find((b) => b.node.id === 'bridge');
    expect(bridge?.otherCommunities).toBe(1);
    expect(bridge?.betweenness).toBeGreaterThan(0);
  });

  it('gives the same answer for the same seed whatever order the network arrives in', () => {
    const expected = findCommunities(twoGroups(), { seed: 42 });
    for (const order of [1, 2, 3, 4, 5])
      expect(findCommunities(shuffled(twoGroups(), order), { seed: 42 })).toEqual(expected);
  });

  it('weights a pair by the programmes its two share', () => {
    const projection = projectOrganisations(twoGroups());
    expect(projection.getEdgeAttribute('a1', 'a2', 'weight')).toBe(2); // pa and pa2
    expect(projection.getEdgeAttribute('a4', 'a5', 'weight')).toBe(1);
    expect(projection.hasEdge('a1', 'b1')).toBe(false);
  });

  it('refuses a projection over its budget before building it', () => {
    expect(() => findCommunities(twoGroups(), { maxLinks: 10 })).toThrow(ProjectionTooLargeError);
    expect(() => findCommunities(twoGroups(), { maxLinks: 10 })).toThrow(
      /36 pairs of organisations sharing a programme \(counted per programme\), more than the 10/,
    );
  });
});
