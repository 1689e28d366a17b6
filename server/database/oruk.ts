// Reading services for the Open Referral UK feed: pages with the standard's filters, and single records.
import neo4j from 'neo4j-driver';
import { Label, Rel } from '../../schema/graph.js';
import { SEARCH_INDEX } from '../../schema/migrations.js';
import { aboutTopic } from './about-topic.js';
import type { Database } from './database.js';
import { luceneQuery } from './search.js';

export interface OrukFilters {
  search?: string;
  /** A topic's id (directly, or through a published term mapped to it) or a published term's own id. */
  taxonomyTermId?: string;
  /** Our taxonomy: services about any topic, directly or through a mapped term. */
  anyTerm?: boolean;
  /** Another taxonomy, as published: services classified by any of its terms. */
  taxonomyId?: string;
  minimumAge?: number;
  maximumAge?: number;
  /** Services available where this postcode's local authority is (or an area containing it). */
  postcodeArea?: string;
  near?: { latitude: number; longitude: number; metres: number };
  /** A postcode's centroid to put results in distance order from, nearest first, each with its distance. */
  from?: { latitude: number; longitude: number };
}

export interface ServiceRow {
  service: Record<string, unknown>;
  provider: Record<string, unknown> | null;
  areas: Record<string, unknown>[];
  locations: { location: Record<string, unknown>; linkId: string }[];
  topics: Record<string, unknown>[];
  /** Other taxonomies' terms the service was classified by, as published. */
  terms: Record<string, unknown>[];
  /** Metres from `from` to the service's nearest location (or, for a service-at-location, to that location). */
  distance?: number | null;
}

/** Everything a full ORUK service needs, as one map per service, fetched for a whole page in the same query. */
const DETAILS = `{
  distance: distance,
  service: s {.*},
  provider: head(COLLECT { MATCH (s)-[:${Rel.PROVIDED_BY}]->(o:${Label.Organisation}) RETURN o {.*} }),
  areas: COLLECT { MATCH (s)-[:${Rel.AVAILABLE_IN}]->(a:${Label.Area}) RETURN a {.*} ORDER BY a.name },
  locations: COLLECT { MATCH (s)-[r:${Rel.AT}]->(l:${Label.Location}) RETURN {location: l {.*}, linkId: r.id} ORDER BY l.name },
  topics: COLLECT { MATCH (s)-[:${Rel.ABOUT}]->(t:${Label.Topic}) RETURN t {.*} ORDER BY t.name },
  terms: COLLECT { MATCH (s)-[:${Rel.CLASSIFIED_AS}]->(t:${Label.TaxonomyTerm}) RETURN t {.*} ORDER BY t.name, t.id }
}`;

function conditions(filters: OrukFilters): string[] {
  const where = ['coalesce(s.retired, false) = false'];
  if (filters.taxonomyTermId)
    where.push(
      `(${aboutTopic('s', `:${Label.Topic} {id: $termId}`)} OR EXISTS { (s)-[:${Rel.CLASSIFIED_AS}]->(:${Label.TaxonomyTerm} {id: $termId}) })`,
    );
  if (filters.anyTerm) where.push(aboutTopic('s', `:${Label.Topic}`));
  if (filters.taxonomyId)
    where.push(`EXISTS { (s)-[:${Rel.CLASSIFIED_AS}]->(:${Label.TaxonomyTerm} {taxonomyId: $taxonomyId}) }`);
  if (filters.minimumAge !== undefined) where.push('s.minimumAge >= $minimumAge');
  if (filters.maximumAge !== undefined) where.push('s.maximumAge <= $maximumAge');
  if (filters.postcodeArea)
    where.push(
      `EXISTS { MATCH (s)-[:${Rel.AVAILABLE_IN}]->(a:${Label.Area}), (pa:${Label.Area} {key: $postcodeArea})-[:${Rel.AREA_PART_OF}*0..3]->(a) }`,
    );
  if (filters.near) {
    where.push(`EXISTS { MATCH (s)-[:${Rel.AT}]->(l:${Label.Location}) WHERE l.latitude IS NOT NULL
      AND point.distance(point({latitude: l.latitude, longitude: l.longitude}), point({latitude: $lat, longitude: $lon})) <= $metres }`);
  }
  return where;
}

function params(filters: OrukFilters, offset: number, limit: number): Record<string, unknown> {
  return {
    offset: neo4j.int(offset),
    limit: neo4j.int(limit),
    termId: filters.taxonomyTermId ?? null,
    taxonomyId: filters.taxonomyId ?? null,
    minimumAge: filters.minimumAge ?? null,
    maximumAge: filters.maximumAge ?? null,
    postcodeArea: filters.postcodeArea ?? null,
    lat: (filters.from ?? filters.near)?.latitude ?? null,
    lon: (filters.from ?? filters.near)?.longitude ?? null,
    metres: filters.near?.metres ?? null,
    query: filters.search ? (luceneQuery(filters.search) ?? null) : null,
  };
}

/** The services a page starts from, `s` with its relevance `score`: full-text matches when searching, else all. */
const servicesMatching = (query: unknown): string =>
  query
    ? `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $query) YIELD node AS s, score WHERE s:${Label.Service}`
    : `MATCH (s:${Label.Service}) WITH s, 0.0 AS score WHERE true`;

/** Metres from the postcode's centroid to a location `l` with a point; null without one. */
const METRES_TO_L = `point.distance(point({latitude: l.latitude, longitude: l.longitude}), point({latitude: $lat, longitude: $lon}))`;

/** Nearest first when a postcode gives a point to measure from (what has no location last), else as `otherwise`. */
const order = (filters: OrukFilters, otherwise: string): string =>
  filters.from ? `distance IS NULL, distance, ${otherwise}` : otherwise;

/**
 * One page of services, nearest first given a postcode (by each one's nearest location), else by relevance when
 * searching and by name otherwise, with the total.
 */
export async function servicePage(
  db: Database,
  filters: OrukFilters,
  offset: number,
  limit: number,
): Promise<{ total: number; rows: ServiceRow[] }> {
  const p = params(filters, offset, limit);
  const source = servicesMatching(p.query);
  const distance = filters.from
    ? `COLLECT { MATCH (s)-[:${Rel.AT}]->(l:${Label.Location}) WHERE l.latitude IS NOT NULL
        RETURN ${METRES_TO_L} AS d ORDER BY d LIMIT 1 }[0]`
    : 'null';
  const result = await db.run(
    `${source} AND ${conditions(filters).join(' AND ')}
     WITH s, score, ${distance} AS distance
     ORDER BY ${order(filters, 'score DESC, toLower(s.name), s.id')}
     WITH collect([s, distance]) AS sorted
     CALL (sorted) {
       UNWIND sorted[$offset..($offset + $limit)] AS item
       WITH item[0] AS s, item[1] AS distance
       RETURN collect(${DETAILS}) AS page
     }
     RETURN size(sorted) AS total, page`,
    p,
  );
  const record = result.records[0];
  return { total: Number(record?.get('total') ?? 0), rows: (record?.get('page') ?? []) as ServiceRow[] };
}

/**
 * One page of services at locations, one item per service and location it is at (the feed's unit), only the locations
 * within `proximity` when it is given: nearest first given a postcode, else in the services' order and then by
 * location name. The pairs are sorted and counted as references; only the page's services have
 * their details read, so a page costs the same whether the directory holds a hundred services or a hundred thousand.
 */
export async function serviceAtLocationPage(
  db: Database,
  filters: OrukFilters,
  offset: number,
  limit: number,
): Promise<{ total: number; rows: { row: ServiceRow; linkId: string }[] }> {
  const p = params(filters, offset, limit);
  const source = servicesMatching(p.query);
  const result = await db.run(
    `${source} AND ${conditions(filters).join(' AND ')}
     MATCH (s)-[r:${Rel.AT}]->(l:${Label.Location})
     ${filters.near ? `WHERE l.latitude IS NOT NULL AND ${METRES_TO_L} <= $metres` : ''}
     WITH s, r, ${filters.from ? `CASE WHEN l.latitude IS NULL THEN null ELSE ${METRES_TO_L} END` : 'null'} AS distance
     ORDER BY ${order(filters, 'score DESC, toLower(s.name), s.id, l.name, r.id')}
     WITH collect([s, r.id, distance]) AS pairs
     CALL (pairs) {
       UNWIND pairs[$offset..($offset + $limit)] AS pair
       WITH pair[0] AS s, pair[1] AS linkId, pair[2] AS distance
       RETURN collect({row: ${DETAILS}, linkId: linkId}) AS page
     }
     RETURN size(pairs) AS total, page`,
    p,
  );
  const record = result.records[0];
  return {
    total: Number(record?.get('total') ?? 0),
    rows: (record?.get('page') ?? []) as { row: ServiceRow; linkId: string }[],
  };
}

export async function serviceById(db: Database, id: string): Promise<ServiceRow | undefined> {
  const result = await db.run(
    `MATCH (s:${Label.Service} {id: $id}) WHERE coalesce(s.retired, false) = false WITH s, null AS distance RETURN ${DETAILS} AS row`,
    { id },
  );
  return result.records[0]?.get('row') as ServiceRow | undefined;
}

/** The service and location joined by the AT relationship with this id. */
export async function serviceAtLocationById(
  db: Database,
  id: string,
): Promise<{ row: ServiceRow; linkId: string } | undefined> {
  const result = await db.run(
    `MATCH (s:${Label.Service})-[:${Rel.AT} {id: $id}]->(:${Label.Location}) WHERE coalesce(s.retired, false) = false WITH s, null AS distance RETURN ${DETAILS} AS row`,
    { id },
  );
  const row = result.records[0]?.get('row') as ServiceRow | undefined;
  return row ? { row, linkId: id } : undefined;
}

export async function topics(db: Database): Promise<Record<string, unknown>[]> {
  const result = await db.run(
    `MATCH (t:${Label.Topic}) WHERE coalesce(t.retired, false) = false RETURN t {.*} AS topic ORDER BY toLower(t.name), t.id`,
  );
  return result.records.map((r) => r.get('topic') as Record<string, unknown>);
}

/** Every published term of other taxonomies the imports brought, by taxonomy and name. */
export async function publishedTerms(db: Database): Promise<Record<string, unknown>[]> {
  const result = await db.run(
    `MATCH (t:${Label.TaxonomyTerm}) WHERE coalesce(t.retired, false) = false
     RETURN t {.*} AS term ORDER BY toLower(coalesce(t.taxonomy, '')), t.taxonomyId, toLower(t.name), t.id`,
  );
  return result.records.map((r) => r.get('term') as Record<string, unknown>);
}
