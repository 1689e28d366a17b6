// Builds the reference graph from seed/reference: England's NHS regions, the 44 STP footprints of 2017/18, London's
// 33 boroughs with their councils and CCGs, the 42 ICBs, and London's NHS trusts from the real ODS etr extract.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Label, Rel } from '../../schema/graph.js';
import {
  ImportValidationError,
  type GraphBatch,
  type ImportProblem,
  type NodeRef,
  type Origin,
  type Properties,
} from '../../schema/records.js';
import { parseCsv } from './csv.js';
import { readOds } from './ods.js';
import { readText } from './text.js';

const DEFAULT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../reference');
const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENGLAND = 'E92000001';
const LONDON_REGION = 'Y56';

/** The reference files, with the credit SOURCES.md gives each; one SourceDocument per file. */
const FILES = {
  regions: {
    file: 'geography/nhs_regions_2018.csv',
    columns: ['nhser18cd', 'nhser18nm'],
    key: 'nhser18cd',
    title: 'NHS England regions (2018)',
    attribution: 'ONS data via The-Strategy-Unit/617_eol_project; Open Government Licence v3.0',
  },
  footprints: {
    file: 'geography/stp_footprints_2017-18_44.csv',
    columns: ['stp_code', 'stp_name_2017_18'],
    key: 'stp_code',
    title: 'The 44 STP footprints of 2017/18',
    attribution:
      "Derived from HFAnalyticsLab/Winter_pressures (Health Foundation, from NHS England's list); MIT repository, OGL v3 data",
  },
  partnerships: {
    file: 'geography/stp_2020_partnership_names.csv',
    columns: ['stp20cd', 'stp20nm', 'nhser20cd'],
    key: 'stp20cd',
    title: 'STP partnership names and regions, April 2020',
    attribution: 'ONS data via The-Strategy-Unit/617_eol_project; Open Government Licence v3.0',
  },
  icbs: {
    file: 'geography/icb_2022_42.csv',
    columns: ['icb22cdh', 'icb22cd', 'icb22nm', 'nhser22cdh', 'predecessor_stp21'],
    key: 'icb22cdh',
    title: 'The 42 Integrated Care Boards (2022)',
    attribution: 'Derived from samuel-book/geography_data; MIT repository, OGL v3 data',
  },
  boroughs: {
    file: 'geography/london_boroughs_to_stp_icb.csv',
    columns: ['lad_gss_code', 'lad_name', 'la_official_name', 'stp_code', 'ccg_2013_2020_ods', 'ccg18cd', 'ccg18nm'],
    key: 'lad_gss_code',
    title: "London's 33 local authorities with CCG, STP and ICB",
    attribution: "Derived from mySociety's borough list and ONS lookups; OGL v3 and CC BY 4.0",
  },
  authorities: {
    file: 'geography/uk_local_authorities_current.csv',
    columns: ['gss-code', 'start-date', 'pop-2020', 'lat', 'long'],
    key: undefined,
    title: 'UK local authorities (mySociety)',
    attribution: 'mysociety/uk_local_authority_names_and_codes; CC BY 4.0, credit mySociety',
  },
  trusts: {
    file: 'ods/etr.csv',
    columns: [],
    key: undefined,
    title: 'NHS trusts: ODS etr extract (January 2022)',
    attribution: 'NHS Digital Organisation Data Service via ebmdatalab/scmd-rheumatology; Open Government Licence v3.0',
  },
} as const;
type Source = keyof typeof FILES;

/**
 * Regions by ODS code. The 2018 and 2020 files give only ONS codes and names, and the ICB file gives the ODS
 * codes of 2022, so regions are matched by name; London is the same region in all three.
 */
const REGION_ODS_BY_NAME: Record<string, string> = {
  London: 'Y56',
  'South East': 'Y59',
  'South West': 'Y58',
  'East of England': 'Y61',
  'North West': 'Y62',
  Midlands: 'Y60',
  'North East and Yorkshire': 'Y63',
};

/**
 * The seven footprints of 2017/18 that had new ONS codes by 2020, with the ICB (2022) that succeeded them, from
 * NHS England's published mergers. Their region is their successor's. Where a footprint split (East Surrey,
 * South Cumbria), this names the successor that took most of it.
 */
const SUCCESSOR_ICB: Record<string, string> = {
  E54000005: 'QWO', // West Yorkshire and Harrogate
  E54000006: 'QOQ', // Humber, Coast and Vale
  E54000033: 'QNX', // Sussex and East Surrey
  E54000035: 'QXU', // Surrey Heartlands
  E54000045: 'QHM', // Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby
  E54000046: 'QHM', // Northumberland, Tyne and Wear and North Durham
  E54000047: 'QHM', // West, North and East Cumbria
};

type Row = Record<string, string>;

/**
 * A reference file's rows by column name. Its columns must all be there and its key (the code a node's key is made
 * from) filled in on every row: a damaged file is refused whole, never half read.
 */
async function readCsv(dir: string, source: Source): Promise<Row[]> {
  const file = path.join(dir, FILES[source].file);
  const rows = parseCsv<Row>(file, await readText(file), {
    columns: (h: string[]) => h.map((c) => c.trim()),
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
  const { columns, key } = FILES[source];
  const header = Object.keys(rows[0] ?? {});
  const missing = columns.filter((c) => !header.includes(c));
  const problems: ImportProblem[] = [];
  if (rows.length === 0 || missing.length > 0)
    problems.push({
      file,
      row: 1,
      message: rows.length === 0 ? 'the file has no rows' : `the header has no ${missing.join(', ')} column`,
      fix: 'restore the file from the repository (seed/reference/SOURCES.md says where it came from)',
    });
  else
    rows.forEach((row, index) => {
      if (key !== undefined && !row[key])
        problems.push({
          file,
          row: index + 2,
          field: key,
          message: 'the code is empty',
          fix: 'restore the file from the repository (seed/reference/SOURCES.md says where it came from)',
        });
    });
  if (problems.length > 0) throw new ImportValidationError(problems);
  return rows;
}

/** Accumulates nodes (merging repeats of one node) and links, each documented in its reference file. */
class Builder {
  readonly batch: GraphBatch = { nodes: [], relationships: [] };
  private readonly nodes = new Map<string, GraphBatch['nodes'][number]>();
  private readonly documented = new Set<string>();

  constructor(private readonly dir: string) {}

  origin(source: Source, row?: number): Origin {
    return { file: path.join('seed/reference', FILES[source].file), row };
  }

  node(label: Label, key: string, properties: Properties, source: Source, row?: number): NodeRef {
    const ref = { label, key };
    const id = `${label}/${key}`;
    const seen = this.nodes.get(id);
    if (seen) {
      for (const [name, value] of Object.entries(properties))
        if (value !== undefined && seen.properties[name] === undefined) seen.properties[name] = value;
    } else {
      const node = { label, key, properties: { ...properties }, origin: this.origin(source, row) };
      this.nodes.set(id, node);
      this.batch.nodes.push(node);
    }
    this.document(ref, source, row);
    return ref;
  }

  link(type: Rel, from: NodeRef, to: NodeRef, source: Source, row?: number, properties: Properties = {}): void {
    this.batch.relationships.push({ type, from, to, properties, origin: this.origin(source, row) });
  }

  document(ref: NodeRef, source: Source, row?: number): void {
    const id = `${ref.label}/${ref.key}>${source}`;
    if (this.documented.has(id) || ref.label === Label.SourceDocument) return;
    this.documented.add(id);
    const { file, title, attribution } = FILES[source];
    const doc = {
      label: Label.SourceDocument,
      key: `reference-${path
        .basename(file, '.csv')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')}`,
    };
    if (!this.nodes.has(`${doc.label}/${doc.key}`)) {
      const node = {
        ...doc,
        properties: {
          title,
          kind: 'reference data',
          file: path.relative(REPOSITORY_ROOT, path.join(this.dir, file)),
          attribution,
        },
        origin: this.origin(source),
      };
      this.nodes.set(`${doc.label}/${doc.key}`, node);
      this.batch.nodes.push(node);
    }
    this.link(Rel.DOCUMENTED_IN, ref, doc, source, row, row !== undefined ? { ref: `row ${row}` } : {});
  }

  code(
    area: NodeRef,
    code: string,
    system: 'ONS' | 'ODS',
    entity: string,
    source: Source,
    row?: number,
    validFrom?: string,
  ): void {
    const ref = this.node(
      Label.AreaCode,
      `${system}:${code}:${entity.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      { code, system, entity, validFrom },
      source,
      row,
    );
    this.link(Rel.HAS_CODE, area, ref, source, row);
  }
}

export async function readReference(dir: string = DEFAULT_DIR): Promise<GraphBatch> {
  const b = new Builder(dir);
  const regions = await readCsv(dir, 'regions');
  const footprints = await readCsv(dir, 'footprints');
  const partnerships = await readCsv(dir, 'partnerships');
  const icbs = await readCsv(dir, 'icbs');
  const boroughs = await readCsv(dir, 'boroughs');
  const authorities = await readCsv(dir, 'authorities');

  const england = b.node(Label.Area, ENGLAND, { name: 'England', level: 'COUNTRY', gssCode: ENGLAND }, 'regions');
  const regionByOnsCode = new Map<string, NodeRef>();
  regions.forEach((r, i) => {
    const name = r.nhser18nm ?? '';
    const ods = REGION_ODS_BY_NAME[name];
    if (!ods)
      throw new ImportValidationError([
        {
          file: b.origin('regions').file,
          row: i + 2,
          field: 'nhser18nm',
          message: `NHS region "${name}" is not one of England's seven regions`,
          fix: `name one of ${Object.keys(REGION_ODS_BY_NAME).join(', ')}, or restore the file from the repository`,
        },
      ]);
    const region = b.node(
      Label.Area,
      ods,
      { name, level: 'REGION', odsCode: ods, gssCode: r.nhser18cd },
      'regions',
      i + 2,
    );
    b.code(region, r.nhser18cd ?? '', 'ONS', 'NHS region 2018', 'regions', i + 2);
    b.code(region, ods, 'ODS', 'NHS region', 'regions', i + 2);
    b.link(Rel.AREA_PART_OF, region, england, 'regions', i + 2);
    regionByOnsCode.set(r.nhser18cd ?? '', region);
  });

  const icbByOds = new Map<string, { row: Row; line: number }>();
  icbs.forEach((row, i) => {
    icbByOds.set(row.icb22cdh ?? '', { row, line: i + 2 });
  });
  const partnershipByCode = new Map(partnerships.map((r, i) => [r.stp20cd ?? '', { row: r, line: i + 2 }]));
  const footprintByCode = new Map<string, NodeRef>();

  footprints.forEach((r, i) => {
    const code = r.stp_code ?? '';
    const line = i + 2;
    const partnership = partnershipByCode.get(code);
    const successors = icbs
      .filter((icb) => (icb.predecessor_stp21 ?? '').includes(code))
      .map((icb) => icb.icb22cdh ?? '');
    if (successors.length === 0 && SUCCESSOR_ICB[code]) successors.push(SUCCESSOR_ICB[code]);
    // An ICB that kept its footprint's ONS code kept its ODS code too (North West London: E54000027, QRV).
    const sameCode = icbs.find((icb) => icb.icb22cd === code);
    const footprint = b.node(
      Label.Area,
      code,
      {
        name: r.stp_name_2017_18,
        level: 'FOOTPRINT',
        gssCode: code,
        odsCode: sameCode?.icb22cdh,
        partnershipName: partnership?.row.stp20nm,
      },
      'footprints',
      line,
    );
    if (partnership) b.document(footprint, 'partnerships', partnership.line);
    b.code(footprint, code, 'ONS', 'STP 2017/18', 'footprints', line);
    footprintByCode.set(code, footprint);

    const region = partnership
      ? regionByOnsCode.get(partnership.row.nhser20cd ?? '')
      : successors.map((s) => icbByOds.get(s)?.row.nhser22cdh).find(Boolean)
        ? { label: Label.Area, key: successors.map((s) => icbByOds.get(s)?.row.nhser22cdh).find(Boolean)! }
        : undefined;
    b.link(
      Rel.AREA_PART_OF,
      footprint,
      region ?? england,
      partnership ? 'partnerships' : 'icbs',
      partnership?.line ?? line,
    );
    for (const successor of new Set(successors)) {
      b.link(
        Rel.SUCCEEDED_BY,
        footprint,
        { label: Label.Organisation, key: successor },
        'icbs',
        icbByOds.get(successor)?.line,
      );
    }
  });

  for (const { row, line } of icbByOds.values()) {
    const icb = b.node(
      Label.Organisation,
      row.icb22cdh ?? '',
      {
        name: row.icb22nm,
        kind: 'ICB',
        odsCode: row.icb22cdh,
        gssCode: row.icb22cd,
      },
      'icbs',
      line,
    );
    b.link(Rel.BASED_IN, icb, { label: Label.Area, key: row.nhser22cdh ?? '' }, 'icbs', line);
    const predecessors = new Set([...(row.predecessor_stp21 ?? '').matchAll(/E54\d{6}/g)].map((m) => m[0]));
    for (const [footprint, successor] of Object.entries(SUCCESSOR_ICB))
      if (successor === row.icb22cdh) predecessors.add(footprint);
    for (const code of predecessors) {
      const footprint = footprintByCode.get(code);
      if (footprint) b.link(Rel.ORGANISATION_COVERS, icb, footprint, 'icbs', line);
    }
  }

  const authorityByGss = new Map(authorities.map((r, i) => [r['gss-code'] ?? '', { row: r, line: i + 2 }]));
  boroughs.forEach((r, i) => {
    const line = i + 2;
    const gss = r.lad_gss_code ?? '';
    const authority = authorityByGss.get(gss);
    const number = (value: string | undefined) => (value === undefined || value === '' ? undefined : Number(value));
    const borough = b.node(
      Label.Area,
      gss,
      {
        name: r.lad_name,
        level: 'BOROUGH',
        gssCode: gss,
        latitude: number(authority?.row.lat),
        longitude: number(authority?.row.long),
        population: authority?.row['pop-2020'] ? Math.round(Number(authority.row['pop-2020'])) : undefined,
      },
      'boroughs',
      line,
    );
    if (authority) b.document(borough, 'authorities', authority.line);
    b.code(
      borough,
      gss,
      'ONS',
      'Local authority district',
      'boroughs',
      line,
      authority?.row['start-date'] || undefined,
    );
    b.link(
      Rel.AREA_PART_OF,
      borough,
      footprintByCode.get(r.stp_code ?? '') ?? { label: Label.Area, key: LONDON_REGION },
      'boroughs',
      line,
    );

    const council = b.node(
      Label.Organisation,
      gss,
      { name: r.la_official_name, kind: 'LOCAL_AUTHORITY', gssCode: gss },
      'boroughs',
      line,
    );
    b.link(Rel.ORGANISATION_COVERS, council, borough, 'boroughs', line);
    b.link(Rel.BASED_IN, council, borough, 'boroughs', line);

    const ccgCode = r.ccg_2013_2020_ods ?? '';
    if (ccgCode) {
      const ccg = b.node(
        Label.Organisation,
        ccgCode,
        { name: r.ccg18nm, kind: 'CCG', odsCode: ccgCode, gssCode: r.ccg18cd },
        'boroughs',
        line,
      );
      b.link(Rel.ORGANISATION_COVERS, ccg, borough, 'boroughs', line);
      if (r.icb22_ods) b.link(Rel.SUCCEEDED_BY, ccg, { label: Label.Organisation, key: r.icb22_ods }, 'boroughs', line);
    }
  });

  // London's NHS trusts from the real etr extract itself, not the derived London file, so one reader serves both.
  const trusts = await readOds(path.join(dir, FILES.trusts.file), {
    kind: 'NHS_TRUST',
    include: (row) => row.nationalGrouping === LONDON_REGION,
  });
  for (const trust of trusts.nodes) b.node(trust.label, trust.key, trust.properties, 'trusts', trust.origin.row);
  for (const rel of trusts.relationships) {
    if (rel.type === Rel.BASED_IN) b.link(rel.type, rel.from, rel.to, 'trusts', rel.origin.row);
  }
  return b.batch;
}
