// The import report as the admin routes send it (the shared contract with the console and the command line).
import type { ImportConflict, ImportReport as ImportReportJson } from '../../../contract/queries/admin.js';
import type { ImportReport } from '../../database/import/importer.js';
import { conflictId } from '../../database/import/plan.js';

/** The contract's report, which this route builds: declared once, for the console and the command line too. */
export type { ImportReportJson };
export type ConflictJson = ImportConflict;

export function reportJson(report: ImportReport): ImportReportJson {
  return {
    dryRun: report.dryRun,
    durationMs: report.durationMs,
    preferFile: report.preferFile,
    nodes: report.nodes as ImportReportJson['nodes'],
    relationships: report.relationships as ImportReportJson['relationships'],
    conflicts: report.conflicts.map((c) => ({
      id: conflictId(c),
      file: c.origin.file,
      ...(c.origin.row === undefined ? {} : { row: c.origin.row }),
      record: report.conflictRecords[c.record]!.node,
      field: c.field,
      ...(report.conflictRecords[c.record]?.link === undefined ? {} : { link: report.conflictRecords[c.record]!.link }),
      adminValue: c.adminValue,
      fileValue: c.fileValue,
      resolution: c.applied ? 'took-file' : 'kept-admin',
    })),
    skippedLinks: report.skippedLinks.map((s) => ({
      link: s.link,
      missing: s.missing,
      file: s.origin.file,
      ...(s.origin.row === undefined ? {} : { row: s.origin.row }),
    })),
    problems: [],
    warnings: report.warnings ?? [],
    mergeCandidates: report.mergeCandidates.map((m) => ({
      file: m.origin.file,
      ...(m.origin.row === undefined ? {} : { row: m.origin.row }),
      record: m.record,
      identifier: m.identifier,
      value: m.value,
      existing: m.existing,
      existingIn: m.existingIn,
      withheld: m.withheld,
      message: m.message,
    })),
  };
}
