// What `npm run bench` asks: the records each scenario is about, and the requests it sends to each service.
import { createHash } from 'node:crypto';
import { nodeId } from '../schema/ids.js';
import { SEARCHABLE_LABELS } from '../schema/model.js';
import type { GraphBatch } from '../schema/records.js';
import { luceneQuery } from '../server/database/search.js';

/** The records each scenario asks about: the seed's own, or representative ones of a generated graph. */
export interface Subjects {
  text: string;
  topic: string;
  borough: string;
  footprint: string;
  organisation: string;
  programme: string;
  networkCentre: string;
  pathFrom: string;
  pathTo: string;
}

export const SEED_SUBJECTS: Subjects = {
  text: 'stop smoking',
  topic: 'stop-smoking',
  borough: 'E09000003',
  footprint: 'E54000027',
  organisation: 'E09000003',
  programme: 'barnet-immunisation-2017-18',
  networkCentre: nodeId('Programme', 'london-mecc-2017-18'),
  pathFrom: nodeId('Organisation', 'public-health-england'),
  pathTo: nodeId('Organisation', 'E09000003'),
};

/** In a generated graph: the first borough and footprint, a council, and a footprint-wide programme at the centre of the network. */
export function generatedSubjects(batch: GraphBatch): Subjects {
  const covering = batch.relationships.find(
    (r) => r.type === 'PROGRAMME_COVERS' && r.to.key.startsWith('gen-footprint-'),
  )!;
  const council = batch.nodes.find((n) => n.label === 'Organisation' && n.properties.kind === 'LOCAL_AUTHORITY')!;
  const partners = batch.relationships.filter((r) => r.type === 'PARTNER_IN');
  return {
    text: 'stop smoking',
    topic: 'gen-topic-stop-smoking',
    borough: 'gen-borough-1',
    footprint: 'gen-footprint-1',
    organisation: council.key,
    programme: covering.from.key,
    networkCentre: nodeId('Programme', covering.from.key),
    pathFrom: nodeId('Organisation', partners[0]!.from.key),
    pathTo: nodeId('Organisation', partners.at(-1)!.from.key),
  };
}

export type Side = 'ours' | 'baseline';

export interface BenchRequest {
  method: 'GET' | 'POST';
  /** Path and query string, from the service's root. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Scenario {
  name: string;
  side: Side;
  request: BenchRequest;
  /** Requests sent once before measuring, such as the one that registers a persisted query. */
  prepare?: BenchRequest[];
}

const post = (query: string, headers: Record<string, string>, variables?: Record<string, unknown>): BenchRequest => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ query, variables }),
});

/** Automatic persisted queries over GET: the hash alone once registered, with the header Apollo's CSRF prevention asks of a GET. */
function persistedGet(query: string): { register: BenchRequest; request: BenchRequest } {
  const extensions = JSON.stringify({
    persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
  });
  const headers = { 'apollo-require-preflight': 'true' };
  return {
    register: {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(query)}&extensions=${encodeURIComponent(extensions)}`,
      headers,
    },
    request: { method: 'GET', path: `/graphql?extensions=${encodeURIComponent(extensions)}`, headers },
  };
}

/** Every SearchKind the schema has, one per searchable concept (StakeholderGroup is STAKEHOLDER_GROUP). */
const EVERY_SEARCH_KIND = SEARCHABLE_LABELS.map((l) => l.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join(
  ', ',
);

/** Services only, as a directory widget with kind="service" asks, so that the baseline can answer the same question. */
export function directorySearch(s: Subjects): string {
  return `{ search(text: "${s.text}", kinds: [SERVICE], topic: "${s.topic}", area: "${s.borough}", first: 20) { totalCount edges { score node { ... on Service { name provider { name } topics { name } } } } } }`;
}

export function organisationProfile(s: Subjects): string {
  return `{ organisation(key: "${s.organisation}") { name kind partnerships { role programme { name } } areasCovered { name footprint { name } } roles { name } resources { name } } }`;
}

/** The scenarios of the comparison with @neo4j/graphql: same names on both sides. */
export const COMPARED = ['directory search (text, topic, borough)', 'organisation profile'] as const;

/**
 * Ours send the admin token, which bypasses the response cache, unless public: so all but the public ones measure
 * the database, as the baseline (which has no response cache) always does.
 */
export function ourScenarios(s: Subjects, adminToken: string): Scenario[] {
  const network = `{ network(around: "${s.networkCentre}", depth: 2) { nodes { id name type } edges { source target role } } }`;
  const admin = { authorization: `Bearer ${adminToken}` };
  const search = directorySearch(s);
  const persisted = persistedGet(search);
  const persistedNetwork = persistedGet(network);
  return [
    { name: COMPARED[0], side: 'ours', request: post(search, admin) },
    // What widgets send: public, so answered from the response cache after the first time.
    { name: 'directory search, public (cached)', side: 'ours', request: post(search, {}) },
    {
      name: 'directory search, public (cached), persisted query over GET',
      side: 'ours',
      request: persisted.request,
      prepare: [persisted.register],
    },
    {
      name: 'directory search (text only)',
      side: 'ours',
      request: post(
        '{ search(text: "immunisation", first: 20) { totalCount edges { node { ... on Service { name } ... on Resource { name } ... on Organisation { name } } } } }',
        admin,
      ),
    },
    {
      // Every searchable kind, with what each hit is and why it matched, as an analyst asks.
      name: 'search every kind (text, highlights)',
      side: 'ours',
      request: post(
        `{ search(text: "${s.text}", kinds: [${EVERY_SEARCH_KIND}], first: 20) { totalCount edges { kind highlight { field text ranges { start length } } node { ... on Node { id } } } } }`,
        admin,
      ),
    },
    { name: COMPARED[1], side: 'ours', request: post(organisationProfile(s), admin) },
    {
      name: 'programme action plan',
      side: 'ours',
      request: post(
        `{ programme(key: "${s.programme}") { name actionPlan { total byStatus { status count } overdue { name } } actions { name status dueDate leads { part by { ... on Role { name } } } } targets { metric value } } }`,
        admin,
      ),
    },
    { name: 'network to depth 2', side: 'ours', request: post(network, admin) },
    // What the network widget asks, public: from the response cache after the first time.
    { name: 'network to depth 2, public (cached)', side: 'ours', request: post(network, {}) },
    // A large public answer as a widget asks for it: answered from the HTTP-level cache (server/http/answer-cache.ts).
    {
      name: 'network to depth 2, public (cached), persisted query over GET',
      side: 'ours',
      request: persistedNetwork.request,
      prepare: [persistedNetwork.register],
    },
    {
      name: 'shortest path',
      side: 'ours',
      request: post(`{ shortestPath(from: "${s.pathFrom}", to: "${s.pathTo}") { nodes { name } } }`, admin),
    },
    {
      name: 'coverage gaps',
      side: 'ours',
      request: post(`{ coverageGaps(footprint: "${s.footprint}", topic: "${s.topic}") { name } }`, admin),
    },
    {
      // A shaped list (issue 22.2), as an analyst pages it: filtered by borough and topic, most connected first.
      name: 'services list (borough, topic, by degree)',
      side: 'ours',
      request: post(
        `{ services(area: "${s.borough}", topic: "${s.topic}", orderBy: { field: DEGREE, direction: DESC }, first: 20) { edges { cursor node { name provider { name } } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        admin,
      ),
    },
    {
      name: 'organisations list (footprint, by name, last page)',
      side: 'ours',
      request: post(
        `{ organisations(area: "${s.footprint}", last: 20) { totalCount edges { cursor node { name kind } } pageInfo { hasPreviousPage startCursor } } }`,
        admin,
      ),
    },
    // Issue 22.4's patterns and 22.5's exports, named alike so that BENCH_ONLY=pattern measures them together.
    {
      // On the generated england graph every borough's network (its programmes and those of its footprint and region,
      // with their partners) is near communities' 2,000-member bound: gen-borough-213's 1,980 is the largest under it.
      name: 'pattern: communities (borough)',
      side: 'ours',
      request: post(
        `{ communities(area: "${s.borough.startsWith('gen-') ? 'gen-borough-213' : s.borough}") { count modularity organisations communities { number size members { name } brokers { betweenness node { name } } } } }`,
        admin,
      ),
    },
    {
      name: "pattern: a programme's target trajectories",
      side: 'ours',
      request: post(
        `{ programme(key: "${s.programme}") { targets { metric trajectory { target deadline readings { date value } line { date value } onTrack basis } } } }`,
        admin,
      ),
    },
    {
      name: 'pattern: programmeAsOf',
      side: 'ours',
      request: post(
        `{ programmeAsOf(id: "${nodeId('Programme', s.programme)}", asOf: "2026-01-01") { existed partners { name role } actions { name status } changesSince } }`,
        admin,
      ),
    },
    {
      // GET /exports/<list>.csv, the list's filters in the query string; an export reads as the public.
      name: 'pattern: services CSV export (borough)',
      side: 'ours',
      request: { method: 'GET', path: `/exports/services.csv?area=${s.borough}`, headers: admin },
    },
  ];
}

/**
 * What serves a borough in our search: available in the borough, in an area it lies in (up to three levels up) or
 * in an area inside it (up to two levels down), written with the library's generated relationship filters.
 */
function servesArea(key: string): Record<string, unknown> {
  const is = { key: { eq: key } };
  const up = (levels: number): Record<string, unknown> => (levels === 0 ? is : { children: { some: up(levels - 1) } });
  const down = (levels: number): Record<string, unknown> =>
    levels === 0 ? is : { parent: { some: down(levels - 1) } };
  return { OR: [up(0), up(1), up(2), up(3), down(1), down(2)] };
}

export const BASELINE_SEARCH = `query Search($phrase: String!, $where: ServiceIndexWhere) {
  servicesByText(phrase: $phrase, where: $where, sort: [{ score: DESC }, { node: { name: ASC } }], first: 20) {
    totalCount edges { score node { name provider { name } topics { name } } }
  }
}`;

export const BASELINE_PROFILE = `query Profile($key: String!) {
  organisations(where: { key: { eq: $key } }) {
    name kind
    programmesConnection { edges { properties { role } node { name } } }
    areasCovered { name footprint { name } }
    roles { name }
    resources { name }
  }
}`;

/**
 * The same two questions to @neo4j/graphql. The client sends the Lucene query our service builds from the text
 * (every word required, the last also as a prefix), since the library passes its phrase to the index as it is.
 * Our queries also leave out retired records; the baseline does not, as no record of a benchmark graph is retired
 * (the comparison of answers would show it) and its filter for "not true" also drops records without the property.
 */
export function baselineScenarios(s: Subjects): Scenario[] {
  const phrase = luceneQuery(s.text)!;
  return [
    {
      name: COMPARED[0],
      side: 'baseline',
      request: post(
        BASELINE_SEARCH,
        {},
        {
          phrase,
          where: { node: { topics: { some: { key: { eq: s.topic } } }, availableIn: { some: servesArea(s.borough) } } },
        },
      ),
    },
    {
      name: COMPARED[1],
      side: 'baseline',
      request: post(BASELINE_PROFILE, {}, { key: s.organisation }),
    },
  ];
}
