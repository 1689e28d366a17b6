// POST /admin/api/imports: files uploaded by an admin go through the same readers and importer as `npm run seed`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OrganisationKind } from '../../../schema/graph.js';
import { ErrorCode, errorStatus } from '../../../schema/errors.js';
import { formatProblem, ImportValidationError, type GraphBatch, type ImportProblem } from '../../../schema/records.js';
import { defaultSources, readSources, REFERENCE } from '../../../seed/sources.js';
import { importBatch } from '../../database/import/importer.js';
import { ImportRunningError, withImportLease } from '../../database/import/lease.js';
import type { Database } from '../../database/database.js';
import type { ResponseStore } from '../../graphql/response-cache.js';
import { countImportRun } from '../../metrics/registry.js';
import { sendError } from '../errors.js';
import { adminOf, type AdminAccess } from './auth.js';
import { reportJson } from './report-json.js';
import { FormProblem, safeName, saveUpload, UploadBudget, uploadFolder, type UploadedFile } from './uploads.js';

export interface ImportRouteOptions {
  access: AdminAccess;
  db: Database;
  cache: ResponseStore;
  uploadLimitMb: number;
}

/** What an import form may hold besides its files, each field once but preferFile, which may repeat. */
const FIELDS = ['dryRun', 'preferFile', 'kind', 'reference', 'defaultSeed', 'strict'] as const;
type Field = (typeof FIELDS)[number];

interface ImportForm {
  files: UploadedFile[];
  fields: Map<Field, string[]>;
}

/** Reads the form: saves each `file` part under its own name in `dir`, and collects the other fields. */
async function readForm(request: FastifyRequest, dir: string, budget: UploadBudget): Promise<ImportForm> {
  const form: ImportForm = { files: [], fields: new Map() };
  for await (const part of request.parts({
    // Names keep their folders (seed/reference/ods/eccg.csv), as npm run seed names files; safeName checks them.
    preservePath: true,
    limits: { fileSize: budget.limitBytes, files: 200, fields: 1000 },
  })) {
    if (part.type === 'file') {
      const name = safeName(part.filename);
      if (part.fieldname !== 'file' || !name || form.files.some((f) => f.name === name)) {
        part.file.resume();
        throw part.fieldname !== 'file'
          ? new FormProblem(
              `the form has a file in the field "${part.fieldname}"`,
              part.filename,
              'send every file in a field named "file"',
            )
          : new FormProblem(
              name ? 'two files in the form have this name' : 'this is not a name a file can be imported under',
              part.filename || '(no name)',
              'give each file its own name of letters, digits, dots, dashes and underscores, such as eccg.csv or data/barnet.yaml',
            );
      }
      form.files.push(await saveUpload(part.file, dir, name, budget));
      continue;
    }
    const field = part.fieldname as Field;
    if (!FIELDS.includes(field))
      throw new FormProblem(
        `the form has a field "${part.fieldname}", which imports do not take`,
        undefined,
        `use only file, ${FIELDS.join(', ')}`,
      );
    const values = form.fields.get(field) ?? [];
    if (values.length > 0 && field !== 'preferFile')
      throw new FormProblem(`the form gives "${field}" more than once`, undefined, 'give it once');
    values.push(String(part.value));
    form.fields.set(field, values);
  }
  return form;
}

/** A yes/no field: absent is no. */
function flag(form: ImportForm, field: Field): boolean {
  const value = form.fields.get(field)?.[0];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new FormProblem(`"${field}" is "${value.slice(0, 40)}"`, undefined, `give ${field}=true or ${field}=false`);
}

/** preferFile: "all" for every conflict, else the ids of the conflicts (from a dry run's report) to take the file's value for. */
function preference(form: ImportForm): boolean | ReadonlySet<string> {
  const given = form.fields.get('preferFile') ?? [];
  if (given.length === 0) return false;
  if (given.includes('all')) {
    if (given.length > 1)
      throw new FormProblem(
        'preferFile gives "all" and conflict ids too',
        undefined,
        'give preferFile=all alone, or the ids alone',
      );
    return true;
  }
  return new Set(given);
}

function organisationKind(form: ImportForm): OrganisationKind | undefined {
  const kind = form.fields.get('kind')?.[0];
  if (kind === undefined) return undefined;
  if (!(OrganisationKind as readonly string[]).includes(kind))
    throw new FormProblem(
      `kind "${kind.slice(0, 40)}" is not an organisation kind`,
      undefined,
      `use one of ${OrganisationKind.join(', ')}`,
    );
  return kind as OrganisationKind;
}

/** Names the file as the admin gave it wherever the readers wrote where this process keeps it. */
function asUploaded(files: readonly UploadedFile[]): (file: string) => string {
  const names = new Map(files.map((f) => [f.path, f.name]));
  return (file) => names.get(file) ?? file;
}

function renameOrigins(batch: GraphBatch, named: (file: string) => string): void {
  for (const record of [...batch.nodes, ...batch.relationships]) {
    const file = named(record.origin.file);
    if (file !== record.origin.file) record.origin = { ...record.origin, file };
  }
}

/** 400 with every problem, each with its file, row, field and fix, as `npm run seed` prints them. */
function refuseProblems(reply: FastifyReply, problems: readonly ImportProblem[]): FastifyReply {
  countImportRun('refused');
  return reply.code(errorStatus(ErrorCode.BAD_USER_INPUT)).send({
    error: ErrorCode.BAD_USER_INPUT,
    message: `Nothing was imported: ${problems.length} problem(s) to fix first. ${problems
      .slice(0, 3)
      .map(formatProblem)
      .join(' ')}${problems.length > 3 ? ' …' : ''}`,
    problems,
  });
}

export function importRoute(app: FastifyInstance, options: ImportRouteOptions): void {
  app.post('/admin/api/imports', async (request, reply) => {
    const admin = await adminOf(options.access, request, reply);
    if (!admin) return reply;
    if (!request.isMultipart())
      return sendError(
        reply,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'An import is sent as multipart/form-data: one "file" part per file (or reference=true, defaultSeed=true), with dryRun, preferFile, kind and strict as fields.',
      );
    const budget = new UploadBudget(options.uploadLimitMb);
    budget.checkDeclared(request);
    const { dir, remove } = await uploadFolder();
    try {
      let form: ImportForm;
      let sources: string[];
      let settings: {
        dryRun: boolean;
        preferFile: boolean | ReadonlySet<string>;
        kind?: OrganisationKind;
        strict: boolean;
      };
      try {
        form = await readForm(request, dir, budget);
        settings = {
          dryRun: flag(form, 'dryRun'),
          preferFile: preference(form),
          kind: organisationKind(form),
          // strict=true refuses Open Referral UK deviations as the standard's validator does, instead of warning.
          strict: flag(form, 'strict'),
        };
        const defaultSeed = flag(form, 'defaultSeed');
        sources = [
          ...(defaultSeed ? await defaultSources() : flag(form, 'reference') ? [REFERENCE] : []),
          ...form.files.map((f) => f.path),
        ];
        if (sources.length === 0)
          throw new FormProblem(
            'the form holds no file',
            undefined,
            'send one or more "file" parts, or reference=true for the bundled reference data, or defaultSeed=true for the whole default seed',
          );
      } catch (error) {
        if (!(error instanceof FormProblem)) throw error;
        return refuseProblems(reply, [
          { file: error.file ?? '(the form)', message: error.message, fix: error.fix ?? 'correct the form' },
        ]);
      }
      const named = asUploaded(form.files);
      let batch: GraphBatch;
      try {
        batch = await readSources(sources, {
          ...(settings.kind ? { odsKind: settings.kind } : {}),
          strict: settings.strict,
        });
      } catch (error) {
        if (!(error instanceof ImportValidationError)) throw error;
        return refuseProblems(
          reply,
          error.problems.map((p) => ({ ...p, file: named(p.file) })),
        );
      }
      renameOrigins(batch, named);
      for (const warning of batch.warnings ?? []) warning.file = named(warning.file);
      const run = () =>
        importBatch(options.db, batch, {
          dryRun: settings.dryRun,
          preferFile: settings.preferFile,
          actor: admin.principal,
          sources: sources.map(named),
        });
      try {
        // A dry run writes nothing, so it needs no lease and never waits for another import.
        const report = settings.dryRun ? await run() : await withImportLease(options.db, admin.principal, run);
        // Awaited before answering: by the time the admin sees the report, no reader is served the old graph.
        if (!settings.dryRun) await options.cache.invalidate();
        countImportRun(settings.dryRun ? 'dry-run' : 'applied');
        request.log.info(
          { principal: admin.principal, sources: sources.map(named), dryRun: settings.dryRun },
          'import',
        );
        return reportJson(report);
      } catch (error) {
        if (error instanceof ImportValidationError)
          return refuseProblems(
            reply,
            error.problems.map((p) => ({ ...p, file: named(p.file) })),
          );
        // Another import holding the lease is a refusal (409, try again); anything else, a failure.
        countImportRun(error instanceof ImportRunningError ? 'refused' : 'failed');
        throw error;
      }
    } finally {
      await remove();
    }
  });
}
