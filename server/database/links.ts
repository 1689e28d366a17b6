// Following relationships for many parents at once: the Cypher behind every relationship field.
import neo4j from 'neo4j-driver';
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

/**
 * The most linked nodes one parent gives along one relationship field, whatever a client asks: a topic's services or
 * a borough's run to thousands on an England-sized graph, and one request must not read them all.
 */
export const MAX_LINKS = 500;

/** A LinkSpec to follow from some parents, keeping at most `limit` linked nodes per parent. */
export interface LinkRequest {
  spec: LinkSpec;
  parentIds: readonly string[];
  limit: number;
}

/**
 * The Cypher that follows one spec from the parents in `$ids<index>`, one row per parent: index, id, linked nodes.
 * Each parent's nodes are ordered and cut to `$limit<index>` inside their own subquery, so only the nodes returned
 * have their properties read, and a parent with thousands of links costs a sort key per link, not a record.
 */
function linkBranch(spec: LinkSpec, index: number): string {
  const hops = spec.maxHops && spec.maxHops > 1 ? `*1..${Math.floor(spec.maxHops)}` : '';
  const arrow = spec.direction === 'out' ? `-[r:\`${spec.rel}\`${hops}]->` : `<-[r:\`${spec.rel}\`${hops}]-`;
  const labels = spec.to.map((l) => `n:\`${l}\``).join(' OR ');
  const start = spec.via
    ? `(p:\`${spec.from}\` {id: id})-[:\`${spec.via}\`*0..1]->(m)`
    : `(p:\`${spec.from}\` {id: id})`;
  return `UNWIND $ids${index} AS id
     CALL (id) {
       MATCH ${start}${arrow}(n) WHERE (${labels}) AND coalesce(n.retired, false) = false
       WITH n, r, ${spec.via ? 'CASE WHEN m = p THEN -1 ELSE coalesce(m.position, 1000000) END' : '0'} AS group
       ORDER BY group, coalesce(n.position, 1000000), toLower(coalesce(n.name, n.title, n.key)), n.id
       LIMIT $limit${index}
       RETURN collect([labels(n), properties(n), ${hops ? '{}' : 'properties(r)'}]) AS linked
     }
     RETURN ${index} AS request, id, linked`;
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
    // An integer, not a JavaScript number: the driver would send that as a float, which LIMIT refuses.
    params[`limit${i}`] = neo4j.int(Math.min(Math.max(Math.floor(request.limit), 0), MAX_LINKS));
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

/** The linked nodes of every parent along one spec (at most `limit` each), in one round trip. */
export async function linkedNodes(
  db: Database,
  spec: LinkSpec,
  parentIds: readonly string[],
  limit = MAX_LINKS,
): Promise<Linked[][]> {
  return (await linkedNodesMany(db, [{ spec, parentIds, limit }]))[0]!;
}
