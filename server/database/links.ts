// Following relationships for many parents at once: the Cypher behind every relationship field.
import type { LinkSpec } from '../../schema/model.js';
import type { Database } from './database.js';
import { toGraphNode, type GraphNode } from './nodes.js';

export type { LinkSpec };

export interface Linked {
  node: GraphNode;
  /** The relationship's properties (a partner's role, a lead's part); empty for multi-hop links. */
  rel: Record<string, unknown>;
}

export function specKey(spec: LinkSpec): string {
  return `${spec.from}|${spec.rel}|${spec.direction}|${spec.to.join(',')}|${spec.maxHops ?? 1}|${spec.via ?? ''}`;
}

/** A LinkSpec to follow from some parents. */
export interface LinkRequest {
  spec: LinkSpec;
  parentIds: readonly string[];
}

/** The Cypher that follows one spec from the parents in `$ids<index>`, one row per parent: index, id, linked nodes. */
function linkBranch(spec: LinkSpec, index: number): string {
  const hops = spec.maxHops && spec.maxHops > 1 ? `*1..${Math.floor(spec.maxHops)}` : '';
  const arrow = spec.direction === 'out' ? `-[r:\`${spec.rel}\`${hops}]->` : `<-[r:\`${spec.rel}\`${hops}]-`;
  const labels = spec.to.map((l) => `n:\`${l}\``).join(' OR ');
  const start = spec.via
    ? `(p:\`${spec.from}\` {id: id})-[:\`${spec.via}\`*0..1]->(m)`
    : `(p:\`${spec.from}\` {id: id})`;
  return `UNWIND $ids${index} AS id
     MATCH ${start}${arrow}(n) WHERE (${labels}) AND coalesce(n.retired, false) = false
     WITH id, n, ${hops ? '{}' : 'properties(r)'} AS rel, ${spec.via ? 'CASE WHEN m = p THEN -1 ELSE coalesce(m.position, 1000000) END' : '0'} AS group
     ORDER BY group, coalesce(n.position, 1000000), toLower(coalesce(n.name, n.title, n.key)), n.id
     RETURN ${index} AS request, id, collect([labels(n), properties(n), rel]) AS linked`;
}

/**
 * The linked nodes of every parent for every request, in one round trip whatever the number of parents and of
 * relationship fields: a directory page's providers and topics come together. Ordered by position, then name, so
 * lists read as their documents do. Labels and types come from LinkSpecs written in code, never clients.
 */
export async function linkedNodesMany(db: Database, requests: readonly LinkRequest[]): Promise<Linked[][][]> {
  const params: Record<string, unknown> = {};
  const branches = requests.map((request, i) => {
    params[`ids${i}`] = request.parentIds;
    return linkBranch(request.spec, i);
  });
  const result = await db.run(
    requests.length === 1
      ? branches[0]!
      : `CALL () {\n${branches.join('\n     UNION ALL\n')}\n}\nRETURN request, id, linked`,
    params,
  );
  const found = requests.map(() => new Map<string, Linked[]>());
  for (const record of result.records) {
    const linked = (record.get('linked') as [string[], Record<string, unknown>, Record<string, unknown>][]).map(
      ([l, props, rel]) => ({ node: toGraphNode(l, props), rel }),
    );
    found[record.get('request') as number]!.set(record.get('id') as string, linked);
  }
  return requests.map((request, i) => request.parentIds.map((id) => found[i]!.get(id) ?? []));
}

/** The linked nodes of every parent along one spec, in one round trip. */
export async function linkedNodes(db: Database, spec: LinkSpec, parentIds: readonly string[]): Promise<Linked[][]> {
  return (await linkedNodesMany(db, [{ spec, parentIds }]))[0]!;
}
