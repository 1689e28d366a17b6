// Welsh (cy): every string of the English catalogue, with numbers and dates written the Welsh way (31 Mawrth 2018).
// Drafted with machine assistance and not yet checked by a Welsh speaker: CY_REVIEW marks each entry until one has.
import type {
  ActionStatus,
  DirectoryKind,
  EngagementLevelKey,
  OrganisationKind,
  PartnershipRole,
  ResourceKind,
} from './kinds.js';
import { labels, type Strings } from './strings.js';

/** Welsh writes numbers as English does (1,234.5); browsers without Welsh locale data fall back to exactly that. */
const number = (n: number): string => n.toLocaleString('cy');

/** "Only the first in the month", with the article each takes: yr un cyntaf, yr ail, y trydydd. */
const ORDINALS = ['yr un cyntaf', 'yr ail', 'y trydydd', 'y pedwerydd', 'y pumed'];

/** The soft mutation a time takes after i, o or tan: canol dydd becomes ganol dydd. */
const soft = (time: string): string => time.replace(/^canol/, 'ganol');

const MONTHS = [
  'Ionawr',
  'Chwefror',
  'Mawrth',
  'Ebrill',
  'Mai',
  'Mehefin',
  'Gorffennaf',
  'Awst',
  'Medi',
  'Hydref',
  'Tachwedd',
  'Rhagfyr',
];

/**
 * An ISO date (2018-03 or 2018-03-31) the Welsh way: Mawrth 2018, 31 Mawrth 2018. Written here rather than by Intl,
 * because some browsers' builds (Debian's Chromium among them) carry no Welsh locale data and would print English.
 */
function date(iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-').map(Number);
  const name = month ? MONTHS[month - 1] : undefined;
  if (!year || !name) return iso;
  return day ? `${day} ${name} ${year}` : `${name} ${year}`;
}

export const cy: Strings = {
  locale: 'cy',
  number,
  date,
  deadline: (date) => `erbyn ${date}`,
  nextPage: 'Tudalen nesaf',
  notFoundHeading: 'Heb ei ganfod',

  loading: 'Yn llwytho…',
  retry: 'Rhowch gynnig arall arni',
  errorNetwork:
    'Doedd dim modd cysylltu â gwasanaeth Partnership Hub. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  errorRateLimited:
    'Gormod o chwiliadau o’r dudalen hon yn ystod y funud ddiwethaf. Arhoswch am ychydig a rhowch gynnig arall arni.',
  errorNotFound: 'Doedd dim modd dod o hyd i’r hyn y gofynnodd y dudalen hon amdano. Rhowch wybod i olygydd y wefan.',
  errorGeneric: 'Aeth rhywbeth o’i le wrth lwytho’r wybodaeth hon. Rhowch gynnig arall arni yn nes ymlaen.',
  errorConfig: (attribute) => `Mae angen priodoledd ${attribute} ar y teclyn hwn. Rhowch wybod i olygydd y wefan.`,
  demoTag: 'Data enghreifftiol',
  anyOption: 'Unrhyw un',

  directoryHeading: 'Dod o hyd i wasanaethau ac adnoddau',
  searchLabel: 'Chwilio',
  searchHint: 'Er enghraifft, rhoi’r gorau i ysmygu neu wiriadau iechyd',
  searchButton: 'Chwilio',
  topicLabel: 'Pwnc',
  areaLabel: 'Bwrdeistref',
  postcodeLabel: 'Neu ger cod post',
  postcodeHint: 'O fewn 5 km, er enghraifft HA1 1AA',
  kindLabel: 'Dangos',
  kinds: labels<DirectoryKind>({ SERVICE: 'Gwasanaethau', RESOURCE: 'Adnoddau', ORGANISATION: 'Sefydliadau' }),
  kindSingular: { Service: 'Gwasanaeth', Resource: 'Adnodd', Organisation: 'Sefydliad' },
  // After a numeral Welsh keeps the noun singular ("25 canlyniad"), so no plural forms are needed.
  resultsCount: (shown, total) =>
    total === 0 ? 'Dim canlyniadau' : `Yn dangos ${number(shown)} o ${number(total)} canlyniad`,
  noResults: 'Dim canlyniadau. Rhowch gynnig ar lai o eiriau neu eiriau gwahanol, pwnc arall, neu ardal ehangach.',
  showMore: 'Dangos rhagor o ganlyniadau',
  distance: (km) => `${km.toLocaleString('cy', { maximumFractionDigits: 1 })} km i ffwrdd`,
  providedBy: (name) => `Darperir gan ${name}`,
  publishedBy: (name) => `Cyhoeddwyd gan ${name}`,
  backToResults: 'Yn ôl i’r canlyniadau',
  unknownPostcode:
    'Dydyn ni ddim yn adnabod y cod post hwnnw. Gwiriwch ef a rhowch gynnig arall arni, neu dewiswch fwrdeistref.',
  detail: {
    description: 'Amdano',
    eligibility: 'Pwy all ei ddefnyddio',
    referral: 'Sut i gael eich atgyfeirio',
    contact: 'Cysylltu',
    phone: 'Ffôn',
    email: 'E-bost',
    website: 'Gwefan',
    locations: 'Ble',
    areas: 'Ardaloedd a wasanaethir',
    topics: 'Pynciau',
    audience: 'Ar gyfer pwy',
    address: 'Cyfeiriad',
    services: 'Gwasanaethau',
    programmes: 'Rhaglenni',
  },

  openingHours: {
    heading: 'Amseroedd agor',
    day: 'Diwrnod',
    times: 'Amseroedd',
    notes: 'Nodiadau',
    other: 'Amseroedd eraill',
    notPublished: 'Nid yw’r amseroedd agor wedi’u cyhoeddi',
    timesNotGiven: 'Ar agor, dim amseroedd wedi’u rhoi',
    days: {
      MONDAY: 'Dydd Llun',
      TUESDAY: 'Dydd Mawrth',
      WEDNESDAY: 'Dydd Mercher',
      THURSDAY: 'Dydd Iau',
      FRIDAY: 'Dydd Gwener',
      SATURDAY: 'Dydd Sadwrn',
      SUNDAY: 'Dydd Sul',
    },
    // "i" softens the day that follows (i ddydd Gwener); "a" leaves it (a dydd Sul), lower case within the phrase.
    dayRange: (first, last) => `${first} i ${String(last).replace(/^Dydd/, 'ddydd')}`,
    dayPair: (first, second) => `${first} a ${String(second).replace(/^Dydd/, 'dydd')}`,
    // GOV.UK's Welsh pages write times as the English ones do (9am i 5pm), with canol dydd and hanner nos.
    midday: 'canol dydd',
    midnight: 'hanner nos',
    // i, o and tan soften what follows: i ganol dydd (hanner nos and the figures stay as they are).
    range: (opens, closes) => `${opens} i ${soft(String(closes))}`,
    from: (opens) => `O ${soft(String(opens))}`,
    until: (closes) => `Tan ${soft(String(closes))}`,
    and: (earlier, last) => `${earlier} a ${last}`,
    weekOfMonth: (week) => `Dim ond ${week < 0 ? 'yr un olaf' : (ORDINALS[week - 1] ?? `y ${week}fed`)} yn y mis`,
    everyWeeks: (weeks) => (weeks === 2 ? 'Bob yn ail wythnos' : `Bob ${number(weeks)} wythnos`),
    validBetween: (from, to) => `O ${from} i ${to}`,
    validFrom: (from) => `O ${from}`,
    validTo: (to) => `Tan ${to}`,
  },

  programmeSummary: (total, overdue) => `${number(total)} cam gweithredu, ${number(overdue)} yn hwyr`,
  programmeSummaryWhenWritten: (total, overdue) =>
    `${number(total)} cam gweithredu, ${number(overdue)} yn hwyr pan ysgrifennwyd y cynllun`,
  targetsHeading: 'Targedau',
  targetProgress: (share) => `${Math.round(share * 100)}% o’r targed`,
  noReading: 'Dim cynnydd wedi’i adrodd eto',
  trajectoryTitle: (name) => `${name}: darlleniadau yn erbyn llinell y targed`,
  trajectoryDescription: (readings, target, deadline) =>
    `${number(readings)} darlleniad; mae llinell y targed yn codi o’r darlleniad cyntaf i ${target} erbyn ${deadline}.`,
  trajectoryColumns: { date: 'Dyddiad', reading: 'Darlleniad', expected: 'Llinell y targed' },
  onTrack: 'Ar y trywydd iawn',
  behindTrack: 'Y tu ôl i linell y targed',
  programmeWideActions: 'Camau gweithredu ar draws y rhaglen',
  actionColumns: { action: 'Cam gweithredu', status: 'Statws', due: 'Erbyn', lead: 'Arweinydd' },
  overdue: 'Yn hwyr',
  overdueWhenWritten: (date) => `Yn hwyr pan ysgrifennwyd y cynllun (${date})`,
  noReportSince: (date) => `Dim adroddiad ers ${date}`,
  noReportSinceUndatedPlan: 'Dim adroddiad ers y cynllun, nad oes dyddiad arno',
  partnersHeading: 'Partneriaid',
  inferred: (reason) => `wedi’i gasglu: ${reason}`,
  statusFilter: 'Statws',
  overdueOnly: 'Camau gweithredu hwyr yn unig',
  noActions: 'Does dim camau gweithredu yn cyfateb.',
  statuses: labels<ActionStatus>({
    PROPOSED: 'Arfaethedig',
    PLANNED: 'Wedi’i gynllunio',
    IN_PROGRESS: 'Ar waith',
    ONGOING: 'Parhaus',
    COMPLETED: 'Wedi’i gwblhau',
    CANCELLED: 'Wedi’i ganslo',
  }),
  recurrences: { MONTHLY: 'Bob mis', QUARTERLY: 'Bob chwarter', ONGOING: 'Parhaus', AS_REQUIRED: 'Yn ôl yr angen' },
  leadParts: { LEAD: 'yn arwain', DELIVERY: 'yn cyflawni', SUPPORT: 'yn cefnogi' },

  commsHeading: (programme) => `Cynllun cyfathrebu: ${programme}`,
  commsColumns: {
    group: 'Grŵp rhanddeiliaid',
    need: 'Crynodeb o’r angen',
    level: 'Ymgysylltu',
    method: 'Dull',
    frequency: 'Amlder',
    producedBy: 'Pwy sy’n cynhyrchu',
    deliveredBy: 'Pwy sy’n cyflwyno',
  },
  levels: labels<EngagementLevelKey>({
    AWARENESS: 'Ymwybyddiaeth',
    INVOLVEMENT: 'Cyfranogiad',
    COMMITMENT: 'Ymrwymiad',
  }),
  noComms: 'Does gan y rhaglen hon ddim cynllun cyfathrebu eto.',

  networkHeading: (centre) => `Rhwydwaith partneriaeth: ${centre}`,
  networkSummary: (organisations, programmes) =>
    `${number(organisations)} sefydliad mewn ${number(programmes)} rhaglen`,
  viewTable: 'Tabl',
  viewGraph: 'Graff',
  viewLabel: 'Gweld fel',
  programmeFilter: 'Rhaglen',
  footprintFilter: 'Ôl troed',
  roleFilter: 'Rolau',
  roles: labels<PartnershipRole>({
    LEAD: 'Arweinydd',
    PARTNER: 'Partner',
    FUNDER: 'Cyllidwr',
    DELIVERY_PARTNER: 'Partner cyflawni',
    HOST: 'Lletywr',
    PROPOSED_PARTNER: 'Partner arfaethedig',
  }),
  networkColumns: { organisation: 'Sefydliad', role: 'Rôl', programme: 'Rhaglen' },
  expandHint: 'Dewiswch enw i ychwanegu’r partneriaid o’i gwmpas.',
  programmesHeading: 'Rhaglenni yn y rhwydwaith hwn',
  partOf: (parent) => `rhan o ${parent}`,
  expanded: (name, added) => `Ychwanegwyd ${number(added)} aelod o gwmpas ${name}.`,
  noPartnerships: 'Does dim partneriaethau yn cyfateb i’r hidlwyr hyn.',
  graphLoading: 'Yn llunio’r graff…',
  graphUnavailable: 'Does dim modd llunio’r graff yn y porwr hwn. Mae’r tabl yn dangos yr un partneriaethau.',
  graphHelp:
    'Defnyddiwch y bysellau saeth i symud rhwng aelodau, Enter i ddangos y partneriaid o gwmpas un, ac Escape i glirio.',
  graphLabel: 'Graff y rhwydwaith partneriaeth',
  graphLegend: 'Allwedd',
  legendStated: 'Partneriaeth y mae ei dogfen yn ei nodi (llinell solet)',
  legendInferred: 'Partneriaeth wedi’i chasglu o’i dogfen, heb ei nodi (llinell doriedig)',
  graphFocus: (name, links) => `${name}: ${number(links)} cyswllt.`,
  organisationKinds: labels<OrganisationKind>({
    NHS_TRUST: 'Ymddiriedolaeth GIG',
    CCG: 'Grŵp comisiynu clinigol',
    ICB: 'Bwrdd gofal integredig',
    LOCAL_AUTHORITY: 'Awdurdod lleol',
    GP_PRACTICE: 'Meddygfa',
    NATIONAL_BODY: 'Corff cenedlaethol',
    REGIONAL_BODY: 'Corff rhanbarthol',
    VOLUNTARY: 'Sefydliad gwirfoddol',
    CHARITY_FOUNDATION: 'Elusen neu sefydliad',
    EDUCATION: 'Addysg',
    FIRE_AND_RESCUE: 'Tân ac achub',
    PROFESSIONAL_NETWORK: 'Rhwydwaith proffesiynol',
    TRADE_UNION: 'Undeb llafur',
    OTHER: 'Sefydliad',
  }),
  resourceKinds: labels<ResourceKind>({
    E_LEARNING: 'E-ddysgu',
    COMMUNICATION_MATERIAL: 'Deunydd cyfathrebu',
    TOOLKIT: 'Pecyn cymorth',
    WEBSITE: 'Gwefan',
    NEWSLETTER: 'Cylchlythyr',
    LETTER: 'Llythyr',
    LEAFLET: 'Taflen',
    BLOG: 'Blog',
    DATA: 'Data',
    DIRECTORY: 'Cyfeiriadur',
    EVALUATION_TOOL: 'Offeryn gwerthuso',
    FRAMEWORK: 'Fframwaith',
    WIKI: 'Wici',
    OTHER: 'Adnodd',
  }),
};

/** Where each Welsh entry stands: all machine-assisted until a Welsh speaker reviews them and marks them reviewed. */
export const CY_REVIEW: Record<keyof Strings, 'machine-assisted' | 'reviewed'> = Object.fromEntries(
  Object.keys(cy).map((key) => [key, 'machine-assisted' as const]),
) as Record<keyof Strings, 'machine-assisted'>;
