// The database schema: what the model implies (reconciled on every start) and the ordered migrations, each run once.
import { LABELS, Label, Rel } from './graph.js';
import { SEARCHABLE_LABELS } from './model.js';

export interface Migration {
  /** Never change or reuse an id once it has shipped: it is how a database remembers what ran. */
  id: string;
  description: string;
  statements: string[];
  /** Data the database layer derives for existing records after the statements (server/database/migrate.ts). */
  backfill?: 'area-scope' | 'topic-scope';
}

/** Label of the audit trail's records: one per admin change, kept apart from the graph's own labels. */
export const CHANGE_LABEL = 'Change';

/** Label of the API keys: kept apart from the graph's labels, never exported to the public API. */
export const API_KEY_LABEL = 'ApiKey';

/** Label of the nodes recording which migrations a database has applied. */
export const MIGRATION_LABEL = 'SchemaMigration';

/** Label of the one node that says which import is running, so only one runs at a time across every instance. */
export const IMPORT_LEASE_LABEL = 'ImportLease';

/** Label of the Open Referral UK feeds admins register for harvesting, each with its last run and its own lease. */
export const FEED_LABEL = 'HarvestFeed';

/** The full-text index searched by the directory; one index over every label people look for by name. */
export const SEARCH_INDEX = 'searchText';
/** The labels the concepts declare searchable: what people look for by name. */
export { SEARCHABLE_LABELS };

/** The properties the full-text index reads on each searchable label for people's words. */
export const SEARCH_PROPERTIES: readonly string[] = ['name', 'description'];
/**
 * On each record a search by area can find: the tokens of the areas whose search finds it, space-separated, kept by
 * the write path (server/database/write/area-scope.ts). In the full-text index too, so that words and area are one
 * Lucene query; people's words are always asked of SEARCH_PROPERTIES by name, so they never match it.
 */
export const AREA_SCOPE_PROPERTY = '__areaScope';
/**
 * On each record a search by topic can find: a token for every topic it is about (directly or through a published term
 * an admin mapped), each joined to the record's kind, kept by the write path (server/database/write/topic-scope.ts).
 * In the full-text index too, so that words, area, topic and kind are one Lucene query.
 */
export const TOPIC_SCOPE_PROPERTY = '__topicScope';
/** Everything the full-text index reads: people's words, the area scope and the topic scope. */
export const SEARCH_INDEX_PROPERTIES: readonly string[] = [
  ...SEARCH_PROPERTIES,
  AREA_SCOPE_PROPERTY,
  TOPIC_SCOPE_PROPERTY,
];
const searchedLabels = SEARCHABLE_LABELS.join('|');
const searchedProperties = SEARCH_INDEX_PROPERTIES.map((p) => `n.${p}`).join(', ');
export const SEARCH_INDEX_STATEMENT = `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${searchedLabels}) ON EACH [${searchedProperties}]`;

/** A uniqueness constraint on one property of one label, with the statement that creates it if it is missing. */
export interface UniqueProperty {
  name: string;
  label: string;
  property: string;
  statement: string;
}

function unique(label: string, property: string): UniqueProperty {
  const name = `${label.toLowerCase()}_${property}`;
  return {
    name,
    label,
    property,
    statement: `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR (n:${label}) REQUIRE n.${property} IS UNIQUE`,
  };
}

/**
 * Every label's id and natural key are unique, as are the migration records' ids. Migration 001 creates them on a new
 * store, but it never runs again, so migrate() also reconciles them on every start: a label added to the model later
 * gains its constraints on an existing store too (the importer's `USING INDEX` hints need them).
 */
export const IDENTITY_CONSTRAINTS: readonly UniqueProperty[] = [
  unique(MIGRATION_LABEL, 'id'),
  // MERGE of the import lease is safe under concurrency only with a uniqueness constraint behind it.
  unique(IMPORT_LEASE_LABEL, 'id'),
  // Feeds are MERGEd by their URL from several instances at once.
  unique(FEED_LABEL, 'id'),
  ...LABELS.flatMap((label) => [unique(label, 'id'), unique(label, 'key')]),
];

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-node-identity',
    description: 'Unique id and natural key for every label',
    statements: IDENTITY_CONSTRAINTS.map((c) => c.statement),
  },
  {
    id: '002-natural-codes',
    description: 'Natural codes are unique where they exist: ODS codes of organisations, codes of areas',
    statements: [
      `CREATE CONSTRAINT organisation_ods IF NOT EXISTS FOR (n:${Label.Organisation}) REQUIRE n.odsCode IS UNIQUE`,
      `CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:${Label.Organisation}) ON (n.kind)`,
      `CREATE INDEX area_level IF NOT EXISTS FOR (n:${Label.Area}) ON (n.level)`,
      `CREATE INDEX areacode_code IF NOT EXISTS FOR (n:${Label.AreaCode}) ON (n.code)`,
    ],
  },
  {
    id: '003-search-text',
    description: 'Full-text index over names and descriptions for the directory search',
    statements: [SEARCH_INDEX_STATEMENT],
  },
  {
    id: '004-change-history',
    description: 'The audit trail of admin changes, found by the record it changed',
    statements: [
      `CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:${CHANGE_LABEL}) REQUIRE c.id IS UNIQUE`,
      `CREATE INDEX change_node IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.nodeId)`,
    ],
  },
  {
    id: '005-service-locations',
    description: 'Service-at-location ids (the AT relationships) for the Open Referral UK feed',
    statements: [`CREATE INDEX at_id IF NOT EXISTS FOR ()-[r:${Rel.AT}]-() ON (r.id)`],
  },
  {
    id: '006-api-keys',
    description: 'API keys, found by the hash of their secret',
    statements: [
      `CREATE CONSTRAINT apikey_id IF NOT EXISTS FOR (k:${API_KEY_LABEL}) REQUIRE k.id IS UNIQUE`,
      `CREATE CONSTRAINT apikey_hash IF NOT EXISTS FOR (k:${API_KEY_LABEL}) REQUIRE k.hash IS UNIQUE`,
    ],
  },
  {
    id: '007-location-latitude',
    description:
      'Locations found by latitude, so a search near a point reads only the band of locations around it, not them all',
    // A range index rather than a point index: locations keep latitude and longitude as numbers (the model has no
    // point type), and a range on latitude bounds the search as well for a radius of at most 100 km.
    statements: [`CREATE INDEX location_latitude IF NOT EXISTS FOR (n:${Label.Location}) ON (n.latitude)`],
  },
  {
    id: '008-change-time',
    description: 'The audit trail found by time, for what changed between two dates and a programme as of one',
    statements: [`CREATE INDEX change_at IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.at)`],
  },
  {
    id: '009-area-scope',
    description:
      'Each record a search by area finds holds the areas whose search finds it, so the search reads its answer, not the area hierarchy',
    // The full-text index gains the property when migrate() reconciles it with SEARCH_INDEX_PROPERTIES.
    statements: [],
    backfill: 'area-scope',
  },
  {
    id: '010-topic-scope',
    description:
      'Each record a search by topic finds holds its topics joined to its kind, so the search asks the full-text index for topic and kind with the words and area',
    // The full-text index gains the property when migrate() reconciles it with SEARCH_INDEX_PROPERTIES.
    statements: [],
    backfill: 'topic-scope',
  },
];
