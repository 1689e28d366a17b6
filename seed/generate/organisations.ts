// Generated organisations: a council per borough, an ICB per footprint, GP practices, the NHS and the voluntary sector.
import { Label, Rel, type OrganisationKind } from '../../schema/graph.js';
import type { NodeRef, Properties } from '../../schema/records.js';
import type { Areas } from './areas.js';
import type { Generation } from './collector.js';
import { isoDay, SYNTHETIC, WEB } from './invented.js';
import { ENGLAND } from './scales.js';

/** Besides councils (one a borough), ICBs (one a footprint), GP practices and the voluntary sector (the rest). */
const OTHER_ORGANISATIONS: readonly [OrganisationKind, number, string][] = [
  ['NHS_TRUST', 210, 'NHS Trust'],
  ['CCG', 106, 'Clinical Commissioning Group'],
  ['FIRE_AND_RESCUE', 45, 'Fire and Rescue Service'],
  ['NATIONAL_BODY', 25, 'National Health Agency'],
  ['REGIONAL_BODY', 14, 'Regional Health Partnership'],
  ['PROFESSIONAL_NETWORK', 150, 'Public Health Network'],
  ['TRADE_UNION', 40, 'Health Workers Union'],
  ['EDUCATION', 600, 'College'],
  ['CHARITY_FOUNDATION', 300, 'Health Foundation'],
  ['OTHER', 500, 'Enterprise'],
];

const PRACTICE_NAMES = ['Medical Centre', 'Surgery', 'Health Centre', 'Family Practice'];
const VOLUNTARY_NAMES = ['Community Trust', 'Wellbeing Network', 'Carers Group', 'Food Bank', 'Youth Project'];

export interface Organisation {
  ref: NodeRef;
  kind: OrganisationKind;
  borough: number;
  /** Roles (posts) in the organisation, filled in as people are generated. */
  roles: NodeRef[];
}

export interface Organisations {
  all: Organisation[];
  /** One per borough, in the boroughs' order. */
  councils: Organisation[];
  /** One per footprint, in the footprints' order. */
  icbs: Organisation[];
  byBorough: Organisation[][];
  byFootprint: Organisation[][];
  /** Every organisation of these kinds. */
  kinds: (...names: OrganisationKind[]) => Organisation[];
  nationalBodies: Organisation[];
  /** National, regional and sector-wide organisations: the partners that bridge otherwise local networks. */
  bridges: Organisation[];
}

export function generateOrganisations(
  { dice, out, n }: Generation,
  { footprints, boroughs, footprintName, location }: Areas,
): Organisations {
  const boroughCount = boroughs.length;
  const organisations: Organisation[] = [];
  const byKind = new Map<OrganisationKind, Organisation[]>();
  const byBorough = boroughs.map(() => [] as Organisation[]);
  const byFootprint = footprints.map(() => [] as Organisation[]);
  const organisation = (
    kind: OrganisationKind,
    borough: number,
    name: string,
    extra: Properties = {},
  ): Organisation => {
    const ref = out.node(Label.Organisation, `gen-org-${organisations.length + 1}`, {
      name: `${name}${SYNTHETIC}`,
      kind,
      website: `${WEB}/org/${organisations.length + 1}`,
      ...extra,
    });
    out.link(Rel.BASED_IN, ref, boroughs[borough]!.ref);
    const org: Organisation = { ref, kind, borough, roles: [] };
    organisations.push(org);
    (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(org);
    byBorough[borough]!.push(org);
    byFootprint[boroughs[borough]!.footprint]!.push(org);
    return org;
  };
  const councils = boroughs.map((b, i) => {
    const council = organisation('LOCAL_AUTHORITY', i, `${b.name} Council`, { shortName: `${b.name} Council` });
    out.link(Rel.ORGANISATION_COVERS, council.ref, b.ref);
    return council;
  });
  const icbs = footprints.map((f, i) => {
    const icb = organisation('ICB', dice.pick(f.boroughs), `NHS ${footprintName(i)} Integrated Care Board`);
    out.link(Rel.ORGANISATION_COVERS, icb.ref, f.ref);
    return icb;
  });
  const gpCount = n(ENGLAND.gpPractices);
  for (let p = 0; p < gpCount; p += 1) {
    const borough = dice.int(0, boroughCount - 1);
    const place = dice.pick(PRACTICE_NAMES);
    const practice = organisation('GP_PRACTICE', borough, `${boroughs[borough]!.name} ${place} ${p + 1}`, {
      odsCode: `GEN-P${p + 1}`,
      openDate: isoDay(dice.int(1950, 2015), dice.int(1, 12), 1),
    });
    out.link(Rel.ORGANISATION_PART_OF, practice.ref, icbs[boroughs[borough]!.footprint]!.ref);
    out.link(Rel.AT, practice.ref, location(borough, 'surgery'));
  }
  for (const [kind, count, title] of OTHER_ORGANISATIONS) {
    for (let i = 0, total = n(count); i < total; i += 1) {
      const borough = dice.int(0, boroughCount - 1);
      const footprint = boroughs[borough]!.footprint;
      const org = organisation(
        kind,
        borough,
        `${boroughs[borough]!.name} ${title} ${i + 1}`,
        kind === 'CCG' ? { closeDate: '2022-06-30' } : {},
      );
      if (kind === 'NHS_TRUST') out.link(Rel.ORGANISATION_COVERS, org.ref, footprints[footprint]!.ref);
      if (kind === 'CCG') {
        // CCGs closed in 2022 and their ICBs took over, as in the real reference data.
        out.link(Rel.SUCCEEDED_BY, org.ref, icbs[footprint]!.ref, { date: '2022-07-01' });
        out.link(Rel.ORGANISATION_PART_OF, org.ref, icbs[footprint]!.ref);
      }
    }
  }
  for (let total = Math.max(n(ENGLAND.organisations) - organisations.length, 1), i = 0; i < total; i += 1) {
    const borough = dice.int(0, boroughCount - 1);
    organisation('VOLUNTARY', borough, `${boroughs[borough]!.name} ${dice.pick(VOLUNTARY_NAMES)} ${i + 1}`);
  }
  const kinds = (...names: OrganisationKind[]) => names.flatMap((k) => byKind.get(k) ?? []);
  const nationalBodies = kinds('NATIONAL_BODY');
  const bridges = kinds(
    'NATIONAL_BODY',
    'REGIONAL_BODY',
    'PROFESSIONAL_NETWORK',
    'CHARITY_FOUNDATION',
    'TRADE_UNION',
    'EDUCATION',
  );
  return { all: organisations, councils, icbs, byBorough, byFootprint, kinds, nationalBodies, bridges };
}
