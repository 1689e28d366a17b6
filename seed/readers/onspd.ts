// Reads ONS Postcode Directory CSVs (with their header row) into postcode centroids for proximity search.
import path from 'node:path';
import { Label, Rel } from '../../schema/graph.js';
import { normalisePostcode } from '../../schema/postcodes.js';
import { ImportValidationError, type GraphBatch, type ImportProblem } from '../../schema/records.js';
import { parseCsv } from './csv.js';
import { readText } from './text.js';

/** The ONSPD columns used: the display postcode, termination date, centroid, and local authority (GSS). */
const REQUIRED = ['pcds', 'doterm', 'lat', 'long'] as const;
/** Older releases call the local authority column oslaua, newer ones lad (lad25cd and so on). */
const AUTHORITY_COLUMNS = ['oslaua', 'laua', 'lad'];
/** The credit the ONSPD licence asks for, kept with the data. */
const ONSPD_ATTRIBUTION =
  'Contains OS data © Crown copyright and database right; Contains Royal Mail data © Royal Mail copyright and database right; ' +
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0';
/** ONSPD's stand-in latitude for postcodes with no grid reference. */
const NO_GRID_REFERENCE = 99.999999;

export interface OnspdSummary {
  /** Rows left out on purpose: terminated postcodes and those without a grid reference. */
  skipped: number;
}

export async function readOnspd(file: string): Promise<GraphBatch & OnspdSummary> {
  return parseOnspd(file, await readText(file));
}

export function parseOnspd(file: string, text: string): GraphBatch & OnspdSummary {
  // Every row must have the header's number of fields: a shifted row would put a longitude under the latitude.
  const rows = parseCsv<Record<string, string>>(file, text, {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
  const header = Object.keys(rows[0] ?? {});
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (rows.length > 0 && missing.length > 0) {
    throw new ImportValidationError([
      {
        file,
        row: 1,
        message: `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`,
        fix: 'use an ONS Postcode Directory CSV with its header row as published',
      },
    ]);
  }
  const authorityColumn =
    AUTHORITY_COLUMNS.find((c) => header.includes(c)) ?? header.find((c) => /^lad\d\dcd$/.test(c));
  const problems: ImportProblem[] = [];
  const batch: GraphBatch & OnspdSummary = { nodes: [], relationships: [], skipped: 0 };
  const seen = new Set<string>();
  // Every postcode is traced to the directory file it came from, like every other record in the graph.
  const source = {
    label: Label.SourceDocument,
    key: `onspd-${path
      .basename(file, path.extname(file))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')}`,
  };
  batch.nodes.push({
    ...source,
    properties: {
      title: `ONS Postcode Directory (${path.basename(file)})`,
      kind: 'reference data',
      file,
      attribution: ONSPD_ATTRIBUTION,
    },
    origin: { file },
  });

  rows.forEach((record, index) => {
    const row = index + 2; // the header is line 1
    // Terminated postcodes no longer receive post, and a centroid of 99.999999 is no place at all:
    // neither can answer "what is near me", so both are left out rather than reported as errors.
    if (record.doterm) {
      batch.skipped += 1;
      return;
    }
    const postcode = normalisePostcode(record.pcds ?? '');
    const latitude = Number(record.lat);
    const longitude = Number(record.long);
    if (record.lat !== '' && latitude === NO_GRID_REFERENCE) {
      batch.skipped += 1;
      return;
    }
    if (!postcode) {
      problems.push({
        file,
        row,
        field: 'pcds',
        message: `"${record.pcds}" is not a postcode`,
        fix: 'give the postcode as published, such as SE1 2DL',
      });
      return;
    }
    if (record.lat === '' || !Number.isFinite(latitude) || latitude < 49 || latitude > 61) {
      problems.push({
        file,
        row,
        field: 'lat',
        message: `"${record.lat}" is not a UK latitude`,
        fix: 'give the latitude in decimal degrees, between 49 and 61',
      });
      return;
    }
    if (record.long === '' || !Number.isFinite(longitude) || longitude < -9 || longitude > 2) {
      problems.push({
        file,
        row,
        field: 'long',
        message: `"${record.long}" is not a UK longitude`,
        fix: 'give the longitude in decimal degrees, between -9 and 2',
      });
      return;
    }
    if (seen.has(postcode)) return; // ONSPD repeats nothing, but a concatenated file might
    seen.add(postcode);
    const gssCode = authorityColumn ? record[authorityColumn] || undefined : undefined;
    const self = { label: Label.Postcode, key: postcode };
    batch.nodes.push({ ...self, properties: { postcode, latitude, longitude, gssCode }, origin: { file, row } });
    batch.relationships.push({
      type: Rel.DOCUMENTED_IN,
      from: self,
      to: source,
      properties: { ref: `row ${row}` },
      origin: { file, row },
    });
    if (gssCode) {
      batch.relationships.push({
        type: Rel.IN_AREA,
        from: self,
        to: { label: Label.Area, key: gssCode },
        properties: {},
        origin: { file, row, field: authorityColumn },
        optional: true,
      });
    }
  });
  if (problems.length > 0) throw new ImportValidationError(problems);
  return batch;
}
