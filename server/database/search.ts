// The directory search: free text over the full-text index, and filters that combine with AND, in one query.
import neo4j from 'neo4j-driver';
import { Label, Rel } from '../../schema/graph.js';
import {
  AREA_SCOPE_PROPERTY,
  SEARCH_INDEX,
  SEARCH_PROPERTIES,
  SEARCHABLE_LABELS,
  TOPIC_SCOPE_PROPERTY,
} from '../../schema/migrations.js';
import { aboutTopic } from './about-topic.js';
import type { Database } from './database.js';
import { toGraphNode, type GraphNode } from './nodes.js';
import { ALWAYS_READ, type LinkTreesByLabel, linkTreesCypher, type ReadLinks, readLinkTrees } from './prefetch.js';
import { highlight, type Highlight } from './search-highlight.js';
import { areaScopeToken, SCOPED_LABELS } from './write/area-scope.js';
import { TOPIC_SCOPED_LABELS, topicScopeToken } from './write/topic-scope.js';

/** Every kind the search can find: the labels the concepts declare searchable, so a new one is found unasked. */
export const SEARCHABLE_KINDS: readonly Label[] = SEARCHABLE_LABELS;
export type SearchKind = Label;

/**
 * What the search finds when no kinds are asked for: the directory's services, resources and organisations. Widgets
 * already embedded on partners' sites ask without kinds and show only these three, so the default stays theirs.
 */
export const DIRECTORY_KINDS: readonly SearchKind[] = [Label.Service, Label.Resource, Label.Organisation];

export interface SearchFilters {
  text?: string;
  kinds: readonly SearchKind[];
  topicKey?: string;
  areaKey?: string;
  organisationKind?: string;
  near?: { latitude: number; longitude: number; radiusKm: number };
}

export interface SearchHit {
  node: GraphNode;
  /** The searched property that best holds the query's words; absent without text, or when not asked for. */
  highlight?: Highlight;
  /** Full-text relevance; 0 without text. */
  score: number;
  /** Distance from `near` to the nearest location, in kilometres; absent without `near`. */
  distanceKm?: number;
  /** The links of the hit that the search read with it (searchDirectory's `links`), for the loaders. */
  links: ReadLinks[];
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** The words of what a person typed that the query looks for: lower case, search syntax removed, at most ten. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(LUCENE_SPECIAL, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !['and', 'or', 'not'].includes(w))
    .slice(0, 10);
}

/**
 * Turns what a person typed into a Lucene query that cannot be malformed: each word escaped, all words required,
 * the last one also matched as a prefix so results appear while typing ("smok" finds smoking).
 */
export function luceneQuery(text: string): string | undefined {
  const words = searchWords(text);
  if (words.length === 0) return undefined;
  return words
    .map((w, i) => (i === words.length - 1 && w.length >= 2 ? `(${inWords(w)} OR ${inWords(`${w}*`)})` : inWords(w)))
    .join(' AND ');
}

/**
 * A term asked of the properties that hold people's words, by name: the index also holds each record's area scope
 * (tokens of hex digits), which a bare term would search too ("ace" would find any record whose scope has a token
 * starting so). Lucene scores the named fields exactly as it scores a bare term, which it expands to the same.
 */
function inWords(term: string): string {
  return `(${SEARCH_PROPERTIES.map((p) => `${p}:${term}`).join(' OR ')})`;
}

/**
 * The Lucene clause that keeps only what a search by this area finds (its area scope, kept by the write path), with
 * no weight: the area decides what is found, never how well it matches.
 */
function inAreaScope(areaKey: string): string {
  return `${AREA_SCOPE_PROPERTY}:${areaScopeToken(areaKey)}^0`;
}

/**
 * The Lucene clause that keeps only records of these kinds about this topic (their topic scope, kept by the write
 * path), with no weight: the kinds are asked of the index with the topic, so no hit's labels need reading.
 */
function inTopicScope(topicKey: string, kinds: readonly Label[]): string {
  return `${TOPIC_SCOPE_PROPERTY}:(${kinds.map((k) => topicScopeToken(k, topicKey)).join(' OR ')})^0`;
}

/**
 * A record's properties without its area scope, which the answer never shows and which runs to hundreds of tokens on
 * what serves all England. A map projection needs a variable, hence the list of one.
 */
const withoutScope = (node: string) => `[m IN [${node}] | m {.*, ${AREA_SCOPE_PROPERTY}: null}][0]`;

/**
 * A hit's properties: those named, when the page says which (with what a GraphNode rests on, and the words a highlight
 * looks in when highlights are wanted), or every one but the area scope.
 */
function hitProjection(node: string, properties: readonly string[] | undefined, highlights: boolean): string {
  if (!properties) return withoutScope(node);
  const names = new Set([...ALWAYS_READ, ...(highlights ? SEARCH_PROPERTIES : []), ...properties]);
  return `[m IN [${node}] | m {${[...names].map((p) => `.\`${p.replaceAll('`', '')}\``).join(', ')}}][0]`;
}

/**
 * One page of the directory, sorted and cut in Cypher. With `withTotal` the matches are gathered (as references,
 * the page alone has its properties read) to count them; without it Neo4j keeps only the top `offset + limit + 1`
 * while sorting, and the one past the page says whether there is more. `links` are read for the page's hits in the
 * same statement (a directory page's providers and topics), by each hit's label.
 */
export async function searchDirectory(
  db: Database,
  filters: SearchFilters,
  offset: number,
  limit: number,
  withTotal = true,
  read: { links?: LinkTreesByLabel; properties?: readonly string[]; highlights?: boolean } = {},
): Promise<{ hits: SearchHit[]; total?: number; hasMore: boolean }> {
  const links = read.links ?? {};
  // Only our own labels are ever written into the Cypher below, whatever a caller passes.
  const kinds = [...new Set(filters.kinds)].filter((k) => SEARCHABLE_KINDS.includes(k));
  // Kinds without areas (a person, a role, an event) have no area scope, so an area filter leaves them out.
  const areaKinds = kinds.filter((k) => SCOPED_LABELS.includes(k));
  if (kinds.length === 0 || (filters.areaKey && areaKinds.length === 0))
    return { hits: [], total: withTotal ? 0 : undefined, hasMore: false };
  // Kinds that are never about a topic (an organisation, an area) have no topic scope, so a topic filter leaves them out.
  const topicKinds = kinds.filter((k) => TOPIC_SCOPED_LABELS.includes(k));
  if (filters.topicKey && topicKinds.length === 0)
    return { hits: [], total: withTotal ? 0 : undefined, hasMore: false };
  const params: Record<string, unknown> = {
    offset: neo4j.int(offset),
    limit: neo4j.int(withTotal ? limit : limit + 1),
    kinds,
    topicKey: filters.topicKey ?? null,
    organisationKind: filters.organisationKind ?? null,
  };
  const words = filters.text ? searchWords(filters.text) : [];
  const query = filters.text ? luceneQuery(filters.text) : undefined;
  // Near a point with no words to match and no area, the candidates are found from the locations (see below).
  const fromPlaces = filters.near !== undefined && !query && !filters.areaKey;
  // What the full-text index is asked: the words, the area's token in each record's area scope and the topic's tokens
  // of the kinds wanted in each record's topic scope (both kept at write time), in one Lucene query, so that the cost
  // follows the answer, not the size of the graph or the number of records anywhere matching the words.
  const topicInIndex = filters.topicKey !== undefined && !fromPlaces;
  const clauses = [
    ...(query ? [`(${query})`] : []),
    ...(filters.areaKey ? [inAreaScope(filters.areaKey)] : []),
    ...(topicInIndex ? [inTopicScope(filters.topicKey!, topicKinds)] : []),
  ];
  // A hit by topic is of a kind wanted (its token says so): only whether it is retired is left to read.
  const live = `${topicInIndex ? '' : 'any(l IN labels(n) WHERE l IN $kinds) AND '}coalesce(n.retired, false) = false`;
  let candidates: string;
  if (clauses.length > 0 && !fromPlaces) {
    params.luceneQuery = clauses.join(' AND ');
    candidates = `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $luceneQuery) YIELD node AS n, score
      WITH n, ${query ? 'score' : '0.0 AS score'} WHERE ${live}`;
  } else if (fromPlaces) {
    // From the locations' side, through the latitude index: only those in a box around the circle, then what is at
    // them, each at its nearest such location. A record with a location inside the radius has it inside the box, so
    // the nearest found here is its nearest of all whenever it is near enough to be kept.
    Object.assign(params, boundingBox(filters.near!));
    candidates = `MATCH (place:${Label.Location}) USING INDEX place:${Label.Location}(latitude)
        WHERE place.latitude >= $minLat AND place.latitude <= $maxLat
          AND place.longitude >= $minLon AND place.longitude <= $maxLon
        MATCH (n)-[:${Rel.AT}]->(place)
        WITH n, min(point.distance(point({latitude: place.latitude, longitude: place.longitude}),
          point({latitude: $lat, longitude: $lon}))) / 1000.0 AS placeKm
        WITH n, 0.0 AS score, placeKm WHERE ${live}`;
  } else {
    candidates = `CALL () { ${kinds.map((l) => `MATCH (n:\`${l}\`) RETURN n`).join(' UNION ')} }
       WITH n, 0.0 AS score WHERE ${live}`;
  }

  const conditions: string[] = [];
  if (filters.topicKey && !topicInIndex) conditions.push(aboutTopic('n', `:${Label.Topic} {key: $topicKey}`));
  if (filters.organisationKind) {
    conditions.push(`CASE
      WHEN n:${Label.Organisation} THEN n.kind = $organisationKind
      WHEN n:${Label.Service} THEN EXISTS { (n)-[:${Rel.PROVIDED_BY}]->(:${Label.Organisation} {kind: $organisationKind}) }
      WHEN n:${Label.Resource} THEN EXISTS { (n)-[:${Rel.PUBLISHED_BY}]->(:${Label.Organisation} {kind: $organisationKind}) }
      ELSE false END`);
  }
  let distance = 'null AS distanceKm';
  if (filters.near) {
    params.lat = filters.near.latitude;
    params.lon = filters.near.longitude;
    params.radiusM = filters.near.radiusKm * 1000;
    distance = fromPlaces
      ? 'placeKm AS distanceKm'
      : `COLLECT { MATCH (n)-[:${Rel.AT}]->(l:${Label.Location}) WHERE l.latitude IS NOT NULL
      RETURN point.distance(point({latitude: l.latitude, longitude: l.longitude}), point({latitude: $lat, longitude: $lon})) AS d
      ORDER BY d LIMIT 1 }[0] / 1000.0 AS distanceKm`;
  }
  // Near a place, nearest first even when searching by words: what a person near it wants first is what is closest.
  const order = filters.near ? 'distanceKm, score DESC, ' : query ? 'score DESC, ' : '';
  const hitLinks = linkTreesCypher('n', links, params);
  // Highlighting reads every hit's description and scans it: only done when the page shows highlights.
  const highlights = read.highlights ?? true;
  const props = (node: string) => hitProjection(node, read.properties, highlights);
  const result = await db.run(
    `CALL () {
       ${candidates}
       ${conditions.length ? `AND ${conditions.join(' AND ')}` : ''}
       RETURN n, score${fromPlaces ? ', placeKm' : ''}
     }
     WITH n, score, ${distance}
     ${filters.near ? 'WHERE distanceKm IS NOT NULL AND distanceKm * 1000 <= $radiusM' : ''}
     ORDER BY ${order}toLower(n.name), n.id
     ${withTotal ? pageOfAll(hitLinks, props) : pageOfTop(hitLinks, props)}`,
    params,
  );
  const record = result.records[0];
  const page = (record?.get('page') ?? []) as {
    labels: string[];
    props: Record<string, unknown>;
    score: number;
    distanceKm: number | null;
    links?: unknown;
  }[];
  const total = withTotal ? Number(record?.get('total') ?? 0) : undefined;
  return {
    total,
    hasMore: total === undefined ? page.length > limit : offset + page.length < total,
    hits: page.slice(0, limit).map((h) => {
      const node = toGraphNode(h.labels, h.props);
      return {
        node,
        highlight: highlights ? highlight(h.props, SEARCH_PROPERTIES, words) : undefined,
        score: h.score,
        distanceKm: h.distanceKm ?? undefined,
        links: hitLinks ? readLinkTrees(node, links, h.links) : [],
      };
    }),
  };
}

/**
 * The page cut from every match gathered in `hits`, each with its links when any are asked: those are read for the
 * page alone, from a row per hit, as a COLLECT subquery needs a variable to start from.
 */
function pageOfAll(hitLinks: string | undefined, props: (node: string) => string): string {
  const gathered = 'WITH collect({n: n, score: score, distanceKm: distanceKm}) AS hits';
  if (!hitLinks)
    return `${gathered}
     RETURN size(hits) AS total,
       [h IN hits[$offset..($offset + $limit)] | {labels: labels(h.n), props: ${props('h.n')}, score: h.score, distanceKm: h.distanceKm}] AS page`;
  return `${gathered}
     CALL (hits) {
       UNWIND hits[$offset..($offset + $limit)] AS h
       WITH h, h.n AS n
       WITH h, n, ${hitLinks} AS links
       RETURN collect({labels: labels(n), props: ${props('n')}, score: h.score, distanceKm: h.distanceKm, links: links}) AS page
     }
     RETURN size(hits) AS total, page`;
}

/** The top of the sorted matches, one past the page to say whether there is more, each with its links when asked. */
function pageOfTop(hitLinks: string | undefined, props: (node: string) => string): string {
  return `SKIP $offset LIMIT $limit
     ${hitLinks ? `WITH n, score, distanceKm, ${hitLinks} AS links` : ''}
     RETURN null AS total,
       collect({labels: labels(n), props: ${props('n')}, score: score, distanceKm: distanceKm${hitLinks ? ', links: links' : ''}}) AS page`;
}

/**
 * A latitude and longitude box holding every point within `radiusKm` of the centre, a little wider to be safe: a degree
 * of latitude is 111.2 km everywhere, one of longitude that times the cosine of the latitude.
 */
export function boundingBox(near: { latitude: number; longitude: number; radiusKm: number }) {
  const dLat = (near.radiusKm / 111.2) * 1.01;
  const dLon = dLat / Math.max(0.01, Math.cos(((Math.abs(near.latitude) + dLat) * Math.PI) / 180));
  return {
    minLat: near.latitude - dLat,
    maxLat: near.latitude + dLat,
    minLon: near.longitude - dLon,
    maxLon: near.longitude + dLon,
  };
}

/** The centroid of a postcode the graph knows (from an imported ONS Postcode Directory), or undefined. */
export async function postcodeCentroid(
  db: Database,
  postcode: string,
): Promise<{ latitude: number; longitude: number } | undefined> {
  const result = await db.run(
    `MATCH (p:${Label.Postcode} {key: $postcode}) RETURN p.latitude AS latitude, p.longitude AS longitude`,
    { postcode },
  );
  const record = result.records[0];
  return record
    ? { latitude: record.get('latitude') as number, longitude: record.get('longitude') as number }
    : undefined;
}

/** The GSS code of the local authority a postcode lies in (from the ONS Postcode Directory), or undefined. */
export async function postcodeAreaCode(db: Database, postcode: string): Promise<string | undefined> {
  const result = await db.run(`MATCH (p:${Label.Postcode} {key: $postcode}) RETURN p.gssCode AS gss`, { postcode });
  return (result.records[0]?.get('gss') as string | null | undefined) ?? undefined;
}
