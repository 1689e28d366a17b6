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
import type { Writer } from '../write/statement.js';
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
 * Writes the plan's nodes and links. `marks` are properties every node it creates carries besides its own (a bulk
 * load's run id, until the load is complete). `scopes`, from a bulk load, are the created records' area scopes worked
 * out beforehand and the refreshes still needed; without them, the scopes the links change are refreshed in Cypher.
 * Returns the element ids of the nodes it created.
 */
export async function writePlan(
  writer: Writer,
  plan: Plan,
  options: ImportOptions,
  marks: Record<string, string> = {},
  scopes?: PreparedScopes,
): Promise<ByNode<string>> {
  const elementIds = new ByNode<string>();
  const created = new ByNode<string>();
  for (const [label, nodes] of plan.stored.entries())
    for (const [key, node] of nodes) elementIds.set(label, key, node.elementId);

  // New nodes: one statement shape for every label, so Neo4j plans it once rather than once a label.
  // Every change bumps the version that admins' updates check, so an import cannot be silently overwritten.
  let done = 0;
  const nodeTotal = plan.creates.length + plan.updates.length;
  for (const [label, group] of groupBy(plan.creates, (n) => n.label)) {
    const specs = NODE_MODEL[label as Label];
    for (const part of chunks(group, WRITE_CHUNK)) {
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
      await writer.run({
        cypher: 'UNWIND $rows AS row CREATE (n:$($label)) SET n = row RETURN collect([row.key, elementId(n)]) AS ids',
        params: { label, rows },
        rows: rows.length,
        onResult: (result) => {
          const ids = result.records[0]!.get('ids') as [string, string][];
          for (const [key, elementId] of ids) {
            elementIds.set(label as Label, key, elementId);
            created.set(label as Label, key, elementId);
          }
          done += expectWritten(ids.length, part.length, `${label} nodes`);
          options.onProgress?.({ phase: 'nodes', done, total: nodeTotal });
        },
      });
    }
  }
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
  const linkId = (rel: RelationshipRecord) => rel.id ?? relationshipId(rel.type, rel.from, rel.to);
  for (const [type, group] of groupBy(plan.newLinks, (r) => r.type)) {
    const specs = RELATIONSHIP_MODEL[type as Rel].properties;
    // Rows are lists, not maps, so that a million links need not each send the names of their fields, and they name
    // their ends by position in a list of the statement's distinct ends (a topic's id is sent once, not thousands of
    // times). Most types have no properties besides the id, and their statement sets nothing more.
    const hasProperties = Object.keys(specs).length > 0;
    for (const part of chunks(group, WRITE_CHUNK)) {
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
      await writer.run({
        cypher:
          `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = $ends[row[0]] MATCH (b) WHERE elementId(b) = $ends[row[1]] ` +
          `CREATE (a)-[r:$($type) {id: row[2]}]->(b) ${hasProperties ? 'SET r += row[3] ' : ''}RETURN count(r) AS written`,
        params: { type, ends, rows },
        rows: rows.length,
        onResult: (result) => {
          done += expectWritten(Number(result.records[0]?.get('written')), part.length, `${type} links`);
          options.onProgress?.({ phase: 'relationships', done, total: linkTotal });
        },
      });
    }
  }
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
  // What a search by area or topic finds follows the links just written, in the same transaction (or, in a bulk load, once
  // they are all written).
  const written = [...plan.newLinks, ...plan.linkUpdates];
  const refreshes = scopes?.refreshes ?? [...areaScopeRefreshes(written), ...topicScopeRefreshes(written)];
  for (const statement of refreshes) await writer.run(statement);
  await writer.drain();
  return created;
}
