// Per-request batching: every relationship field of every parent in one GraphQL level becomes one Cypher query.
import DataLoader from 'dataloader';
import type { Database } from '../neo4j/database.js';
import { footprintsOf } from './network.js';
import { linkedNodes, specKey, type LinkSpec, type Linked } from './links.js';
import { nodesById, type GraphNode } from './nodes.js';

export interface Loaders {
  node: DataLoader<string, GraphNode | null>;
  links(spec: LinkSpec): DataLoader<string, Linked[]>;
  /** Footprint keys of network members, by id. */
  footprints: DataLoader<string, string[]>;
}

export function createLoaders(db: Database): Loaders {
  const byId = new DataLoader<string, GraphNode | null>((ids) => nodesById(db, ids));
  const linkLoaders = new Map<string, DataLoader<string, Linked[]>>();
  return {
    node: byId,
    footprints: new DataLoader<string, string[]>((ids) => footprintsOf(db, ids)),
    links(spec) {
      const key = specKey(spec);
      let loader = linkLoaders.get(key);
      if (!loader) {
        loader = new DataLoader<string, Linked[]>((ids) => linkedNodes(db, spec, ids));
        linkLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
