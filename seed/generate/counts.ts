// Counts a generated batch per label and per relationship type, for the generator's report.
import type { Label, Rel } from '../../schema/graph.js';
import type { GraphBatch } from '../../schema/records.js';

export interface RecordCounts {
  nodes: Partial<Record<Label, number>>;
  relationships: Partial<Record<Rel, number>>;
}

export function countRecords(batch: GraphBatch): RecordCounts {
  const counts: RecordCounts = { nodes: {}, relationships: {} };
  for (const node of batch.nodes) counts.nodes[node.label] = (counts.nodes[node.label] ?? 0) + 1;
  for (const rel of batch.relationships) counts.relationships[rel.type] = (counts.relationships[rel.type] ?? 0) + 1;
  return counts;
}
