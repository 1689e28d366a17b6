// A place in the hierarchy England ⊃ NHS region ⊃ STP footprint ⊃ borough, with its dated codes.
import { concept, name, vocabulary } from '../define.js';

export const AreaLevel = vocabulary('AreaLevel', 'Country, NHS England region, STP footprint or borough.', [
  'COUNTRY',
  'REGION',
  'FOOTPRINT',
  'BOROUGH',
]);

export const Area = concept({
  label: 'Area',
  searchable: true,
  description:
    'A place: England, an NHS England region, an STP footprint (later an integrated care system) or a borough.',
  properties: {
    name: name("The area's name."),
    level: { type: AreaLevel, required: true, description: 'Country, NHS region, STP footprint or borough.' },
    gssCode: { type: 'string', description: 'The current ONS GSS code.' },
    odsCode: { type: 'string', description: 'The NHS ODS code, for regions and footprints that have one.' },
    partnershipName: { type: 'string', description: "The partnership's own name (an STP footprint's 2020 name)." },
    latitude: { type: 'number', description: 'Latitude of the centroid (WGS84).' },
    longitude: { type: 'number', description: 'Longitude of the centroid (WGS84).' },
    population: { type: 'integer', description: 'Resident population at the stated year (2020).' },
    description: { type: 'text', description: 'About the area.' },
  },
  relationships: {
    AREA_PART_OF: { from: ['Area'], to: ['Area'], description: 'Borough ⊂ footprint ⊂ region ⊂ country.' },
    HAS_CODE: {
      from: ['Area', 'Organisation'],
      to: ['AreaCode'],
      description: 'The dated ONS and ODS codes an area or organisation has had.',
    },
  },
  links: {
    parent: {
      rel: 'AREA_PART_OF',
      direction: 'out',
      to: ['Area'],
      one: true,
      description: "The area it is part of: a borough's footprint, a footprint's region.",
    },
    children: {
      rel: 'AREA_PART_OF',
      direction: 'in',
      to: ['Area'],
      description: "The areas directly inside it: a footprint's boroughs, a region's footprints.",
    },
    services: {
      rel: 'AVAILABLE_IN',
      direction: 'in',
      to: ['Service'],
      description: 'Services available in the area itself (search finds those of its footprint too).',
    },
    programmes: {
      rel: 'PROGRAMME_COVERS',
      direction: 'in',
      to: ['Programme'],
      description: 'Programmes covering the area.',
    },
  },
});
