// Writes a validated batch to Neo4j in one transaction: everything or nothing, idempotent, with a per-label report.
import neo4j, { type ManagedTransaction, type Transaction } from 'neo4j-driver';
import type { Label, Rel } from '../schema/graph.js';
import { nodeId, relationshipId } from '../schema/ids.js';
import { CHANGE_LABEL } from '../schema/migrations.js';
import { NODE_MODEL, RELATIONSHIP_MODEL, type PropertySpecs } from '../schema/model.js';
import type { Database } from '../server/neo4j/database.js';
import { ImportValidationError, type GraphBatch, type ImportProblem, type NodeRecord, type Origin, type Properties, type RelationshipRecord } from './batch.js';
import { nodeRef, validateBatch } from './validate.js';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface SkippedLink {
  link: string;
  missing: string;
  origin: Origin;
}

export interface ImportReport {
  dryRun: boolean;
  nodes: Partial<Record<Label, Counts>>;
  relationships: Partial<Record<Rel, Counts>>;
  /** Optional links (an ODS parent code) whose other end is neither in the import nor in the database. */
  skippedLinks: SkippedLink[];
  durationMs: number;
}

export interface ImportProgress {
  phase: 'nodes' | 'relationships';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Report what would change, write nothing. */
  dryRun?: boolean;
  /** Who is importing, and from what, for the audit trail. */
  actor?: string;
  sources?: readonly string[];
  onProgress?: (progress: ImportProgress) => void;
}

/** Rows per statement: large enough that a 13,000-row ODS file takes a handful of round trips. */
const CHUNK = 2_000;
/** Rows per CREATE statement, which has no lookups to hold in memory: larger, for fewer round trips on big loads. */
const WRITE_CHUNK = 10_000;

type Tx = Transaction | ManagedTransaction;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Groups items by key and then by a yes/no test: [group, test result] pairs, in first-seen order. */
function splitBy<T>(items: readonly T[], keyOf: (item: T) => string, test: (item: T) => boolean): [T[], boolean][] {
  return [...groupBy(items, (item) => `${keyOf(item)}|${test(item)}`).values()].map((group) => [group, test(group[0]!)]);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Integers are sent as Neo4j integers (JavaScript numbers would be stored as floats); the rest as they are. */
function toNeo4j(specs: PropertySpecs, properties: Properties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    out[name] = specs[name]?.type === 'integer' && typeof value === 'number' ? neo4j.int(value) : value;
  }
  return out;
}

/** True when every property the record gives already has that value in the database. */
function unchanged(given: Properties, stored: Record<string, unknown>): boolean {
  return Object.entries(given).every(([name, value]) =>
    value === undefined || (value === null ? stored[name] === undefined : JSON.stringify(stored[name]) === JSON.stringify(value)),
  );
}

// Labels and relationship types cannot be Cypher parameters. Every one used below has been checked against the
// closed lists in schema/graph.ts by validateBatch, so interpolating them is safe; all values are parameters.

/**
 * An index hint for looking a node up by key. Plans are cached, and one made while a label was still empty (a first
 * import's checks) may scan the label instead, which turns a re-import of thousands of rows quadratic.
 */
const byKey = (variable: string, label: string) => `USING INDEX ${variable}:\`${label}\`(key)`;

async function existingNodes(tx: Tx, label: Label, keys: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const part of chunks(keys)) {
    const result = await tx.run(`UNWIND $keys AS key MATCH (n:\`${label}\` {key: key}) ${byKey('n', label)} RETURN n.key AS key, properties(n) AS props`, { keys: part });
    for (const record of result.records) found.set(record.get('key') as string, record.get('props') as Record<string, unknown>);
  }
  return found;
}

async function existingRelationships(tx: Tx, group: RelationshipRecord[]): Promise<Map<string, Record<string, unknown>>> {
  const [first] = group;
  const found = new Map<string, Record<string, unknown>>();
  if (!first) return found;
  for (const part of chunks(group)) {
    const result = await tx.run(
      // Both ends first, then the link between them: Neo4j checks it from the end with fewer links (Expand(Into)),
      // where a single pattern may walk every link of a dense node (a source document's thousands) for each row.
      `UNWIND $rows AS row MATCH (a:\`${first.from.label}\` {key: row.from}) ${byKey('a', first.from.label)} ` +
        `MATCH (b:\`${first.to.label}\` {key: row.to}) ${byKey('b', first.to.label)} MATCH (a)-[r:\`${first.type}\`]->(b) ` +
        'RETURN row.from AS from, row.to AS to, properties(r) AS props',
      { rows: part.map((r) => ({ from: r.from.key, to: r.to.key })) },
    );
    for (const record of result.records) found.set(`${record.get('from')}>${record.get('to')}`, record.get('props') as Record<string, unknown>);
  }
  return found;
}

function count(counts: Partial<Record<string, Counts>>, name: string, kind: keyof Counts): void {
  const entry = (counts[name] ??= { created: 0, updated: 0, unchanged: 0 });
  entry[kind] += 1;
}

/**
 * Validates the batch, checks every link reaches a node in the import or the database, then writes what changed
 * in one transaction. On any problem nothing is written and an ImportValidationError lists every problem.
 */
export async function importBatch(db: Database, batch: GraphBatch, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const validated = validateBatch(batch);
  if (validated.problems.length > 0) throw new ImportValidationError(validated.problems);

  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE });
  const tx = session.beginTransaction();
  try {
    const report = await plan(tx, validated, options);
    if (options.dryRun) await tx.rollback();
    else await tx.commit();
    report.durationMs = Math.round(performance.now() - started);
    return report;
  } catch (error) {
    if (tx.isOpen()) await tx.rollback();
    throw error;
  } finally {
    await session.close();
  }
}

async function plan(tx: Transaction, batch: GraphBatch, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { dryRun: Boolean(options.dryRun), nodes: {}, relationships: {}, skippedLinks: [], durationMs: 0 };
  const problems: ImportProblem[] = [];

  // Which nodes exist already, for the report and for links into reference data loaded earlier.
  const inBatch = new Set(batch.nodes.map((n) => nodeRef(n.label, n.key)));
  const stored = new Map<string, Record<string, unknown>>();
  const wanted = new Map<Label, Set<string>>();
  const want = (label: Label, key: string) => (wanted.get(label) ?? wanted.set(label, new Set()).get(label)!).add(key);
  for (const node of batch.nodes) want(node.label, node.key);
  for (const rel of batch.relationships) {
    want(rel.from.label, rel.from.key);
    want(rel.to.label, rel.to.key);
  }
  for (const [label, keys] of wanted) {
    for (const [key, props] of await existingNodes(tx, label, [...keys])) stored.set(nodeRef(label, key), props);
  }

  const relationships: RelationshipRecord[] = [];
  for (const rel of batch.relationships) {
    const ends = [rel.from, rel.to].map((end) => nodeRef(end.label, end.key));
    const missing = ends.find((ref) => !inBatch.has(ref) && !stored.has(ref));
    if (missing === undefined) relationships.push(rel);
    else if (rel.optional) report.skippedLinks.push({ link: `${ends[0]} ${rel.type} ${ends[1]}`, missing, origin: rel.origin });
    else {
      problems.push({
        file: rel.origin.file, row: rel.origin.row, field: rel.origin.field,
        message: `the ${rel.type} link names ${missing}, which is neither in this import nor in the database`,
        fix: 'check the label and key, or import the file that defines it in the same run or first',
      });
    }
  }
  if (problems.length > 0) throw new ImportValidationError(problems);

  // A source's own ids (Open Referral UK) must not already belong to a different record.
  for (const [label, group] of groupBy(batch.nodes.filter((n) => n.id !== undefined), (n) => n.label)) {
    const clash = await tx.run(
      `UNWIND $rows AS row MATCH (x:\`${label}\` {id: row.id}) WHERE x.key <> row.key RETURN row.key AS key, row.id AS id, x.key AS other`,
      { rows: group.map((n) => ({ key: n.key, id: n.id })) },
    );
    for (const record of clash.records) {
      const node = group.find((n) => n.key === record.get('key'))!;
      problems.push({
        file: node.origin.file, row: node.origin.row, field: 'id',
        message: `id ${record.get('id')} already belongs to ${label}/${record.get('other')}`,
        fix: 'give this record its own id, or use the existing record\'s key',
      });
    }
  }
  if (problems.length > 0) throw new ImportValidationError(problems);

  const nodeWrites: NodeRecord[] = [];
  /** Before and after of every property an import changes on an existing record, for the audit trail. */
  const corrections: { nodeId: string; before: string; after: string }[] = [];
  for (const node of batch.nodes) {
    const before = stored.get(nodeRef(node.label, node.key));
    const kind = before === undefined ? 'created' : unchanged(node.properties, before) ? 'unchanged' : 'updated';
    count(report.nodes, node.label, kind);
    if (kind !== 'unchanged') nodeWrites.push(node);
    if (kind === 'updated' && before) {
      const changed = Object.keys(node.properties).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(node.properties[k]));
      corrections.push({
        nodeId: String(before.id),
        before: JSON.stringify(Object.fromEntries(changed.map((k) => [k, before[k] ?? null]))),
        after: JSON.stringify(Object.fromEntries(changed.map((k) => [k, node.properties[k] ?? null]))),
      });
    }
  }

  const relWrites: RelationshipRecord[] = [];
  /** Links known not to exist yet, written with CREATE: no search for an existing one, which MERGE must do. */
  const newRels = new Set<RelationshipRecord>();
  const relGroups = groupBy(relationships, (r) => `${r.type}|${r.from.label}|${r.to.label}`);
  for (const group of relGroups.values()) {
    // A link with an end this import creates cannot exist yet; only the others need looking up. On a first
    // load that is nearly every link, so a large import does not spend its time proving links are new.
    const isNew = (rel: RelationshipRecord) => !stored.has(nodeRef(rel.from.label, rel.from.key)) || !stored.has(nodeRef(rel.to.label, rel.to.key));
    const existing = await existingRelationships(tx, group.filter((rel) => !isNew(rel)));
    for (const rel of group) {
      const before = isNew(rel) ? undefined : existing.get(`${rel.from.key}>${rel.to.key}`);
      const kind = before === undefined ? 'created' : unchanged(rel.properties, before) ? 'unchanged' : 'updated';
      count(report.relationships, rel.type, kind);
      if (kind !== 'unchanged') relWrites.push(rel);
      if (kind === 'created') newRels.add(rel);
    }
  }
  if (options.dryRun) return report;

  let done = 0;
  for (const [group, created] of splitBy(nodeWrites, (n) => n.label, (n) => !stored.has(nodeRef(n.label, n.key)))) {
    const label = group[0]!.label;
    const specs = NODE_MODEL[label];
    for (const part of chunks(group, created ? WRITE_CHUNK : CHUNK)) {
      await tx.run(
        // Every change bumps the version that admins' updates check, so an import cannot be silently overwritten.
        created
          ? `UNWIND $rows AS row CREATE (n:\`${label}\`) SET n = row.props, n.key = row.key, n.id = row.id, n.version = 1`
          : `UNWIND $rows AS row MERGE (n:\`${label}\` {key: row.key}) ON CREATE SET n.id = row.id, n.version = 0 ` +
            'SET n += row.props, n.version = coalesce(n.version, 1) + 1',
        { rows: part.map((n) => ({ key: n.key, id: n.id ?? nodeId(n.label, n.key), props: toNeo4j(specs, n.properties) })) },
      );
      done += part.length;
      options.onProgress?.({ phase: 'nodes', done, total: nodeWrites.length });
    }
  }
  done = 0;
  for (const [group, created] of splitBy(relWrites, (r) => `${r.type}|${r.from.label}|${r.to.label}`, (r) => newRels.has(r))) {
    const first = group[0]!;
    const specs = RELATIONSHIP_MODEL[first.type].properties;
    const ends = `UNWIND $rows AS row MATCH (a:\`${first.from.label}\` {key: row.from}) ${byKey('a', first.from.label)} ` +
      `MATCH (b:\`${first.to.label}\` {key: row.to}) ${byKey('b', first.to.label)} `;
    for (const part of chunks(group, created ? WRITE_CHUNK : CHUNK)) {
      await tx.run(
        created
          ? `${ends}CREATE (a)-[r:\`${first.type}\`]->(b) SET r = row.props, r.id = row.id`
          : `${ends}MERGE (a)-[r:\`${first.type}\`]->(b) ON CREATE SET r.id = row.id SET r += row.props`,
        { rows: part.map((r) => ({ from: r.from.key, to: r.to.key, id: r.id ?? relationshipId(r.type, r.from, r.to), props: toNeo4j(specs, r.properties) })) },
      );
      done += part.length;
      options.onProgress?.({ phase: 'relationships', done, total: relWrites.length });
    }
  }
  // The audit trail records every import that changed something, in the same transaction as the change: one entry
  // for the import (who, which files, counts), and one per existing record it corrected, with before and after.
  for (const part of chunks(corrections)) {
    await tx.run(
      `UNWIND $rows AS row CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: row.nodeId, at: toString(datetime()), actor: $actor, action: 'IMPORT', before: row.before, after: row.after})`,
      { rows: part, actor: options.actor ?? 'importer' },
    );
  }
  if (nodeWrites.length + relWrites.length > 0) {
    await tx.run(
      `CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: 'import', at: toString(datetime()), actor: $actor, action: 'IMPORT', before: null, after: $after})`,
      { actor: options.actor ?? 'importer', after: JSON.stringify({ sources: options.sources ?? [], nodes: report.nodes, relationships: report.relationships }) },
    );
  }
  return report;
}
