// The import report as the admin routes send it (the shared contract with the console and the command line).
import type { ImportProblem, ImportWarning } from '../../../schema/records.js';
import type { Counts, ImportReport } from '../../database/import/importer.js';
import { conflictId } from '../../database/import/plan.js';

/** One value (or removed link) an admin corrected by hand that the files would change, and what the import did. */
export interface ConflictJson {
  /** Send it back as a `preferFile` field to take the file's value for this conflict alone. */
  id: string;
  file: string;
  row?: number;
  record: { id: string; label: string; key: string; name?: string };
  /** The property, or the link's type where the admin removed the link. */
  field?: string;
  /** For a link's property or a removed link: the link, as `Label/key TYPE Label/key`. */
  link?: string;
  adminValue: unknown;
  fileValue: unknown;
  resolution: 'kept-admin' | 'took-file';
}

export interface ImportReportJson {
  dryRun: boolean;
  durationMs: number;
  /** Whether the file's values were taken over every admin's correction (preferFile=all). */
  preferFile: boolean;
  nodes: Record<string, Counts>;
  relationships: Record<string, Counts>;
  conflicts: ConflictJson[];
  skippedLinks: { link: string; missing: string; file: string; row?: number }[];
  /** Always empty in a 200: an import with problems is refused whole, with them, as a 400. */
  problems: ImportProblem[];
  /** What the readers normalised rather than refused, each with its file, row, record and field: empty when nothing. */
  warnings: ImportWarning[];
}

export function reportJson(report: ImportReport): ImportReportJson {
  return {
    dryRun: report.dryRun,
    durationMs: report.durationMs,
    preferFile: report.preferFile,
    nodes: report.nodes as Record<string, Counts>,
    relationships: report.relationships as Record<string, Counts>,
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
  };
}
