// Admins' edits: create, update, retire, restore, link and unlink one record, each with its audit-trail entry.
import neo4j from 'neo4j-driver';
import type { Label, Rel } from '../../../schema/graph.js';
import { nodeId, relationshipId } from '../../../schema/ids.js';
import { NODE_MODEL, RELATIONSHIP_MODEL } from '../../../schema/model.js';
import type { Database } from '../database.js';
import { toGraphNode, type GraphNode } from '../nodes.js';
import { areaScopeAfterLink } from './area-scope.js';
import { changeEntry, createChange, type ChangeAction } from './audit.js';
import { CORRECTED, UNLINKED, unlinkedRef, withNames, withoutNames } from './corrections.js';
import { editable, MANAGED } from './editable.js';
import { toNeo4j } from './properties.js';
import { retiredState } from './retirement.js';
import { writeOne } from './statement.js';
import { topicScopeAfterLink } from './topic-scope.js';

/** Each edit's statement records its change in the same transaction, from the `$change` parameter. */
const CHANGE = createChange('$change');

/** The node an edit returns, or undefined when its statement matched nothing. */
function editedNode(record: { get(key: string): unknown } | undefined): GraphNode | undefined {
  return record
    ? toGraphNode(record.get('labels') as string[], record.get('props') as Record<string, unknown>)
    : undefined;
}

/** Creates a record; returns undefined when one with this key exists already. */
export async function createNode(
  db: Database,
  label: Label,
  key: string,
  properties: Record<string, unknown>,
  actor: string,
): Promise<GraphNode | undefined> {
  const id = nodeId(label, key);
  const result = await writeOne(db, {
    cypher: `OPTIONAL MATCH (existing:\`${label}\` {key: $key})
     WITH existing WHERE existing IS NULL
     CREATE (n:\`${label}\` {id: $id, key: $key, version: 1, updatedAt: toString(datetime())})
     SET n += $props, n.${CORRECTED} = $corrected
     ${CHANGE}
     RETURN labels(n) AS labels, properties(n) AS props`,
    params: {
      id,
      key,
      props: toNeo4j(NODE_MODEL[label], properties),
      // Every property of a record an admin made is theirs: an import naming the same key must not overwrite it.
      corrected: Object.keys(properties),
      change: changeEntry(id, actor, 'CREATE', null, properties),
    },
    rows: 1,
  });
  return editedNode(result.records[0]);
}

/**
 * Writes new properties if the record is still at `version`, or returns undefined (a conflict). The statement takes
 * the node's write lock before it reads the version: otherwise two admins could both read version 2 and both write.
 */
export async function updateNode(
  db: Database,
  node: GraphNode,
  version: number,
  properties: Record<string, unknown>,
  removed: readonly string[],
  actor: string,
  action: ChangeAction = 'UPDATE',
  flags: { retired?: boolean } = {},
): Promise<GraphNode | undefined> {
  // Callers check admins' input first (server/graphql/resolvers/admin.ts); this guards the record against any other.
  const managed = [...Object.keys(properties), ...removed].filter((name) => MANAGED.has(name));
  if (managed.length > 0)
    throw new Error(`An edit may not set or remove ${managed.join(', ')}: the service manages them.`);
  const before = editable(node);
  const after = { ...before, ...properties };
  for (const name of removed) delete after[name];
  const result = await writeOne(db, {
    cypher: `MATCH (n:\`${node.__label}\` {id: $nodeId})
     SET n._lock = true
     REMOVE n._lock
     WITH n WHERE coalesce(n.version, 1) = $version
     SET n += $props, n.version = coalesce(n.version, 1) + 1, n.updatedAt = toString(datetime())
     FOREACH (name IN $removed | SET n[name] = null)
     FOREACH (_ IN CASE WHEN size($corrected) = 0 THEN [] ELSE [1] END | SET n.${CORRECTED} = ${withNames('n', CORRECTED, '$corrected')})
     FOREACH (_ IN CASE WHEN $retired IS NULL THEN [] ELSE [1] END | SET ${retiredState('n', '$retired')})
     ${CHANGE}
     RETURN labels(n) AS labels, properties(n) AS props`,
    params: {
      nodeId: node.id,
      version: neo4j.int(version),
      props: toNeo4j(NODE_MODEL[node.__label], properties),
      removed,
      // What an admin sets or removes by hand is remembered, so that a re-import reports it rather than undoing it.
      corrected: action === 'UPDATE' ? [...Object.keys(properties), ...removed] : [],
      retired: flags.retired ?? null,
      change: changeEntry(
        node.id,
        actor,
        action,
        before,
        action === 'UPDATE' ? after : { retired: flags.retired === true },
      ),
    },
    rows: 1,
  });
  return editedNode(result.records[0]);
}

/** Links two records, or updates the properties of the link they have. */
export async function link(
  db: Database,
  type: Rel,
  from: GraphNode,
  to: GraphNode,
  properties: Record<string, unknown>,
  actor: string,
): Promise<void> {
  await writeOne(db, {
    cypher: `MATCH (a:\`${from.__label}\` {id: $from}), (b:\`${to.__label}\` {id: $to})
     MERGE (a)-[r:\`${type}\`]->(b)
     ON CREATE SET r.id = $relId
     SET r += $props, a.${UNLINKED} = ${withoutNames('a', UNLINKED, '[$ref]')}
     FOREACH (_ IN CASE WHEN size($corrected) = 0 THEN [] ELSE [1] END | SET r.${CORRECTED} = ${withNames('r', CORRECTED, '$corrected')})
     WITH a LIMIT 1
     ${CHANGE}
     ${areaScopeAfterLink(type, from.__label)}
     ${topicScopeAfterLink(type, from.__label)}`,
    params: {
      from: from.id,
      to: to.id,
      relId: relationshipId(type, { label: from.__label, key: from.key }, { label: to.__label, key: to.key }),
      props: toNeo4j(RELATIONSHIP_MODEL[type].properties, properties),
      // Linking again by hand forgets that the link was removed by hand; properties set by hand are remembered.
      ref: unlinkedRef(type, to.id),
      corrected: Object.keys(properties),
      change: changeEntry(from.id, actor, 'LINK', null, { type, to: to.id, ...properties }),
    },
    rows: 1,
  });
}

/** Attempts to remove a link before giving up: each fails only when someone changed the link in between. */
const UNLINK_ATTEMPTS = 3;

/** A link's own properties as the model declares them, as JSON holds them (Neo4j's integers as numbers). */
function linkProperties(type: Rel, stored: Record<string, unknown>): Record<string, unknown> {
  const plain = (v: unknown): unknown =>
    neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Array.isArray(v) ? v.map(plain) : v;
  return Object.fromEntries(
    Object.keys(RELATIONSHIP_MODEL[type].properties)
      .filter((name) => stored[name] !== undefined && stored[name] !== null)
      .map((name) => [name, plain(stored[name])]),
  );
}

/**
 * Removes a link; returns false when there was none. The audit entry keeps the link's properties (a partner's role),
 * so that history shows what was removed and as-of puts it back as it was. Cypher cannot write a map as JSON, so
 * they are read first and the removal happens only if they are still what was read: if an admin changed the link in
 * between, it reads again.
 */
export async function unlink(db: Database, type: Rel, from: GraphNode, to: GraphNode, actor: string): Promise<boolean> {
  const match = `MATCH (a:\`${from.__label}\` {id: $from})-[r:\`${type}\`]->(b:\`${to.__label}\` {id: $to})`;
  for (let attempt = 1; attempt <= UNLINK_ATTEMPTS; attempt += 1) {
    const seen = await db.run(`${match} RETURN properties(r) AS props LIMIT 1`, { from: from.id, to: to.id }, 'WRITE');
    const stored = seen.records[0]?.get('props') as Record<string, unknown> | undefined;
    if (!stored) return false;
    const result = await writeOne(db, {
      cypher: `${match}
     WITH a, r WHERE properties(r) = $stored
     DELETE r
     WITH a LIMIT 1
     SET a.${UNLINKED} = ${withNames('a', UNLINKED, '[$ref]')}
     ${CHANGE}
     ${areaScopeAfterLink(type, from.__label, '$stored.id')}
     ${topicScopeAfterLink(type, from.__label, '$stored.id')}
     RETURN 1 AS removed`,
      params: {
        from: from.id,
        to: to.id,
        stored,
        // Remembered on the record, so that a re-import of the file that made the link does not put it back.
        ref: unlinkedRef(type, to.id),
        change: changeEntry(from.id, actor, 'UNLINK', { type, to: to.id, ...linkProperties(type, stored) }, null),
      },
      rows: 1,
    });
    if (Number(result.records[0]?.get('removed') ?? 0) > 0) return true;
  }
  throw new Error(`The ${type} link kept changing while it was being removed: try again.`);
}
