// Generated programmes: national, footprint-wide ones within them, local ones within those; partners and a target.
import { Label, Rel, type PartnershipRole } from '../../schema/graph.js';
import type { NodeRef } from '../../schema/records.js';
import type { Areas } from './areas.js';
import type { Generation } from './collector.js';
import { isoDay, pad2, SYNTHETIC, WEB } from './invented.js';
import type { Organisation, Organisations } from './organisations.js';
import { ENGLAND } from './scales.js';
import { TOPICS } from './topics.js';

/** Programmes are national, footprint-wide or local, in these shares; local ones take the rest. */
const NATIONAL_SHARE = 0.02;
const FOOTPRINT_SHARE = 0.2;

export interface Programme {
  ref: NodeRef;
  tier: 'national' | 'footprint' | 'local';
  footprint: number;
  borough: number;
  /** Index into TOPICS and the topics' records. */
  topic: number;
  lead: Organisation;
  partners: Organisation[];
  /** Roles (posts) in the programme, filled in as people are generated. */
  roles: NodeRef[];
  /** Filled in with the action plans. */
  workstreams: NodeRef[];
  start: number;
  years: number;
}

export function generateProgrammes(
  { dice, out, n }: Generation,
  { country, footprints, boroughs, footprintName }: Areas,
  { all: organisations, councils, icbs, byBorough, byFootprint, nationalBodies, bridges }: Organisations,
  topics: readonly NodeRef[],
): Programme[] {
  const boroughCount = boroughs.length;
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
    const where =
      tier === 'national' ? 'England' : tier === 'footprint' ? footprintName(footprint) : boroughs[borough]!.name;
    const form = dice.pick(['programme', 'partnership', 'action plan', 'roll-out', 'campaign']);
    const ref = out.node(Label.Programme, `gen-programme-${q + 1}`, {
      name: `${TOPICS[topic]} ${form} for ${where} ${start}/${pad2((start + years) % 100)} #${q + 1}${SYNTHETIC}`,
      period: `${start}/${pad2((start + years) % 100)}`,
      startDate: isoDay(start, 4, 1),
      endDate: isoDay(start + years, 3, 31),
      aims: [
        `Improve ${TOPICS[topic]!.toLowerCase()} outcomes in ${where}`,
        'Train frontline staff to make every contact count',
      ],
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
      if (neighbours.length > 0 && dice.chance(0.3))
        out.link(Rel.PROGRAMME_COVERS, ref, boroughs[dice.pick(neighbours)]!.ref);
      const parents =
        footprintProgrammes[footprint]!.length > 0 && dice.chance(0.7)
          ? footprintProgrammes[footprint]!
          : programmes.slice(0, nationalCount);
      out.link(Rel.PROGRAMME_PART_OF, ref, dice.pick(parents).ref);
    }
    for (const [org, role] of partners) out.link(Rel.PARTNER_IN, org.ref, ref, { role });
    out.link(Rel.LED_BY, ref, lead.ref, { part: 'LEAD' });
    out.link(Rel.ABOUT, ref, topics[topic]!);
    const second = dice.int(0, topics.length - 1);
    if (second !== topic) out.link(Rel.ABOUT, ref, topics[second]!);

    const target = out.node(
      Label.Target,
      `gen-target-${q + 1}`,
      dice.chance(0.5)
        ? {
            name: `Train ${(years * 500).toLocaleString('en-GB')} frontline staff${SYNTHETIC}`,
            metric: 'frontline staff trained',
            value: years * 500,
            unit: 'people',
            deadline: isoDay(start + years, 3, 31),
          }
        : {
            name: `Reach 95% coverage${SYNTHETIC}`,
            metric: 'coverage',
            value: 95,
            unit: 'percent',
            deadline: isoDay(start + years, 3, 31),
          },
    );
    out.link(Rel.HAS_TARGET, ref, target);
    for (let r = 0, readings = dice.int(0, 5); r < readings; r += 1) {
      const reading = out.node(Label.TargetReading, `gen-reading-${q + 1}-${r + 1}`, {
        value: dice.int(10, 95),
        date: isoDay(start + Math.floor(r / 2), r % 2 === 0 ? 9 : 3, 30),
        note: 'Synthetic reading',
      });
      out.link(Rel.HAS_READING, target, reading);
    }
    const programme: Programme = {
      ref,
      tier,
      footprint,
      borough,
      topic,
      lead,
      partners: [...partners.keys()],
      roles: [],
      workstreams: [],
      start,
      years,
    };
    programmes.push(programme);
    if (tier === 'footprint') footprintProgrammes[footprint]!.push(programme);
  }

  return programmes;
}
