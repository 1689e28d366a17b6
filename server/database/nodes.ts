// Reading nodes: by id or key, and lists with stable ordering. The one place for the Cypher of plain lookups.
import neo4j from 'neo4j-driver';
import { Label, LABELS, Rel } from '../../schema/graph.js';
import { MIGRATION_LABEL } from '../../schema/migrations.js';
import type { Database } from './database.js';

/** A node as resolvers see it: its properties, plus the label it has. */
export type GraphNode = Record<string, unknown> & { __label: Label; id: string; key: string };

export function toGraphNode(labels: readonly string[], properties: Record<string, unknown>): GraphNode {
  const label = labels.find((l) => LABELS.includes(l as Label)) as Label;
  return {
    ...properties,
    demo: properties.demo === true,
    retired: properties.retired === true,
    // Records loaded before versions existed count as version 1.
    version: typeof properties.version === 'number' ? properties.version : 1,
    __label: label,
  } as unknown as GraphNode;
}

/** Loads many nodes of any label by id in one round trip; the answer is in the order asked, null where absent. */
export async function nodesById(db: Database, ids: readonly string[]): Promise<(GraphNode | null)[]> {
  const result = await db.run(
    // Every label has a unique id constraint, so each branch is an index seek.
    `UNWIND $ids AS id
     CALL (id) { ${LABELS.map((l) => `MATCH (n:\`${l}\` {id: id}) RETURN n`).join(' UNION ')} }
     RETURN id, labels(n) AS labels, properties(n) AS props`,
    { ids },
  );
  const found = new Map(
    result.records.map((r) => [
      r.get('id') as string,
      toGraphNode(r.get('labels') as string[], r.get('props') as Record<string, unknown>),
    ]),
  );
  return ids.map((id) => found.get(id) ?? null);
}

export async function nodeByKey(db: Database, label: Label, key: string): Promise<GraphNode | null> {
  const result = await db.run(`MATCH (n:\`${label}\` {key: $key}) RETURN labels(n) AS labels, properties(n) AS props`, {
    key,
  });
  const record = result.records[0];
  return record ? toGraphNode(record.get('labels') as string[], record.get('props') as Record<string, unknown>) : null;
}

export interface ListFilter {
  /** Property equality filters; property names come from the schema, never from a client. */
  equals?: Record<string, string | undefined>;
  /** Keep only nodes linked, through AREA_PART_OF*0.., to this area (for areas within a footprint). */
  withinArea?: string;
}

/** The WHERE conditions and parameters of a list's filter; names come from the schema, values are parameters. */
function listConditions(filter: ListFilter): { where: string; params: Record<string, unknown> } {
  // Retired records stay in the graph (retiring is reversible) but leave every list.
  const conditions: string[] = ['coalesce(n.retired, false) = false'];
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(filter.equals ?? {})) {
    if (value === undefined) continue;
    conditions.push(`n.\`${name}\` = $${name}`);
    params[name] = value;
  }
  if (filter.withinArea) {
    conditions.push(`EXISTS { (n)-[:${Rel.AREA_PART_OF}*1..3]->(:${Label.Area} {id: $withinArea}) }`);
    params.withinArea = filter.withinArea;
  }
  return { where: conditions.join(' AND '), params };
}

/**
 * One page of a label's nodes, ordered by name then id, in one round trip. Neo4j sorts and cuts the page (a top-k
 * sort, never the whole label in memory) and reads the properties of the page alone; one node past the page says
 * whether there is more. The total is countNodes', asked only when a client wants it.
 */
export async function listNodes(
  db: Database,
  label: Label,
  filter: ListFilter,
  offset: number,
  limit: number,
): Promise<{ nodes: GraphNode[]; hasMore: boolean }> {
  const { where, params } = listConditions(filter);
  const result = await db.run(
    `MATCH (n:\`${label}\`) WHERE ${where}
     WITH n ORDER BY toLower(coalesce(n.name, n.title, n.key)), n.id
     SKIP $offset LIMIT $limit
     RETURN labels(n) AS labels, properties(n) AS props`,
    // Integers, not JavaScript numbers: the driver would send those as floats, which SKIP and LIMIT refuse.
    { ...params, offset: neo4j.int(offset), limit: neo4j.int(limit + 1) },
  );
  const nodes = result.records.map((r) =>
    toGraphNode(r.get('labels') as string[], r.get('props') as Record<string, unknown>),
  );
  return { nodes: nodes.slice(0, limit), hasMore: nodes.length > limit };
}

/** How many nodes a list has in all: a count, which reads no properties but the filter's. */
export async function countNodes(db: Database, label: Label, filter: ListFilter): Promise<number> {
  const { where, params } = listConditions(filter);
  const result = await db.run(`MATCH (n:\`${label}\`) WHERE ${where} RETURN count(n) AS total`, params);
  return Number(result.records[0]?.get('total') ?? 0);
}

/** True when the database holds no records of the graph (only the migrations' bookkeeping): a first start. */
export async function holdsNoGraph(db: Database): Promise<boolean> {
  const result = await db.run(`MATCH (n) WHERE NOT n:${MIGRATION_LABEL} RETURN n LIMIT 1`);
  return result.records.length === 0;
}
