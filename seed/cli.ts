// `npm run seed -- [--dry-run] [files...]`: validates the files, then imports them in one transaction and reports.
import { parseArgs } from 'node:util';
import { OrganisationKind } from '../schema/graph.js';
import { loadConfig, localAdminTokenFile } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { migrate } from '../server/database/migrate.js';
import { openDatabase } from '../server/database/open.js';
import { formatProblem, formatWarning, type ImportProblem, ImportValidationError } from '../schema/records.js';
import {
  importBatch,
  type ConflictRecord,
  type Counts,
  type ImportConflict,
  type ImportReport,
} from '../server/database/import/importer.js';
import { ImportRunningError, withImportLease } from '../server/database/import/lease.js';
import type { ImportReportJson } from '../server/http/admin/report-json.js';
import { checkCoverage, formatCoverage, readLedgers, readSeedData, unledgeredRecords } from './coverage/coverage.js';
import { runCommand } from './run-command.js';
import {
  findService,
  IMPORT_WAIT_MS,
  sendImport,
  sentTo,
  ServiceError,
  serviceSettings,
  WORKING_DIRECTLY,
  type Service,
} from './service-client.js';
import { defaultSources, readSources, REFERENCE } from './sources.js';

const USAGE = `Usage: npm run seed -- [options] [files...]

Imports data files into the graph: native .yaml data files, NHS ODS extracts (.csv, 24 to 27 fields, no header),
ONS Postcode Directory .csv files, or "${REFERENCE}" for the bundled reference data. With no files, imports the
default seed: the reference data and every file in seed/data/. Everything is validated before anything is
written, and written in one transaction, so a bad file changes nothing. Importing twice changes nothing.

Options:
  --dry-run        report what would be created, updated or left unchanged, and write nothing
  --prefer-file    where an admin corrected a value or removed a link by hand, apply the file's instead (without
                   it, the admin's corrections are kept and each conflict is listed)
  --coverage       report how much of each seed document its coverage ledger accounts for (seed/coverage/), and
                   every line left unaccounted for; needs no database
  --kind KIND      organisation kind for an ODS file whose name does not say it (${OrganisationKind.join(', ')})
  --strict         refuse Open Referral UK files that deviate from the standard's schema at all, as its validator
                   does; without it, what can be read without guessing (a timestamp without a time zone, numbers
                   sent as text, HSDS 3.0 names, HTML) is normalised and each change listed as a warning
  --quiet          no progress lines
  -h, --help       this help

When a service is running (at HUB_URL, else http://localhost:PORT), the files are sent to it and imported there while
it keeps serving, authenticated by ADMIN_KEY (an admin API key), ADMIN_TOKEN, or the token a service on the embedded
default leaves in DATA_DIR. Otherwise works on the database directly: the Neo4j at NEO4J_URI if set, else the
embedded one under DATA_DIR. One import runs at a time; another waits for it.`;

function table(title: string, counts: Partial<Record<string, Counts>>): string {
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)) as [string, Counts][];
  const width = Math.max(title.length, ...rows.map(([name]) => name.length));
  const line = (name: string, c: Counts) =>
    `${name.padEnd(width)}  ${String(c.created).padStart(8)}  ${String(c.updated).padStart(8)}  ${String(c.unchanged).padStart(9)}`;
  const total = rows.reduce(
    (t, [, c]) => ({
      created: t.created + c.created,
      updated: t.updated + c.updated,
      unchanged: t.unchanged + c.unchanged,
    }),
    { created: 0, updated: 0, unchanged: 0 },
  );
  return [
    `${title.padEnd(width)}   created   updated  unchanged`,
    ...rows.map(([name, c]) => line(name, c)),
    line('total', total),
  ].join('\n');
}

export function formatReport(report: ImportReport): string {
  const parts = [
    report.dryRun
      ? 'Dry run: nothing was written. This import would make these changes:'
      : `Imported in ${(report.durationMs / 1000).toFixed(1)} s:`,
    table('nodes', report.nodes),
    table('relationships', report.relationships),
  ];
  if (report.skippedLinks.length > 0) {
    const shown = report.skippedLinks
      .slice(0, 10)
      .map((s) => `  ${s.origin.file} row ${s.origin.row ?? '?'}: ${s.link} (${s.missing} is not loaded)`);
    parts.push(
      `${report.skippedLinks.length} optional link(s) skipped because the other end is not loaded:\n${shown.join('\n')}${report.skippedLinks.length > 10 ? '\n  …' : ''}`,
    );
  }
  if (report.conflicts.length > 0) parts.push(formatConflicts(report.conflicts, report.preferFile));
  if (report.mergeCandidates.length > 0)
    parts.push(
      `${report.mergeCandidates.length} possible duplicate organisation(s), not merged (an admin decides):\n${report.mergeCandidates.map((m) => `  ${m.origin.file}${m.origin.row !== undefined ? ` row ${m.origin.row}` : ''}: ${m.message}`).join('\n')}`,
    );
  if (report.warnings?.length) {
    const shown = report.warnings.slice(0, 50).map((w) => `  ${formatWarning(w)}`);
    parts.push(
      `${report.warnings.length} warning(s): the files deviate from their standard and were read as follows (--strict refuses them instead):\n${shown.join('\n')}${report.warnings.length > 50 ? `\n  … and ${report.warnings.length - 50} more` : ''}`,
    );
  }
  return parts.join('\n\n');
}

const shown = (value: unknown) => (value === null ? '(none)' : JSON.stringify(value));

/** Each value an admin corrected by hand that the files would change, and what was done about it. */
function formatConflicts(conflicts: readonly ImportConflict[], preferFile: boolean): string {
  const lines = conflicts.map(
    (c) =>
      `  ${c.origin.file}${c.origin.row !== undefined ? ` row ${c.origin.row}` : ''}: ${c.record} ${c.field}: admin's ${shown(c.adminValue)}, file's ${shown(c.fileValue)}`,
  );
  return [
    preferFile
      ? `${conflicts.length} correction(s) an admin made by hand were replaced by the files' values (--prefer-file):`
      : `${conflicts.length} correction(s) an admin made by hand were kept, although the files differ. To apply the files' values instead, import again with --prefer-file:`,
    ...lines,
  ].join('\n');
}

/** The command line's options, or undefined (having said why, with the usage) when they cannot be read. */
function readArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        'prefer-file': { type: 'boolean' },
        coverage: { type: 'boolean' },
        kind: { type: 'string' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return undefined;
  }
}

async function main(): Promise<number> {
  const args = readArguments();
  if (!args) return 2;
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.values.coverage) {
    const batch = await readSeedData();
    const results = await checkCoverage(batch);
    const unledgered = unledgeredRecords(batch, await readLedgers());
    console.log(formatCoverage(results));
    if (unledgered.length > 0) console.log(`\nRecords no document passage holds:\n  ${unledgered.join('\n  ')}`);
    return results.some((r) => r.problems.length > 0) || unledgered.length > 0 ? 1 : 0;
  }
  const kind = args.values.kind;
  if (kind !== undefined && !(OrganisationKind as readonly string[]).includes(kind)) {
    console.error(`--kind ${kind} is not an organisation kind: use one of ${OrganisationKind.join(', ')}.`);
    return 2;
  }

  const config = loadConfig();
  const service = await findService(serviceSettings(process.env, config.port, localAdminTokenFile(config.dataDir)));
  if (service)
    return viaService(service, args.positionals, {
      dryRun: Boolean(args.values['dry-run']),
      preferFile: Boolean(args.values['prefer-file']),
      kind,
      strict: Boolean(args.values.strict),
    });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const files = args.positionals.length > 0 ? args.positionals : await defaultSources();
  const started = performance.now();
  const batch = await readSources(files, {
    ...(kind ? { odsKind: kind as OrganisationKind } : {}),
    strict: Boolean(args.values.strict),
  });
  const readMs = performance.now() - started;
  console.error(
    `Read ${files.length} file(s): ${batch.nodes.length} node records, ${batch.relationships.length} links in ${(readMs / 1000).toFixed(1)} s.`,
  );

  // Said once the files are read: a file that cannot be read touches no database, whichever way it would have gone.
  console.error(WORKING_DIRECTLY);
  const { db, close } = await openDatabase(config, log);
  try {
    await migrate(db);
    let lastProgress = 0;
    const actor = `npm run seed (${process.env.USER ?? 'unknown user'})`;
    const importing = () =>
      importBatch(db, batch, {
        dryRun: args.values['dry-run'],
        preferFile: args.values['prefer-file'],
        actor,
        sources: files,
        // At most one line a second, and the last one, so large files show progress without flooding the terminal.
        onProgress: args.values.quiet
          ? undefined
          : ({ phase, done, total }) => {
              if (done < total && performance.now() - lastProgress < 1000) return;
              lastProgress = performance.now();
              console.error(`  writing ${phase}: ${done} of ${total}`);
            },
      });
    // A dry run writes nothing and needs no lease; an import takes it, or waits while another holds it.
    const report = args.values['dry-run']
      ? await importing()
      : await leased(() => withImportLease(db, actor, importing));
    console.log(formatReport(report));
    // Throughput counts reading, validating and writing, not the start of the embedded database.
    const seconds = (readMs + report.durationMs) / 1000;
    const records = batch.nodes.length + batch.relationships.length - report.skippedLinks.length;
    if (!report.dryRun)
      console.log(
        `\n${records} records (nodes and links, skipped links not counted) in ${seconds.toFixed(1)} s: ${Math.round(records / seconds)} records per second.`,
      );
    return 0;
  } finally {
    await close();
  }
}

/** Runs `work` again while another import holds the lease, saying so, for IMPORT_WAIT_MS at most. */
async function leased<T>(work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ImportRunningError)) throw error;
      const seconds = error.retryAfterSeconds;
      if (Date.now() - started + seconds * 1000 > IMPORT_WAIT_MS) throw error;
      console.error(`${error.message} Waiting ${seconds} s, then trying again.`);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }
}

/** The service's report in the shape formatReport prints, so the report reads the same whichever way the import went. */
function fromJson(json: ImportReportJson): ImportReport {
  return {
    dryRun: json.dryRun,
    nodes: json.nodes,
    relationships: json.relationships,
    preferFile: json.preferFile,
    durationMs: json.durationMs,
    skippedLinks: json.skippedLinks.map((s) => ({
      link: s.link,
      missing: s.missing,
      origin: { file: s.file, row: s.row },
    })),
    conflicts: json.conflicts.map((c) => ({
      origin: { file: c.file, row: c.row },
      record: c.link ?? `${c.record.label}/${c.record.key}`,
      field: c.field ?? '',
      adminValue: c.adminValue,
      fileValue: c.fileValue,
      applied: c.resolution === 'took-file',
    })),
    conflictRecords: Object.fromEntries(
      json.conflicts.map((c) => [
        c.link ?? `${c.record.label}/${c.record.key}`,
        { node: c.record as ConflictRecord, link: c.link },
      ]),
    ),
    timings: { validateMs: 0, checkMs: 0, writeMs: 0, commitMs: 0 },
    transactions: 1,
    mergeCandidates: (json.mergeCandidates ?? []).map((m) => ({
      ...m,
      origin: { file: m.file, row: m.row },
    })) as ImportReport['mergeCandidates'],
    ...(json.warnings?.length ? { warnings: json.warnings } : {}),
  };
}

/** Sends the import to the running service: the files uploaded, or the default seed the service ships. */
async function viaService(
  service: Service,
  positionals: readonly string[],
  options: { dryRun: boolean; preferFile: boolean; kind: string | undefined; strict: boolean },
): Promise<number> {
  console.error(sentTo(service));
  const started = performance.now();
  const json = await sendImport<ImportReportJson>(
    service,
    {
      files: positionals.filter((file) => file !== REFERENCE),
      reference: positionals.includes(REFERENCE),
      defaultSeed: positionals.length === 0,
      ...options,
    },
    (line) => console.error(line),
  );
  const report = fromJson(json);
  console.log(formatReport(report));
  if (!report.dryRun) {
    // Timed as the admin waits for it: the upload, and the service reading, checking and writing.
    const seconds = (performance.now() - started) / 1000;
    const records = [...Object.values(report.nodes), ...Object.values(report.relationships)].reduce(
      (sum, c) => sum + (c ? c.created + c.updated + c.unchanged : 0),
      0,
    );
    console.log(
      `\n${records} records (nodes and links, skipped links not counted) in ${seconds.toFixed(1)} s through the service: ${Math.round(records / seconds)} records per second.`,
    );
  }
  return 0;
}

/** The problems that stopped an import, as many as a terminal can show, each with its file, place and fix. */
function listProblems(problems: readonly ImportProblem[]): string {
  const listed = problems
    .slice(0, 50)
    .map((p) => `  ${formatProblem(p)}`)
    .join('\n');
  return `Nothing was imported: ${problems.length} problem(s) to fix first.\n${listed}${problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''}`;
}

runCommand(
  main,
  (error) => {
    if (error instanceof ServiceError)
      return Array.isArray(error.body.problems) && error.body.problems.length > 0
        ? listProblems(error.body.problems as ImportProblem[])
        : `Nothing was imported: ${error.message}`;
    if (error instanceof ImportRunningError) return `Nothing was imported: ${error.message}`;
    if (error instanceof ImportValidationError) return listProblems(error.problems);
    return undefined;
  },
  'The import failed and nothing was written:',
);
