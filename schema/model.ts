// The graph model as data: for every label its properties, for every relationship type what it joins and carries.
// The importer validates every record against this before writing anything; the API reads the same definitions.
import {
  ActionStatus, AreaLevel, EngagementLevelKey, EventKind, Label, OrganisationKind, PartnershipRole, Rel, ResourceKind,
} from './graph.js';

/** The kinds of value a property may hold. `date` is an ISO date (2018-03-31) or month (2017-09). */
export type PropertyType = 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'url' | 'strings' | readonly string[];

export interface PropertySpec {
  type: PropertyType;
  required?: boolean;
  /** Not shown to the public role: people's contact details, unpublished drafts. */
  private?: boolean;
  description: string;
}

export type PropertySpecs = Record<string, PropertySpec>;

/** Properties every node may carry besides `id`, `key` and `sources`, which the importer manages. */
const COMMON: PropertySpecs = {
  description: { type: 'text', description: 'A sentence or two on what this is, in plain English.' },
  demo: { type: 'boolean', description: 'True for example records that are not from any real document, shown as demo data.' },
};

const name = (description: string): PropertySpec => ({ type: 'string', required: true, description });

export const NODE_MODEL: Record<Label, PropertySpecs> = {
  [Label.Organisation]: {
    name: name('The organisation\'s name as it calls itself.'),
    kind: { type: OrganisationKind, required: true, description: 'What sort of organisation this is.' },
    shortName: { type: 'string', description: 'A shorter name in common use (PHE, GLA).' },
    odsCode: { type: 'string', description: 'NHS Organisation Data Service code, for NHS bodies.' },
    gssCode: { type: 'string', description: 'ONS GSS code, for local authorities.' },
    addressLines: { type: 'strings', description: 'Postal address lines, without town and postcode.' },
    town: { type: 'string', description: 'Post town.' },
    postcode: { type: 'string', description: 'Postcode of the main address.' },
    website: { type: 'url', description: 'Public website.' },
    openDate: { type: 'date', description: 'When the organisation opened (ODS).' },
    closeDate: { type: 'date', description: 'When the organisation closed (ODS), if it has.' },
  },
  [Label.Area]: {
    name: name('The area\'s name.'),
    level: { type: AreaLevel, required: true, description: 'Country, NHS region, STP footprint or borough.' },
    gssCode: { type: 'string', description: 'The current ONS GSS code.' },
    odsCode: { type: 'string', description: 'The NHS ODS code, for regions and footprints that have one.' },
    partnershipName: { type: 'string', description: 'The partnership\'s own name (an STP footprint\'s 2020 name).' },
    latitude: { type: 'number', description: 'Latitude of the centroid (WGS84).' },
    longitude: { type: 'number', description: 'Longitude of the centroid (WGS84).' },
    population: { type: 'integer', description: 'Resident population at the stated year.' },
  },
  [Label.AreaCode]: {
    code: { type: 'string', required: true, description: 'The code itself (E54000027, QRV).' },
    system: { type: ['ONS', 'ODS'], required: true, description: 'Who issues the code.' },
    entity: { type: 'string', description: 'What the code was issued for (STP 2017/18, ICB 2022).' },
    validFrom: { type: 'date', description: 'First date the code applied.' },
    validTo: { type: 'date', description: 'Last date the code applied, if it no longer does.' },
  },
  [Label.Programme]: {
    name: name('The programme\'s name.'),
    period: { type: 'string', description: 'The period it runs for, as written (2017/18).' },
    startDate: { type: 'date', description: 'Start date.' },
    endDate: { type: 'date', description: 'End or delivery date.' },
    aims: { type: 'strings', description: 'What it sets out to do.' },
    benefitsForPeople: { type: 'strings', description: 'Why it is better for people.' },
    benefitsForSystem: { type: 'strings', description: 'Why it is better for the health and care system.' },
    expectedOutcomes: { type: 'strings', description: 'The outcomes expected.' },
    url: { type: 'url', description: 'Where the programme is published.' },
  },
  [Label.Workstream]: {
    name: name('The workstream or key area\'s name.'),
    kind: { type: ['WORKSTREAM', 'KEY_AREA'], required: true, description: 'A workstream of deliverables, or a key area of work.' },
    position: { type: 'integer', description: 'Its number or order in the programme.' },
    group: { type: 'string', description: 'A heading grouping several workstreams (Engaging and learning).' },
  },
  [Label.Action]: {
    name: name('What is to be done, as written.'),
    status: { type: ActionStatus, required: true, description: 'Where the action stands.' },
    position: { type: 'integer', description: 'Its order within its workstream or programme.' },
    output: { type: 'text', description: 'The output the action serves (Barnet\'s plan).' },
    outcome: { type: 'text', description: 'The outcome the action serves (Barnet\'s plan).' },
    dueDate: { type: 'date', description: 'When it is due, as a date or month.' },
    dueText: { type: 'string', description: 'The due date as written in the source (24th to 30th April 2017).' },
    recurrence: { type: ['QUARTERLY', 'MONTHLY', 'ONGOING', 'AS_REQUIRED'], description: 'For recurring actions instead of a due date.' },
    completedDate: { type: 'date', description: 'When it was completed.' },
    leadText: { type: 'string', description: 'Who leads it, as written in the source.' },
  },
  [Label.Target]: {
    name: name('The target in words.'),
    metric: { type: 'string', required: true, description: 'What is measured (frontline staff trained).' },
    value: { type: 'number', required: true, description: 'The target value.' },
    unit: { type: 'string', description: 'Unit of the value (people, percent).' },
    deadline: { type: 'date', description: 'When the target is to be met.' },
  },
  [Label.TargetReading]: {
    value: { type: 'number', required: true, description: 'The measured value.' },
    date: { type: 'date', required: true, description: 'When it was measured.' },
    note: { type: 'text', description: 'How it was measured.' },
  },
  [Label.Person]: {
    name: name('The person\'s name.'),
    jobTitle: { type: 'string', description: 'Their job title.' },
    email: { type: 'string', private: true, description: 'Work email address (not public).' },
    phone: { type: 'string', private: true, description: 'Work telephone (not public).' },
  },
  [Label.Role]: {
    name: name('The role\'s title (Health Improvement Officer).'),
  },
  [Label.Resource]: {
    name: name('The resource\'s title.'),
    kind: { type: ResourceKind, required: true, description: 'What sort of resource it is.' },
    url: { type: 'url', description: 'Where to find it.' },
    audience: { type: 'string', description: 'Who it is for.' },
    status: { type: ['AVAILABLE', 'PLANNED', 'PROPOSED'], description: 'Whether it exists yet.' },
  },
  [Label.Service]: {
    name: name('The service\'s name.'),
    url: { type: 'url', description: 'The service\'s web page.' },
    email: { type: 'string', description: 'Public contact email.' },
    phone: { type: 'string', description: 'Public contact telephone.' },
    eligibility: { type: 'text', description: 'Who can use it.' },
    referralRoute: { type: 'text', description: 'How to get referred or refer yourself.' },
    minimumAge: { type: 'integer', description: 'Youngest age served.' },
    maximumAge: { type: 'integer', description: 'Oldest age served.' },
    oruk: { type: 'text', description: 'Open Referral UK fields the graph does not model (schedules, contacts, costs, ...), as JSON, kept from an import so the feed gives them back.' },
  },
  [Label.Location]: {
    name: name('The location\'s name.'),
    addressLines: { type: 'strings', description: 'Postal address lines.' },
    town: { type: 'string', description: 'Post town.' },
    postcode: { type: 'string', description: 'Postcode.' },
    latitude: { type: 'number', description: 'Latitude (WGS84).' },
    longitude: { type: 'number', description: 'Longitude (WGS84).' },
  },
  [Label.Topic]: {
    name: name('The topic\'s name (stop smoking).'),
  },
  [Label.StakeholderGroup]: {
    name: name('The stakeholder group\'s name.'),
    need: { type: 'text', required: true, description: 'The summary of need, as written.' },
  },
  [Label.EngagementLevel]: {
    name: name('Awareness, involvement or commitment.'),
    level: { type: EngagementLevelKey, required: true, description: 'The level as a code.' },
    definitions: { type: 'strings', required: true, description: 'What the level means: the key definitions.' },
  },
  [Label.CommunicationActivity]: {
    name: name('A short name for the activity.'),
    methods: { type: 'strings', required: true, description: 'How the information is given.' },
    frequency: { type: 'string', description: 'How often it goes out, as written.' },
  },
  [Label.Event]: {
    name: name('The event\'s name.'),
    kind: { type: EventKind, required: true, description: 'Event, workshop, community of practice, meeting or training.' },
    date: { type: 'date', description: 'When it took place.' },
    status: { type: ['HELD', 'PLANNED', 'PROPOSED'], description: 'Whether it has happened.' },
    place: { type: 'string', description: 'Where, as written.' },
  },
  [Label.Postcode]: {
    postcode: { type: 'string', required: true, description: 'The postcode, upper case with one space.' },
    latitude: { type: 'number', required: true, description: 'Latitude of the centroid (WGS84).' },
    longitude: { type: 'number', required: true, description: 'Longitude of the centroid (WGS84).' },
    gssCode: { type: 'string', description: 'GSS code of its local authority.' },
  },
  [Label.SourceDocument]: {
    title: { type: 'string', required: true, description: 'The document\'s title.' },
    kind: { type: 'string', description: 'Work programme, web page, blog post, action plan or communication plan.' },
    file: { type: 'string', description: 'The file the knowledge was read from.' },
    attribution: { type: 'text', description: 'Licence and credit, for reference data.' },
  },
};

// Every label shares the common properties.
for (const specs of Object.values(NODE_MODEL)) Object.assign(specs, { ...COMMON, ...specs });

export interface RelationshipSpec {
  from: readonly Label[];
  to: readonly Label[];
  properties: PropertySpecs;
}

const ANY: readonly Label[] = Object.values(Label);
const L = Label;

export const RELATIONSHIP_MODEL: Record<Rel, RelationshipSpec> = {
  [Rel.AREA_PART_OF]: { from: [L.Area], to: [L.Area], properties: {} },
  [Rel.HAS_CODE]: { from: [L.Area, L.Organisation], to: [L.AreaCode], properties: {} },
  [Rel.SUCCEEDED_BY]: { from: [L.Area, L.Organisation], to: [L.Area, L.Organisation], properties: { date: { type: 'date', description: 'When the successor took over.' } } },
  [Rel.PARTNER_IN]: {
    from: [L.Organisation], to: [L.Programme],
    properties: { role: { type: PartnershipRole, required: true, description: 'The organisation\'s part in the programme.' } },
  },
  [Rel.BASED_IN]: { from: [L.Organisation], to: [L.Area], properties: {} },
  [Rel.ORGANISATION_COVERS]: { from: [L.Organisation], to: [L.Area], properties: {} },
  [Rel.ORGANISATION_PART_OF]: { from: [L.Organisation], to: [L.Organisation], properties: {} },
  [Rel.PROGRAMME_PART_OF]: { from: [L.Programme], to: [L.Programme], properties: {} },
  [Rel.PROGRAMME_COVERS]: { from: [L.Programme], to: [L.Area], properties: {} },
  [Rel.SIGNPOSTS_TO]: { from: [L.Programme], to: [L.Service, L.Topic], properties: {} },
  [Rel.HAS_WORKSTREAM]: { from: [L.Programme], to: [L.Workstream], properties: {} },
  [Rel.HAS_ACTION]: { from: [L.Programme, L.Workstream], to: [L.Action], properties: {} },
  [Rel.HAS_TARGET]: { from: [L.Programme, L.Action], to: [L.Target], properties: {} },
  [Rel.HAS_READING]: { from: [L.Target], to: [L.TargetReading], properties: {} },
  [Rel.LED_BY]: {
    from: [L.Action, L.Workstream, L.Programme], to: [L.Role, L.Person, L.Organisation],
    properties: {
      part: { type: ['LEAD', 'DELIVERY', 'SUPPORT'], required: true, description: 'Leads it, delivers it or supports it.' },
      period: { type: 'string', description: 'When this lead applies, as written (summer term).' },
    },
  },
  [Rel.HOLDS]: { from: [L.Person], to: [L.Role], properties: {} },
  [Rel.ROLE_IN]: { from: [L.Role], to: [L.Organisation, L.Programme], properties: {} },
  [Rel.PUBLISHED_BY]: { from: [L.Resource], to: [L.Organisation], properties: {} },
  [Rel.SUPPORTS]: { from: [L.Resource, L.Service, L.Event], to: [L.Programme, L.Workstream, L.Action], properties: {} },
  [Rel.ABOUT]: { from: [L.Service, L.Resource, L.Programme, L.Event, L.Action, L.Workstream], to: [L.Topic], properties: {} },
  [Rel.PROVIDED_BY]: { from: [L.Service], to: [L.Organisation], properties: {} },
  [Rel.AVAILABLE_IN]: { from: [L.Service], to: [L.Area], properties: {} },
  [Rel.AT]: { from: [L.Service, L.Organisation, L.Event], to: [L.Location], properties: {} },
  [Rel.ENGAGES]: { from: [L.Programme], to: [L.StakeholderGroup], properties: {} },
  [Rel.NEEDS]: {
    from: [L.StakeholderGroup], to: [L.EngagementLevel],
    properties: { qualifier: { type: 'string', description: 'How the need is limited, as written (in certain projects).' } },
  },
  [Rel.PLANS]: { from: [L.Programme], to: [L.CommunicationActivity], properties: {} },
  [Rel.FOR]: { from: [L.CommunicationActivity], to: [L.StakeholderGroup], properties: {} },
  [Rel.PRODUCED_BY]: { from: [L.CommunicationActivity], to: [L.Role, L.Person, L.Organisation], properties: {} },
  [Rel.DELIVERED_BY]: {
    from: [L.CommunicationActivity], to: [L.Role, L.Person, L.Organisation],
    properties: { occasion: { type: 'string', description: 'Where or when they deliver it, as written.' } },
  },
  [Rel.ORGANISED]: { from: [L.Organisation, L.Person, L.Role, L.Programme], to: [L.Event], properties: {} },
  [Rel.TOOK_PART_IN]: { from: [L.Organisation, L.Person, L.Role, L.StakeholderGroup], to: [L.Event], properties: {} },
  [Rel.EVENT_OF]: { from: [L.Event], to: [L.Programme], properties: {} },
  [Rel.IN_AREA]: { from: [L.Postcode, L.Location], to: [L.Area], properties: {} },
  [Rel.DOCUMENTED_IN]: {
    from: ANY, to: [L.SourceDocument],
    properties: { ref: { type: 'string', description: 'Where in the document (a section, row or paragraph).' } },
  },
};
