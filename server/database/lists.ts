// Lists analysts can shape: filters, an order on a natural field and keyset pages both ways, all done in Cypher.
import neo4j from 'neo4j-driver';
import { Label, Rel } from '../../schema/graph.js';
import { CHANGE_LABEL } from '../../schema/migrations.js';
import { aboutTopic } from './about-topic.js';
import type { Database } from './database.js';
import { toGraphNode, type GraphNode } from './nodes.js';

/** The natural fields a list may be ordered by; each list says which of them fit it. */
export type SortField = 'NAME' | 'DEGREE' | 'LAST_MODIFIED' | 'DUE_DATE' | 'DATE' | 'START_DATE' | 'POSITION';

/**
 * Each field's sort key as a Cypher expression over `n` (and `p`, `m` for a programme's actions), never null, so
 * that a keyset comparison always holds one way or the other. Records without a date sort after every date.
 */
const SORT_KEYS: Record<Exclude<SortField, 'POSITION'>, string> = {
  NAME: 'toLower(coalesce(n.name, n.title, n.key))',
  // Every relationship of the record, of any type and direction: how connected it is.
  DEGREE: 'COUNT { (n)--() }',
  // An admin's edit stamps updatedAt; an import leaves only its audit entry, so the newest entry counts too.
  LAST_MODIFIED: `coalesce(n.updatedAt, COLLECT { MATCH (c:${CHANGE_LABEL} {nodeId: n.id}) RETURN c.at ORDER BY c.at DESC LIMIT 1 }[0], '')`,
  DUE_DATE: "coalesce(n.dueDate, '9999-12-31')",
  DATE: "coalesce(n.date, '9999-12-31')",
  START_DATE: "coalesce(n.startDate, '9999-12-31')",
};

/** Where a list's records come from: every live record of a label, or those linked to each parent. */
export interface ListSource {
  label: Label;
  /** Cypher matching `n` from the parent `p` (whose id is `parent`); absent for a root list of every record. */
  fromParent?: string;
  /** The POSITION sort key, for lists that have an order of their own (a programme's actions, as its plan has them). */
  positionKey?: string;
  /** For a list of partnerships: fromParent names the partnership `r`, whose role the role filter reads. */
  partnership?: boolean;
}

/** The filters every list may take; a list's resolver passes only those that fit it. Keys are natural keys. */
export interface ListFilters {
  area?: string;
  topic?: string;
  programme?: string;
  provider?: string;
  kind?: string;
  level?: string;
  /** An area id: only areas inside it. */
  within?: string;
  status?: readonly string[];
  /** Partnership roles: only records linked to the parent in one of them (a partnership list's own filter). */
  role?: readonly string[];
  /** An inclusive range of ISO dates or months, on an action's due date or an event's date. */
  dateFrom?: string;
  dateTo?: string;
  /** True: only retired records; false (the default): only live ones. */
  retired?: boolean;
}

/** The areas a record serves or belongs to, for each label with areas: the area filter's meaning per label. */
const AREA_LINK: Partial<Record<Label, string>> = {
  [Label.Service]: `(n)-[:${Rel.AVAILABLE_IN}]->`,
  [Label.Programme]: `(n)-[:${Rel.PROGRAMME_COVERS}]->`,
  [Label.Organisation]: `(n)-[:${Rel.ORGANISATION_COVERS}|${Rel.BASED_IN}]->`,
};

/** How a record belongs to a programme, per label: a partner, a supporting resource, a signposted service. */
const PROGRAMME_LINK: Partial<Record<Label, string>> = {
  [Label.Organisation]: `(n)-[:${Rel.PARTNER_IN}]->`,
  [Label.Resource]: `(n)-[:${Rel.SUPPORTS}]->`,
  [Label.Service]: `(n)<-[:${Rel.SIGNPOSTS_TO}]-`,
  [Label.Programme]: `(n)-[:${Rel.PROGRAMME_PART_OF}*1..3]->`,
  [Label.Event]: `(n)-[:${Rel.EVENT_OF}]->`,
};

/**
 * A programme's status from its dates and today: PLANNED before its start, ENDED after its end (a month as the end
 * takes in all its days), RUNNING between, or without dates to say otherwise.
 */
const PROGRAMME_STATUS = `CASE
    WHEN n.startDate IS NOT NULL AND n.startDate > $today THEN 'PLANNED'
    WHEN n.endDate IS NOT NULL AND (CASE WHEN size(n.endDate) = 7 THEN n.endDate + '-31' ELSE n.endDate END) < $today THEN 'ENDED'
    ELSE 'RUNNING' END`;

/** The labels whose records carry a date the date range reads. */
const DATE_PROPERTY: Partial<Record<Label, string>> = { [Label.Action]: 'dueDate', [Label.Event]: 'date' };

/** The labels each filter fits, so a resolver can say which fit before any Cypher is written. */
export const FILTERS_OF: Readonly<Record<keyof ListFilters, readonly Label[]>> = {
  area: Object.keys(AREA_LINK) as Label[],
  topic: [Label.Service, Label.Resource, Label.Programme, Label.Event, Label.Action],
  programme: Object.keys(PROGRAMME_LINK) as Label[],
  provider: [Label.Service],
  kind: [Label.Organisation, Label.Resource, Label.Event],
  level: [Label.Area],
  within: [Label.Area],
  status: [Label.Action, Label.Resource, Label.Event, Label.Programme],
  role: [Label.Organisation, Label.Programme],
  dateFrom: Object.keys(DATE_PROPERTY) as Label[],
  dateTo: Object.keys(DATE_PROPERTY) as Label[],
  retired: [],
};

/** The WHERE conditions of a list's filters; names come from this module and the schema, values are parameters. */
function filterConditions(
  source: ListSource,
  filters: ListFilters,
): { where: string[]; params: Record<string, unknown> } {
  const label = source.label;
  const where = [filters.retired ? 'n.retired = true' : 'coalesce(n.retired, false) = false'];
  const params: Record<string, unknown> = {};
  const area = AREA_LINK[label];
  if (filters.area !== undefined && area) params.area = filters.area;
  // A root list starts from the area's side (matchClause); a parent's list, already narrow, is tested record by record.
  if (filters.area !== undefined && area && source.fromParent) {
    // A borough is served by what serves it, anything inside it, or the footprint or region it lies in.
    where.push(`(EXISTS { ${area}(:${Label.Area})-[:${Rel.AREA_PART_OF}*0..3]->(:${Label.Area} {key: $area}) }
      OR EXISTS { ${area}(:${Label.Area})<-[:${Rel.AREA_PART_OF}*1..3]-(:${Label.Area} {key: $area}) })`);
    params.area = filters.area;
  }
  if (filters.topic !== undefined) {
    where.push(aboutTopic('n', `:${Label.Topic} {key: $topic}`, `:${Rel.ABOUT}|${Rel.SIGNPOSTS_TO}`));
    params.topic = filters.topic;
  }
  const programme = PROGRAMME_LINK[label];
  if (filters.programme !== undefined && programme) {
    where.push(`EXISTS { ${programme}(:${Label.Programme} {key: $programme}) }`);
    params.programme = filters.programme;
  }
  if (filters.provider !== undefined) {
    where.push(`EXISTS { (n)-[:${Rel.PROVIDED_BY}]->(:${Label.Organisation} {key: $provider}) }`);
    params.provider = filters.provider;
  }
  if (filters.kind !== undefined) {
    where.push('n.kind = $kind');
    params.kind = filters.kind;
  }
  if (filters.level !== undefined) {
    where.push('n.level = $level');
    params.level = filters.level;
  }
  if (filters.within !== undefined) {
    where.push(`EXISTS { (n)-[:${Rel.AREA_PART_OF}*1..3]->(:${Label.Area} {id: $within}) }`);
    params.within = filters.within;
  }
  if (filters.status !== undefined && filters.status.length > 0) {
    // A programme's status is its dates read against today; other records hold theirs.
    where.push(`${label === Label.Programme ? PROGRAMME_STATUS : 'n.status'} IN $status`);
    params.status = filters.status;
    if (label === Label.Programme) params.today = new Date().toISOString().slice(0, 10);
  }
  if (filters.role !== undefined && filters.role.length > 0 && source.partnership) {
    where.push('r.role IN $role');
    params.role = filters.role;
  }
  const date = DATE_PROPERTY[label];
  if (date && filters.dateFrom !== undefined) {
    where.push(`n.\`${date}\` >= $dateFrom`);
    params.dateFrom = filters.dateFrom;
  }
  if (date && filters.dateTo !== undefined) {
    // A month as the end of a range takes in every day of it: 2017-09 reaches 2017-09-30.
    where.push(`n.\`${date}\` <= $dateTo`);
    params.dateTo = filters.dateTo.length === 7 ? `${filters.dateTo}-31` : filters.dateTo;
  }
  return { where, params };
}

/** Which natural keys the filters name that the graph does not hold, checked in the page's own query. */
function knownKeys(filters: ListFilters): string {
  const checks: string[] = [];
  if (filters.area !== undefined) checks.push(`area: EXISTS { (:${Label.Area} {key: $area}) }`);
  if (filters.topic !== undefined) checks.push(`topic: EXISTS { (:${Label.Topic} {key: $topic}) }`);
  if (filters.programme !== undefined) checks.push(`programme: EXISTS { (:${Label.Programme} {key: $programme}) }`);
  if (filters.provider !== undefined) checks.push(`provider: EXISTS { (:${Label.Organisation} {key: $provider}) }`);
  return `{${checks.join(', ')}}`;
}

/** A position in an ordered list: the record's sort key and id, which a cursor encodes. */
export interface Position {
  key: string | number;
  id: string;
}

/** What page of the list to read: `take` records forwards from `after` or backwards from `before`. */
export interface Window {
  take: number;
  backwards: boolean;
  after?: Position;
  before?: Position;
  /** Records to skip first: only for an offset cursor from before keyset cursors, read forwards. */
  skip?: number;
}

export interface Ordering {
  field: SortField;
  descending: boolean;
}

export interface ListPage {
  /** The page's records, in the list's order, each with its sort key for its cursor. */
  items: { node: GraphNode; key: string | number }[];
  /** Whether records follow the page (in the list's order) and precede it. */
  hasNext: boolean;
  hasPrevious: boolean;
}

export interface ListResult {
  pages: ListPage[];
  /** Filter keys that name nothing in the graph (an unknown topic), so the client can be told. */
  unknown: string[];
}

function sortKey(source: ListSource, field: SortField): string {
  if (field !== 'POSITION') return SORT_KEYS[field];
  return source.positionKey ?? SORT_KEYS.NAME;
}

/** Records strictly beyond a position, in the order given: the keyset condition. */
function beyond(position: string, descending: boolean): string {
  const op = descending ? '<' : '>';
  return `(sortKey ${op} $${position}Key OR (sortKey = $${position}Key AND n.id ${op} $${position}Id))`;
}

/**
 * Where a list's records are found. A root list filtered by area starts from the areas that count (the area, what lies
 * inside it, what it lies in) and follows their links in, so a borough's few hundred records are read rather than
 * every record of the label tested against the area.
 */
function matchClause(source: ListSource, filters: ListFilters): string {
  if (source.fromParent) return source.fromParent;
  const area = AREA_LINK[source.label];
  if (filters.area === undefined || !area) return `MATCH (n:\`${source.label}\`)`;
  return `MATCH (scope:${Label.Area} {key: $area})
       CALL (scope) {
         MATCH (scope)<-[:${Rel.AREA_PART_OF}*0..3]-(x:${Label.Area}) RETURN x
         UNION
         MATCH (scope)-[:${Rel.AREA_PART_OF}*1..3]->(x:${Label.Area}) RETURN x
       }
       MATCH ${area}(x) WHERE n:\`${source.label}\`
       WITH DISTINCT n`;
}

/**
 * One page of a list for each parent id (a root list has the one parent '', which its Cypher does not read), in one round trip. Neo4j filters,
 * orders by the sort key then id, starts past the cursor and cuts the page (a top-k sort; only the page has its
 * properties read); one record past the page says whether more follow, and one record on the cursor's other side
 * (looked for, not counted) whether any precede. Read backwards, the order is reversed and the page turned round.
 */
export async function listPages(
  db: Database,
  source: ListSource,
  filters: ListFilters,
  order: Ordering,
  window: Window,
  parents: readonly string[],
): Promise<ListResult> {
  const { where, params } = filterConditions(source, filters);
  // Reading backwards walks the list in reverse: its own order flipped.
  const walk = order.descending !== window.backwards;
  const direction = walk ? 'DESC' : 'ASC';
  const from = window.backwards ? window.before : window.after;
  const to = window.backwards ? window.after : window.before;
  const pageConditions: string[] = [];
  if (from) pageConditions.push(beyond('from', walk));
  if (to) pageConditions.push(beyond('to', !walk));
  const head = `${matchClause(source, filters)} WHERE ${where.join(' AND ')}
       WITH DISTINCT n, ${sortKey(source, order.field)} AS sortKey`;
  const cypher = `WITH ${knownKeys(filters)} AS known
     UNWIND $parents AS parent
     CALL (parent) {
       ${head}
       ${pageConditions.length ? `WHERE ${pageConditions.join(' AND ')}` : ''}
       ORDER BY sortKey ${direction}, n.id ${direction}
       SKIP $skip LIMIT $limit
       RETURN collect([labels(n), properties(n), sortKey]) AS page
     }
     CALL (parent) {
       ${
         from
           ? `${head}
       WITH n, sortKey WHERE NOT ${beyond('from', walk)}
       WITH n LIMIT 1`
           : 'WITH null AS n LIMIT 0'
       }
       RETURN count(n) > 0 AS behind
     }
     RETURN parent, page, behind, known`;
  const result = await db.run(cypher, {
    ...params,
    parents,
    // Integers, not JavaScript numbers: the driver would send those as floats, which SKIP and LIMIT refuse.
    skip: neo4j.int(window.skip ?? 0),
    limit: neo4j.int(window.take + 1),
    fromKey: from?.key ?? null,
    fromId: from?.id ?? null,
    toKey: to?.key ?? null,
    toId: to?.id ?? null,
  });
  const byParent = new Map<string, ListPage>();
  let unknown: string[] = [];
  for (const record of result.records) {
    const known = record.get('known') as Record<string, boolean>;
    unknown = Object.entries(known)
      .filter(([, found]) => !found)
      .map(([name]) => name);
    const rows = record.get('page') as [string[], Record<string, unknown>, string | number][];
    const more = rows.length > window.take;
    const items = rows.slice(0, window.take).map(([labels, props, key]) => ({ node: toGraphNode(labels, props), key }));
    const behind = record.get('behind') as boolean;
    // An offset cursor from before keyset cursors still means records precede the page.
    const earlier = behind || (window.skip ?? 0) > 0;
    byParent.set(
      record.get('parent') as string,
      window.backwards
        ? { items: items.reverse(), hasPrevious: more, hasNext: earlier }
        : { items, hasNext: more, hasPrevious: earlier },
    );
  }
  return {
    unknown,
    pages: parents.map((p) => byParent.get(p) ?? { items: [], hasNext: false, hasPrevious: false }),
  };
}

/** How many records each parent's list holds with these filters: a count, asked only when a client wants it. */
export async function countLists(
  db: Database,
  source: ListSource,
  filters: ListFilters,
  parents: readonly string[],
): Promise<number[]> {
  const { where, params } = filterConditions(source, filters);
  const result = await db.run(
    `UNWIND $parents AS parent
     CALL (parent) { ${matchClause(source, filters)} WHERE ${where.join(' AND ')} RETURN count(DISTINCT n) AS total }
     RETURN parent, total`,
    { ...params, parents },
  );
  const totals = new Map(result.records.map((r) => [r.get('parent') as string, Number(r.get('total'))]));
  return parents.map((p) => totals.get(p) ?? 0);
}

/** A programme's actions, its own then each workstream's, as its plan lists them. */
export const PROGRAMME_ACTIONS: ListSource = {
  label: Label.Action,
  fromParent: `MATCH (p:${Label.Programme} {id: parent})-[:${Rel.HAS_WORKSTREAM}*0..1]->(m)-[:${Rel.HAS_ACTION}]->(n:${Label.Action})`,
  // The programme's own actions first, then each workstream's by its position; within each, the action's position.
  positionKey: 'CASE WHEN m = p THEN 0 ELSE coalesce(m.position, 999) + 1 END * 1000000 + coalesce(n.position, 999999)',
};

/** The services an organisation provides. */
export const ORGANISATION_SERVICES: ListSource = {
  label: Label.Service,
  fromParent: `MATCH (p:${Label.Organisation} {id: parent})<-[:${Rel.PROVIDED_BY}]-(n:${Label.Service})`,
};

/** The programmes an organisation is a partner in, each through its partnership `r` (whose role the role filter reads). */
export const ORGANISATION_PROGRAMMES: ListSource = {
  label: Label.Programme,
  fromParent: `MATCH (p:${Label.Organisation} {id: parent})-[r:${Rel.PARTNER_IN}]->(n:${Label.Programme})`,
  partnership: true,
};

/** A programme's partners, each through its partnership `r`. */
export const PROGRAMME_PARTNERS: ListSource = {
  label: Label.Organisation,
  fromParent: `MATCH (p:${Label.Programme} {id: parent})<-[r:${Rel.PARTNER_IN}]-(n:${Label.Organisation})`,
  partnership: true,
};

/**
 * The services available in an area, as the services list's area filter finds them: in the area, anything inside it,
 * or the footprint or region it lies in.
 */
export const AREA_SERVICES: ListSource = {
  label: Label.Service,
  fromParent: `MATCH (p:${Label.Area} {id: parent})
       CALL (p) {
         MATCH (p)<-[:${Rel.AREA_PART_OF}*0..3]-(x:${Label.Area}) RETURN x
         UNION
         MATCH (p)-[:${Rel.AREA_PART_OF}*1..3]->(x:${Label.Area}) RETURN x
       }
       MATCH (n:${Label.Service})-[:${Rel.AVAILABLE_IN}]->(x)
       WITH DISTINCT n`,
};

/** The services about a topic. */
export const TOPIC_SERVICES: ListSource = {
  label: Label.Service,
  fromParent: `MATCH (p:${Label.Topic} {id: parent})<-[:${Rel.ABOUT}]-(n:${Label.Service})`,
};
