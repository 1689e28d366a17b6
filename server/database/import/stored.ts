// What the database holds already, asked in few statements: populated labels, nodes by key, links between nodes.
import type { ManagedTransaction, Transaction } from 'neo4j-driver';
import type { Label, Rel } from '../../../schema/graph.js';
import { chunks } from './batches.js';

export type Tx = Transaction | ManagedTransaction;

// Labels and relationship types cannot be Cypher parameters except in CREATE, which takes them dynamically since
// Neo4j 5.26. Every one interpolated here and by the writers has been checked against the closed lists in
// schema/graph.ts by validateBatch, so interpolating them is safe; all values are parameters.

/**
 * An index hint for looking a node up by key. Plans are cached, and one made while a label was still empty (a first
 * import's checks) may scan the label instead, which turns a re-import of thousands of rows quadratic.
 */
const byKey = (variable: string, label: Label) => `USING INDEX ${variable}:\`${label}\`(key)`;

/**
 * The two ends of each row's link, found by the element ids this import read or created: a direct lookup, where a
 * key would be an index seek per end, and one statement shape for every pair of labels.
 */
export const ENDS =
  'UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.from MATCH (b) WHERE elementId(b) = row.to ';

export interface StoredNode {
  elementId: string;
  props: Record<string, unknown>;
}

/** The labels among these that hold at least one node, from Neo4j's counts (one statement, no scan). */
export async function populatedLabels(tx: Tx, labels: readonly Label[]): Promise<Set<Label>> {
  if (labels.length === 0) return new Set();
  const result = await tx.run(
    `RETURN [${labels.map((label) => `COUNT { (:\`${label}\`) } > 0`).join(', ')}] AS populated`,
  );
  const populated = result.records[0]!.get('populated') as boolean[];
  return new Set(labels.filter((_, i) => populated[i]));
}

export async function existingNodes(tx: Tx, label: Label, keys: readonly string[]): Promise<Map<string, StoredNode>> {
  const found = new Map<string, StoredNode>();
  for (const part of chunks(keys)) {
    const result = await tx.run(
      `UNWIND $keys AS key MATCH (n:\`${label}\` {key: key}) ${byKey('n', label)} RETURN n.key AS key, elementId(n) AS elementId, properties(n) AS props`,
      { keys: part },
    );
    for (const record of result.records)
      found.set(record.get('key') as string, {
        elementId: record.get('elementId') as string,
        props: record.get('props') as Record<string, unknown>,
      });
  }
  return found;
}

/** The links of one type that exist between nodes that both exist, by the rows' `ref`. */
export async function existingRelationships(
  tx: Tx,
  type: Rel,
  rows: readonly { from: string; to: string; ref: string }[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const part of chunks(rows)) {
    // Both ends first, then the link between them: Neo4j checks it from the end with fewer links (Expand(Into)),
    // where a single pattern may walk every link of a dense node (a source document's thousands) for each row.
    const result = await tx.run(`${ENDS}MATCH (a)-[r:\`${type}\`]->(b) RETURN row.ref AS ref, properties(r) AS props`, {
      rows: part,
    });
    for (const record of result.records)
      found.set(record.get('ref') as string, record.get('props') as Record<string, unknown>);
  }
  return found;
}

/** Nodes of `label` whose own id (an Open Referral UK id) belongs to another key already: the rows' key and id, and the other key. */
export async function clashingIds(
  tx: Tx,
  label: Label,
  rows: readonly { key: string; id: string | undefined }[],
): Promise<{ key: string; id: string; other: string }[]> {
  const result = await tx.run(
    `UNWIND $rows AS row MATCH (x:\`${label}\` {id: row.id}) WHERE x.key <> row.key RETURN row.key AS key, row.id AS id, x.key AS other`,
    { rows },
  );
  return result.records.map((record) => ({
    key: record.get('key') as string,
    id: record.get('id') as string,
    other: record.get('other') as string,
  }));
}
