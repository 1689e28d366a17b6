// Per-request batching: the relationship fields GraphQL resolves together (every parent at one level of a query, every
// field) become one Cypher query.
import DataLoader from 'dataloader';
import type { Database } from './database.js';
import { type ActionPlanCounts, actionPlans, footprintsOf } from './network.js';
import { linkedNodesMany, MAX_LINKS, specKey, type LinkRequest, type LinkSpec, type Linked } from './links.js';
import { nodesById, type GraphNode } from './nodes.js';

export interface Loaders {
  node: DataLoader<string, GraphNode | null>;
  /**
   * A relationship field's linked nodes, at most `limit` per parent (MAX_LINKS if not given). `prime` gives the loader
   * links read already with their parent (server/database/prefetch.ts), so the field's resolver finds them without a
   * round trip of its own; what the loader holds already stays.
   */
  links(
    spec: LinkSpec,
    limit?: number,
  ): { load(parentId: string): Promise<Linked[]>; prime(parentId: string, linked: Linked[]): void };
  /** Footprint keys of network members, by id. */
  footprints: DataLoader<string, string[]>;
  /** Programmes' action plans counted in Cypher, by programme id. */
  actionPlan: DataLoader<string, ActionPlanCounts | null>;
}

interface LinkKey {
  spec: LinkSpec;
  id: string;
  limit: number;
}

/** Groups what one batch asks for by spec and limit: one request per relationship field, with all its parents. */
function bySpec(keys: readonly LinkKey[]): {
  requests: LinkRequest[];
  slots: [number, number][];
} {
  const index = new Map<string, number>();
  const requests: { spec: LinkSpec; parentIds: string[]; limit: number }[] = [];
  const slots = keys.map(({ spec, id, limit }): [number, number] => {
    const key = `${specKey(spec)}#${limit}`;
    let i = index.get(key);
    if (i === undefined) {
      i = requests.push({ spec, parentIds: [], limit }) - 1;
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
  const links = new DataLoader<LinkKey, Linked[], string>(
    async (keys) => {
      const { requests, slots } = bySpec(keys);
      const results = await linkedNodesMany(db, requests);
      return slots.map(([request, position]) => results[request]![position]!);
    },
    { cacheKeyFn: ({ spec, id, limit }) => `${specKey(spec)}#${limit}#${id}` },
  );
  return {
    node: byId,
    footprints: new DataLoader<string, string[]>((ids) => footprintsOf(db, ids)),
    actionPlan: new DataLoader<string, ActionPlanCounts | null>((ids) => actionPlans(db, ids)),
    links: (spec, limit = MAX_LINKS) => ({
      load: (id: string) => links.load({ spec, id, limit }),
      prime: (id: string, linked: Linked[]) => void links.prime({ spec, id, limit }, linked),
    }),
  };
}
