// The area scope: on each record the directory can find by area, the areas whose search finds it, kept by the write path.
import { Label, Rel } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import { AREA_SCOPE_PROPERTY } from '../../../schema/migrations.js';
import type { Database } from '../database.js';
import { backfillScope, scopeRefreshesOf } from './scope-refresh.js';
import { chunkedStatements, type Statement } from './statement.js';

/**
 * What a search by area finds, and so what carries a scope: a programme by the areas it covers, a service by those it
 * is available in, an organisation by those it covers or is based in, a resource by its programmes' and publishers'.
 */
export const SCOPED_LABELS: readonly Label[] = [Label.Programme, Label.Service, Label.Organisation, Label.Resource];

/** Links whose making or removal changes the scope of the record they start from (and of what reaches areas through it). */
const SCOPE_LINKS: ReadonlySet<Rel> = new Set([
  Rel.PROGRAMME_COVERS,
  Rel.AVAILABLE_IN,
  Rel.ORGANISATION_COVERS,
  Rel.BASED_IN,
  Rel.SUPPORTS,
  Rel.PUBLISHED_BY,
]);

/** True when making or removing a link of this type can change what a search by area finds. */
export function changesAreaScope(type: Rel): boolean {
  return type === Rel.AREA_PART_OF || SCOPE_LINKS.has(type);
}

/**
 * An area's token in the scope: 16 hex digits of its id, one word to the full-text index's analyser. The search asks
 * for the token of the area it was given (`areaScopeToken`), so it never reads the area itself.
 */
const TOKEN = (area: string) => `substring(replace(${area}.id, '-', ''), 0, 16)`;

export function areaScopeToken(areaKey: string): string {
  return nodeId(Label.Area, areaKey).replaceAll('-', '').slice(0, 16);
}

const scoped = (n: string) => SCOPED_LABELS.map((l) => `${n}:${l}`).join(' OR ');

/** A link a refresh must not follow: `ignored` holds the id of one its statement has just deleted, or ''. */
const kept = (rel: string) => `coalesce(${rel}.id <> ignored, true)`;
const keptPath = (path: string) => `all(l IN relationships(${path}) WHERE ${kept('l')})`;

/**
 * Recomputes the scope of the record bound to `n`, as the search used to walk it per query: the areas it serves (for an
 * organisation, also where it is based), then every area whose search counts one of them. An area's search counts
 * what serves the area, what lies up to three levels above it, and what lies up to two below it; what is only based
 * somewhere counts for that place and the two levels above. Stored as one space-separated string of tokens, sorted so
 * the same links always give the same value (an export is then byte for byte the same).
 *
 * It passes over the link named by `ignored`: in the statement that deletes a link, Neo4j's reads later in the same
 * statement may still traverse it (seen with a borough taken out of its footprint), so it is left out by its id.
 */
const REFRESH = `CALL (n, ignored) {
    WITH n, ignored,
      COLLECT {
        MATCH (n:${Label.Service})-[l:${Rel.AVAILABLE_IN}]->(a:${Label.Area}) WHERE ${kept('l')} RETURN a
        UNION MATCH (n:${Label.Programme})-[l:${Rel.PROGRAMME_COVERS}]->(a:${Label.Area}) WHERE ${kept('l')} RETURN a
        UNION MATCH (n:${Label.Organisation})-[l:${Rel.ORGANISATION_COVERS}]->(a:${Label.Area}) WHERE ${kept('l')} RETURN a
        UNION MATCH p = (n:${Label.Resource})-[:${Rel.SUPPORTS}]->(:${Label.Programme})-[:${Rel.PROGRAMME_COVERS}]->(a:${Label.Area})
          WHERE ${keptPath('p')} RETURN a
        UNION MATCH p = (n:${Label.Resource})-[:${Rel.PUBLISHED_BY}]->(:${Label.Organisation})-[:${Rel.ORGANISATION_COVERS}]->(a:${Label.Area})
          WHERE ${keptPath('p')} RETURN a
      } AS served,
      COLLECT { MATCH (n:${Label.Organisation})-[l:${Rel.BASED_IN}]->(a:${Label.Area}) WHERE ${kept('l')} RETURN a } AS based
    WITH n, COLLECT {
        UNWIND served AS a MATCH p = (x:${Label.Area})-[:${Rel.AREA_PART_OF}*0..3]->(a) WHERE ${keptPath('p')}
          RETURN ${TOKEN('x')} AS token
        UNION UNWIND served AS a MATCH p = (a)-[:${Rel.AREA_PART_OF}*1..2]->(x:${Label.Area}) WHERE ${keptPath('p')}
          RETURN ${TOKEN('x')} AS token
        UNION UNWIND based AS a MATCH p = (a)-[:${Rel.AREA_PART_OF}*0..2]->(x:${Label.Area}) WHERE ${keptPath('p')}
          RETURN ${TOKEN('x')} AS token
      } AS tokens
    WITH n, COLLECT { UNWIND tokens AS token RETURN token ORDER BY token } AS sorted
    SET n.${AREA_SCOPE_PROPERTY} = CASE WHEN size(sorted) = 0 THEN null
      ELSE reduce(s = head(sorted), t IN tail(sorted) | s + ' ' + t) END
  }`;

/** The records whose scope can count the area bound to `near`: what serves it, directly or (a resource) through another. */
const SERVING_NEAR = `MATCH (n)-[:${Rel.AVAILABLE_IN}|${Rel.PROGRAMME_COVERS}|${Rel.ORGANISATION_COVERS}|${Rel.BASED_IN}]->(near) RETURN n
          UNION MATCH (n:${Label.Resource})-[:${Rel.SUPPORTS}|${Rel.PUBLISHED_BY}]->()-[:${Rel.PROGRAMME_COVERS}|${Rel.ORGANISATION_COVERS}]->(near) RETURN n`;

/**
 * Cypher refreshing what a link from the area `c` to its parent `p` (made or removed) can change: only a path through
 * that link changes, so only what serves an area up to two levels above `p` (counted by the areas up to three below
 * it) or `c` and one level below it (counted by the areas up to two above it).
 */
const HIERARCHY_AFFECTED = `CALL (c, p) {
      MATCH (p)-[:${Rel.AREA_PART_OF}*0..2]->(a:${Label.Area}) RETURN a
      UNION MATCH (a:${Label.Area})-[:${Rel.AREA_PART_OF}*0..1]->(c) RETURN a
    }
    WITH DISTINCT a AS near, ignored
    CALL (near) { ${SERVING_NEAR} }
    WITH DISTINCT n, ignored
    ${REFRESH}`;

/**
 * Cypher refreshing every scope that a change to the records bound to `changed` can alter: theirs, the resources that
 * reach areas through a changed programme or publisher.
 */
const REFRESH_AFFECTED = `CALL (changed) {
      WITH changed WHERE ${scoped('changed')} RETURN changed AS n
      UNION MATCH (n:${Label.Resource})-[:${Rel.SUPPORTS}]->(changed:${Label.Programme}) RETURN n
      UNION MATCH (n:${Label.Resource})-[:${Rel.PUBLISHED_BY}]->(changed:${Label.Organisation}) RETURN n
    }
    WITH DISTINCT n, ignored
    ${REFRESH}`;

/**
 * A unit subquery for the end of an admin's link or unlink statement (whose `$from` and `$to` are the ends' ids): it
 * refreshes the scopes the link changes in the same transaction, so no search ever sees the one without the other.
 * `deletedLinkId`: for an unlink, a Cypher expression holding the removed link's id. Empty for links that no search by
 * area follows.
 */
export function areaScopeAfterLink(type: Rel, fromLabel: Label, deletedLinkId = "''"): string {
  if (!changesAreaScope(type)) return '';
  const refresh =
    type === Rel.AREA_PART_OF
      ? `MATCH (c:${Label.Area} {id: $from}), (p:${Label.Area} {id: $to}) ${HIERARCHY_AFFECTED}`
      : `MATCH (changed:\`${fromLabel}\` {id: $from}) ${REFRESH_AFFECTED}`;
  return `WITH *, ${deletedLinkId} AS ignored
  CALL (ignored) {
    ${refresh}
  }`;
}

/**
 * The statements refreshing the scopes an import's new or changed links alter, for its writer to run after the links:
 * the links' start records by label and key (and through them what depends on them).
 */
export function areaScopeRefreshes(
  links: readonly { type: string; from: { label: string; key: string }; to: { key: string } }[],
): Statement[] {
  const keys = new Map<string, Set<string>>();
  const areas: [string, string][] = [];
  for (const link of links) {
    if (link.type === Rel.AREA_PART_OF) areas.push([link.from.key, link.to.key]);
    if (!SCOPE_LINKS.has(link.type as Rel)) continue;
    const set = keys.get(link.from.label) ?? new Set<string>();
    keys.set(link.from.label, set.add(link.from.key));
  }
  const statements: Statement[] = [];
  // The areas near every such link are gathered before what serves them, once, not once a link: on a first load
  // hundreds of areas share their parents.
  if (areas.length > 0)
    statements.push({
      cypher: `UNWIND $pairs AS pair
        MATCH (c:${Label.Area} {key: pair[0]}), (p:${Label.Area} {key: pair[1]})
        CALL (c, p) {
          MATCH (p)-[:${Rel.AREA_PART_OF}*0..2]->(a:${Label.Area}) RETURN a
          UNION MATCH (a:${Label.Area})-[:${Rel.AREA_PART_OF}*0..1]->(c) RETURN a
        }
        WITH DISTINCT a AS near
        CALL (near) { ${SERVING_NEAR} }
        WITH DISTINCT n, '' AS ignored
        ${REFRESH}`,
      params: { pairs: areas },
      rows: areas.length,
    });
  for (const [label, set] of keys)
    statements.push(
      ...chunkedStatements(
        `UNWIND $values AS key MATCH (changed:\`${label}\` {key: key}) WITH changed, '' AS ignored ${REFRESH_AFFECTED}`,
        [...set],
      ),
    );
  return statements;
}

/** Recomputes every record's area scope (a store written before it existed). Returns how many it set. */
export const backfillAreaScope = (db: Database): Promise<number> => backfillScope(db, SCOPED_LABELS, REFRESH);

/** The statements recomputing the area scope of restored records, from their links, for the restore's transaction. */
export const areaScopeRefreshesOf = (records: readonly { labels: readonly string[]; id: string }[]): Statement[] =>
  scopeRefreshesOf(records, SCOPED_LABELS, REFRESH);
