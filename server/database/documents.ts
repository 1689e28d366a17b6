// Reading a source document's passages: the records whose DOCUMENTED_IN links quote it and the links that quote it,
// in one round trip for every document a request asks about.
import { Label, Rel } from '../../schema/graph.js';
import type { Database } from './database.js';
import { type GraphNode, toGraphNode } from './nodes.js';

/** A record held by passages of a document: the node, and where those passages are. */
export interface QuotedRecord {
  node: GraphNode;
  quotes: string[];
  lines: number[];
  starts: number[];
  ends: number[];
}

/** A link a document states: its type and ends, and its passage's properties (quote, line, start, end, inferred). */
export interface QuotedLink {
  type: string;
  from: GraphNode;
  to: GraphNode;
  properties: Record<string, unknown>;
}

export interface DocumentQuotations {
  records: QuotedRecord[];
  links: QuotedLink[];
}

type Raw = { labels: string[]; props: Record<string, unknown> };
const node = (raw: Raw) => toGraphNode(raw.labels, raw.props);

/**
 * The quotations of each document, by document id, in the order asked; a document without any has empty lists.
 * Retired records and links to them are left out, as from every list. Links are found from the document's own records
 * (a link's passage names its document by key), so the work grows with the document, not with the graph.
 */
export async function documentQuotations(db: Database, ids: readonly string[]): Promise<DocumentQuotations[]> {
  const result = await db.run(
    `UNWIND $ids AS id
     MATCH (d:${Label.SourceDocument} {id: id})
     CALL (d) {
       MATCH (r)-[p:${Rel.DOCUMENTED_IN}]->(d)
       WHERE p.starts IS NOT NULL AND coalesce(r.retired, false) = false
       RETURN collect({labels: labels(r), props: properties(r), quotes: p.quotes, lines: p.lines, starts: p.starts,
                       ends: p.ends}) AS records
     }
     CALL (d) {
       MATCH (a)-[:${Rel.DOCUMENTED_IN}]->(d)
       MATCH (a)-[l]-(b)
       WHERE l.document = d.key AND coalesce(b.retired, false) = false AND coalesce(a.retired, false) = false
       WITH DISTINCT l
       WITH l, startNode(l) AS s, endNode(l) AS e
       RETURN collect({type: type(l), props: properties(l), from: {labels: labels(s), props: properties(s)},
                       to: {labels: labels(e), props: properties(e)}}) AS links
     }
     RETURN id, records, links`,
    { ids },
  );
  const found = new Map<string, DocumentQuotations>();
  for (const r of result.records) {
    const records = (r.get('records') as (Raw & Omit<QuotedRecord, 'node'>)[]).map((x) => ({
      node: node(x),
      quotes: x.quotes,
      lines: x.lines,
      starts: x.starts,
      ends: x.ends,
    }));
    const links = (r.get('links') as { type: string; props: Record<string, unknown>; from: Raw; to: Raw }[]).map(
      (x) => ({ type: x.type, from: node(x.from), to: node(x.to), properties: x.props }),
    );
    found.set(r.get('id') as string, { records, links });
  }
  return ids.map((id) => found.get(id) ?? { records: [], links: [] });
}
