// A deterministic synthetic England for benchmarks: invented areas, organisations, services and programmes, all demo data.
import {
  ActionStatus, EventKind, Label, Rel, ResourceKind, type OrganisationKind, type PartnershipRole,
} from '../../schema/graph.js';
import type { GraphBatch, NodeRef, NodeRecord, Origin, Properties, RelationshipRecord } from '../../schema/records.js';

/** Each scale is a fraction of England; every count is that fraction of England's, and at least one. */
export const SCALES = { small: 0.01, medium: 0.1, england: 1 } as const;
export type Scale = keyof typeof SCALES;
export const isScale = (name: string): name is Scale => Object.hasOwn(SCALES, name);

/** The headline counts of the `england` scale; `medium` has a tenth of each, `small` a hundredth. */
export const ENGLAND = {
  regions: 7,
  footprints: 42,
  boroughs: 300,
  organisations: 15_000,
  gpPractices: 7_000,
  services: 60_000,
  resources: 20_000,
  people: 20_000,
  programmes: 2_000,
  actions: 50_000,
  events: 2_000,
} as const;

/** Organisations besides councils (one per borough), ICBs (one per footprint), GP practices and the voluntary sector, which takes the rest. */
const OTHER_ORGANISATIONS: readonly [OrganisationKind, number, string][] = [
  ['NHS_TRUST', 210, 'NHS Trust'], ['CCG', 106, 'Clinical Commissioning Group'], ['FIRE_AND_RESCUE', 45, 'Fire and Rescue Service'],
  ['NATIONAL_BODY', 25, 'National Health Agency'], ['REGIONAL_BODY', 14, 'Regional Health Partnership'],
  ['PROFESSIONAL_NETWORK', 150, 'Public Health Network'], ['TRADE_UNION', 40, 'Health Workers Union'], ['EDUCATION', 600, 'College'],
  ['CHARITY_FOUNDATION', 300, 'Health Foundation'], ['OTHER', 500, 'Enterprise'],
];

/** Programmes are national, footprint-wide or local, in these shares; local ones take the rest. */
const NATIONAL_SHARE = 0.02;
const FOOTPRINT_SHARE = 0.2;

/** Every name says it is invented, so that a screenshot of a benchmark graph can never pass for real data. */
const SYNTHETIC = ' (synthetic)';

/** The reserved example domain and Ofcom's drama telephone numbers: contact details that can never reach anyone. */
const WEB = 'https://example.org/gen';
const phone = (n: number) => `01632 ${960000 + (n % 1000)}`;

/** Inland English towns, one per footprint, so that jittered coordinates stay in England rather than at sea or over a border. */
const ANCHORS: readonly (readonly [number, number])[] = [
  [51.50, -0.13], [51.55, -0.30], [51.45, 0.05], [51.60, -0.05], [52.486, -1.890], [53.480, -2.242], [53.801, -1.549],
  [51.454, -2.588], [54.978, -1.618], [53.381, -1.470], [53.45, -2.74], [52.954, -1.158], [52.637, -1.139], [52.630, 1.297],
  [50.47, -4.72], [50.718, -3.533], [51.06, -1.31], [51.11, -0.19], [51.752, -1.258], [52.205, 0.122], [53.959, -1.082],
  [53.84, -0.43], [54.66, -2.75], [53.230, -0.540], [52.25, 0.71], [52.573, -0.241], [52.406, -1.512], [53.003, -2.179],
  [52.921, -1.476], [51.454, -0.978], [51.27, 0.52], [51.864, -2.238], [53.76, -2.70], [53.96, -2.02], [54.52, -1.55],
  [54.78, -1.57], [51.38, -2.36], [51.07, -1.79], [52.04, -0.76], [52.24, -0.90], [51.88, -0.42], [51.74, 0.47],
  [52.06, -2.72], [52.71, -2.75], [52.19, -2.22],
];

const REGIONS = ['Northern', 'Eastern', 'Western', 'Southern', 'Central', 'Midland', 'Coastal'];
const PLACE_START = ['Ash', 'Bram', 'Chel', 'Dun', 'Elm', 'Fen', 'Gold', 'Hart', 'Ivy', 'Kings', 'Lang', 'Mill', 'Nor', 'Oak', 'Pen', 'Queen', 'Red', 'Stan', 'Thorn', 'Up', 'Wel', 'Yar', 'Bur', 'Cold'];
const PLACE_END = ['ford', 'ley', 'ton', 'bury', 'field', 'ham', 'wick', 'by', 'mouth', 'stead', 'well', 'worth', 'combe', 'dale', 'gate'];
const FIRST_NAMES = ['Alex', 'Sam', 'Jo', 'Priya', 'Tom', 'Aisha', 'Chris', 'Nia', 'Ben', 'Leah', 'Omar', 'Ruth', 'Dev', 'Kate', 'Femi', 'Grace', 'Ivan', 'Zara', 'Owen', 'Mei'];
const SURNAMES = ['Archer', 'Baker', 'Carter', 'Dale', 'Ellis', 'Fisher', 'Gray', 'Hale', 'Irwin', 'Jones', 'Khan', 'Lowe', 'Marsh', 'Noble', 'Okafor', 'Patel', 'Quinn', 'Reid', 'Shaw', 'Turner', 'Vance', 'Wade', 'Young', 'Zhou'];

const TOPICS = [
  'Stop smoking', 'Alcohol', 'Healthy weight', 'Physical activity', 'Mental wellbeing', 'Immunisation', 'Social prescribing',
  'Sexual health', 'Drug misuse', 'Oral health', 'Falls prevention', 'Dementia', 'Diabetes prevention', 'NHS Health Checks',
  'Cancer screening', 'Air quality', 'Housing and health', 'Loneliness', 'Early years', 'School nursing', 'Healthy ageing',
  'Carers', 'Suicide prevention', 'Workplace health',
];
const SERVICE_FORMS = ['support', 'clinic', 'advice line', 'drop-in', 'group', 'programme', 'outreach service', 'online course'];
const WORKSTREAMS = ['Training and workforce', 'Communication and engagement', 'Data and evaluation', 'Commissioning', 'Community outreach', 'Digital', 'Prevention', 'Access and equity'];
const ACTION_VERBS = ['Deliver', 'Agree', 'Publish', 'Review', 'Train staff on', 'Map', 'Share', 'Evaluate', 'Recruit for', 'Promote'];
const ACTION_OBJECTS = ['training for frontline staff', 'practice-level data', 'the communication plan', 'referral pathways', 'the evaluation framework', 'volunteer champions', 'the annual report', 'community events', 'the e-learning module', 'the service directory'];
const GP_TITLES = ['Practice Manager', 'GP Partner', 'Practice Nurse', 'Social Prescribing Link Worker'];
const COUNCIL_TITLES = ['Director of Public Health', 'Health Improvement Officer', 'Public Health Analyst', 'Commissioning Manager'];
const OTHER_TITLES = ['Programme Manager', 'Communications Manager', 'Community Navigator', 'Volunteer Coordinator', 'Training Lead', 'Clinical Lead', 'Service Manager', 'Engagement Officer'];
const PROGRAMME_TITLES = ['Programme Manager', 'Project Director', 'Programme Communications Lead'];
const STAKEHOLDERS = ['Frontline staff', 'GP practices', 'Residents', 'Councillors', 'Voluntary sector partners', 'Pharmacies', 'Schools', 'Carers'];
const METHODS = ['newsletter', 'email', 'briefing', 'workshop', 'social media', 'intranet', 'poster'];
const STATUS_WEIGHTS: readonly [ActionStatus, number][] = [
  ['COMPLETED', 30], ['IN_PROGRESS', 25], ['PLANNED', 20], ['ONGOING', 12], ['PROPOSED', 8], ['CANCELLED', 5],
];

/** mulberry32: a tiny, fast generator whose sequence depends only on the seed, unlike Math.random. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  /** A whole number from lo to hi, both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return items[items.length - 1]![0];
  }
  /** Up to k different items: a link given twice would be merged by the validator and spoil the counts. */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return [...items];
    if (k * 3 < items.length) {
      const chosen = new Set<number>();
      while (chosen.size < k) chosen.add(Math.floor(this.next() * items.length));
      return [...chosen].map((i) => items[i]!);
    }
    const copy = [...items];
    for (let i = 0; i < k; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }
}

/** Collects records; origins are shared per label or type, since a generated record has no line of a file to point at. */
class Records implements GraphBatch {
  readonly nodes: NodeRecord[] = [];
  readonly relationships: RelationshipRecord[] = [];
  private readonly origins = new Map<string, Origin>();
  constructor(private readonly file: string) {}

  private origin(field: string): Origin {
    let origin = this.origins.get(field);
    if (!origin) this.origins.set(field, (origin = { file: this.file, field }));
    return origin;
  }

  node(label: Label, key: string, properties: Properties): NodeRef {
    this.nodes.push({ label, key, properties: { ...properties, demo: true }, origin: this.origin(label) });
    return { label, key };
  }

  link(type: Rel, from: NodeRef, to: NodeRef, properties: Properties = {}): void {
    this.relationships.push({ type, from, to, properties, origin: this.origin(type) });
  }
}

interface Organisation {
  ref: NodeRef;
  kind: OrganisationKind;
  borough: number;
  /** Roles (posts) in the organisation, filled in as people are generated. */
  roles: NodeRef[];
}

interface Programme {
  ref: NodeRef;
  tier: 'national' | 'footprint' | 'local';
  footprint: number;
  borough: number;
  topic: number;
  lead: Organisation;
  partners: Organisation[];
  roles: NodeRef[];
  workstreams: NodeRef[];
  start: number;
  years: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDay = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Counts of a scale: England's times the scale's fraction, at least one of each. */
export function scaledCount(scale: Scale, englandCount: number): number {
  return Math.max(1, Math.round(englandCount * SCALES[scale]));
}

/** The seed is fixed per scale, so `england` is the same graph on every machine and every run. */
const seedOf = (scale: Scale) => [...`partnership-hub:${scale}`].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/**
 * Generates the synthetic graph for a scale as one batch for the importer. Every record is `demo`, every key starts
 * `gen-`, every name ends "(synthetic)"; the same scale always gives exactly the same records in the same order.
 */
export function generate(scale: Scale): GraphBatch {
  const dice = new Dice(mulberry32(seedOf(scale)));
  const out = new Records(`generated:${scale}`);
  const n = (englandCount: number) => scaledCount(scale, englandCount);

  // Areas: England ⊃ regions ⊃ footprints ⊃ boroughs, each footprint gathered round an inland town.
  const footprintCount = n(ENGLAND.footprints);
  const boroughCount = Math.max(footprintCount, n(ENGLAND.boroughs));
  const regionCount = Math.min(ENGLAND.regions, footprintCount);
  const placeName = (i: number) => `${PLACE_START[i % PLACE_START.length]}${PLACE_END[Math.floor(i / PLACE_START.length) % PLACE_END.length]}`;
  // A footprint is named after its first borough, as many real partnerships are named after their main town.
  const footprintName = (f: number) => `${placeName(Math.ceil((f * boroughCount) / footprintCount))} and District`;
  const country = out.node(Label.Area, 'gen-country', { name: `England${SYNTHETIC}`, level: 'COUNTRY' });
  const regions = Array.from({ length: regionCount }, (_, r) => {
    const ref = out.node(Label.Area, `gen-region-${r + 1}`, { name: `${REGIONS[r]} Region${SYNTHETIC}`, level: 'REGION' });
    out.link(Rel.AREA_PART_OF, ref, country);
    return ref;
  });
  const footprints = Array.from({ length: footprintCount }, (_, f) => {
    const [lat, lon] = ANCHORS[f % ANCHORS.length]!;
    const ref = out.node(Label.Area, `gen-footprint-${f + 1}`, {
      name: `${footprintName(f)}${SYNTHETIC}`, level: 'FOOTPRINT',
      partnershipName: `${footprintName(f)} Health and Care Partnership${SYNTHETIC}`, latitude: lat, longitude: lon,
    });
    out.link(Rel.AREA_PART_OF, ref, regions[Math.floor((f * regionCount) / footprintCount)]!);
    return { ref, lat, lon, boroughs: [] as number[] };
  });
  const boroughs = Array.from({ length: boroughCount }, (_, b) => {
    const footprint = Math.floor((b * footprintCount) / boroughCount);
    const home = footprints[footprint]!;
    const lat = round5(home.lat + (dice.next() - 0.5) * 0.16);
    const lon = round5(home.lon + (dice.next() - 0.5) * 0.24);
    const name = placeName(b);
    const ref = out.node(Label.Area, `gen-borough-${b + 1}`, { name: `${name}${SYNTHETIC}`, level: 'BOROUGH', latitude: lat, longitude: lon, population: dice.int(80_000, 400_000) });
    out.link(Rel.AREA_PART_OF, ref, home.ref);
    home.boroughs.push(b);
    return { ref, name, footprint, lat, lon };
  });

  let locationCount = 0;
  const location = (borough: number, what: string): NodeRef => {
    const b = boroughs[borough]!;
    locationCount += 1;
    const ref = out.node(Label.Location, `gen-location-${locationCount}`, {
      name: `${b.name} ${what}${SYNTHETIC}`, addressLines: [`${dice.int(1, 250)} Example Street`], town: b.name,
      latitude: round5(b.lat + (dice.next() - 0.5) * 0.06), longitude: round5(b.lon + (dice.next() - 0.5) * 0.09),
    });
    out.link(Rel.IN_AREA, ref, b.ref);
    return ref;
  };

  // Organisations: a council per borough, an ICB per footprint, GP practices, the NHS and the voluntary sector.
  const organisations: Organisation[] = [];
  const byKind = new Map<OrganisationKind, Organisation[]>();
  const byBorough = boroughs.map(() => [] as Organisation[]);
  const byFootprint = footprints.map(() => [] as Organisation[]);
  const organisation = (kind: OrganisationKind, borough: number, name: string, extra: Properties = {}): Organisation => {
    const ref = out.node(Label.Organisation, `gen-org-${organisations.length + 1}`, {
      name: `${name}${SYNTHETIC}`, kind, website: `${WEB}/org/${organisations.length + 1}`, ...extra,
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
    const practice = organisation('GP_PRACTICE', borough, `${boroughs[borough]!.name} ${dice.pick(['Medical Centre', 'Surgery', 'Health Centre', 'Family Practice'])} ${p + 1}`, {
      odsCode: `GEN-P${p + 1}`, openDate: isoDay(dice.int(1950, 2015), dice.int(1, 12), 1),
    });
    out.link(Rel.ORGANISATION_PART_OF, practice.ref, icbs[boroughs[borough]!.footprint]!.ref);
    out.link(Rel.AT, practice.ref, location(borough, 'surgery'));
  }
  for (const [kind, count, title] of OTHER_ORGANISATIONS) {
    for (let i = 0, total = n(count); i < total; i += 1) {
      const borough = dice.int(0, boroughCount - 1);
      const footprint = boroughs[borough]!.footprint;
      const org = organisation(kind, borough, `${boroughs[borough]!.name} ${title} ${i + 1}`, kind === 'CCG' ? { closeDate: '2022-06-30' } : {});
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
    organisation('VOLUNTARY', borough, `${boroughs[borough]!.name} ${dice.pick(['Community Trust', 'Wellbeing Network', 'Carers Group', 'Food Bank', 'Youth Project'])} ${i + 1}`);
  }
  const kinds = (...names: OrganisationKind[]) => names.flatMap((k) => byKind.get(k) ?? []);
  const nationalBodies = kinds('NATIONAL_BODY');
  const bridges = kinds('NATIONAL_BODY', 'REGIONAL_BODY', 'PROFESSIONAL_NETWORK', 'CHARITY_FOUNDATION', 'TRADE_UNION', 'EDUCATION');

  // Topics: one shared taxonomy, the same at every scale.
  const topics = TOPICS.map((name) => out.node(Label.Topic, `gen-topic-${slug(name)}`, { name: `${name}${SYNTHETIC}` }));

  // Programmes: national ones, footprint-wide ones within them and local ones within those, each with partners.
  const programmeCount = n(ENGLAND.programmes);
  const nationalCount = Math.max(1, Math.round(programmeCount * NATIONAL_SHARE));
  const footprintProgrammeCount = Math.max(1, Math.round(programmeCount * FOOTPRINT_SHARE));
  const programmes: Programme[] = [];
  const footprintProgrammes = footprints.map(() => [] as Programme[]);
  const roleFor = (org: Organisation, kind: 'partner' | 'lead'): PartnershipRole => {
    if (kind === 'lead') return 'LEAD';
    if (dice.chance(0.04)) return 'PROPOSED_PARTNER';
    if (org.kind === 'GP_PRACTICE' || (org.kind === 'VOLUNTARY' && dice.chance(0.5))) return 'DELIVERY_PARTNER';
    if (org.kind === 'ICB' || org.kind === 'CHARITY_FOUNDATION') return dice.chance(0.6) ? 'FUNDER' : 'PARTNER';
    return dice.chance(0.03) ? 'HOST' : 'PARTNER';
  };
  for (let q = 0; q < programmeCount; q += 1) {
    const tier = q < nationalCount ? 'national' : q < nationalCount + footprintProgrammeCount ? 'footprint' : 'local';
    const borough = dice.int(0, boroughCount - 1);
    const footprint = boroughs[borough]!.footprint;
    const topic = dice.int(0, topics.length - 1);
    const start = dice.int(2016, 2025);
    const years = dice.int(1, 3);
    const where = tier === 'national' ? 'England' : tier === 'footprint' ? footprintName(footprint) : boroughs[borough]!.name;
    const form = dice.pick(['programme', 'partnership', 'action plan', 'roll-out', 'campaign']);
    const ref = out.node(Label.Programme, `gen-programme-${q + 1}`, {
      name: `${TOPICS[topic]} ${form} for ${where} ${start}/${pad2((start + years) % 100)} #${q + 1}${SYNTHETIC}`,
      period: `${start}/${pad2((start + years) % 100)}`, startDate: isoDay(start, 4, 1), endDate: isoDay(start + years, 3, 31),
      aims: [`Improve ${TOPICS[topic]!.toLowerCase()} outcomes in ${where}`, 'Train frontline staff to make every contact count'],
      url: `${WEB}/programme/${q + 1}`,
    });

    const partners = new Map<Organisation, PartnershipRole>();
    const add = (orgs: readonly Organisation[], kind: 'partner' | 'lead' = 'partner') => {
      for (const org of orgs) if (!partners.has(org)) partners.set(org, roleFor(org, kind));
    };
    let lead: Organisation;
    if (tier === 'national') {
      lead = dice.pick(nationalBodies);
      add([lead], 'lead');
      add(dice.sample(bridges, dice.int(3, 10)));
      add(dice.sample(organisations, dice.int(20, 60)));
      out.link(Rel.PROGRAMME_COVERS, ref, country);
    } else if (tier === 'footprint') {
      lead = icbs[footprint]!;
      add([lead], 'lead');
      add(footprints[footprint]!.boroughs.map((b) => councils[b]!));
      add(dice.sample(byFootprint[footprint]!, dice.int(30, 100)));
      add(dice.sample(bridges, dice.int(2, 10)));
      out.link(Rel.PROGRAMME_COVERS, ref, footprints[footprint]!.ref);
      const parents = programmes.filter((p) => p.tier === 'national');
      out.link(Rel.PROGRAMME_PART_OF, ref, dice.pick(parents).ref);
    } else {
      lead = councils[borough]!;
      add([lead], 'lead');
      add(dice.sample(byBorough[borough]!, dice.int(5, 30)));
      add(dice.sample(byFootprint[footprint]!, dice.int(10, 40)));
      // A few partners from anywhere in England bridge otherwise local networks, which is what betweenness is for.
      add(dice.sample(bridges, dice.int(0, 6)));
      if (dice.chance(0.5)) add([icbs[footprint]!]);
      out.link(Rel.PROGRAMME_COVERS, ref, boroughs[borough]!.ref);
      const neighbours = footprints[footprint]!.boroughs.filter((b) => b !== borough);
      if (neighbours.length > 0 && dice.chance(0.3)) out.link(Rel.PROGRAMME_COVERS, ref, boroughs[dice.pick(neighbours)]!.ref);
      const parents = footprintProgrammes[footprint]!.length > 0 && dice.chance(0.7) ? footprintProgrammes[footprint]! : programmes.slice(0, nationalCount);
      out.link(Rel.PROGRAMME_PART_OF, ref, dice.pick(parents).ref);
    }
    for (const [org, role] of partners) out.link(Rel.PARTNER_IN, org.ref, ref, { role });
    out.link(Rel.LED_BY, ref, lead.ref, { part: 'LEAD' });
    out.link(Rel.ABOUT, ref, topics[topic]!);
    const second = dice.int(0, topics.length - 1);
    if (second !== topic) out.link(Rel.ABOUT, ref, topics[second]!);

    const target = out.node(Label.Target, `gen-target-${q + 1}`, dice.chance(0.5)
      ? { name: `Train ${(years * 500).toLocaleString('en-GB')} frontline staff${SYNTHETIC}`, metric: 'frontline staff trained', value: years * 500, unit: 'people', deadline: isoDay(start + years, 3, 31) }
      : { name: `Reach 95% coverage${SYNTHETIC}`, metric: 'coverage', value: 95, unit: 'percent', deadline: isoDay(start + years, 3, 31) });
    out.link(Rel.HAS_TARGET, ref, target);
    for (let r = 0, readings = dice.int(0, 5); r < readings; r += 1) {
      const reading = out.node(Label.TargetReading, `gen-reading-${q + 1}-${r + 1}`, { value: dice.int(10, 95), date: isoDay(start + Math.floor(r / 2), r % 2 === 0 ? 9 : 3, 30), note: 'Synthetic reading' });
      out.link(Rel.HAS_READING, target, reading);
    }
    const programme: Programme = { ref, tier, footprint, borough, topic, lead, partners: [...partners.keys()], roles: [], workstreams: [], start, years };
    programmes.push(programme);
    if (tier === 'footprint') footprintProgrammes[footprint]!.push(programme);
  }

  // People and their roles: a post in an organisation, and for some a second post in a programme.
  const people: NodeRef[] = [];
  let roleCount = 0;
  const role = (title: string, inside: NodeRef): NodeRef => {
    roleCount += 1;
    const ref = out.node(Label.Role, `gen-role-${roleCount}`, { name: `${title}${SYNTHETIC}` });
    out.link(Rel.ROLE_IN, ref, inside);
    return ref;
  };
  for (let p = 0, total = n(ENGLAND.people); p < total; p += 1) {
    const employer = dice.pick(organisations);
    const title = dice.pick(employer.kind === 'GP_PRACTICE' ? GP_TITLES : employer.kind === 'LOCAL_AUTHORITY' ? COUNCIL_TITLES : OTHER_TITLES);
    const first = dice.pick(FIRST_NAMES);
    const last = dice.pick(SURNAMES);
    const person = out.node(Label.Person, `gen-person-${p + 1}`, {
      name: `${first} ${last}${SYNTHETIC}`, jobTitle: title, email: `${first}.${last}.${p + 1}@example.org`.toLowerCase(), phone: phone(p),
    });
    people.push(person);
    const post = role(title, employer.ref);
    employer.roles.push(post);
    out.link(Rel.HOLDS, person, post);
    if (dice.chance(0.2)) {
      const programme = dice.pick(programmes);
      const extra = role(dice.pick(PROGRAMME_TITLES), programme.ref);
      programme.roles.push(extra);
      out.link(Rel.HOLDS, person, extra);
    }
  }
  const someoneFor = (programme: Programme): NodeRef =>
    programme.roles.length > 0 && dice.chance(0.6) ? dice.pick(programme.roles)
      : programme.lead.roles.length > 0 ? dice.pick(programme.lead.roles)
        : dice.pick(people);

  // Workstreams and actions: every programme has a few workstreams, and the actions fall among them.
  let workstreamCount = 0;
  for (const programme of programmes) {
    for (let w = 0, total = dice.int(2, 8); w < total; w += 1) {
      workstreamCount += 1;
      const ref = out.node(Label.Workstream, `gen-workstream-${workstreamCount}`, {
        name: `${WORKSTREAMS[(w + programme.topic) % WORKSTREAMS.length]}${SYNTHETIC}`, kind: dice.chance(0.8) ? 'WORKSTREAM' : 'KEY_AREA', position: w + 1,
        ...(dice.chance(0.3) ? { group: dice.pick(['Engaging and learning', 'Delivering', 'Measuring']) } : {}),
      });
      out.link(Rel.HAS_WORKSTREAM, programme.ref, ref);
      out.link(Rel.LED_BY, ref, someoneFor(programme), { part: 'LEAD' });
      out.link(Rel.ABOUT, ref, topics[(programme.topic + w) % topics.length]!);
      programme.workstreams.push(ref);
    }
  }
  const positions = new Map<NodeRef, number>();
  for (let a = 0, total = n(ENGLAND.actions); a < total; a += 1) {
    const programme = dice.pick(programmes);
    const parent = dice.chance(0.9) ? dice.pick(programme.workstreams) : programme.ref;
    const position = (positions.get(parent) ?? 0) + 1;
    positions.set(parent, position);
    const status = dice.weighted(STATUS_WEIGHTS);
    const year = programme.start + dice.int(0, programme.years - 1);
    const month = dice.int(1, 12);
    const due = isoDay(month < 4 ? year + 1 : year, month, dice.int(1, 28));
    const timing: Properties = status === 'ONGOING'
      ? { recurrence: dice.pick(['QUARTERLY', 'MONTHLY', 'ONGOING', 'AS_REQUIRED']) }
      : { dueDate: due, ...(status === 'COMPLETED' ? { completedDate: due } : {}) };
    const ref = out.node(Label.Action, `gen-action-${a + 1}`, {
      name: `${dice.pick(ACTION_VERBS)} ${dice.pick(ACTION_OBJECTS)} #${a + 1}${SYNTHETIC}`, status, position, ...timing,
      ...(dice.chance(0.3) ? { outcome: `More people in ${programme.tier === 'national' ? 'England' : boroughs[programme.borough]!.name} benefit from ${TOPICS[programme.topic]!.toLowerCase()} support.` } : {}),
    });
    out.link(Rel.HAS_ACTION, parent, ref);
    const lead = dice.chance(0.2) ? programme.lead.ref : dice.chance(0.35) ? dice.pick(people) : someoneFor(programme);
    out.link(Rel.LED_BY, ref, lead, { part: 'LEAD' });
    if (dice.chance(0.6)) {
      const delivery = dice.pick(programme.partners);
      if (delivery.ref !== lead) out.link(Rel.LED_BY, ref, delivery.ref, { part: 'DELIVERY' });
    }
    if (dice.chance(0.5)) out.link(Rel.ABOUT, ref, topics[programme.topic]!);
  }

  // Services: provided by councils, the NHS, GP practices and the voluntary sector, available in and around their borough.
  const servicesIn = boroughs.map(() => [] as NodeRef[]);
  const providers: readonly [Organisation[], number][] = [
    [councils, 35], [kinds('NHS_TRUST'), 20], [kinds('GP_PRACTICE'), 15], [kinds('VOLUNTARY'), 25], [kinds('CHARITY_FOUNDATION'), 5],
  ];
  for (let s = 0, total = n(ENGLAND.services); s < total; s += 1) {
    const provider = dice.pick(dice.weighted(providers));
    const home = boroughs[provider.borough]!;
    const topic = dice.int(0, topics.length - 1);
    const minimumAge = dice.pick([0, 12, 16, 18, 18, 18, 50, 65]);
    const ref = out.node(Label.Service, `gen-service-${s + 1}`, {
      name: `${TOPICS[topic]} ${dice.pick(SERVICE_FORMS)} in ${home.name} #${s + 1}${SYNTHETIC}`,
      description: `An invented ${TOPICS[topic]!.toLowerCase()} service for load testing; it does not exist.`,
      url: `${WEB}/service/${s + 1}`, email: `service-${s + 1}@example.org`, phone: phone(s),
      eligibility: `People aged ${minimumAge} and over who live, work or study in ${home.name}.`,
      referralRoute: dice.pick(['Refer yourself online or by telephone.', 'Ask your GP or pharmacist to refer you.', 'Drop in; no referral needed.']),
      minimumAge, ...(minimumAge < 18 && dice.chance(0.5) ? { maximumAge: 18 } : {}),
    });
    out.link(Rel.PROVIDED_BY, ref, provider.ref);
    const served = [provider.borough];
    if (dice.chance(0.15)) out.link(Rel.AVAILABLE_IN, ref, footprints[home.footprint]!.ref);
    const neighbours = footprints[home.footprint]!.boroughs.filter((b) => b !== provider.borough);
    served.push(...dice.sample(neighbours, dice.int(0, 4)));
    for (const b of served) {
      out.link(Rel.AVAILABLE_IN, ref, boroughs[b]!.ref);
      servicesIn[b]!.push(ref);
    }
    out.link(Rel.ABOUT, ref, topics[topic]!);
    for (const other of dice.sample(topics, dice.int(0, 3))) if (other !== topics[topic]) out.link(Rel.ABOUT, ref, other);
    if (dice.chance(0.55)) out.link(Rel.AT, ref, location(provider.borough, dice.pick(['health centre', 'library', 'community hub', 'pharmacy'])));
  }
  for (const programme of programmes) {
    if (programme.tier !== 'local') continue;
    for (const service of dice.sample(servicesIn[programme.borough]!, dice.int(10, 40))) out.link(Rel.SIGNPOSTS_TO, programme.ref, service);
    out.link(Rel.SIGNPOSTS_TO, programme.ref, topics[programme.topic]!);
  }

  // Resources: published by national bodies, councils, the NHS and the voluntary sector, each supporting a programme.
  const publishers: readonly [Organisation[], number][] = [
    [kinds('NATIONAL_BODY', 'REGIONAL_BODY'), 20], [councils, 30], [kinds('NHS_TRUST', 'ICB'), 15], [kinds('VOLUNTARY'), 25], [kinds('PROFESSIONAL_NETWORK'), 10],
  ];
  for (let r = 0, total = n(ENGLAND.resources); r < total; r += 1) {
    const kind = dice.pick(ResourceKind);
    const topic = dice.int(0, topics.length - 1);
    const ref = out.node(Label.Resource, `gen-resource-${r + 1}`, {
      name: `${TOPICS[topic]} ${kind.toLowerCase().replace(/_/g, ' ')} #${r + 1}${SYNTHETIC}`, kind, url: `${WEB}/resource/${r + 1}`,
      audience: dice.pick(['Frontline staff', 'Residents', 'Commissioners', 'GP practices', 'Schools']),
      status: dice.weighted([['AVAILABLE', 85], ['PLANNED', 10], ['PROPOSED', 5]] as const),
    });
    out.link(Rel.PUBLISHED_BY, ref, dice.pick(dice.weighted(publishers)).ref);
    out.link(Rel.ABOUT, ref, topics[topic]!);
    for (const other of dice.sample(topics, dice.int(0, 2))) if (other !== topics[topic]) out.link(Rel.ABOUT, ref, other);
    const programme = dice.pick(programmes);
    out.link(Rel.SUPPORTS, ref, programme.ref);
    if (dice.chance(0.4)) out.link(Rel.SUPPORTS, ref, dice.pick(programme.workstreams));
  }

  // Events: organised for programmes, with partners taking part.
  for (let e = 0, total = n(ENGLAND.events); e < total; e += 1) {
    const programme = dice.pick(programmes);
    const kind = dice.pick(EventKind);
    const year = programme.start + dice.int(0, programme.years - 1);
    const ref = out.node(Label.Event, `gen-event-${e + 1}`, {
      name: `${TOPICS[programme.topic]} ${kind.toLowerCase().replace(/_/g, ' ')} #${e + 1}${SYNTHETIC}`, kind,
      date: isoDay(year, dice.int(4, 12), dice.int(1, 28)), status: year < 2025 ? 'HELD' : 'PLANNED', place: `${boroughs[programme.borough]!.name} community hub`,
    });
    out.link(Rel.EVENT_OF, ref, programme.ref);
    out.link(Rel.ORGANISED, dice.chance(0.8) ? programme.lead.ref : programme.ref, ref);
    for (const org of dice.sample(programme.partners, dice.int(5, 20))) out.link(Rel.TOOK_PART_IN, org.ref, ref);
    for (const person of dice.sample(people, dice.int(0, 3))) out.link(Rel.TOOK_PART_IN, person, ref);
    out.link(Rel.ABOUT, ref, topics[programme.topic]!);
  }

  // Communication plans for a tenth of the programmes: stakeholder groups, the engagement they need, and activities.
  const levels = (['AWARENESS', 'INVOLVEMENT', 'COMMITMENT'] as const).map((level) => out.node(Label.EngagementLevel, `gen-engagement-${level.toLowerCase()}`, {
    name: `${level[0]}${level.slice(1).toLowerCase()}${SYNTHETIC}`, level, definitions: [`Synthetic definition of ${level.toLowerCase()}`],
  }));
  let groupCount = 0;
  let activityCount = 0;
  for (const programme of programmes) {
    if (!dice.chance(0.1)) continue;
    const groups = dice.sample(STAKEHOLDERS, dice.int(3, 8)).map((name) => {
      groupCount += 1;
      const ref = out.node(Label.StakeholderGroup, `gen-stakeholders-${groupCount}`, { name: `${name}${SYNTHETIC}`, need: `${name} need to know what the programme offers and how to refer.` });
      out.link(Rel.ENGAGES, programme.ref, ref);
      out.link(Rel.NEEDS, ref, dice.pick(levels), dice.chance(0.2) ? { qualifier: 'in certain projects' } : {});
      return ref;
    });
    for (let c = 0, total = dice.int(4, 10); c < total; c += 1) {
      activityCount += 1;
      const ref = out.node(Label.CommunicationActivity, `gen-communication-${activityCount}`, {
        name: `Communication ${c + 1} for ${TOPICS[programme.topic]!.toLowerCase()}${SYNTHETIC}`, methods: dice.sample(METHODS, dice.int(1, 3)),
        frequency: dice.pick(['monthly', 'quarterly', 'at launch', 'weekly']),
      });
      out.link(Rel.PLANS, programme.ref, ref);
      for (const group of dice.sample(groups, dice.int(1, 2))) out.link(Rel.FOR, ref, group);
      out.link(Rel.PRODUCED_BY, ref, someoneFor(programme));
      out.link(Rel.DELIVERED_BY, ref, dice.pick(programme.partners).ref);
    }
  }

  return { nodes: out.nodes, relationships: out.relationships };
}

export interface RecordCounts {
  nodes: Partial<Record<Label, number>>;
  relationships: Partial<Record<Rel, number>>;
}

export function countRecords(batch: GraphBatch): RecordCounts {
  const counts: RecordCounts = { nodes: {}, relationships: {} };
  for (const node of batch.nodes) counts.nodes[node.label] = (counts.nodes[node.label] ?? 0) + 1;
  for (const rel of batch.relationships) counts.relationships[rel.type] = (counts.relationships[rel.type] ?? 0) + 1;
  return counts;
}
