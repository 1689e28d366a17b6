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

/** The names one step along a link binds in Cypher: distinct per step, since a nested subquery may not reuse them. */
export interface LinkVariables {
  parent: string;
  node: string;
  rel: string;
  /** The node a `via` link starts from (the parent itself, or what it is part of). */
  via: string;
  group: string;
}

const STEP: LinkVariables = { parent: 'p', node: 'n', rel: 'r', via: 'm', group: 'group' };

/**
 * With the parent bound (or matched by `parentPattern`), its live linked nodes along a spec, ordered by position, then
 * name, and cut to `limit`: the one text of a link's order and cut, shared by the loaders' batched query and the
 * statements that read links with their parent (server/database/prefetch.ts), so both give the same list.
 */
export function followLink(spec: LinkSpec, v: LinkVariables, limit: string, parentPattern = `(${v.parent})`): string {
  const hops = spec.maxHops && spec.maxHops > 1 ? `*1..${Math.floor(spec.maxHops)}` : '';
  const arrow =
    spec.direction === 'out' ? `-[${v.rel}:\`${spec.rel}\`${hops}]->` : `<-[${v.rel}:\`${spec.rel}\`${hops}]-`;
  const labels = spec.to.map((l) => `${v.node}:\`${l}\``).join(' OR ');
  const start = spec.via ? `${parentPattern}-[:\`${spec.via}\`*0..1]->(${v.via})` : parentPattern;
  const n = v.node;
  return `MATCH ${start}${arrow}(${n}) WHERE (${labels}) AND coalesce(${n}.retired, false) = false
       WITH ${n}, ${v.rel}, ${spec.via ? `CASE WHEN ${v.via} = ${v.parent} THEN -1 ELSE coalesce(${v.via}.position, 1000000) END` : '0'} AS ${v.group}
       ORDER BY ${v.group}, coalesce(${n}.position, 1000000), toLower(coalesce(${n}.name, ${n}.title, ${n}.key)), ${n}.id
       LIMIT ${limit}`;
}

/** A linked relationship's properties as a Linked's `rel`: none for a chain of several hops. */
export function linkProperties(spec: LinkSpec, rel: string): string {
  return spec.maxHops && spec.maxHops > 1 ? '{}' : `properties(${rel})`;
}

/**
 * The Cypher that follows one spec from the parents in `$ids<index>`, one row per parent: index, id, linked nodes.
 * Each parent's nodes are ordered and cut to `$limit<index>` inside their own subquery, so only the nodes returned
 * have their properties read, and a parent with thousands of links costs a sort key per link, not a record.
 */
function linkBranch(spec: LinkSpec, index: number): string {
  return `UNWIND $ids${index} AS id
     CALL (id) {
       ${followLink(spec, STEP, `$limit${index}`, `(p:\`${spec.from}\` {id: id})`)}
       RETURN collect([labels(n), properties(n), ${linkProperties(spec, 'r')}]) AS linked
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
