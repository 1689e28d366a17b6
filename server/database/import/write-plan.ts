// Writes an import's plan through a writer: new nodes, corrected nodes, new links and changed links.
import type { Label, Rel } from '../../../schema/graph.js';
import { nodeId, relationshipId } from '../../../schema/ids.js';
import { AREA_SCOPE_PROPERTY, TOPIC_SCOPE_PROPERTY } from '../../../schema/migrations.js';
import { NODE_MODEL, RELATIONSHIP_MODEL } from '../../../schema/model.js';
import type { RelationshipRecord } from '../../../schema/records.js';
import { areaScopeRefreshes } from '../write/area-scope.js';
import { topicScopeRefreshes } from '../write/topic-scope.js';
import { CORRECTED, SOURCE, UNLINKED, withoutNames } from '../write/corrections.js';
import { integer, toNeo4j } from '../write/properties.js';
import type { Statement, Writer } from '../write/statement.js';
import { ByNode, chunks, groupBy, WRITE_CHUNK } from './batches.js';
import type { PreparedScopes } from './bulk-scope.js';
import type { ImportOptions } from './options.js';
import type { Plan } from './plan.js';
import { ENDS } from './stored.js';

/** Every node an import creates starts at version 1, an integer (a JavaScript number would be stored as a float). */
const ONE = integer(1);

/**
 * Every row sent must be written: a link whose end has vanished since it was read (deleted by someone else meanwhile)
 * would otherwise be skipped in silence, and the report would count it as created.
 */
export function expectWritten(written: number, sent: number, what: string): number {
  if (written !== sent)
    throw new Error(
      `The import wrote ${written} of ${sent} ${what}: records it read have changed meanwhile. Nothing was imported; run it again.`,
    );
  return written;
}

/**
 * Writes the plan's nodes and links, then refreshes the area and topic scopes the links change, in Cypher. Returns the
 * element ids of the nodes it created. (A bulk load writes its creations with nodeCreations and linkCreations.)
 */
export async function writePlan(writer: Writer, plan: Plan, options: ImportOptions): Promise<ByNode<string>> {
  const elementIds = new ByNode<string>();
  const created = new ByNode<string>();
  for (const [label, nodes] of plan.stored.entries())
    for (const [key, node] of nodes) elementIds.set(label, key, node.elementId);

  let done = 0;
  const nodeTotal = plan.creates.length + plan.updates.length;
  const onCreated = (label: Label, ids: [string, string][]) => {
    for (const [key, elementId] of ids) {
      elementIds.set(label, key, elementId);
      created.set(label, key, elementId);
    }
    done += ids.length;
    options.onProgress?.({ phase: 'nodes', done, total: nodeTotal });
  };
  for (const statement of nodeCreations(plan, {}, undefined, WRITE_CHUNK, onCreated)) await writer.run(statement);
  for (const [label, group] of groupBy(plan.updates, (n) => n.label)) {
    const specs = NODE_MODEL[label as Label];
    for (const part of chunks(group)) {
      await writer.run({
        cypher:
          `UNWIND $rows AS row MERGE (n:\`${label}\` {key: row.key}) ON CREATE SET n.id = row.id, n.version = 0 ` +
          'SET n += row.props, n.version = coalesce(n.version, 1) + 1, ' +
          // The file's values are now the record's: where they replace an admin's, the admin's mark goes.
          `n.${SOURCE} = row.source, n.${CORRECTED} = ${withoutNames('n', CORRECTED, 'row.cleared')}`,
        params: {
          rows: part.map((n) => ({
            key: n.key,
            id: n.id ?? nodeId(n.label, n.key),
            props: toNeo4j(specs, n.properties),
            source: n.origin.file,
            cleared: n.cleared ?? [],
          })),
        },
        rows: part.length,
        onResult: () => {
          done += part.length;
          options.onProgress?.({ phase: 'nodes', done, total: nodeTotal });
        },
      });
    }
  }
  // Links need the element ids of the nodes just created.
  await writer.drain();

  done = 0;
  const linkTotal = plan.newLinks.length + plan.linkUpdates.length;
  const from = (rel: RelationshipRecord) => elementIds.get(rel.from.label, rel.from.key);
  const to = (rel: RelationshipRecord) => elementIds.get(rel.to.label, rel.to.key);
  const onLinked = (written: number) => {
    done += written;
    options.onProgress?.({ phase: 'relationships', done, total: linkTotal });
  };
  for (const statement of linkCreations(plan.newLinks, elementIds, WRITE_CHUNK, onLinked)) await writer.run(statement);
  for (const [type, group] of groupBy(plan.linkUpdates, (r) => r.type)) {
    const specs = RELATIONSHIP_MODEL[type as Rel].properties;
    for (const part of chunks(group)) {
      const rows = part.map((r) => ({
        from: from(r),
        to: to(r),
        id: linkId(r),
        props: toNeo4j(specs, r.properties),
        cleared: r.cleared ?? [],
        unlinked: r.unlinked ?? [],
      }));
      await writer.run({
        cypher:
          `${ENDS}MERGE (a)-[r:\`${type}\`]->(b) ON CREATE SET r.id = row.id ` +
          `SET r += row.props, r.${CORRECTED} = ${withoutNames('r', CORRECTED, 'row.cleared')}, ` +
          `a.${UNLINKED} = ${withoutNames('a', UNLINKED, 'row.unlinked')} RETURN count(r) AS written`,
        params: { rows },
        rows: rows.length,
        onResult: (result) => {
          done += expectWritten(Number(result.records[0]?.get('written')), part.length, `${type} links`);
          options.onProgress?.({ phase: 'relationships', done, total: linkTotal });
        },
      });
    }
  }
  // What a search by area or topic finds follows the links just written, in the same transaction.
  const written = [...plan.newLinks, ...plan.linkUpdates];
  for (const statement of [...areaScopeRefreshes(written), ...topicScopeRefreshes(written)])
    await writer.run(statement);
  await writer.drain();
  return created;
}

/**
 * The statements that create the plan's new nodes, `size` rows each, label by label: one statement shape for every
 * label, so Neo4j plans it once rather than once a label. Each reports the element ids it created to `onCreated`.
 * `marks` are properties every node carries besides its own (a bulk load's run id, until the load is complete);
 * `scopes`, from a bulk load, are the created records' area and topic scopes, worked out before writing.
 */
export function* nodeCreations(
  plan: Plan,
  marks: Record<string, string>,
  scopes: PreparedScopes | undefined,
  size: number,
  onCreated: (label: Label, ids: [string, string][]) => void,
): Generator<Statement> {
  for (const [label, group] of groupBy(plan.creates, (n) => n.label)) {
    const specs = NODE_MODEL[label as Label];
    for (const part of chunks(group, size)) {
      // Every change bumps the version that admins' updates check, so an import cannot be silently overwritten.
      const rows = part.map((n) => ({
        ...toNeo4j(specs, n.properties),
        // Written with the record, so the full-text index takes it in once rather than again after the links.
        ...(scopes?.of.has(n.label, n.key) ? { [AREA_SCOPE_PROPERTY]: scopes.of.get(n.label, n.key) } : {}),
        ...(scopes?.topics.has(n.label, n.key) ? { [TOPIC_SCOPE_PROPERTY]: scopes.topics.get(n.label, n.key) } : {}),
        key: n.key,
        id: n.id ?? nodeId(n.label, n.key),
        version: ONE,
        [SOURCE]: n.origin.file,
        ...marks,
      }));
      yield {
        cypher: 'UNWIND $rows AS row CREATE (n:$($label)) SET n = row RETURN collect([row.key, elementId(n)]) AS ids',
        params: { label, rows },
        rows: rows.length,
        onResult: (result) => {
          const ids = result.records[0]!.get('ids') as [string, string][];
          expectWritten(ids.length, part.length, `${label} nodes`);
          onCreated(label as Label, ids);
        },
      };
    }
  }
}

/**
 * The statements that create `links`, `size` rows each, type by type, their ends found by the element ids in
 * `elementIds` (read or just created). Each reports how many it wrote to `onLinked`. A statement's rows are built
 * when it is taken, so a million links are never all in memory as rows at once.
 */
export function* linkCreations(
  links: readonly RelationshipRecord[],
  elementIds: ByNode<string>,
  size: number,
  onLinked: (written: number) => void,
): Generator<Statement> {
  const from = (rel: RelationshipRecord) => elementIds.get(rel.from.label, rel.from.key);
  const to = (rel: RelationshipRecord) => elementIds.get(rel.to.label, rel.to.key);
  for (const [type, group] of groupBy(links, (r) => r.type)) {
    const specs = RELATIONSHIP_MODEL[type as Rel].properties;
    // Rows are lists, not maps, so that a million links need not each send the names of their fields, and they name
    // their ends by position in a list of the statement's distinct ends (a topic's id is sent once, not thousands of
    // times). Most types have no properties besides the id, and their statement sets nothing more.
    const hasProperties = Object.keys(specs).length > 0;
    for (const part of chunks(group, size)) {
      const ends: string[] = [];
      const positions = new Map<string | undefined, number>();
      const position = (elementId: string | undefined) => {
        let i = positions.get(elementId);
        if (i === undefined) {
          i = ends.push(elementId!) - 1;
          positions.set(elementId, i);
        }
        return integer(i);
      };
      const rows = part.map((r) => {
        const row: unknown[] = [position(from(r)), position(to(r)), linkId(r)];
        if (hasProperties) row.push(toNeo4j(specs, r.properties));
        return row;
      });
      yield {
        cypher:
          `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = $ends[row[0]] MATCH (b) WHERE elementId(b) = $ends[row[1]] ` +
          `CREATE (a)-[r:$($type) {id: row[2]}]->(b) ${hasProperties ? 'SET r += row[3] ' : ''}RETURN count(r) AS written`,
        params: { type, ends, rows },
        rows: rows.length,
        onResult: (result) =>
          onLinked(expectWritten(Number(result.records[0]?.get('written')), part.length, `${type} links`)),
      };
    }
  }
}

const linkId = (rel: RelationshipRecord) => rel.id ?? relationshipId(rel.type, rel.from, rel.to);
