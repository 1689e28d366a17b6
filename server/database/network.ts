// The partnership network: organisations and the programmes they take part in, read as a graph to draw and measure.
import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';
import neo4j from 'neo4j-driver';
import { Label, PartnershipRole, Rel } from '../../schema/graph.js';
import { aboutTopic } from './about-topic.js';
import type { Database } from './database.js';
import { MAX_LINKS } from './links.js';
import { type GraphNode, toGraphNode } from './nodes.js';

/** The relationships that make the partnership network: taking part in a programme, and programmes within programmes. */
export const NETWORK_RELS = `${Rel.PARTNER_IN}|${Rel.PROGRAMME_PART_OF}`;
export const MAX_DEPTH = 4;

// graphology-metrics ships CommonJS with a default export typed for bundlers; require gives the function itself.
const betweennessCentrality = createRequire(import.meta.url)('graphology-metrics/centrality/betweenness') as (
  graph: UndirectedGraph,
  options?: { normalized?: boolean },
) => Record<string, number>;

export interface NetworkNode {
  id: string;
  key: string;
  type: 'ORGANISATION' | 'PROGRAMME';
  name: string;
  organisationKind?: string;
  demo: boolean;
}

export interface NetworkEdge {
  source: string;
  target: string;
  type: typeof Rel.PARTNER_IN | typeof Rel.PROGRAMME_PART_OF;
  role?: string;
  /** Present only on a partnership its document does not state (issue 18), with why it was read into it. */
  inferred?: true;
  inference?: string;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** A network member as a list of just what a network shows: a network of a footprint programme has hundreds. */
export type RawMember = [
  isOrganisation: boolean,
  id: string,
  key: string,
  name: string | null,
  kind: string | null,
  demo: boolean | null,
];
export const member = (m: string): string =>
  `[${m}:${Label.Organisation}, ${m}.id, ${m}.key, ${m}.name, ${m}.kind, ${m}.demo]`;

export function toNetworkNode([organisation, id, key, name, kind, demo]: RawMember): NetworkNode {
  return {
    id,
    key,
    name: name ?? key,
    type: organisation ? 'ORGANISATION' : 'PROGRAMME',
    organisationKind: organisation ? (kind ?? undefined) : undefined,
    demo: demo === true,
  };
}

/**
 * The keys of the footprints each member works in: those its areas are, or lie in. An organisation covering a whole
 * region belongs to no one footprint, so a footprint filter leaves it out. One query for all the members asked about.
 */
export async function footprintsOf(db: Database, ids: readonly string[]): Promise<string[][]> {
  const worksIn = `${Rel.ORGANISATION_COVERS}|${Rel.BASED_IN}|${Rel.PROGRAMME_COVERS}`;
  const result = await db.run(
    `UNWIND $ids AS id
     CALL (id) { MATCH (m:${Label.Organisation} {id: id}) RETURN m UNION MATCH (m:${Label.Programme} {id: id}) RETURN m }
     RETURN id, COLLECT {
       MATCH (m)-[:${worksIn}]->(:${Label.Area})-[:${Rel.AREA_PART_OF}]->{0,2}(f:${Label.Area} {level: 'FOOTPRINT'})
       RETURN DISTINCT f.key ORDER BY f.key } AS footprints`,
    { ids },
  );
  const byId = new Map(result.records.map((r) => [r.get('id') as string, r.get('footprints') as string[]]));
  return ids.map((id) => byId.get(id) ?? []);
}

/**
 * An edge as a list, [source id, target id, type, role, inference when inferred]: smaller on the wire than a map, for
 * networks of thousands.
 */
const EDGE =
  "[startNode(r).id, endNode(r).id, type(r), r.role, CASE WHEN r.inferred THEN coalesce(r.inference, '') END]";

/**
 * What of its members and links a caller of networkAround reads (GraphQL: the fields the query selected). Neo4j sends
 * null for the rest: on a network of thousands of links, each string not sent is one the driver need not decode.
 */
export interface NetworkProjection {
  key: boolean;
  kind: boolean;
  demo: boolean;
  edgeType: boolean;
  role: boolean;
  inference: boolean;
}

/** Everything, for downloads and pages. */
export const WHOLE_NETWORK: NetworkProjection = {
  key: true,
  kind: true,
  demo: true,
  edgeType: true,
  role: true,
  inference: true,
};

/**
 * A member's values in a row, flat: whether an organisation, id, name (its key when it has none), then key, kind and
 * demo only when the projection asks for them. Unasked values are left out, not sent as null.
 */
const memberValues = (m: string, p: NetworkProjection): string =>
  [
    `${m}:${Label.Organisation}`,
    `${m}.id`,
    `coalesce(${m}.name, ${m}.key)`,
    ...(p.key ? [`${m}.key`] : []),
    ...(p.kind ? [`${m}.kind`] : []),
    ...(p.demo ? [`${m}.demo`] : []),
  ].join(', ');

/** The partnership roles as numbers in a row: a number costs the driver no string to decode and keep per link. */
const ROLE_CODES: readonly string[] = PartnershipRole;
const roleCode = (r: string): string =>
  `CASE ${r}.role ${ROLE_CODES.map((role, code) => `WHEN '${role}' THEN ${code}`).join(' ')} ELSE ${r}.role END`;

/**
 * A link's values in a row, flat: its target's id, then whether a partnership (the type), its role (a code of
 * ROLE_CODES, or the role itself if not one) and its inference (when inferred) only when the projection asks.
 */
const linkValues = (p: NetworkProjection): string =>
  [
    'b.id',
    ...(p.edgeType ? [`type(r) = '${Rel.PARTNER_IN}'`] : []),
    ...(p.role ? [roleCode('r')] : []),
    ...(p.inference ? ["CASE WHEN r.inferred THEN coalesce(r.inference, '') END"] : []),
  ].join(', ');

/**
 * The network within `depth` steps of an organisation or programme (a step is one relationship: an organisation to
 * a programme it takes part in, a programme to its parent), keeping only partnerships in `roles` when given.
 * With `liveOnly` (downloads), retired records are neither members nor steps on the way to one, and a retired
 * centre has no network.
 */
export async function networkAround(
  db: Database,
  id: string,
  depth: number,
  roles?: readonly string[],
  options: { liveOnly?: boolean; maxMembers?: number; projection?: NetworkProjection } = {},
): Promise<Network | null> {
  const projection = options.projection ?? WHOLE_NETWORK;
  const hops = Math.max(1, Math.min(MAX_DEPTH, Math.floor(depth)));
  const max = options.maxMembers ?? MAX_NETWORK_MEMBERS;
  const byRole = roles !== undefined && roles.length > 0;
  // Conditions left out of the text when they cannot hold, rather than passed as false: Neo4j then reads no role or
  // retirement of the thousands of relationships and members it walks for them.
  const roleAllowed = byRole ? '(r.role IS NULL OR r.role IN $roles)' : '';
  const live = (n: string) => (options.liveOnly ? `NOT coalesce(${n}.retired, false)` : '');
  const where = (...conditions: string[]) => {
    const held = conditions.filter(Boolean);
    return held.length > 0 ? ` WHERE ${held.join(' AND ')}` : '';
  };
  // Neo4j counts the members first and reads names and links only for a network within the limit: four steps from
  // a busy organisation reach tens of thousands of members on the England graph, an answer of many megabytes.
  // Rows of MEMBERS_PER_ROW members, each with its links out to other members: the driver decodes a record held in
  // one or two network chunks several times faster than one spread over many (a network of hundreds of members in
  // one record took most of the service's CPU per answer), and many small records each cost a record's handling. A
  // link's source is its member, not an id sent again.
  // Each row is one flat list: per member its values, how many links it has, then each link's values. Every list the
  // driver decodes is an array it builds and the collector later follows, and a network of 479 members and 1,587
  // links was about 3,500 small lists (a member, its links, each link) on top of the values themselves.
  const memberWidth = 3 + Number(projection.key) + Number(projection.kind) + Number(projection.demo);
  const linkWidth = 1 + Number(projection.edgeType) + Number(projection.role) + Number(projection.inference);
  const result = await db.run(
    `CALL () { MATCH (s:${Label.Organisation} {id: $id}) RETURN s UNION MATCH (s:${Label.Programme} {id: $id}) RETURN s }
     WITH s${where(live('s'))}
     MATCH (s)(()-[r:${NETWORK_RELS}]-(x)${where(roleAllowed, live('x'))}){0,${hops}}(n)
     WITH collect(DISTINCT n) AS members
     UNWIND CASE WHEN size(members) <= $max THEN range(0, size(members) - 1, $perRow) ELSE [null] END AS i
     RETURN size(members) AS size, reduce(row = [], m IN [a IN members[i..i + $perRow] | [${memberValues('a', projection)},
       [(a)-[r:${NETWORK_RELS}]->(b)${where('b IN members', roleAllowed)} | [${linkValues(projection)}]]]] |
       row + m[0..${memberWidth}] + size(m[${memberWidth}]) + reduce(links = [], l IN m[${memberWidth}] | links + l)) AS part`,
    { id, roles: byRole ? roles : null, max: neo4j.int(max), perRow: neo4j.int(MEMBERS_PER_ROW) },
  );
  const size = Number(result.records[0]?.get('size') ?? 0);
  if (size > max) throw new NetworkTooLargeError(size, max);
  if (size === 0) return null;
  const nodes: NetworkNode[] = [];
  const edges: NetworkEdge[] = [];
  // A link's target is given the member's own id string, once it is read, so the answer's edges share the members'
  // strings rather than keeping one decoded copy per link.
  const idOf = new Map<string, string>();
  for (const record of result.records) {
    const row = record.get('part') as unknown[];
    for (let at = 0; at < row.length; ) {
      const node = memberAt(row, at, projection);
      nodes.push(node);
      idOf.set(node.id, node.id);
      at += memberWidth;
      const links = row[at++] as number;
      for (let l = 0; l < links; l += 1, at += linkWidth) edges.push(linkAt(row, at, node.id, projection));
    }
  }
  for (const edge of edges) edge.target = idOf.get(edge.target) ?? edge.target;
  return { nodes, edges };
}

/** The member whose values start at `at` in a row, as toNetworkNode makes it from a RawMember. */
function memberAt(row: readonly unknown[], at: number, p: NetworkProjection): NetworkNode {
  let next = at + 3;
  const key = p.key ? (row[next++] as string) : null;
  const kind = p.kind ? (row[next++] as string | null) : null;
  const demo = p.demo ? row[next] : null;
  const organisation = row[at] as boolean;
  return {
    id: row[at + 1] as string,
    key: key as string,
    name: row[at + 2] as string,
    type: organisation ? 'ORGANISATION' : 'PROGRAMME',
    organisationKind: organisation ? (kind ?? undefined) : undefined,
    demo: demo === true,
  };
}

/** The link whose values start at `at` in a row, from the member `source`. */
function linkAt(row: readonly unknown[], at: number, source: string, p: NetworkProjection): NetworkEdge {
  let next = at + 1;
  // An unasked type stays null, as the answer leaves it out.
  const type = p.edgeType ? (row[next++] === true ? Rel.PARTNER_IN : Rel.PROGRAMME_PART_OF) : null;
  const role = p.role ? row[next++] : null;
  const inference = p.inference ? (row[next] as string | null) : null;
  const roleName = typeof role === 'number' ? ROLE_CODES[role]! : (role as string | null);
  return toEdge(source, row[at] as string, type as NetworkEdge['type'], roleName, inference);
}

/** Members per row of a network read: about 10 KB a row, a chunk or two of Bolt's (32 read fastest of 1, 8, 32, 128). */
const MEMBERS_PER_ROW = 32;

/** The most members one network answer may carry: a depth-2 network around a footprint programme has about 300. */
export const MAX_NETWORK_MEMBERS = 2_000;

/** A network larger than one answer may carry; the caller says so with the depth or roles to ask for instead. */
export class NetworkTooLargeError extends Error {
  constructor(
    readonly members: number,
    readonly max: number,
  ) {
    super(`The network has ${members} organisations and programmes, more than the ${max} one answer may carry.`);
  }
}

type RawEdge = [
  source: string,
  target: string,
  type: NetworkEdge['type'],
  role: string | null,
  inference: string | null,
];

function toEdges(edges: readonly (RawEdge | null)[]): NetworkEdge[] {
  const built: NetworkEdge[] = [];
  for (const e of edges) if (e !== null) built.push(toEdge(e[0], e[1], e[2], e[3], e[4]));
  return built;
}

/** An edge with a role only when it has one, and inferred with its inference only when read into its document. */
function toEdge(
  source: string,
  target: string,
  type: NetworkEdge['type'],
  role: string | null,
  inference: string | null | undefined,
): NetworkEdge {
  const edge: NetworkEdge = { source, target, type };
  if (role) edge.role = role;
  if (inference !== null && inference !== undefined) {
    edge.inferred = true;
    edge.inference = inference;
  }
  return edge;
}

/** The shortest chain of partnerships from one organisation to another, or null when they are not connected. */
export async function shortestPartnershipPath(db: Database, fromId: string, toId: string): Promise<Network | null> {
  const result = await db.run(
    `MATCH (a:${Label.Organisation} {id: $from}), (b:${Label.Organisation} {id: $to})
     MATCH p = shortestPath((a)-[:${NETWORK_RELS}*..12]-(b))
     RETURN [n IN nodes(p) | ${member('n')}] AS nodes, [r IN relationships(p) | ${EDGE}] AS edges`,
    { from: fromId, to: toId },
  );
  const record = result.records[0];
  if (!record) return null;
  return {
    nodes: (record.get('nodes') as RawMember[]).map(toNetworkNode),
    edges: toEdges(record.get('edges') as RawEdge[]),
  };
}

/** The whole partnership network, or the part of it whose programmes cover an area (and what lies in it). */
export interface NetworkInArea {
  /** How many organisations and programmes it has, counted before any is read. */
  members: number;
  /** The network itself; null when it has more than the members asked for, so none of it was read. */
  network: Network | null;
}

/**
 * The partnership network in an area, read only when it has at most `maxMembers` organisations and programmes:
 * Neo4j counts them first and reads names and links only for a network that small, so asking about all England costs
 * a count, not the whole network carried to the service to be refused there.
 */
export async function networkInArea(
  db: Database,
  areaKey: string | undefined,
  maxMembers = Number.MAX_SAFE_INTEGER,
): Promise<NetworkInArea> {
  const result = await db.run(
    `MATCH (p:${Label.Programme})
     WHERE $area IS NULL OR EXISTS {
       MATCH (scope:${Label.Area} {key: $area})
       MATCH (p)-[:${Rel.PROGRAMME_COVERS}]->(a:${Label.Area})
       WHERE a = scope OR (a)-[:${Rel.AREA_PART_OF}*1..3]->(scope) OR (scope)-[:${Rel.AREA_PART_OF}*1..3]->(a) }
     WITH collect(p) AS programmes
     CALL (programmes) {
       UNWIND programmes AS p
       MATCH (o:${Label.Organisation})-[:${Rel.PARTNER_IN}]->(p)
       RETURN collect(DISTINCT o) AS organisations
     }
     WITH programmes, programmes + organisations AS members
     CALL (programmes, members) {
       WITH programmes WHERE size(members) <= $max
       UNWIND programmes AS p
       MATCH (o:${Label.Organisation})-[r:${Rel.PARTNER_IN}]->(p)
       RETURN collect(${EDGE}) AS partnerships
     }
     CALL (programmes, members) {
       WITH programmes WHERE size(members) <= $max
       UNWIND programmes AS a
       MATCH (a)-[r:${Rel.PROGRAMME_PART_OF}]->(b:${Label.Programme}) WHERE b IN programmes
       RETURN collect(${EDGE}) AS hierarchy
     }
     WITH size(members) AS size, CASE WHEN size(members) <= $max THEN members ELSE [] END AS members,
       partnerships + hierarchy AS edges
     UNWIND range(0, CASE WHEN size(members) / $membersPerRow > size(edges) / $edgesPerRow
       THEN size(members) / $membersPerRow ELSE size(edges) / $edgesPerRow END) AS i
     RETURN size, [m IN members[i * $membersPerRow..(i + 1) * $membersPerRow] | ${member('m')}] AS nodes,
       edges[i * $edgesPerRow..(i + 1) * $edgesPerRow] AS edges`,
    {
      area: areaKey ?? null,
      max: neo4j.int(maxMembers),
      membersPerRow: neo4j.int(MEMBERS_PER_ROW),
      edgesPerRow: neo4j.int(EDGES_PER_ROW),
    },
  );
  const members = Number(result.records[0]?.get('size') ?? 0);
  if (members > maxMembers) return { members, network: null };
  // In rows of a few kilobytes, as networkAround reads, and put back together in order: up to 2,000 members and
  // their links in one record cost the driver far more than the same in many.
  const nodes: NetworkNode[] = [];
  const edges: NetworkEdge[] = [];
  for (const record of result.records) {
    for (const raw of record.get('nodes') as RawMember[]) nodes.push(toNetworkNode(raw));
    edges.push(...toEdges(record.get('edges') as RawEdge[]));
  }
  return { members, network: { nodes, edges } };
}

/** Links per row of a network read by area: about as many bytes as MEMBERS_PER_ROW members. */
const EDGES_PER_ROW = 96;

export function toGraphology(network: Network): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const node of network.nodes) graph.addNode(node.id, { ...node, label: node.name });
  for (const edge of network.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target) && !graph.hasEdge(edge.source, edge.target)) {
      graph.addEdge(edge.source, edge.target, { type: edge.type, role: edge.role });
    }
  }
  return graph;
}

export interface ConnectedPartner {
  node: NetworkNode;
  /** How many programmes it takes part in. */
  programmes: number;
  /** How many other organisations it shares at least one programme with. */
  partners: number;
  /** Normalised betweenness in the organisation–programme network: how much it bridges otherwise separate partnerships. */
  betweenness: number;
}

/**
 * The largest network mostConnected ranks. Betweenness takes time in proportion to members × links and runs on the
 * event loop, stalling every other request meanwhile: on England-shaped data it took 0.74 s at 1,908 members and
 * 7.0 s at 4,114, so the bound is the communities' 2,000 (a footprint's or region's network is a few hundred).
 */
export const MAX_RANKED_MEMBERS = 2_000;

/** Ranks the organisations of a network by how connected they are: partners, then bridging, then name. */
export function mostConnected(network: Network, orderBy: 'PARTNERS' | 'BETWEENNESS'): ConnectedPartner[] {
  const graph = toGraphology(network);
  const betweenness = graph.order > 2 ? betweennessCentrality(graph, { normalized: true }) : {};
  const ranked = network.nodes
    .filter((n) => n.type === 'ORGANISATION')
    .map((node) => {
      const programmes = graph
        .neighbors(node.id)
        .filter((p: string) => graph.getNodeAttribute(p, 'type') === 'PROGRAMME');
      const partners = new Set(
        programmes.flatMap((p: string) =>
          graph
            .neighbors(p)
            .filter((o: string) => o !== node.id && graph.getNodeAttribute(o, 'type') === 'ORGANISATION'),
        ),
      );
      return { node, programmes: programmes.length, partners: partners.size, betweenness: betweenness[node.id] ?? 0 };
    });
  const primary = (c: ConnectedPartner) =>
    orderBy === 'PARTNERS' ? [c.partners, c.betweenness] : [c.betweenness, c.partners];
  return ranked.sort((a, b) => {
    const [a1, a2] = primary(a);
    const [b1, b2] = primary(b);
    return b1! - a1! || b2! - a2! || a.node.name.localeCompare(b.node.name);
  });
}

/** A programme's action plan as Neo4j counts it: every action, however many, not the first page of them. */
export interface ActionPlanCounts {
  total: number;
  byStatus: { status: string; count: number }[];
  /** Ids of the overdue actions in the plan's order, at most MAX_PLAN_LIST: the list field shows at most that many. */
  overdue: string[];
  /** Leads, busiest first (at most MAX_PLAN_LIST), each with its true count and its actions' first ids in order. */
  byLead: { lead: GraphNode; count: number; actions: string[] }[];
}

/** The most overdue actions, leads, and actions per lead a plan keeps: what a list field may show (MAX_LINKS). */
export const MAX_PLAN_LIST = MAX_LINKS;

const DONE_STATUSES = ['COMPLETED', 'CANCELLED'];

/**
 * The action plans of some programmes, counted in Cypher, one row per programme and one round trip for all: the
 * actions are the programme's own and its workstreams' (as Programme.actions has them, in that order), and only ids
 * of what the lists may show leave the database. An action is overdue once its due date (or its due month's end) is
 * before `today`, unless completed or cancelled.
 */
export async function actionPlans(
  db: Database,
  programmeIds: readonly string[],
  today = new Date().toISOString().slice(0, 10),
): Promise<(ActionPlanCounts | null)[]> {
  const leadLabels = [Label.Role, Label.Person, Label.Organisation].map((l) => `l:${l}`).join(' OR ');
  const result = await db.run(
    `UNWIND $ids AS id
     MATCH (p:${Label.Programme} {id: id})
     CALL (p) {
       OPTIONAL MATCH (p)-[:${Rel.HAS_WORKSTREAM}]->{0,1}(m)-[:${Rel.HAS_ACTION}]->(a:${Label.Action})
       WHERE coalesce(a.retired, false) = false
       WITH a, min(CASE WHEN m = p THEN -1 ELSE coalesce(m.position, 1000000) END) AS group
       ORDER BY group, coalesce(a.position, 1000000), toLower(coalesce(a.name, a.key)), a.id
       RETURN collect(a) AS actions
     }
     RETURN id, size(actions) AS total,
       COLLECT { UNWIND actions AS a WITH a.status AS status, count(*) AS count RETURN [status, count] } AS byStatus,
       [a IN actions WHERE a.dueDate IS :: STRING AND NOT coalesce(a.status, '') IN $done
         AND (CASE WHEN size(a.dueDate) = 7 THEN a.dueDate + '-31' ELSE a.dueDate END) < $today | a.id][..$max] AS overdue,
       COLLECT {
         UNWIND range(0, size(actions) - 1) AS i
         WITH actions[i] AS a, i
         MATCH (a)-[:${Rel.LED_BY}]->(l) WHERE (${leadLabels}) AND coalesce(l.retired, false) = false
         WITH l, a, min(i) AS i ORDER BY i
         WITH l, collect(a.id) AS ids
         ORDER BY size(ids) DESC, toLower(coalesce(l.name, l.key)), l.id
         LIMIT $max
         RETURN [labels(l), properties(l), size(ids), ids[..$max]]
       } AS byLead`,
    { ids: programmeIds, today, done: DONE_STATUSES, max: neo4j.int(MAX_PLAN_LIST) },
  );
  const byId = new Map(result.records.map((r) => [r.get('id') as string, r]));
  return programmeIds.map((id) => {
    const record = byId.get(id);
    if (!record) return null;
    return {
      total: Number(record.get('total')),
      byStatus: (record.get('byStatus') as [string, unknown][]).map(([status, count]) => ({
        status,
        count: Number(count),
      })),
      overdue: record.get('overdue') as string[],
      byLead: (record.get('byLead') as [string[], Record<string, unknown>, unknown, string[]][]).map(
        ([labels, properties, count, actions]) => ({
          lead: toGraphNode(labels, properties),
          count: Number(count),
          actions,
        }),
      ),
    };
  });
}

/**
 * The boroughs of a footprint where no service about a topic is available, counting footprint-wide services.
 * Each borough is asked from its own side (the few hundred services available in it or in what it lies in) and the
 * question stops at the first service on the topic; starting from the topic would walk every service about it in England.
 */
export async function coverageGaps(
  db: Database,
  footprintKey: string,
  topicKey: string,
): Promise<{ found: boolean; boroughs: Record<string, unknown>[] }> {
  const result = await db.run(
    `OPTIONAL MATCH (f:${Label.Area} {key: $footprint})
     OPTIONAL MATCH (b:${Label.Area} {level: 'BOROUGH'})-[:${Rel.AREA_PART_OF}]->(f)
     WHERE NOT EXISTS {
       MATCH (b)-[:${Rel.AREA_PART_OF}]->{0,3}(:${Label.Area})<-[:${Rel.AVAILABLE_IN}]-(s:${Label.Service})
       WHERE ${aboutTopic('s', `:${Label.Topic} {key: $topic}`)} }
     WITH f, b ORDER BY b.name
     RETURN f IS NOT NULL AS found, collect(properties(b)) AS boroughs`,
    { footprint: footprintKey, topic: topicKey },
  );
  const record = result.records[0];
  return {
    found: record?.get('found') === true,
    boroughs: (record?.get('boroughs') ?? []) as Record<string, unknown>[],
  };
}
