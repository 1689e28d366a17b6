// Per-request batching: the relationship fields GraphQL resolves together (every parent at one level of a query, every
// field) become one Cypher query.
import DataLoader from 'dataloader';
import type { Database } from './database.js';
import { footprintsOf } from './network.js';
import { linkedNodesMany, specKey, type LinkRequest, type LinkSpec, type Linked } from './links.js';
import { nodesById, type GraphNode } from './nodes.js';

export interface Loaders {
  node: DataLoader<string, GraphNode | null>;
  links(spec: LinkSpec): { load(parentId: string): Promise<Linked[]> };
  /** Footprint keys of network members, by id. */
  footprints: DataLoader<string, string[]>;
}

/** Groups what one batch asks for by spec: one request per relationship field, with all its parents. */
function bySpec(keys: readonly { spec: LinkSpec; id: string }[]): {
  requests: LinkRequest[];
  slots: [number, number][];
} {
  const index = new Map<string, number>();
  const requests: { spec: LinkSpec; parentIds: string[] }[] = [];
  const slots = keys.map(({ spec, id }): [number, number] => {
    const key = specKey(spec);
    let i = index.get(key);
    if (i === undefined) {
      i = requests.push({ spec, parentIds: [] }) - 1;
      index.set(key, i);
    }
    return [i, requests[i]!.parentIds.push(id) - 1];
  });
  return { requests, slots };
}

export function createLoaders(db: Database): Loaders {
  const byId = new DataLoader<string, GraphNode | null>((ids) => nodesById(db, ids));
  // One loader for every relationship field, so that the fields GraphQL resolves in the same tick (a page of services'
  // providers and topics) share one round trip rather than one each.
  const links = new DataLoader<{ spec: LinkSpec; id: string }, Linked[], string>(
    async (keys) => {
      const { requests, slots } = bySpec(keys);
      const results = await linkedNodesMany(db, requests);
      return slots.map(([request, position]) => results[request]![position]!);
    },
    { cacheKeyFn: ({ spec, id }) => `${specKey(spec)}#${id}` },
  );
  return {
    node: byId,
    footprints: new DataLoader<string, string[]>((ids) => footprintsOf(db, ids)),
    links: (spec) => ({ load: (id: string) => links.load({ spec, id }) }),
  };
}
