// Every link of one record, both ways, grouped by relationship type: what the admin console lists so any link can be
// undone, including those no GraphQL field follows (a partnership's role) and those to retired records.
import neo4j from 'neo4j-driver';
import type { Label, Rel } from '../../schema/graph.js';
import type { Database } from './database.js';
import { toGraphNode, type GraphNode } from './nodes.js';

export interface RecordLinkGroup {
  type: Rel;
  /** `out`: the record starts these links; `in`: the other records do. */
  direction: 'out' | 'in';
  /** Every link of this type and direction, however many are returned. */
  totalCount: number;
  links: { other: GraphNode; properties: Record<string, unknown> }[];
}

export interface RecordLinksQuery {
  /** The record's own label, so the match is an index seek. */
  label: Label;
  id: string;
  /** The types that may start at the record, and those that may end at it (from the model). */
  outTypes: readonly Rel[];
  inTypes: readonly Rel[];
  /** Only links whose other end has one of these labels (the kinds the admin can open). */
  otherLabels: readonly Label[];
  /** At most this many links per type and direction, by the other record's name. */
  limit: number;
}

/**
 * One round trip for every type and both directions. Types and labels arrive as parameters, never spelt into the text;
 * only the record's own label is, from code. Retired records at the other end are included: an admin must see them.
 */
export async function recordLinks(db: Database, query: RecordLinksQuery): Promise<RecordLinkGroup[]> {
  const result = await db.run(
    `MATCH (n:\`${query.label}\` {id: $id})
     CALL (n) {
       MATCH (n)-[r]->(m) WHERE type(r) IN $outTypes AND any(l IN labels(m) WHERE l IN $otherLabels)
       RETURN 'out' AS direction, r, m
       UNION ALL
       MATCH (n)<-[r]-(m) WHERE type(r) IN $inTypes AND any(l IN labels(m) WHERE l IN $otherLabels)
       RETURN 'in' AS direction, r, m
     }
     WITH direction, type(r) AS type, r, m
     ORDER BY toLower(coalesce(m.name, m.title, m.key)), m.id
     WITH direction, type, count(*) AS total, collect([r, m])[0..$limit] AS kept
     RETURN direction, type, total, [x IN kept | [labels(x[1]), properties(x[1]), properties(x[0])]] AS links
     ORDER BY type, direction DESC`,
    {
      id: query.id,
      outTypes: [...query.outTypes],
      inTypes: [...query.inTypes],
      otherLabels: [...query.otherLabels],
      limit: neo4j.int(Math.max(0, Math.floor(query.limit))),
    },
  );
  return result.records.map((record) => ({
    type: record.get('type') as Rel,
    direction: record.get('direction') as 'out' | 'in',
    totalCount: Number(record.get('total')),
    links: (record.get('links') as [string[], Record<string, unknown>, Record<string, unknown>][]).map(
      ([labels, props, properties]) => ({ other: toGraphNode(labels, props), properties }),
    ),
  }));
}
