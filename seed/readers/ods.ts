// Reads NHS ODS CSV extracts (etr, eccg, epraccur and the rest): the standard 27-field layout, no header row.
import path from 'node:path';
import { Label, OrganisationKind, Rel } from '../../schema/graph.js';
import { ImportValidationError, type GraphBatch, type ImportProblem, type Properties } from '../../schema/records.js';
import { parseCsv } from './csv.js';
import { readableName } from './names.js';
import { readText } from './text.js';

/** The fields this reader uses, by their names in NHS Digital's file specification (1-based positions). */
export interface OdsRow {
  code: string; // 1 Organisation Code
  name: string; // 2 Name
  nationalGrouping: string; // 3 National Grouping (NHS England region, e.g. Y56)
  highLevelHealthGeography: string; // 4 High Level Health Geography (STP or ICB)
  addressLines: string[]; // 5–7 Address Lines 1–3
  town: string; // 8 Address Line 4
  postcode: string; // 10 Postcode
  openDate: string; // 11 Open Date
  closeDate: string; // 12 Close Date
  statusCode: string; // 13 Status Code (A active, C closed, D dormant, P proposed), where the file has it
  parentCode: string; // 15 Commissioner / Parent Organisation Code, where the file has it
}

/** What each standard extract holds, from its file name. */
const KIND_BY_FILE: Record<string, OrganisationKind> = {
  etr: 'NHS_TRUST',
  eccg: 'CCG',
  epraccur: 'GP_PRACTICE',
};

const ODS_CODE = /^[A-Z0-9]{3,6}$/;
const ODS_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const FIELD_NAMES = ['Organisation Code', 'Name', 'National Grouping', 'High Level Health Geography'];

export interface OdsOptions {
  kind?: OrganisationKind;
  /** Keeps only the rows wanted (London's trusts out of all England's). */
  include?: (row: OdsRow) => boolean;
}

export function kindOfOdsFile(file: string): OrganisationKind | undefined {
  const base = path
    .basename(file)
    .toLowerCase()
    .replace(/\.csv$/, '');
  return Object.entries(KIND_BY_FILE).find(
    ([name]) => base === name || base.startsWith(`${name}_`) || base.startsWith(`${name}-`),
  )?.[1];
}

function isoDate(value: string): string | undefined {
  const match = ODS_DATE.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) ? undefined : `${y}-${m}-${d}`;
}

export async function readOds(file: string, options: OdsOptions = {}): Promise<GraphBatch> {
  return parseOds(file, await readText(file), options);
}

export function parseOds(file: string, text: string, options: OdsOptions = {}): GraphBatch {
  const kind = options.kind ?? kindOfOdsFile(file);
  if (!kind) {
    throw new ImportValidationError([
      {
        file,
        message: 'the file name does not say which kind of organisations this ODS extract holds',
        fix: `name it etr.csv, eccg.csv or epraccur.csv, or give --kind (${OrganisationKind.join(', ')})`,
      },
    ]);
  }
  const rows = parseCsv<string[]>(file, text, {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
  const problems: ImportProblem[] = [];
  const batch: GraphBatch = { nodes: [], relationships: [] };
  const seen = new Map<string, number>();

  rows.forEach((fields, index) => {
    const row = index + 1;
    const at = (field: string, message: string, fix: string) => problems.push({ file, row, field, message, fix });
    if (fields.length < 24 || fields.length > 27) {
      at(
        'row',
        `the row has ${fields.length} fields`,
        'ODS extracts have 24 to 27 comma-separated fields a row; check for a missing or extra comma',
      );
      return;
    }
    const f = (position: number) => fields[position - 1] ?? '';
    const odsRow: OdsRow = {
      code: f(1),
      name: f(2),
      nationalGrouping: f(3),
      highLevelHealthGeography: f(4),
      addressLines: [f(5), f(6), f(7)].filter((l) => l !== ''),
      town: f(8),
      postcode: f(10),
      openDate: f(11),
      closeDate: f(12),
      statusCode: f(13),
      parentCode: f(15),
    };
    let valid = true;
    if (!ODS_CODE.test(odsRow.code)) {
      at(
        FIELD_NAMES[0]!,
        `"${odsRow.code}" is not an ODS code`,
        'ODS codes are 3 to 6 upper-case letters and digits, such as R1H, 07M or A81001',
      );
      valid = false;
    }
    if (odsRow.name === '') {
      at(FIELD_NAMES[1]!, 'the name is empty', "give the organisation's name in field 2");
      valid = false;
    }
    const openDate = odsRow.openDate === '' ? undefined : isoDate(odsRow.openDate);
    const closeDate = odsRow.closeDate === '' ? undefined : isoDate(odsRow.closeDate);
    if (odsRow.openDate !== '' && !openDate) {
      at('Open Date', `"${odsRow.openDate}" is not a date`, 'write ODS dates as YYYYMMDD, such as 20130401');
      valid = false;
    }
    if (odsRow.closeDate !== '' && !closeDate) {
      at('Close Date', `"${odsRow.closeDate}" is not a date`, 'write ODS dates as YYYYMMDD, such as 20130401');
      valid = false;
    }
    if (!valid || (options.include && !options.include(odsRow))) return;
    const first = seen.get(odsRow.code);
    if (first !== undefined) {
      at(FIELD_NAMES[0]!, `${odsRow.code} is also on row ${first}`, 'keep one row per organisation');
      return;
    }
    seen.set(odsRow.code, row);

    const properties: Properties = {
      name: readableName(odsRow.name),
      kind,
      odsCode: odsRow.code,
      addressLines: odsRow.addressLines.length > 0 ? odsRow.addressLines.map(readableName) : undefined,
      town: odsRow.town ? readableName(odsRow.town) : undefined,
      postcode: odsRow.postcode || undefined,
      openDate,
      closeDate,
    };
    const self = { label: Label.Organisation, key: odsRow.code };
    batch.nodes.push({ ...self, properties, origin: { file, row } });
    // Links to what the extract names but may not be loaded: reported and skipped by the importer if absent.
    if (kind === 'NHS_TRUST' && odsRow.nationalGrouping) {
      batch.relationships.push({
        type: Rel.BASED_IN,
        from: self,
        to: { label: Label.Area, key: odsRow.nationalGrouping },
        properties: {},
        origin: { file, row, field: FIELD_NAMES[2] },
        optional: true,
      });
    }
    if (odsRow.parentCode && ODS_CODE.test(odsRow.parentCode) && odsRow.parentCode !== odsRow.code) {
      batch.relationships.push({
        type: Rel.ORGANISATION_PART_OF,
        from: self,
        to: { label: Label.Organisation, key: odsRow.parentCode },
        properties: {},
        origin: { file, row, field: 'Commissioner' },
        optional: true,
      });
    }
  });
  if (problems.length > 0) throw new ImportValidationError(problems);
  return batch;
}
