// What of a partnership network a GraphQL query reads, so that Neo4j sends only that (server/database/network.ts).
import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { type NetworkProjection, WHOLE_NETWORK } from '../database/network.js';

/**
 * What of the network a query reads: the fields selected under nodes and edges (inline fragments included). Anything
 * less plain (a named fragment, a directive) reads the whole network, as before.
 */
export function projectionOf(info: GraphQLResolveInfo): NetworkProjection {
  const asked = { nodes: new Set<string>(), edges: new Set<string>() };
  const walk = (selections: readonly SelectionNode[], into?: Set<string>): boolean =>
    selections.every((selection) => {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet.selections, into);
      if (selection.kind !== Kind.FIELD) return false;
      const name = selection.name.value;
      if (into) return into.add(name);
      if (name !== 'nodes' && name !== 'edges') return true;
      return walk(selection.selectionSet?.selections ?? [], asked[name]);
    });
  if (!info.fieldNodes.every((field) => walk(field.selectionSet?.selections ?? []))) return WHOLE_NETWORK;
  const { nodes, edges } = asked;
  return {
    key: nodes.has('key'),
    kind: nodes.has('organisationKind'),
    demo: nodes.has('demo'),
    edgeType: edges.has('type'),
    role: edges.has('role'),
    inference: edges.has('inferred') || edges.has('inference'),
  };
}
