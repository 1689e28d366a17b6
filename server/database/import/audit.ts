// An import's entries in the audit trail: the import itself, the records it created, and the records and links it changed.
import { nodeId } from '../../../schema/ids.js';
import type { NodeRef } from '../../../schema/records.js';
import { changeEntry, createdEntries, recordChanges, type ChangeEntry } from '../write/audit.js';
import type { Writer } from '../write/statement.js';
import { chunks } from './batches.js';
import type { ImportOptions } from './options.js';
import { changesAnything, type Plan } from './plan.js';

/** Who the audit trail names when the caller names nobody. */
const DEFAULT_ACTOR = 'importer';

/**
 * The audit trail records every import that changed something, in the same transaction as the change (a bulk load:
 * its last one):
 * - the records it created, by id, in at most 256 entries whatever its size (createdEntries), so that as-of sees them
 *   appear at the import's time. A link to a record it created needs no entry: it cannot be older than its end;
 * - one entry per existing record it corrected, with before and after;
 * - one per link it made or changed between records that existed already (LINK, or IMPORT with the properties'
 *   values before and after): there are few, each written by a MERGE that costs more than its entry;
 * - one for the import (who, which files, counts, and `extra`).
 */
export async function writeImportAudit(
  writer: Writer,
  plan: Plan,
  options: ImportOptions,
  extra: Record<string, unknown>,
): Promise<void> {
  const actor = options.actor ?? DEFAULT_ACTOR;
  const created = createdEntries(
    actor,
    plan.creates.map((n) => n.id ?? nodeId(n.label, n.key)),
  );
  const entries: ChangeEntry[] = [];
  for (const { nodeId: id, before, after } of plan.corrections)
    entries.push(changeEntry(id, actor, 'IMPORT', before, after));
  const idOf = (end: NodeRef) => String(plan.stored.get(end.label, end.key)?.props.id);
  for (const rel of plan.linkUpdates) {
    const link = { type: rel.type, to: idOf(rel.to) };
    entries.push(
      rel.before
        ? changeEntry(idOf(rel.from), actor, 'IMPORT', { ...link, ...rel.before }, { ...link, ...rel.properties })
        : changeEntry(idOf(rel.from), actor, 'LINK', null, { ...link, ...rel.properties }),
    );
  }
  if (changesAnything(plan)) {
    const { report } = plan;
    entries.push(
      changeEntry('import', actor, 'IMPORT', null, {
        sources: options.sources ?? [],
        nodes: report.nodes,
        relationships: report.relationships,
        // Whether the admins' corrections were kept or overridden is part of what the import did.
        conflicts: report.conflicts.length,
        preferFile: report.preferFile,
        ...extra,
      }),
    );
  }
  // A bucket holds up to a few thousand ids: sixteen a statement keep each statement's parameters under a megabyte.
  for (const part of chunks(created, 16)) await writer.run(recordChanges(part));
  for (const part of chunks(entries)) await writer.run(recordChanges(part));
}
