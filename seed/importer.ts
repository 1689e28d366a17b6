// Writes a validated batch to Neo4j in one transaction: everything or nothing, idempotent, with a per-label report.
import neo4j, { type ManagedTransaction, type QueryResult, type Transaction } from 'neo4j-driver';
import { LABELS, type Label, type Rel } from '../schema/graph.js';
import { nodeId, relationshipId } from '../schema/ids.js';
import { CHANGE_LABEL } from '../schema/migrations.js';
import { NODE_MODEL, RELATIONSHIP_MODEL, type PropertySpecs } from '../schema/model.js';
import type { Database } from '../server/neo4j/database.js';
import { ImportValidationError, type GraphBatch, type ImportProblem, type NodeRecord, type NodeRef, type Origin, type Properties, type RelationshipRecord } from './batch.js';
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

/** Where an import's time went, in milliseconds: a large load is judged by these, not guessed at. */
export interface ImportTimings {
  /** Checking the records against the model, in this process. */
  validateMs: number;
  /** Asking the database what exists already: nodes, links, clashing ids. */
  checkMs: number;
  /** Sending the writes and Neo4j running them. */
  writeMs: number;
  /** Neo4j making the transaction durable: its stores, indexes (the full-text one too) and log. */
  commitMs: number;
}

export interface ImportReport {
  dryRun: boolean;
  nodes: Partial<Record<Label, Counts>>;
  relationships: Partial<Record<Rel, Counts>>;
  /** Optional links (an ODS parent code) whose other end is neither in the import nor in the database. */
  skippedLinks: SkippedLink[];
  durationMs: number;
  timings: ImportTimings;
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

/** Rows per lookup or update statement: large enough that a 13,000-row ODS file takes a handful of round trips. */
const CHUNK = 2_000;
/** Rows per CREATE statement, which looks nothing up by key: larger, for fewer round trips on big loads. */
const WRITE_CHUNK = 10_000;
/** Every node an import creates starts at version 1, an integer (a JavaScript number would be stored as a float). */
const ONE = neo4j.int(1);
/** Statements sent ahead of the one Neo4j is running, so that this process prepares the next while Neo4j works. */
const IN_FLIGHT = 2;

type Tx = Transaction | ManagedTransaction;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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

/**
 * Values by label, then key: a large import asks about every link's two ends, and two lookups on strings it already
 * holds cost far less than building and hashing a "Label/key" string each time.
 */
class ByNode<T> {
  private readonly labels = new Map<Label, Map<string, T>>();
  get(label: Label, key: string): T | undefined {
    return this.labels.get(label)?.get(key);
  }
  has(label: Label, key: string): boolean {
    return this.labels.get(label)?.has(key) ?? false;
  }
  set(label: Label, key: string, value: T): void {
    let keys = this.labels.get(label);
    if (!keys) this.labels.set(label, (keys = new Map()));
    keys.set(key, value);
  }
  keysOf(label: Label): Map<string, T> | undefined {
    return this.labels.get(label);
  }
  entries(): [Label, Map<string, T>][] {
    return [...this.labels];
  }
}

/** A link's identity within one type: its ends' labels as well as keys, since a council and its borough share a code. */
const linkRef = (rel: RelationshipRecord) => `${nodeRef(rel.from.label, rel.from.key)}>${nodeRef(rel.to.label, rel.to.key)}`;

// Labels and relationship types cannot be Cypher parameters except in CREATE, which takes them dynamically since
// Neo4j 5.26. Every one interpolated below has been checked against the closed lists in schema/graph.ts by
// validateBatch, so interpolating them is safe; all values are parameters.

/**
 * An index hint for looking a node up by key. Plans are cached, and one made while a label was still empty (a first
 * import's checks) may scan the label instead, which turns a re-import of thousands of rows quadratic.
 */
const byKey = (variable: string, label: string) => `USING INDEX ${variable}:\`${label}\`(key)`;

/**
 * The two ends of each row's link, found by the element ids this import read or created: a direct lookup, where a
 * key would be an index seek per end, and one statement shape for every pair of labels.
 */
const ENDS = 'UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.from MATCH (b) WHERE elementId(b) = row.to ';

/** The labels among these that hold at least one node, from Neo4j's counts (one statement, no scan). */
async function populatedLabels(tx: Tx, labels: readonly Label[]): Promise<Set<Label>> {
  if (labels.length === 0) return new Set();
  const result = await tx.run(`RETURN [${labels.map((label) => `COUNT { (:\`${label}\`) } > 0`).join(', ')}] AS populated`);
  const populated = result.records[0]!.get('populated') as boolean[];
  return new Set(labels.filter((_, i) => populated[i]));
}

interface StoredNode {
  elementId: string;
  props: Record<string, unknown>;
}

async function existingNodes(tx: Tx, label: Label, keys: readonly string[]): Promise<Map<string, StoredNode>> {
  const found = new Map<string, StoredNode>();
  for (const part of chunks(keys)) {
    const result = await tx.run(
      `UNWIND $keys AS key MATCH (n:\`${label}\` {key: key}) ${byKey('n', label)} RETURN n.key AS key, elementId(n) AS elementId, properties(n) AS props`,
      { keys: part },
    );
    for (const record of result.records) found.set(record.get('key') as string, { elementId: record.get('elementId') as string, props: record.get('props') as Record<string, unknown> });
  }
  return found;
}

/** The links of one type that exist between nodes that both exist, by the rows' `ref`. */
async function existingRelationships(tx: Tx, type: Rel, rows: readonly { from: string; to: string; ref: string }[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const part of chunks(rows)) {
    // Both ends first, then the link between them: Neo4j checks it from the end with fewer links (Expand(Into)),
    // where a single pattern may walk every link of a dense node (a source document's thousands) for each row.
    const result = await tx.run(`${ENDS}MATCH (a)-[r:\`${type}\`]->(b) RETURN row.ref AS ref, properties(r) AS props`, { rows: part });
    for (const record of result.records) found.set(record.get('ref') as string, record.get('props') as Record<string, unknown>);
  }
  return found;
}

function count(counts: Partial<Record<string, Counts>>, name: string, kind: keyof Counts): void {
  const entry = (counts[name] ??= { created: 0, updated: 0, unchanged: 0 });
  entry[kind] += 1;
}

/**
 * Statements of one transaction sent back to back: while Neo4j runs one, this process builds and sends the next,
 * so neither waits for the other. The first failure is kept and thrown; Neo4j fails the rest of the transaction.
 */
class Pipeline {
  private readonly inFlight: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly tx: Transaction) {}

  async run(cypher: string, params: Record<string, unknown>, then: (result: QueryResult) => void): Promise<void> {
    this.throwIfFailed();
    this.inFlight.push(Promise.resolve(this.tx.run(cypher, params)).then(then).catch((error: unknown) => { this.failure ??= { error }; }));
    while (this.inFlight.length > IN_FLIGHT) await this.inFlight.shift();
    this.throwIfFailed();
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/**
 * Every row sent must be written: a link whose end has vanished since it was read (deleted by someone else meanwhile)
 * would otherwise be skipped in silence, and the report would count it as created.
 */
function expectWritten(written: number, sent: number, what: string): number {
  if (written !== sent) throw new Error(`The import wrote ${written} of ${sent} ${what}: records it read have changed meanwhile. Nothing was imported; run it again.`);
  return written;
}

/**
 * Validates the batch, checks every link reaches a node in the import or the database, then writes what changed
 * in one transaction. On any problem nothing is written and an ImportValidationError lists every problem.
 */
export async function importBatch(db: Database, batch: GraphBatch, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const validated = validateBatch(batch);
  if (validated.problems.length > 0) throw new ImportValidationError(validated.problems);
  const validateMs = performance.now() - started;

  // All of a statement's records in one batch: an import reads tens of thousands of element ids back.
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE, fetchSize: -1 });
  const tx = session.beginTransaction();
  try {
    let mark = performance.now();
    const plan = await check(tx, validated, Boolean(options.dryRun));
    const checkMs = performance.now() - mark;
    mark = performance.now();
    if (!options.dryRun) await write(tx, plan, options);
    const writeMs = performance.now() - mark;
    mark = performance.now();
    if (options.dryRun) await tx.rollback();
    else await tx.commit();
    const commitMs = performance.now() - mark;
    const report = plan.report;
    report.durationMs = Math.round(performance.now() - started);
    report.timings = { validateMs: Math.round(validateMs), checkMs: Math.round(checkMs), writeMs: Math.round(writeMs), commitMs: Math.round(commitMs) };
    return report;
  } catch (error) {
    if (tx.isOpen()) await tx.rollback();
    throw error;
  } finally {
    await session.close();
  }
}

/** What an import will change, worked out from what the database holds before anything is written. */
interface Plan {
  report: ImportReport;
  /** Nodes that exist already. */
  stored: ByNode<StoredNode>;
  creates: NodeRecord[];
  updates: NodeRecord[];
  /** Before and after of every property an import changes on an existing record, for the audit trail. */
  corrections: { nodeId: string; before: string; after: string }[];
  /** Links with an end this import creates, which cannot exist yet: written with CREATE, never searched for. */
  newLinks: RelationshipRecord[];
  /** Links between existing nodes that are missing or differ: written with MERGE. */
  linkUpdates: RelationshipRecord[];
}

async function check(tx: Transaction, batch: GraphBatch, dryRun: boolean): Promise<Plan> {
  const report: ImportReport = {
    dryRun, nodes: {}, relationships: {}, skippedLinks: [], durationMs: 0,
    timings: { validateMs: 0, checkMs: 0, writeMs: 0, commitMs: 0 },
  };
  const problems: ImportProblem[] = [];

  // Which nodes exist already, for the report and for links into reference data loaded earlier. A label with no
  // nodes at all (every label, on a first load) is not searched key by key.
  const inBatch = new ByNode<true>();
  for (const node of batch.nodes) inBatch.set(node.label, node.key, true);
  const endLabels = new Set<Label>();
  for (const rel of batch.relationships) endLabels.add(rel.from.label).add(rel.to.label);
  const populated = await populatedLabels(tx, LABELS.filter((label) => inBatch.keysOf(label) || endLabels.has(label)));
  const wanted = new ByNode<true>();
  if (populated.size > 0) {
    for (const node of batch.nodes) if (populated.has(node.label)) wanted.set(node.label, node.key, true);
    for (const { from, to } of batch.relationships) {
      if (populated.has(from.label)) wanted.set(from.label, from.key, true);
      if (populated.has(to.label)) wanted.set(to.label, to.key, true);
    }
  }
  const stored = new ByNode<StoredNode>();
  for (const [label, keys] of wanted.entries()) {
    for (const [key, node] of await existingNodes(tx, label, [...keys.keys()])) stored.set(label, key, node);
  }

  const relationships: RelationshipRecord[] = [];
  const known = (end: NodeRef) => inBatch.has(end.label, end.key) || stored.has(end.label, end.key);
  for (const rel of batch.relationships) {
    if (known(rel.from) && known(rel.to)) {
      relationships.push(rel);
      continue;
    }
    const [from, to] = [nodeRef(rel.from.label, rel.from.key), nodeRef(rel.to.label, rel.to.key)];
    const missing = known(rel.from) ? to : from;
    if (rel.optional) report.skippedLinks.push({ link: `${from} ${rel.type} ${to}`, missing, origin: rel.origin });
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
  for (const [label, group] of groupBy(batch.nodes.filter((n) => n.id !== undefined && populated.has(n.label)), (n) => n.label)) {
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

  const plan: Plan = { report, stored, creates: [], updates: [], corrections: [], newLinks: [], linkUpdates: [] };
  for (const node of batch.nodes) {
    const before = stored.get(node.label, node.key)?.props;
    const kind = before === undefined ? 'created' : unchanged(node.properties, before) ? 'unchanged' : 'updated';
    count(report.nodes, node.label, kind);
    if (kind === 'created') plan.creates.push(node);
    if (kind === 'updated' && before) {
      plan.updates.push(node);
      const changed = Object.keys(node.properties).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(node.properties[k]));
      plan.corrections.push({
        nodeId: String(before.id),
        before: JSON.stringify(Object.fromEntries(changed.map((k) => [k, before[k] ?? null]))),
        after: JSON.stringify(Object.fromEntries(changed.map((k) => [k, node.properties[k] ?? null]))),
      });
    }
  }

  // A link with an end this import creates cannot exist yet; only the others need looking up. On a first load that
  // is nearly every link, so a large import does not spend its time proving links are new.
  const isNew = (rel: RelationshipRecord) => !stored.has(rel.from.label, rel.from.key) || !stored.has(rel.to.label, rel.to.key);
  const elementIdOf = (end: NodeRef) => stored.get(end.label, end.key)!.elementId;
  for (const [type, group] of groupBy(relationships.filter((rel) => !isNew(rel)), (r) => r.type)) {
    const existing = await existingRelationships(tx, type as Rel, group.map((rel) => ({
      from: elementIdOf(rel.from), to: elementIdOf(rel.to), ref: linkRef(rel),
    })));
    for (const rel of group) {
      const before = existing.get(linkRef(rel));
      const kind = before === undefined ? 'created' : unchanged(rel.properties, before) ? 'unchanged' : 'updated';
      count(report.relationships, rel.type, kind);
      if (kind !== 'unchanged') plan.linkUpdates.push(rel);
    }
  }
  for (const rel of relationships) {
    if (!isNew(rel)) continue;
    count(report.relationships, rel.type, 'created');
    plan.newLinks.push(rel);
  }
  return plan;
}

async function write(tx: Transaction, plan: Plan, options: ImportOptions): Promise<void> {
  const pipeline = new Pipeline(tx);
  const elementIds = new ByNode<string>();
  for (const [label, nodes] of plan.stored.entries()) for (const [key, node] of nodes) elementIds.set(label, key, node.elementId);

  // New nodes: one statement shape for every label, so Neo4j plans it once rather than once a label.
  // Every change bumps the version that admins' updates check, so an import cannot be silently overwritten.
  let done = 0;
  const nodeTotal = plan.creates.length + plan.updates.length;
  for (const [label, group] of groupBy(plan.creates, (n) => n.label)) {
    const specs = NODE_MODEL[label as Label];
    for (const part of chunks(group, WRITE_CHUNK)) {
      const rows = part.map((n) => ({ ...toNeo4j(specs, n.properties), key: n.key, id: n.id ?? nodeId(n.label, n.key), version: ONE }));
      await pipeline.run(
        'UNWIND $rows AS row CREATE (n:$($label)) SET n = row RETURN collect([row.key, elementId(n)]) AS ids',
        { label, rows },
        (result) => {
          const ids = result.records[0]!.get('ids') as [string, string][];
          for (const [key, elementId] of ids) elementIds.set(label as Label, key, elementId);
          done += expectWritten(ids.length, part.length, `${label} nodes`);
          options.onProgress?.({ phase: 'nodes', done, total: nodeTotal });
        },
      );
    }
  }
  for (const [label, group] of groupBy(plan.updates, (n) => n.label)) {
    const specs = NODE_MODEL[label as Label];
    for (const part of chunks(group)) {
      await pipeline.run(
        `UNWIND $rows AS row MERGE (n:\`${label}\` {key: row.key}) ON CREATE SET n.id = row.id, n.version = 0 ` +
          'SET n += row.props, n.version = coalesce(n.version, 1) + 1',
        { rows: part.map((n) => ({ key: n.key, id: n.id ?? nodeId(n.label, n.key), props: toNeo4j(specs, n.properties) })) },
        () => {
          done += part.length;
          options.onProgress?.({ phase: 'nodes', done, total: nodeTotal });
        },
      );
    }
  }
  // Links need the element ids of the nodes just created.
  await pipeline.drain();

  done = 0;
  const linkTotal = plan.newLinks.length + plan.linkUpdates.length;
  const from = (rel: RelationshipRecord) => elementIds.get(rel.from.label, rel.from.key);
  const to = (rel: RelationshipRecord) => elementIds.get(rel.to.label, rel.to.key);
  const linkId = (rel: RelationshipRecord) => rel.id ?? relationshipId(rel.type, rel.from, rel.to);
  for (const [type, group] of groupBy(plan.newLinks, (r) => r.type)) {
    const specs = RELATIONSHIP_MODEL[type as Rel].properties;
    // Rows are lists, not maps: a million links need not each send the names of their fields. Most types have no
    // properties besides the id, and their statement sets nothing more.
    const hasProperties = Object.keys(specs).length > 0;
    for (const part of chunks(group, WRITE_CHUNK)) {
      const rows = part.map((r) => (hasProperties ? [from(r), to(r), linkId(r), toNeo4j(specs, r.properties)] : [from(r), to(r), linkId(r)]));
      await pipeline.run(
        `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row[0] MATCH (b) WHERE elementId(b) = row[1] ` +
          `CREATE (a)-[r:$($type) {id: row[2]}]->(b) ${hasProperties ? 'SET r += row[3] ' : ''}RETURN count(r) AS written`,
        { type, rows },
        (result) => {
          done += expectWritten(Number(result.records[0]?.get('written')), part.length, `${type} links`);
          options.onProgress?.({ phase: 'relationships', done, total: linkTotal });
        },
      );
    }
  }
  for (const [type, group] of groupBy(plan.linkUpdates, (r) => r.type)) {
    const specs = RELATIONSHIP_MODEL[type as Rel].properties;
    for (const part of chunks(group)) {
      const rows = part.map((r) => ({ from: from(r), to: to(r), id: linkId(r), props: toNeo4j(specs, r.properties) }));
      await pipeline.run(
        `${ENDS}MERGE (a)-[r:\`${type}\`]->(b) ON CREATE SET r.id = row.id SET r += row.props RETURN count(r) AS written`,
        { rows },
        (result) => {
          done += expectWritten(Number(result.records[0]?.get('written')), part.length, `${type} links`);
          options.onProgress?.({ phase: 'relationships', done, total: linkTotal });
        },
      );
    }
  }
  await pipeline.drain();

  // The audit trail records every import that changed something, in the same transaction as the change: one entry
  // for the import (who, which files, counts), and one per existing record it corrected, with before and after.
  for (const part of chunks(plan.corrections)) {
    await tx.run(
      `UNWIND $rows AS row CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: row.nodeId, at: toString(datetime()), actor: $actor, action: 'IMPORT', before: row.before, after: row.after})`,
      { rows: part, actor: options.actor ?? 'importer' },
    );
  }
  if (nodeTotal + linkTotal > 0) {
    const { report } = plan;
    await tx.run(
      `CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: 'import', at: toString(datetime()), actor: $actor, action: 'IMPORT', before: null, after: $after})`,
      { actor: options.actor ?? 'importer', after: JSON.stringify({ sources: options.sources ?? [], nodes: report.nodes, relationships: report.relationships }) },
    );
  }
}
