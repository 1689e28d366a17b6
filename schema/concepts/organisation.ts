// An organisation working in public health, and the links that say what it does: partnerships, places, parents.
import { concept, name, vocabulary } from '../define.js';

export const OrganisationKind = vocabulary('OrganisationKind', 'What sort of organisation this is.', [
  'NHS_TRUST',
  'CCG',
  'ICB',
  'GP_PRACTICE',
  'LOCAL_AUTHORITY',
  'NATIONAL_BODY',
  'REGIONAL_BODY',
  'PROFESSIONAL_NETWORK',
  'VOLUNTARY',
  'FIRE_AND_RESCUE',
  'EDUCATION',
  'TRADE_UNION',
  'CHARITY_FOUNDATION',
  'OTHER',
]);

export const PartnershipRole = vocabulary('PartnershipRole', "An organisation's part in a programme.", [
  'LEAD',
  'PARTNER',
  'FUNDER',
  'DELIVERY_PARTNER',
  'HOST',
  'PROPOSED_PARTNER',
]);

/**
 * The identifiers that name one organisation wherever it appears (a feed, an ODS extract, a spreadsheet), with how an
 * admin says each: an import finding one on a different organisation reports the two as a merge candidate.
 */
export const ORGANISATION_IDENTIFIERS = {
  charityNumber: 'charity number',
  companyNumber: 'company number',
  odsCode: 'ODS code',
} as const;

export type OrganisationIdentifier = keyof typeof ORGANISATION_IDENTIFIERS;

export const Organisation = concept({
  label: 'Organisation',
  searchable: true,
  description:
    'An organisation working in public health: an NHS trust, a CCG or ICB, a council, a national body, a voluntary organisation.',
  properties: {
    name: name("The organisation's name as it calls itself."),
    kind: { type: OrganisationKind, required: true, description: 'What sort of organisation this is.' },
    shortName: { type: 'string', description: 'A shorter name in common use (PHE, GLA).' },
    odsCode: { type: 'string', description: 'NHS Organisation Data Service code, for NHS bodies.' },
    gssCode: { type: 'string', description: 'ONS GSS code, for local authorities and ICBs.' },
    charityNumber: {
      type: 'string',
      description: 'Registered charity number (Charity Commission for England and Wales, OSCR or CCNI: SC…, NIC…).',
    },
    companyNumber: { type: 'string', description: 'Companies House registration number, eight characters (01234567).' },
    otherIdentifiers: {
      type: 'strings',
      description:
        'Other third-party identifiers as a feed published them, each as its org-id.guide scheme, a colon and the identifier (XI-EIN:12345).',
    },
    addressLines: { type: 'strings', description: 'Postal address lines, without town and postcode.' },
    town: { type: 'string', description: 'Post town.' },
    postcode: { type: 'string', description: 'Postcode of the main address.' },
    website: { type: 'url', description: 'Public website.' },
    openDate: { type: 'date', description: 'When it opened (ISO date, from ODS).' },
    closeDate: { type: 'date', description: 'When it closed (ISO date, from ODS), if it has.' },
    description: { type: 'text', description: 'What it does.' },
  },
  relationships: {
    PARTNER_IN: {
      from: ['Organisation'],
      to: ['Programme'],
      description: 'An organisation takes part in a programme: as lead, partner, funder or delivery partner.',
      properties: {
        role: { type: PartnershipRole, required: true, description: "The organisation's part in the programme." },
      },
    },
    BASED_IN: { from: ['Organisation'], to: ['Area'], description: 'Where an organisation is based.' },
    ORGANISATION_COVERS: {
      from: ['Organisation'],
      to: ['Area'],
      description: 'The area an organisation is responsible for (an ICB, a CCG, a council).',
    },
    ORGANISATION_PART_OF: {
      from: ['Organisation'],
      to: ['Organisation'],
      description: 'A CCG in an ICB, a GP practice in its CCG, a team in a council.',
    },
    SUCCEEDED_BY: {
      from: ['Area', 'Organisation'],
      to: ['Area', 'Organisation'],
      description: 'A footprint or organisation merged or renamed into a later one (a CCG into its ICB).',
      properties: { date: { type: 'date', description: 'When the successor took over.' } },
    },
  },
  links: {
    services: { rel: 'PROVIDED_BY', direction: 'in', to: ['Service'], description: 'The services it provides.' },
    areasCovered: {
      rel: 'ORGANISATION_COVERS',
      direction: 'out',
      to: ['Area'],
      description: "The areas it is responsible for (a council's borough, an ICB's footprint).",
    },
    basedIn: { rel: 'BASED_IN', direction: 'out', to: ['Area'], description: 'Where it is based.' },
    parent: {
      rel: 'ORGANISATION_PART_OF',
      direction: 'out',
      to: ['Organisation'],
      one: true,
      description: "The organisation it is part of (a GP practice's CCG).",
    },
    children: {
      rel: 'ORGANISATION_PART_OF',
      direction: 'in',
      to: ['Organisation'],
      description: 'The organisations that are part of it.',
    },
    successors: {
      rel: 'SUCCEEDED_BY',
      direction: 'out',
      to: ['Organisation'],
      description: "The organisations that took over its work (a CCG's ICB).",
    },
    roles: {
      rel: 'ROLE_IN',
      direction: 'in',
      to: ['Role'],
      description: 'Roles in the organisation named in the graph.',
    },
    resources: { rel: 'PUBLISHED_BY', direction: 'in', to: ['Resource'], description: 'The resources it publishes.' },
  },
});
