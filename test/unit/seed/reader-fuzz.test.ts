// Fuzz: real seed files corrupted at random (fixed seed, bounded count and time) are read or refused with our
// explained error, never a raw TypeError, SyntaxError or CsvError that would reach the admin as a stack trace.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportValidationError } from '../../../schema/records.js';
import { validateBatch } from '../../../schema/validate.js';
import { readReference } from '../../../seed/readers/reference.js';
import { readSources } from '../../../seed/sources.js';
import { CORRUPTIONS, corrupt, seededRandom } from '../../support/corrupt.js';

/** Real files, each read by the reader an admin's file would get; large ones cut to their first lines. */
const TARGETS = [
  { source: 'seed/reference/ods/etr.csv', name: 'etr.csv' },
  { source: 'seed/reference/ods/eccg.csv', name: 'eccg.csv' },
  { source: 'seed/reference/postcodes/onspd_sample.csv', name: 'onspd_sample.csv', lines: 300 },
  { source: 'seed/data/barnet-immunisation-action-plan-2017-18.yaml', name: 'barnet.yaml' },
  { source: 'test/fixtures/oruk/examples/service_full.json', name: 'service_full.json' },
];
/** Corruptions per file and kind: 6 kinds × 6 targets × this many cases, inside the time below. */
const CASES_PER_KIND = 6;
const SEED = 17_05;

/** What the reader did: read it (corruption harmless to its shape) or refused it with explained problems. */
async function outcome(read: () => Promise<unknown>): Promise<'read' | ImportValidationError> {
  try {
    await read();
    return 'read';
  } catch (error) {
    if (error instanceof ImportValidationError) return error;
    throw error;
  }
}

function expectExplained(error: ImportValidationError, file: string, what: string): void {
  expect(error.problems.length, what).toBeGreaterThan(0);
  for (const problem of error.problems) {
    expect(problem.file, what).toContain(path.basename(file));
    expect(problem.fix, what).not.toBe('');
  }
  expect(error.message, what).not.toMatch(/\n\s+at |TypeError|Cannot read properties/);
}

describe('readers given corrupted real files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'reader-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('read them or refuse them with the file, the place and the fix, for every corruption', async () => {
    const random = seededRandom(SEED);
    const started = performance.now();
    const tally = { read: 0, refused: 0 };
    for (const target of TARGETS) {
      let original = await readFile(target.source);
      if (target.lines) original = Buffer.from(original.toString('utf8').split('\n').slice(0, target.lines).join('\n'));
      const file = path.join(dir, target.name);
      for (const kind of CORRUPTIONS) {
        for (let n = 0; n < CASES_PER_KIND; n += 1) {
          const { bytes, what } = corrupt(original, kind, random);
          await writeFile(file, bytes);
          const label = `${target.name}: ${what}`;
          // The importer's validation runs on whatever the reader accepted, as it does in npm run seed.
          const result = await outcome(async () => validateBatch(await readSources([file])));
          if (result === 'read') tally.read += 1;
          else {
            tally.refused += 1;
            expectExplained(result, file, label);
          }
        }
      }
    }
    // Most corruptions must be caught; a changed letter in a name is a harmless read.
    expect(tally.refused).toBeGreaterThan(tally.read);
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('refuse a corrupted reference set the same way, whichever of its files is damaged', async () => {
    const random = seededRandom(SEED + 1);
    const reference = path.join(dir, 'reference');
    await cp('seed/reference', reference, { recursive: true });
    const files = [
      'geography/nhs_regions_2018.csv',
      'geography/stp_footprints_2017-18_44.csv',
      'geography/stp_2020_partnership_names.csv',
      'geography/icb_2022_42.csv',
      'geography/london_boroughs_to_stp_icb.csv',
      'geography/uk_local_authorities_current.csv',
      'ods/etr.csv',
    ];
    let refused = 0;
    for (const name of files) {
      const file = path.join(reference, name);
      const original = await readFile(file);
      for (const kind of CORRUPTIONS) {
        for (let n = 0; n < 3; n += 1) {
          const { bytes, what } = corrupt(original, kind, random);
          await writeFile(file, bytes);
          const result = await outcome(async () => validateBatch(await readReference(reference)));
          if (result !== 'read') {
            refused += 1;
            expectExplained(result, file, `${name}: ${what}`);
          }
        }
      }
      await writeFile(file, original);
    }
    expect(refused).toBeGreaterThan(0);
  }, 90_000);
});
