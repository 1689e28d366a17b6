// An import's entries in the audit trail: one for the import itself, and one per existing record it corrected.
import { changeEntry, recordChanges, type ChangeEntry } from '../write/audit.js';
import type { Writer } from '../write/statement.js';
import { chunks } from './batches.js';
import type { ImportOptions } from './options.js';
import { changesAnything, type Plan } from './plan.js';

/** Who the audit trail names when the caller names nobody. */
const DEFAULT_ACTOR = 'importer';

/**
 * The audit trail records every import that changed something, in the same transaction as the change (a bulk load:
 * its last one): one entry per existing record it corrected, with before and after, and one for the import (who,
 * which files, counts, and `extra`).
 */
export async function writeImportAudit(
  writer: Writer,
  plan: Plan,
  options: ImportOptions,
  extra: Record<string, unknown>,
): Promise<void> {
  const actor = options.actor ?? DEFAULT_ACTOR;
  const entries: ChangeEntry[] = plan.corrections.map(({ nodeId, before, after }) =>
    changeEntry(nodeId, actor, 'IMPORT', before, after),
  );
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
  for (const part of chunks(entries)) await writer.run(recordChanges(part));
}
