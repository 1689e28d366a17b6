// Turns the files an admin names into one batch: picks the reader by format, and defines the default seed set.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OrganisationKind } from '../schema/graph.js';
import { ImportValidationError, type GraphBatch } from '../schema/records.js';
import { addProvenance } from './coverage/provenance.js';
import { readNative } from './readers/native.js';
import { readOds } from './readers/ods.js';
import { readOnspd } from './readers/onspd.js';
import { readOruk } from './readers/oruk.js';
import { readReference } from './readers/reference.js';
import { readText } from './readers/text.js';

const SEED_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = path.join(SEED_DIR, 'data');
export const REFERENCE_DIR = path.join(SEED_DIR, 'reference');

/** The name that stands for the whole reference set (areas, councils, CCGs, ICBs, London's trusts). */
export const REFERENCE = 'reference';

export type Format = 'native' | 'ods' | 'onspd' | 'oruk' | 'reference';

export interface ReadOptions {
  /** Organisation kind for ODS files whose name does not tell it. */
  odsKind?: OrganisationKind;
  /** Refuse Open Referral UK files' every deviation from the standard's schema, instead of normalising with warnings. */
  strict?: boolean;
}

/** Decides a file's format from its name and first line, so admins need not say it. */
export async function detectFormat(file: string): Promise<Format> {
  if (file === REFERENCE) return 'reference';
  const extension = path.extname(file).toLowerCase();
  if (extension === '.yaml' || extension === '.yml') return 'native';
  if (extension === '.json') return 'oruk';
  if (extension === '.csv') {
    const head = (await readText(file)).slice(0, 4096).split(/\r?\n/, 1)[0] ?? '';
    const columns = head.split(',').map((c) => c.replace(/"/g, '').trim().toLowerCase());
    if (columns.includes('pcds') || columns.includes('pcd')) return 'onspd';
    if (/^[A-Z0-9]{3,6}$/.test(columns[0]?.toUpperCase() ?? '') && columns.length >= 24) return 'ods';
  }
  throw new ImportValidationError([
    {
      file,
      message: 'the format of this file is not recognised',
      fix: 'give a native .yaml data file, an NHS ODS extract (.csv, no header row, 24 to 27 fields), an ONS Postcode Directory .csv with its header, or Open Referral UK 3.0 .json',
    },
  ]);
}

export async function readSource(file: string, options: ReadOptions = {}): Promise<GraphBatch> {
  switch (await detectFormat(file)) {
    case 'native':
      return readNative(file);
    case 'ods':
      return readOds(file, options.odsKind ? { kind: options.odsKind } : {});
    case 'onspd':
      return readOnspd(file);
    case 'oruk':
      return readOruk(file, { strict: options.strict });
    case 'reference':
      return readReference(REFERENCE_DIR);
  }
}

/**
 * Reads every source, collecting the problems of all files before giving up, so one run shows everything to fix.
 */
export async function readSources(files: readonly string[], options: ReadOptions = {}): Promise<GraphBatch> {
  const batch: GraphBatch = { nodes: [], relationships: [] };
  const problems: ImportValidationError['problems'][number][] = [];
  for (const file of files) {
    try {
      const part = await readSource(file, options);
      batch.nodes.push(...part.nodes);
      batch.relationships.push(...part.relationships);
      if (part.warnings) batch.warnings = [...(batch.warnings ?? []), ...part.warnings];
    } catch (error) {
      if (error instanceof ImportValidationError) problems.push(...error.problems);
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        problems.push({ file, message: 'the file does not exist', fix: 'check the path' });
      else throw error;
    }
  }
  if (problems.length > 0) throw new ImportValidationError(problems);
  // Once all files are read, so that a passage can name a record or link of another file read with its own.
  return addProvenance(batch);
}

/** The ONSPD sample, so that postcode search works out of the box (a few London postcodes among Aberdeen's). */
export const POSTCODE_SAMPLE = path.join(REFERENCE_DIR, 'postcodes', 'onspd_sample.csv');

/** The default seed: the reference data and postcodes, then every native data file in seed/data. */
export async function defaultSources(): Promise<string[]> {
  const files = (await readdir(DATA_DIR)).filter((f) => /\.ya?ml$/.test(f)).sort();
  return [
    REFERENCE,
    ...[POSTCODE_SAMPLE, ...files.map((f) => path.join(DATA_DIR, f))].map((f) => path.relative(process.cwd(), f)),
  ];
}
