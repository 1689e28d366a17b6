// Generated areas: England ⊃ regions ⊃ footprints ⊃ boroughs round inland towns, and locations in boroughs.
import { Label, Rel } from '../../schema/graph.js';
import type { NodeRef } from '../../schema/records.js';
import type { Generation } from './collector.js';
import { round5, SYNTHETIC } from './invented.js';
import { ENGLAND } from './scales.js';

/** Inland English towns, one per footprint, so jittered coordinates stay in England, not at sea or over a border. */
const ANCHORS: readonly (readonly [number, number])[] = [
  [51.5, -0.13],
  [51.55, -0.3],
  [51.45, 0.05],
  [51.6, -0.05],
  [52.486, -1.89],
  [53.48, -2.242],
  [53.801, -1.549],
  [51.454, -2.588],
  [54.978, -1.618],
  [53.381, -1.47],
  [53.45, -2.74],
  [52.954, -1.158],
  [52.637, -1.139],
  [52.63, 1.297],
  [50.47, -4.72],
  [50.718, -3.533],
  [51.06, -1.31],
  [51.11, -0.19],
  [51.752, -1.258],
  [52.205, 0.122],
  [53.959, -1.082],
  [53.84, -0.43],
  [54.66, -2.75],
  [53.23, -0.54],
  [52.25, 0.71],
  [52.573, -0.241],
  [52.406, -1.512],
  [53.003, -2.179],
  [52.921, -1.476],
  [51.454, -0.978],
  [51.27, 0.52],
  [51.864, -2.238],
  [53.76, -2.7],
  [53.96, -2.02],
  [54.52, -1.55],
  [54.78, -1.57],
  [51.38, -2.36],
  [51.07, -1.79],
  [52.04, -0.76],
  [52.24, -0.9],
  [51.88, -0.42],
  [51.74, 0.47],
  [52.06, -2.72],
  [52.71, -2.75],
  [52.19, -2.22],
];

const REGIONS = ['Northern', 'Eastern', 'Western', 'Southern', 'Central', 'Midland', 'Coastal'];
const PLACE_START = [
  'Ash',
  'Bram',
  'Chel',
  'Dun',
  'Elm',
  'Fen',
  'Gold',
  'Hart',
  'Ivy',
  'Kings',
  'Lang',
  'Mill',
  'Nor',
  'Oak',
  'Pen',
  'Queen',
  'Red',
  'Stan',
  'Thorn',
  'Up',
  'Wel',
  'Yar',
  'Bur',
  'Cold',
];
const PLACE_END = [
  'ford',
  'ley',
  'ton',
  'bury',
  'field',
  'ham',
  'wick',
  'by',
  'mouth',
  'stead',
  'well',
  'worth',
  'combe',
  'dale',
  'gate',
];

export interface Footprint {
  ref: NodeRef;
  lat: number;
  lon: number;
  /** Indexes of the footprint's boroughs. */
  boroughs: number[];
}

export interface Borough {
  ref: NodeRef;
  name: string;
  /** Index of the footprint the borough is part of. */
  footprint: number;
  lat: number;
  lon: number;
}

export interface Areas {
  country: NodeRef;
  footprints: Footprint[];
  boroughs: Borough[];
  footprintName: (footprint: number) => string;
  /** A new location in a borough, near its centre; `what` names the kind of place. */
  location: (borough: number, what: string) => NodeRef;
}

export function generateAreas({ dice, out, n }: Generation): Areas {
  const footprintCount = n(ENGLAND.footprints);
  const boroughCount = Math.max(footprintCount, n(ENGLAND.boroughs));
  const regionCount = Math.min(ENGLAND.regions, footprintCount);
  const placeName = (i: number) =>
    `${PLACE_START[i % PLACE_START.length]}${PLACE_END[Math.floor(i / PLACE_START.length) % PLACE_END.length]}`;
  // A footprint is named after its first borough, as many real partnerships are named after their main town.
  const footprintName = (f: number) => `${placeName(Math.ceil((f * boroughCount) / footprintCount))} and District`;
  const country = out.node(Label.Area, 'gen-country', { name: `England${SYNTHETIC}`, level: 'COUNTRY' });
  const regions = Array.from({ length: regionCount }, (_, r) => {
    const ref = out.node(Label.Area, `gen-region-${r + 1}`, {
      name: `${REGIONS[r]} Region${SYNTHETIC}`,
      level: 'REGION',
    });
    out.link(Rel.AREA_PART_OF, ref, country);
    return ref;
  });
  const footprints = Array.from({ length: footprintCount }, (_, f): Footprint => {
    const [lat, lon] = ANCHORS[f % ANCHORS.length]!;
    const ref = out.node(Label.Area, `gen-footprint-${f + 1}`, {
      name: `${footprintName(f)}${SYNTHETIC}`,
      level: 'FOOTPRINT',
      partnershipName: `${footprintName(f)} Health and Care Partnership${SYNTHETIC}`,
      latitude: lat,
      longitude: lon,
    });
    out.link(Rel.AREA_PART_OF, ref, regions[Math.floor((f * regionCount) / footprintCount)]!);
    return { ref, lat, lon, boroughs: [] };
  });
  const boroughs = Array.from({ length: boroughCount }, (_, b): Borough => {
    const footprint = Math.floor((b * footprintCount) / boroughCount);
    const home = footprints[footprint]!;
    const lat = round5(home.lat + (dice.next() - 0.5) * 0.16);
    const lon = round5(home.lon + (dice.next() - 0.5) * 0.24);
    const name = placeName(b);
    const ref = out.node(Label.Area, `gen-borough-${b + 1}`, {
      name: `${name}${SYNTHETIC}`,
      level: 'BOROUGH',
      latitude: lat,
      longitude: lon,
      population: dice.int(80_000, 400_000),
    });
    out.link(Rel.AREA_PART_OF, ref, home.ref);
    home.boroughs.push(b);
    return { ref, name, footprint, lat, lon };
  });

  let locationCount = 0;
  const location = (borough: number, what: string): NodeRef => {
    const b = boroughs[borough]!;
    locationCount += 1;
    const ref = out.node(Label.Location, `gen-location-${locationCount}`, {
      name: `${b.name} ${what}${SYNTHETIC}`,
      addressLines: [`${dice.int(1, 250)} Example Street`],
      town: b.name,
      latitude: round5(b.lat + (dice.next() - 0.5) * 0.06),
      longitude: round5(b.lon + (dice.next() - 0.5) * 0.09),
    });
    out.link(Rel.IN_AREA, ref, b.ref);
    return ref;
  };

  return { country, footprints, boroughs, footprintName, location };
}
