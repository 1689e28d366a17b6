// `npm run generate -- --scale england [--out file] [--load [--bulk]]`: the synthetic benchmark graph, written or imported.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { migrate } from '../../server/database/migrate.js';
import { openDatabase } from '../../server/database/open.js';
import { formatProblem, ImportValidationError } from '../../schema/records.js';
import {
  BulkLoadFailedError,
  BulkLoadRefusedError,
  importBatch,
  type Counts,
} from '../../server/database/import/importer.js';
import { countRecords, type RecordCounts } from './counts.js';
import { generate } from './england.js';
import { isScale, SCALES } from './scales.js';
import { writeNative } from './native.js';
import { runCommand } from '../run-command.js';

const USAGE = `Usage: npm run generate -- [options]

Generates a synthetic England for benchmarks: areas, organisations, services, resources, people, programmes and
their action plans, all invented, all marked demo, every key starting "gen-". The same scale always gives the
same records. The counts per label and per link type are printed.

Options:
  --scale SCALE    ${Object.keys(SCALES).join(', ')} (default small); england is about 250,000 nodes and 1,000,000 links,
                   medium a tenth of that, small a hundredth
  --out FILE       also write a native .yaml data file that "npm run seed -- FILE" imports
  --load           import the records with the seed's importer, in one transaction
  --bulk           with --load: a bulk load into a database that holds none of these records, in many
                   transactions of about 10,000 rows instead of one. Faster, and it needs far less of Neo4j's
                   memory (england loads with NEO4J_TX_MEMORY=2g), but it is NOT one transaction: it refuses
                   if any record exists already, and if it fails part-way it deletes everything it wrote before
                   it reports the error (a reader may see a partial graph meanwhile; a load killed outright
                   leaves its nodes tagged importRun)
  --dry-run        with --load: report what would change, write nothing
  --quiet          no progress lines
  -h, --help       this help

With --load, uses the Neo4j at NEO4J_URI if set; otherwise starts the embedded one under DATA_DIR (stop npm start
first). For england use --bulk, with NEO4J_TX_MEMORY=2g NEO4J_LOCAL_HEAP=4g. Without --bulk the import is one
transaction, which the embedded Neo4j's defaults cannot hold beyond small: medium loads with NEO4J_TX_MEMORY=2g
NEO4J_LOCAL_HEAP=3g; england in one transaction was advised 8g and a 10g heap.`;

function table(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((sum, [, count]) => sum + count, 0);
  const width = Math.max(title.length, 5, ...rows.map(([name]) => name.length));
  const line = (name: string, count: number) => `${name.padEnd(width)}  ${count.toLocaleString('en-GB').padStart(10)}`;
  return [title, ...rows.map(([name, count]) => line(name, count)), line('total', total)].join('\n');
}

function formatCounts(counts: RecordCounts): string {
  return `${table('nodes', counts.nodes)}\n\n${table('relationships', counts.relationships)}`;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function sum(counts: Partial<Record<string, Counts>>): Counts {
  const total: Counts = { created: 0, updated: 0, unchanged: 0 };
  for (const c of Object.values(counts)) {
    if (!c) continue;
    total.created += c.created;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
  }
  return total;
}

/** The command line's options, or undefined (having said why, with the usage) when they cannot be read. */
function readArguments() {
  try {
    return parseArgs({
      options: {
        scale: { type: 'string', default: 'small' },
        out: { type: 'string' },
        load: { type: 'boolean' },
        bulk: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
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
  const scale = args.values.scale;
  if (!isScale(scale)) {
    console.error(`--scale ${scale} is not a scale: use one of ${Object.keys(SCALES).join(', ')}.`);
    return 2;
  }

  const started = performance.now();
  const batch = generate(scale);
  const generateMs = performance.now() - started;
  console.log(formatCounts(countRecords(batch)));
  const records = batch.nodes.length + batch.relationships.length;
  console.error(
    `\nGenerated ${records.toLocaleString('en-GB')} records at scale ${scale} in ${(generateMs / 1000).toFixed(1)} s (heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB).`,
  );

  if (args.values.out) {
    const writing = performance.now();
    await writeNative(batch, args.values.out, [
      `SYNTHETIC DATA from "npm run generate -- --scale ${scale}": invented for benchmarks, describes nothing real.`,
      'Regenerate it rather than editing it; the same scale always gives the same records.',
    ]);
    console.error(`Wrote ${args.values.out} in ${((performance.now() - writing) / 1000).toFixed(1)} s.`);
  }
  if (!args.values.load) {
    if (args.values.bulk) console.error('--bulk only means something with --load; nothing was imported.');
    return args.values.bulk ? 2 : 0;
  }

  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const { db, close } = await openDatabase(config, log);
  try {
    await migrate(db);
    let lastProgress = 0;
    const importing = performance.now();
    const report = await importBatch(db, batch, {
      dryRun: args.values['dry-run'],
      bulk: args.values.bulk,
      actor: `npm run generate (${process.env.USER ?? 'unknown user'})`,
      sources: [`generated:${scale}`],
      onProgress: args.values.quiet
        ? undefined
        : ({ phase, done, total }) => {
            if (done < total && performance.now() - lastProgress < 1000) return;
            lastProgress = performance.now();
            console.error(
              `  writing ${phase}: ${done} of ${total} (${((lastProgress - importing) / 1000).toFixed(1)} s)`,
            );
          },
    });
    const nodes = sum(report.nodes);
    const links = sum(report.relationships);
    const seconds = report.durationMs / 1000;
    const { validateMs, checkMs, writeMs, commitMs } = report.timings;
    console.log(
      `\n${report.dryRun ? 'Dry run, nothing written: would create' : `Imported in ${report.transactions === 1 ? 'one transaction' : `${report.transactions} transactions (a bulk load)`}: created`} ` +
        `${nodes.created} nodes and ${links.created} links, ` +
        `updated ${nodes.updated + links.updated}, left ${nodes.unchanged + links.unchanged} unchanged, in ${seconds.toFixed(1)} s ` +
        `(${Math.round(records / seconds)} records per second, validation included, database start-up not).\n` +
        `Validating ${s(validateMs)}, checking what exists ${s(checkMs)}, writing ${s(writeMs)}, ` +
        `${report.dryRun ? 'rolling back' : report.transactions === 1 ? 'committing' : "taking the run's tags off and committing the last"} ${s(commitMs)}.`,
    );
    return 0;
  } finally {
    await close();
  }
}

runCommand(
  main,
  (error) => {
    if (error instanceof BulkLoadRefusedError) return `Nothing was imported: ${error.message}`;
    if (error instanceof BulkLoadFailedError) return error.message;
    if (error instanceof ImportValidationError) {
      const listed = error.problems
        .slice(0, 20)
        .map((p) => `  ${formatProblem(p)}`)
        .join('\n');
      return `Nothing was imported: ${error.problems.length} problem(s) in the generated records, which is a bug in the generator.\n${listed}`;
    }
    if ((error as { code?: string }).code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError') {
      // The import is one transaction by design, so a large scale needs Neo4j to hold all of it at once.
      return (
        `Nothing was imported: the transaction outgrew Neo4j's transaction memory (${(error as Error).message.split('.')[0]}).\n` +
        'For the embedded Neo4j, raise NEO4J_TX_MEMORY and NEO4J_LOCAL_HEAP (for example 2g and 3g for medium); for your own server, db.memory.transaction.total.max. ' +
        'Into a database that holds none of these records, --bulk loads in many small transactions instead.'
      );
    }
    return undefined;
  },
  'Generating or importing failed; the database is unchanged:',
);
