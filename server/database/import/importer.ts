// Imports a validated batch: one transaction (everything or nothing, idempotent), or a bulk load; with a per-label report.
import type { Session } from 'neo4j-driver';
import { ImportValidationError, type GraphBatch } from '../../../schema/records.js';
import { validateBatch } from '../../../schema/validate.js';
import type { Database } from '../database.js';
import { inTransaction, writeSession } from '../write/transaction.js';
import { writeImportAudit } from './audit.js';
import { bulkLoad } from './bulk.js';
import type { ImportOptions } from './options.js';
import { planImport } from './plan.js';
import { stopwatch, type ImportReport, type Phases } from './report.js';
import { writePlan } from './write-plan.js';

export { BulkLoadFailedError, BulkLoadRefusedError } from './bulk-errors.js';
export type { ImportOptions, ImportProgress } from './options.js';
export type { ConflictRecord, Counts, ImportConflict, ImportReport, ImportTimings, SkippedLink } from './report.js';

/**
 * Validates the batch, checks every link reaches a node in the import or the database, then writes what changed
 * in one transaction. On any problem nothing is written and an ImportValidationError lists every problem.
 *
 * With `bulk`, a batch that is all new is written in several transactions instead (see ImportOptions.bulk).
 */
export async function importBatch(db: Database, batch: GraphBatch, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const validated = validateBatch(batch);
  if (validated.problems.length > 0) throw new ImportValidationError(validated.problems);
  const validateMs = performance.now() - started;

  const session = writeSession(db);
  try {
    const { report, timings } = options.bulk
      ? await bulkLoad(db, session, validated, options)
      : await oneTransaction(session, validated, options);
    report.durationMs = Math.round(performance.now() - started);
    report.timings = { validateMs: Math.round(validateMs), ...timings };
    // What the readers normalised rather than refused travels with the report, so the admin sees it beside the counts.
    if (batch.warnings?.length) report.warnings = batch.warnings;
    return report;
  } finally {
    await session.close();
  }
}

/** Plans and writes the batch in one transaction, with its audit entries; a dry run plans, then rolls back. */
async function oneTransaction(
  session: Session,
  batch: GraphBatch,
  options: ImportOptions,
): Promise<{ report: ImportReport; timings: Phases }> {
  const clock = stopwatch();
  const dryRun = Boolean(options.dryRun);
  const { report, checkMs, writeMs } = await inTransaction(
    session,
    async (tx, writer) => {
      const plan = await planImport(tx, batch, dryRun, options.preferFile ?? false);
      const checkMs = clock();
      if (!dryRun) {
        await writePlan(writer, plan, options);
        await options.alongside?.(tx, writer);
        await writeImportAudit(writer, plan, options, {});
        await writer.drain();
      }
      return { report: plan.report, checkMs, writeMs: clock() };
    },
    !dryRun,
  );
  return { report, timings: { checkMs, writeMs, commitMs: clock() } };
}
