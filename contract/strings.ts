// Every word the widgets and the service's plain pages show, in one place, with how numbers and dates are written:
// English (British) here, Welsh in strings-cy.ts; a page's `lang` chooses, and English is the fallback.
import type {
  ActionStatus,
  DirectoryKind,
  EngagementLevelKey,
  OrganisationKind,
  PartnershipRole,
  ResourceKind,
} from './kinds.js';

const number = (n: number): string => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many: string): string => `${number(n)} ${n === 1 ? one : many}`;

/**
 * A label for each value of a vocabulary, checked against the model's values (a new kind without a label fails the
 * typecheck), then looked up by any string, because the API's answers are typed as strings here.
 */
export const labels = <K extends string>(byValue: Record<K, string>): Record<string, string> => byValue;

export const en = {
  /** The BCP 47 tag numbers and dates are formatted by, and pages declare as their language. */
  locale: 'en-GB',
  number,
  /** An ISO date (2018-03 or 2018-03-31) as a reader writes it: March 2018, 31 March 2018. */
  date: (iso: string | null | undefined): string => formatDate(iso, 'en-GB'),
  deadline: (date: string) => `by ${date}`,
  nextPage: 'Next page',
  notFoundHeading: 'Not found',

  // Shared states
  loading: 'Loading…',
  retry: 'Try again',
  errorNetwork: 'We could not reach the Partnership Hub service. Check your connection and try again.',
  errorRateLimited: 'Too many searches from this page in the last minute. Wait a moment and try again.',
  errorNotFound: 'We could not find what this page asked for. Tell the website’s editor.',
  errorGeneric: 'Something went wrong loading this information. Try again later.',
  errorConfig: (attribute: string) => `This widget needs a ${attribute} attribute. Tell the website’s editor.`,
  demoTag: 'Example data',
  anyOption: 'Any',

  // Directory
  directoryHeading: 'Find services and resources',
  searchLabel: 'Search',
  searchHint: 'For example, stop smoking or health checks',
  searchButton: 'Search',
  topicLabel: 'Topic',
  areaLabel: 'Borough',
  postcodeLabel: 'Or near a postcode',
  postcodeHint: 'Within 5 km, for example HA1 1AA',
  kindLabel: 'Show',
  kinds: labels<DirectoryKind>({ SERVICE: 'Services', RESOURCE: 'Resources', ORGANISATION: 'Organisations' }),
  kindSingular: { Service: 'Service', Resource: 'Resource', Organisation: 'Organisation' } as Record<string, string>,
  resultsCount: (shown: number, total: number) =>
    total === 0 ? 'No results' : `Showing ${number(shown)} of ${plural(total, 'result', 'results')}`,
  noResults: 'No results. Try fewer or different words, another topic, or a wider area.',
  showMore: 'Show more results',
  distance: (km: number) => `${km.toLocaleString('en-GB', { maximumFractionDigits: 1 })} km away`,
  providedBy: (name: string) => `Provided by ${name}`,
  publishedBy: (name: string) => `Published by ${name}`,
  backToResults: 'Back to results',
  unknownPostcode: 'We do not recognise that postcode. Check it and try again, or choose a borough.',
  detail: {
    description: 'About',
    eligibility: 'Who can use it',
    referral: 'How to get referred',
    contact: 'Contact',
    phone: 'Telephone',
    email: 'Email',
    website: 'Website',
    locations: 'Where',
    areas: 'Areas served',
    topics: 'Topics',
    audience: 'Who it is for',
    address: 'Address',
    services: 'Services',
    programmes: 'Programmes',
  },

  /** A service's opening hours (contract/opening-hours.ts), its times as GOV.UK's style guide writes them. */
  openingHours: {
    heading: 'Opening times',
    day: 'Day',
    times: 'Times',
    notes: 'Notes',
    other: 'Other times',
    notPublished: 'Opening times not published',
    timesNotGiven: 'Open, times not given',
    days: {
      MONDAY: 'Monday',
      TUESDAY: 'Tuesday',
      WEDNESDAY: 'Wednesday',
      THURSDAY: 'Thursday',
      FRIDAY: 'Friday',
      SATURDAY: 'Saturday',
      SUNDAY: 'Sunday',
    } as Record<string, string>,
    dayRange: (first: string, last: string) => `${first} to ${last}`,
    dayPair: (first: string, second: string) => `${first} and ${second}`,
    /** GOV.UK's words for 12:00 and 00:00 (not 12pm, noon or 00:00); other times are 9am, 5:30pm in both languages. */
    midday: 'midday',
    midnight: 'midnight',
    range: (opens: string, closes: string) => `${opens} to ${closes}`,
    from: (opens: string) => `From ${opens}`,
    until: (closes: string) => `Until ${closes}`,
    /** The last of a day's sessions joined to those before it (already joined by commas). */
    and: (earlier: string, last: string) => `${earlier} and ${last}`,
    weekOfMonth: (week: number) => `Only the ${week < 0 ? 'last' : (ORDINALS[week - 1] ?? `${week}th`)} in the month`,
    everyWeeks: (weeks: number) => (weeks === 2 ? 'Every other week' : `Every ${weeks} weeks`),
    validBetween: (from: string, to: string) => `From ${from} to ${to}`,
    validFrom: (from: string) => `From ${from}`,
    validTo: (to: string) => `Until ${to}`,
  },

  // Programme
  programmeSummary: (total: number, overdue: number) =>
    `${plural(total, 'action', 'actions')}, ${number(overdue)} overdue`,
  programmeSummaryWhenWritten: (total: number, overdue: number) =>
    `${plural(total, 'action', 'actions')}, ${number(overdue)} overdue when the plan was written`,
  targetsHeading: 'Targets',
  targetProgress: (share: number) => `${Math.round(share * 100)}% of target`,
  noReading: 'No progress reported yet',
  /** The trajectory chart of a target: its readings against the straight line to the target by its deadline. */
  trajectoryTitle: (name: string) => `${name}: readings against the target line`,
  trajectoryDescription: (readings: number, target: string, deadline: string) =>
    `${plural(readings, 'reading', 'readings')}; the target line rises from the first reading to ${target} by ${deadline}.`,
  trajectoryColumns: { date: 'Date', reading: 'Reading', expected: 'Target line' },
  onTrack: 'On track',
  behindTrack: 'Behind the target line',
  programmeWideActions: 'Programme-wide actions',
  actionColumns: { action: 'Action', status: 'Status', due: 'Due', lead: 'Lead' },
  overdue: 'Overdue',
  /** An action already late on the date its plan speaks from. */
  overdueWhenWritten: (date: string) => `Overdue when the plan was written (${date})`,
  /** An action the plan left open, with nothing reported on it since the plan's date. */
  noReportSince: (date: string) => `No report since ${date}`,
  noReportSinceUndatedPlan: 'No report since the plan, which bears no date',
  partnersHeading: 'Partners',
  /** A partnership its document does not state, read into it for the reason given. */
  inferred: (reason: string) => `inferred: ${reason}`,
  statusFilter: 'Status',
  overdueOnly: 'Only overdue actions',
  noActions: 'No actions match.',
  statuses: labels<ActionStatus>({
    PROPOSED: 'Proposed',
    PLANNED: 'Planned',
    IN_PROGRESS: 'In progress',
    ONGOING: 'Ongoing',
    COMPLETED: 'Completed',
    CANCELLED: 'Cancelled',
  }),
  recurrences: { MONTHLY: 'Monthly', QUARTERLY: 'Quarterly', ONGOING: 'Ongoing', AS_REQUIRED: 'As required' } as Record<
    string,
    string
  >,
  leadParts: { LEAD: 'leads', DELIVERY: 'delivers', SUPPORT: 'supports' } as Record<string, string>,

  // Communication plan
  commsHeading: (programme: string) => `Communication plan: ${programme}`,
  commsColumns: {
    group: 'Stakeholder group',
    need: 'Summary of need',
    level: 'Engagement',
    method: 'Method',
    frequency: 'Frequency',
    producedBy: 'Who produces',
    deliveredBy: 'Who delivers',
  },
  levels: labels<EngagementLevelKey>({ AWARENESS: 'Awareness', INVOLVEMENT: 'Involvement', COMMITMENT: 'Commitment' }),
  noComms: 'This programme has no communication plan yet.',

  // Network
  networkHeading: (centre: string) => `Partnership network: ${centre}`,
  networkSummary: (organisations: number, programmes: number) =>
    `${plural(organisations, 'organisation', 'organisations')} in ${plural(programmes, 'programme', 'programmes')}`,
  viewTable: 'Table',
  viewGraph: 'Graph',
  viewLabel: 'View as',
  programmeFilter: 'Programme',
  footprintFilter: 'Footprint',
  roleFilter: 'Roles',
  roles: labels<PartnershipRole>({
    LEAD: 'Lead',
    PARTNER: 'Partner',
    FUNDER: 'Funder',
    DELIVERY_PARTNER: 'Delivery partner',
    HOST: 'Host',
    PROPOSED_PARTNER: 'Proposed partner',
  }),
  networkColumns: { organisation: 'Organisation', role: 'Role', programme: 'Programme' },
  expandHint: 'Choose a name to add the partners around it.',
  programmesHeading: 'Programmes in this network',
  partOf: (parent: string) => `part of ${parent}`,
  expanded: (name: string, added: number) => `Added ${plural(added, 'member', 'members')} around ${name}.`,
  noPartnerships: 'No partnerships match these filters.',
  graphLoading: 'Drawing the graph…',
  graphUnavailable: 'The graph cannot be drawn in this browser. The table shows the same partnerships.',
  graphHelp: 'Use the arrow keys to move between members, Enter to show partners around one, and Escape to clear.',
  graphLabel: 'Partnership network graph',
  graphLegend: 'Key',
  legendStated: 'Partnership its document states (solid line)',
  legendInferred: 'Partnership read into its document, not stated (dashed line)',
  graphFocus: (name: string, links: number) => `${name}: ${plural(links, 'link', 'links')}.`,
  organisationKinds: labels<OrganisationKind>({
    NHS_TRUST: 'NHS trust',
    CCG: 'Clinical commissioning group',
    ICB: 'Integrated care board',
    LOCAL_AUTHORITY: 'Local authority',
    GP_PRACTICE: 'GP practice',
    NATIONAL_BODY: 'National body',
    REGIONAL_BODY: 'Regional body',
    VOLUNTARY: 'Voluntary organisation',
    CHARITY_FOUNDATION: 'Charity or foundation',
    EDUCATION: 'Education',
    FIRE_AND_RESCUE: 'Fire and rescue',
    PROFESSIONAL_NETWORK: 'Professional network',
    TRADE_UNION: 'Trade union',
    OTHER: 'Organisation',
  }),
  resourceKinds: labels<ResourceKind>({
    E_LEARNING: 'E-learning',
    COMMUNICATION_MATERIAL: 'Communication material',
    TOOLKIT: 'Toolkit',
    WEBSITE: 'Website',
    NEWSLETTER: 'Newsletter',
    LETTER: 'Letter',
    LEAFLET: 'Leaflet',
    BLOG: 'Blog',
    DATA: 'Data',
    DIRECTORY: 'Directory',
    EVALUATION_TOOL: 'Evaluation tool',
    FRAMEWORK: 'Framework',
    WIKI: 'Wiki',
    OTHER: 'Resource',
  }),
};

/** A catalogue: every string, so a translation that misses one fails the typecheck. */
export type Strings = typeof en;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** Formats an ISO date (2018-03 or 2018-03-31) the British way: March 2018, 31 March 2018. */
export function formatDate(iso: string | null | undefined, lang = 'en-GB'): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-').map(Number);
  if (!year || !month) return iso;
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return date.toLocaleDateString(
    lang,
    day
      ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { month: 'long', year: 'numeric', timeZone: 'UTC' },
  );
}
