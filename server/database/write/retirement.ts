// Retiring and restoring records: what "retired" means in the graph, said once for an admin's edit and a harvest.
import type { Label } from '../../../schema/graph.js';
import { changeEntry, createChange } from './audit.js';
import { toGraphNode } from '../nodes.js';
import { editable } from './editable.js';
import type { Writer } from './statement.js';

/**
 * The SET items that retire `node` when the Cypher boolean `retired` is true and restore it when false: a retired
 * record keeps everything it holds (nothing is deleted) and says since when.
 */
export function retiredState(node: string, retired: string): string {
  return (
    `${node}.retired = CASE WHEN ${retired} THEN true ELSE null END, ` +
    `${node}.retiredAt = CASE WHEN ${retired} THEN toString(datetime()) ELSE null END`
  );
}

/**
 * Retires (or restores) the records of `label` with these ids in the writer's transaction, each with the audit entry an
 * admin's retire writes (its values before, so history and as-of can put it back), skipping those already so.
 * Returns the ids it changed, once the writer has run it.
 */
export async function setRetired(
  writer: Writer,
  label: Label,
  ids: readonly string[],
  retired: boolean,
  actor: string,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const changed: { id: string; before: Record<string, unknown> }[] = [];
  await writer.run({
    cypher: `UNWIND $ids AS id
     MATCH (n:\`${label}\` {id: id}) WHERE coalesce(n.retired, false) <> $retired
     WITH n, labels(n) AS labels, properties(n) AS before
     SET ${retiredState('n', '$retired')}, n.version = coalesce(n.version, 1) + 1, n.updatedAt = toString(datetime())
     RETURN n.id AS id, labels, before`,
    params: { ids, retired },
    rows: ids.length,
    onResult: (result) => {
      for (const record of result.records)
        changed.push({
          id: String(record.get('id')),
          before: toGraphNode(record.get('labels') as string[], record.get('before') as Record<string, unknown>),
        });
    },
  });
  await writer.drain();
  if (changed.length > 0)
    await writer.run({
      cypher: `UNWIND $changes AS change ${createChange('change')}`,
      params: {
        changes: changed.map(({ id, before }) =>
          changeEntry(id, actor, retired ? 'RETIRE' : 'RESTORE', editable(before), { retired }),
        ),
      },
      rows: changed.length,
    });
  return changed.map(({ id }) => id);
}
