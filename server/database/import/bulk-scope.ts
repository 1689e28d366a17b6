// A bulk load's area scopes worked out before writing, so each new record is created with its scope and indexed once.
import { Label, Rel } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import type { RelationshipRecord } from '../../../schema/records.js';
import { areaScopeRefreshes, SCOPED_LABELS } from '../write/area-scope.js';
import { readStoredTopics, topicScopeRefreshes, topicScopesOf } from '../write/topic-scope.js';
import type { Statement } from '../write/statement.js';
import { ByNode, chunks } from './batches.js';
import type { Plan } from './plan.js';
import { populatedLabels, type Tx } from './stored.js';

/**
 * What a bulk load writes for the area scope: each created record's scope (absent when it has none), and the refresh
 * statements still needed for records that existed before the load, which only the stored graph can answer.
 */
export interface PreparedScopes {
  of: ByNode<string>;
  /** Each created record's topic scope (write/topic-scope.ts), absent when it has none. */
  topics: ByNode<string>;
  refreshes: Statement[];
}

/** A link that makes its start serve (or, BASED_IN, be based in) the area or record at its end, as the search reads it. */
interface ScopeRule {
  from: Label;
  type: Rel;
  to: Label;
}

// The same links, with the same labels at each end, as the refresh in write/area-scope.ts walks: a SUPPORTS link to a
// workstream, for one, serves nothing.
const SERVES: readonly ScopeRule[] = [
  { from: Label.Service, type: Rel.AVAILABLE_IN, to: Label.Area },
  { from: Label.Programme, type: Rel.PROGRAMME_COVERS, to: Label.Area },
  { from: Label.Organisation, type: Rel.ORGANISATION_COVERS, to: Label.Area },
];
const THROUGH: readonly ScopeRule[] = [
  { from: Label.Resource, type: Rel.SUPPORTS, to: Label.Programme },
  { from: Label.Resource, type: Rel.PUBLISHED_BY, to: Label.Organisation },
];
const BASED: ScopeRule = { from: Label.Organisation, type: Rel.BASED_IN, to: Label.Area };

const follows = (rule: ScopeRule, link: RelationshipRecord) =>
  link.type === rule.type && link.from.label === rule.from && link.to.label === rule.to;

/** Adds `value` to the set under `key`, making the set if needed. */
function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** The area scope's token of an area id: its first 16 hex digits, as the refresh's Cypher cuts them. */
const token = (areaId: string) => areaId.replaceAll('-', '').slice(0, 16);

/**
 * Works out every created record's scope from the batch's links and what the database holds (the area hierarchy, the
 * areas covered by stored programmes and organisations that new resources reach), by the rule the refresh applies in
 * Cypher. Reads in `tx`, before anything is written. Records that existed before the load keep being refreshed by
 * Cypher after the links are written; when the store holds no scoped record, nothing is left to refresh.
 */
export async function prepareScopes(tx: Tx, plan: Plan): Promise<PreparedScopes> {
  const areaIds = new Map<string, string>();
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const stored = await tx.run(
    `MATCH (a:${Label.Area}) RETURN a.key AS key, a.id AS id, COLLECT { MATCH (a)-[:${Rel.AREA_PART_OF}]->(p:${Label.Area}) RETURN p.key } AS parents`,
  );
  for (const record of stored.records) {
    const key = record.get('key') as string;
    areaIds.set(key, record.get('id') as string);
    for (const parent of record.get('parents') as string[]) {
      addTo(parents, key, parent);
      addTo(children, parent, key);
    }
  }
  for (const node of plan.creates)
    if (node.label === Label.Area) areaIds.set(node.key, node.id ?? nodeId(node.label, node.key));

  // What each record serves or is based in directly, and what resources reach through (by programme or organisation).
  const served = new ByNode<Set<string>>();
  const based = new Map<string, Set<string>>();
  const through = new ByNode<Set<string>>();
  const serve = (label: Label, key: string, area: string) => {
    const set = served.get(label, key);
    if (set) set.add(area);
    else served.set(label, key, new Set([area]));
  };
  for (const link of plan.newLinks) {
    if (link.type === Rel.AREA_PART_OF) {
      addTo(parents, link.from.key, link.to.key);
      addTo(children, link.to.key, link.from.key);
    } else if (SERVES.some((rule) => follows(rule, link))) serve(link.from.label, link.from.key, link.to.key);
    else if (follows(BASED, link)) addTo(based, link.from.key, link.to.key);
    else if (THROUGH.some((rule) => follows(rule, link))) {
      const set = through.get(link.from.label, link.from.key);
      if (set) set.add(`${link.to.label}/${link.to.key}`);
      else through.set(link.from.label, link.from.key, new Set([`${link.to.label}/${link.to.key}`]));
    }
  }
  // Stored programmes and organisations that new resources reach: the areas they covered before the load.
  const reached = new Map<Label, Set<string>>();
  for (const [, ends] of through.entries())
    for (const set of ends.values())
      for (const end of set) {
        const [label, key] = splitEnd(end);
        if (plan.stored.has(label, key)) addTo(reached, label, key);
      }
  for (const [label, keys] of reached) {
    const rule = SERVES.find((r) => r.from === label)!;
    for (const part of chunks([...keys])) {
      const result = await tx.run(
        `UNWIND $keys AS key MATCH (n:\`${label}\` {key: key})-[:\`${rule.type}\`]->(a:${Label.Area}) RETURN key, a.key AS area`,
        { keys: part },
      );
      for (const record of result.records) serve(label, record.get('key') as string, record.get('area') as string);
    }
  }

  const within = (start: string, links: Map<string, Set<string>>, from: number, to: number, into: Set<string>) => {
    let frontier = [start];
    const seen = new Set(frontier);
    for (let depth = 0; depth <= to; depth += 1) {
      if (depth >= from) for (const area of frontier) into.add(token(areaIds.get(area)!));
      const next: string[] = [];
      for (const area of frontier)
        for (const other of links.get(area) ?? [])
          if (!seen.has(other)) {
            seen.add(other);
            next.push(other);
          }
      frontier = next;
    }
  };
  const of = new ByNode<string>();
  for (const node of plan.creates) {
    if (!SCOPED_LABELS.includes(node.label)) continue;
    const areas = new Set(served.get(node.label, node.key) ?? []);
    for (const end of through.get(node.label, node.key) ?? []) {
      const [label, key] = splitEnd(end);
      for (const area of served.get(label, key) ?? []) areas.add(area);
    }
    const tokens = new Set<string>();
    // An area's search counts what serves it, up to three levels above it, or up to two below it; what is only based
    // somewhere counts for that place and the two levels above.
    for (const area of areas) {
      within(area, children, 0, 3, tokens);
      within(area, parents, 1, 2, tokens);
    }
    if (node.label === Label.Organisation)
      for (const area of based.get(node.key) ?? []) within(area, parents, 0, 2, tokens);
    if (tokens.size > 0) of.set(node.label, node.key, [...tokens].sort().join(' '));
  }

  // Records that existed before the load: those a new link starts from, and (when the store holds any scoped record)
  // those a new place in the area hierarchy can change, refreshed in Cypher as an ordinary import does.
  const storedScoped = (await populatedLabels(tx, SCOPED_LABELS)).size > 0;
  const refreshLinks = plan.newLinks.filter((link) =>
    link.type === Rel.AREA_PART_OF ? storedScoped : plan.stored.has(link.from.label, link.from.key),
  );
  // The topic scopes likewise: created records' from the batch and the stored topics and mappings; stored records a
  // new link starts from (a term's mapping: the records classified by it) refreshed in Cypher afterwards.
  const topics = new ByNode<string>();
  for (const [label, keys] of topicScopesOf(plan.creates, plan.newLinks, await readStoredTopics(tx)))
    for (const [key, scope] of keys) topics.set(label, key, scope);
  const topicLinks = plan.newLinks.filter((link) => plan.stored.has(link.from.label, link.from.key));
  return { of, topics, refreshes: [...areaScopeRefreshes(refreshLinks), ...topicScopeRefreshes(topicLinks)] };
}

const splitEnd = (end: string): [Label, string] => {
  const slash = end.indexOf('/');
  return [end.slice(0, slash) as Label, end.slice(slash + 1)];
};
