// The admin console's GraphQL documents and the shapes they return. A record's document is built from the model the
// service describes (contract/admin-model.ts), so a property or link the model gains is shown without a change here.
import type { AdminLabel, AdminModel } from '../admin-model.js';

/** Properties every record has, whatever its kind. */
export const RECORD_BASICS = '__typename id key version retired demo';

/** A linked record's id, key and name, whichever of the kinds `to` names it is. */
function linkedSelection(model: AdminModel, to: readonly string[]): string {
  const hasName = (label: string) =>
    model.labels.find((l) => l.label === label)?.properties.some((p) => p.name === 'name');
  if (to.length === 1) return `{ __typename id key${hasName(to[0]!) ? ' name' : ''} }`;
  // A union (Actor) has no fields of its own, so every kind is asked for by a fragment.
  return `{ __typename ${to.map((label) => `... on ${label} { id key${hasName(label) ? ' name' : ''} }`).join(' ')} }`;
}

/** How many linked records a list shows; a record with more says so and the admin follows the link from the other end. */
export const LINKS_SHOWN = 50;

/** The document reading one record with every property the model gives its kind and every link field. */
export function recordDocument(model: AdminModel, label: AdminLabel): string {
  const properties = label.properties.map((p) => p.name).filter((name) => name !== 'demo');
  const links = label.links.map(
    (link) => `${link.field}${link.one ? '' : `(first: ${LINKS_SHOWN + 1})`} ${linkedSelection(model, link.to)}`,
  );
  return `query AdminRecord($id: ID!) { node(id: $id) { ${RECORD_BASICS} ... on ${label.label} { ${[...properties, ...links].join(' ')} } } }`;
}

/** Only the record's kind, to choose the document that reads it. */
export const RECORD_KIND = 'query AdminRecordKind($id: ID!) { node(id: $id) { __typename id } }';

export interface LinkedRecord {
  __typename: string;
  id: string;
  key: string;
  name?: string;
}

export interface AdminRecord {
  __typename: string;
  id: string;
  key: string;
  version: number;
  retired: boolean;
  demo: boolean;
  [field: string]: unknown;
}

/** The search across every kind the model marks searchable, each hit with its name where its kind has one. */
export function searchDocument(model: AdminModel): string {
  const named = model.labels.filter((l) => l.searchKind && l.properties.some((p) => p.name === 'name'));
  return `query AdminSearch($text: String, $kinds: [SearchKind!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) {
    totalCount
    edges { kind highlight { field text } node { __typename ... on Node { id key } ${named.map((l) => `... on ${l.label} { name }`).join(' ')} } }
  }
}`;
}

export interface SearchHit {
  kind: string;
  highlight: { field: string; text: string } | null;
  node: { __typename: string; id: string; key: string; name?: string };
}

export interface SearchAnswer {
  search: { totalCount: number; edges: SearchHit[] };
}

export const HISTORY = `query AdminHistory($id: ID!) { history(id: $id) { id action actor at before after } }`;

export interface Change {
  id: string;
  action: string;
  actor: string;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const UPDATE_RECORD = `mutation AdminUpdate($id: ID!, $version: Int!, $set: JSONObject, $remove: [String!]) {
  updateRecord(id: $id, version: $version, set: $set, remove: $remove) { id version }
}`;

export const RETIRE_RECORD =
  'mutation AdminRetire($id: ID!, $version: Int!) { retireRecord(id: $id, version: $version) { id version retired } }';

export const RESTORE_RECORD =
  'mutation AdminRestore($id: ID!, $version: Int!) { restoreRecord(id: $id, version: $version) { id version retired } }';

export const LINK_RECORDS = `mutation AdminLink($type: LinkType!, $from: ID!, $to: ID!, $properties: JSONObject) {
  linkRecords(type: $type, from: $from, to: $to, properties: $properties)
}`;

export const UNLINK_RECORDS =
  'mutation AdminUnlink($type: LinkType!, $from: ID!, $to: ID!) { unlinkRecords(type: $type, from: $from, to: $to) }';

const KEY_FIELDS = 'id name role prefix origins createdAt revokedAt usage { day requests }';

export const API_KEYS = `query AdminKeys { apiKeys { ${KEY_FIELDS} } }`;

export const CREATE_API_KEY = `mutation AdminCreateKey($role: String!, $name: String!, $origins: [String!]) {
  createApiKey(role: $role, name: $name, origins: $origins) { secret key { ${KEY_FIELDS} } }
}`;

export const REVOKE_API_KEY = `mutation AdminRevokeKey($id: ID!) { revokeApiKey(id: $id) { ${KEY_FIELDS} } }`;

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: string;
  prefix: string;
  origins: string[];
  createdAt: string;
  revokedAt: string | null;
  usage: { day: string; requests: number }[];
}

/** What signing in checks: an admin-only field, so an analyst's or a widget's key is told it may not. */
export const WHO_AM_I = 'query AdminSignIn { apiKeys { id } }';

export const IMPORT_LOG = 'query AdminImports { imports { id action actor at after } }';

/** How many records or links of one kind an import created, updated or found unchanged. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The import report the service answers POST /admin/api/imports with: the route builds exactly this type
 * (server/http/admin/report-json.ts), so the console, the command line and the route cannot drift apart.
 */
export interface ImportReport {
  dryRun: boolean;
  durationMs: number;
  /** Whether the file's values were taken over every admin's correction (preferFile=all). */
  preferFile: boolean;
  nodes: Record<string, ImportCounts>;
  relationships: Record<string, ImportCounts>;
  conflicts: ImportConflict[];
  /** Optional links whose other end is neither in the import nor in the hub, left out. */
  skippedLinks: { link: string; missing: string; file: string; row?: number }[];
  /** Always empty in a 200: an import with problems is refused whole, with them, as a 400. */
  problems: ImportProblem[];
  /** What the readers normalised rather than refused, each with its file, row, record and field: empty when nothing. */
  warnings: ImportWarning[];
  /**
   * Organisations in the file that share an identifier (charity or company number, ODS code) with another in the hub
   * or in the file: reported for an admin to merge or not; the import never merges them.
   */
  mergeCandidates: MergeCandidate[];
}

/** One value (or removed link) an admin corrected by hand that the files would change, and what the import did. */
export interface ImportConflict {
  /** Send it back as a `preferFile` field to take the file's value for this conflict alone. */
  id: string;
  file: string;
  row?: number;
  record: ImportRecord;
  /** The property, or the link's type where the admin removed the link. */
  field?: string;
  /** For a link's property or a removed link: the link, as `Label/key TYPE Label/key`. */
  link?: string;
  adminValue: unknown;
  fileValue: unknown;
  resolution: 'kept-admin' | 'took-file';
}

/** A record as an admin finds it again: its id, label, key and name. */
export interface ImportRecord {
  id: string;
  label: string;
  key: string;
  name?: string;
}

/** Two organisations that look like one: the file's, and the one that already has its identifier. */
export interface MergeCandidate {
  file: string;
  row?: number;
  /** The organisation in the file. */
  record: ImportRecord;
  /** The identifier they share, as the model names it (charityNumber, companyNumber, odsCode). */
  identifier: string;
  value: string;
  /** The organisation that has it already: in the hub, or earlier in the file. */
  existing: ImportRecord;
  existingIn: 'hub' | 'file';
  /** True when the file's value was left off its record (an ODS code belongs to one organisation). */
  withheld: boolean;
  /** "X in this file has charity number N, as Y already in the hub. Nothing was merged." */
  message: string;
}

export interface ImportProblem {
  file: string;
  row?: number;
  column?: number;
  field?: string;
  message: string;
  fix?: string;
}

/** Something a reader normalised or set aside rather than refused. */
export interface ImportWarning {
  file: string;
  row?: number;
  record?: string;
  field: string;
  message: string;
}

/** The admin routes the console calls besides /graphql. */
export const ADMIN_API = {
  imports: '/admin/api/imports',
  export: '/admin/api/export',
  /** GET lists the feeds, POST {url, everyMinutes} registers one, DELETE ?url= removes one. */
  feeds: '/admin/api/feeds',
  /** POST {url} harvests a feed now and answers with the run's report. */
  harvests: '/admin/api/harvests',
} as const;

/** What a harvest did to a feed's services. */
export interface HarvestCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Gone from the feed, so retired (never deleted). */
  withdrawn: number;
  /** Back in the feed after being withdrawn. */
  restored: number;
}

/** Why a harvest failed: nothing was written. */
export interface HarvestFailure {
  kind: string;
  url?: string;
  message: string;
}

/** A feed's last run, as GET /admin/api/feeds keeps it (server/harvest/run.ts, summaryOf). */
export interface FeedRun {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** The counts, conflicts and warnings of a run that worked, or the error of one that failed. */
  result: { services?: HarvestCounts; conflicts?: number; warnings?: number; error?: HarvestFailure };
}

/** A feed as GET /admin/api/feeds lists it (server/database/feeds.ts, Feed). */
export interface FeedInfo {
  /** The feed's base URL, which is also its id. */
  url: string;
  /** How often the service harvests it; absent for a feed only harvested when asked. */
  everyMinutes?: number;
  registeredBy?: string;
  registeredAt?: string;
  lastRun?: FeedRun;
  /** Who is harvesting it now, if anyone. */
  harvesting?: { by: string; since: string };
}

/** What POST /admin/api/harvests answers: a feed that could not be read is `ok: false` with its error, not a 4xx. */
export interface HarvestReportJson {
  feed: string;
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  error?: HarvestFailure;
  services?: HarvestCounts;
  /** Services the feed withdrew earlier that an admin restored by hand: left restored. */
  keptByAdmin?: string[];
  /** Values an admin corrected by hand that the feed would change: kept. */
  conflicts?: unknown[];
  warnings?: number;
}

/** Every link of a record both ways, by type, each with the other record's name and the link's own properties. */
export const RECORD_LINKS = `query AdminRecordLinks($id: ID!, $perType: Int) {
  recordLinks(id: $id, perType: $perType) {
    type direction totalCount
    links(first: ${LINKS_SHOWN}) { name properties other { __typename id key retired } }
  }
}`;

export interface RecordLinkGroup {
  type: string;
  direction: 'OUT' | 'IN';
  totalCount: number;
  links: {
    name: string;
    properties: Record<string, unknown>;
    other: { __typename: string; id: string; key: string; retired: boolean };
  }[];
}

export const CREATE_RECORD = `mutation AdminCreate($kind: RecordKind!, $key: String!, $properties: JSONObject!) {
  createRecord(kind: $kind, key: $key, properties: $properties) { __typename id key }
}`;

/** What POST /admin/api/restore answers when the database was empty and the file sound. */
export interface RestoreCounts {
  nodes: number;
  relationships: number;
  /** API keys in an old (version 1) file, never restored. */
  keysLeftOut: number;
}

/** Where a backup file is sent to be restored (into an empty database only). */
export const RESTORE_PATH = '/admin/api/restore';
