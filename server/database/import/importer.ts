// Writes a validated batch to Neo4j in one transaction: everything or nothing, idempotent, with a per-label report.
import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction, type QueryResult, type Session, type Transaction } from 'neo4j-driver';
import { LABELS, type Label, type Rel } from '../../../schema/graph.js';
import { nodeId, relationshipId } from '../../../schema/ids.js';
import { CHANGE_LABEL } from '../../../schema/migrations.js';
import { NODE_MODEL, RELATIONSHIP_MODEL, type PropertySpecs } from '../../../schema/model.js';
import type { Database } from '../database.js';
import { ImportValidationError, type GraphBatch, type ImportProblem, type NodeRecord, type NodeRef, type Origin, type Properties, type RelationshipRecord } from '../../../schema/records.js';
import { nodeRef, validateBatch } from '../../../schema/validate.js';

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
  /** How many transactions wrote it: 1, except for a bulk load. */
  transactions: number;
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
  /**
   * A bulk load: for a large first load into a database that holds none of the batch's records. The same checks,
   * then the writes in many transactions rather than one, which is faster for hundreds of thousands of records and
   * needs far less of Neo4j's memory. It is NOT one transaction: it refuses a batch of which any record exists
   * already (nothing to update, so nothing to lose), tags what it writes with a run id until the end, and on any
   * failure deletes everything it wrote before reporting the error. Someone reading meanwhile may see a partial graph.
   */
  bulk?: boolean;
  /** Rows per transaction of a bulk load; 50,000 unless given. */
  bulkRows?: number;
}

/** Rows per lookup or update statement: large enough that a 13,000-row ODS file takes a handful of round trips. */
const CHUNK = 2_000;
/** Rows per CREATE statement, which looks nothing up by key: larger, for fewer round trips on big loads. */
const WRITE_CHUNK = 10_000;
/** Every node an import creates starts at version 1, an integer (a JavaScript number would be stored as a float). */
const ONE = neo4j.int(1);
/** Small Neo4j integers, made once: a large load sends a position in a list with every link. */
const INTEGERS: ReturnType<typeof neo4j.int>[] = [];
const integer = (n: number) => (INTEGERS[n] ??= neo4j.int(n));
/**
 * Rows per transaction of a bulk load: small enough that Neo4j keeps little in memory and commits often, large
 * enough that committing costs little beside the writing.
 */
const BULK_ROWS = 50_000;
/** The property that marks the nodes a bulk load wrote until it is complete; its value is the run's id. */
const RUN_TAG = 'importRun';
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

/** One statement for a Writer: its rows count towards a bulk load's transaction size. */
interface Statement {
  cypher: string;
  params: Record<string, unknown>;
  rows: number;
  then?: (result: QueryResult) => void;
}

/** Where an import's writes go: one transaction, or (a bulk load) one after another. */
interface Writer {
  run(statement: Statement): Promise<void>;
  /** Waits until every statement sent so far has run. */
  drain(): Promise<void>;
}

/**
 * Statements of one transaction sent back to back: while Neo4j runs one, this process builds and sends the next,
 * so neither waits for the other. The first failure is kept and thrown; Neo4j fails the rest of the transaction.
 */
class Pipeline implements Writer {
  private readonly inFlight: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly tx: Transaction) {}

  async run({ cypher, params, then }: Statement): Promise<void> {
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
 * A bulk load's writes: a new transaction every `maxRows` rows or so. The statement that would overflow one waits
 * while it commits, so that this process builds the next statement while Neo4j commits rather than after.
 */
class Transactions implements Writer {
  private current: { tx: Transaction; pipeline: Pipeline; rows: number } | undefined;
  private committing: Promise<void> | undefined;
  private waiting: Statement | undefined;
  /** Transactions begun so far. */
  count = 0;
  /** Transactions committed so far. */
  committed = 0;

  constructor(private readonly session: Session, private readonly maxRows: number) {}

  async run(statement: Statement): Promise<void> {
    if (this.current && this.current.rows > 0 && this.current.rows + statement.rows > this.maxRows) {
      const { tx, pipeline } = this.current;
      await pipeline.drain();
      this.current = undefined;
      this.committing = tx.commit();
      // Awaited when the next transaction begins; until then a failure must not count as unhandled.
      this.committing.catch(() => {});
      this.waiting = statement;
      return;
    }
    const pipeline = await this.open();
    this.current!.rows += statement.rows;
    await pipeline.run(statement);
  }

  async drain(): Promise<void> {
    if (this.current || this.committing || this.waiting) await (await this.open()).drain();
  }

  /** Commits the transaction in progress, if any. */
  async commit(): Promise<void> {
    await this.drain();
    const current = this.current;
    this.current = undefined;
    if (current) {
      await current.tx.commit();
      this.committed += 1;
    }
  }

  /** Rolls back the transaction in progress; the ones committed before it stay. */
  async rollback(): Promise<void> {
    await this.committing?.catch(() => {});
    const current = this.current;
    this.current = undefined;
    if (current?.tx.isOpen()) await current.tx.rollback();
  }

  private async open(): Promise<Pipeline> {
    if (this.committing) {
      const committing = this.committing;
      this.committing = undefined;
      await committing;
      this.committed += 1;
    }
    if (!this.current) {
      const tx = this.session.beginTransaction();
      this.current = { tx, pipeline: new Pipeline(tx), rows: 0 };
      this.count += 1;
    }
    const { pipeline } = this.current;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) {
      this.current.rows += waiting.rows;
      await pipeline.run(waiting);
    }
    return pipeline;
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

/** A bulk load refused before it wrote anything, because the database already holds part of the batch. */
export class BulkLoadRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkLoadRefusedError';
  }
}

/**
 * A bulk load that failed part-way, after `committed` of its transactions had committed. `cleanedUp` says whether
 * everything it had written was deleted again.
 */
export class BulkLoadFailedError extends Error {
  constructor(readonly run: string, readonly committed: number, readonly cleanedUp: boolean, readonly failure: unknown, readonly cleanupFailure?: unknown) {
    super(
      cleanedUp
        ? `The bulk load failed after ${committed} of its transactions had committed, and everything it had written was deleted again: ` +
            String((failure as Error)?.message ?? failure)
        : `The bulk load failed (${String((failure as Error)?.message ?? failure)}), and deleting what it had written failed too ` +
            `(${String((cleanupFailure as Error)?.message ?? cleanupFailure)}). Its nodes carry ${RUN_TAG} = "${run}": delete them with ` +
            `MATCH (n) WHERE n.${RUN_TAG} = "${run}" CALL (n) { DETACH DELETE n } IN TRANSACTIONS`,
    );
    this.name = 'BulkLoadFailedError';
  }
}

/**
 * Validates the batch, checks every link reaches a node in the import or the database, then writes what changed
 * in one transaction. On any problem nothing is written and an ImportValidationError lists every problem.
 *
 * With `bulk`, a batch that is all new is written in several transactions instead (see ImportOptions.bulk).
 */
export async function importBatch(db: Database, batch: GraphBatch, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const validated = validateBatch(batch);
  if (validated.problems.length > 0) throw new ImportValidationError(validated.problems);
  const validateMs = performance.now() - started;

  // All of a statement's records in one batch: an import reads tens of thousands of element ids back.
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE, fetchSize: -1 });
  try {
    const { report, timings } = options.bulk ? await bulkLoad(db, session, validated, options) : await oneTransaction(session, validated, options);
    report.durationMs = Math.round(performance.now() - started);
    report.timings = { validateMs: Math.round(validateMs), ...timings };
    return report;
  } finally {
    await session.close();
  }
}

type Phases = Omit<ImportTimings, 'validateMs'>;

async function oneTransaction(session: Session, batch: GraphBatch, options: ImportOptions): Promise<{ report: ImportReport; timings: Phases }> {
  const clock = stopwatch();
  const tx = session.beginTransaction();
  try {
    const plan = await check(tx, batch, Boolean(options.dryRun));
    const checkMs = clock();
    if (!options.dryRun) {
      const pipeline = new Pipeline(tx);
      await writeData(pipeline, plan, options);
      await writeAudit(pipeline, plan, options, {});
      await pipeline.drain();
    }
    const writeMs = clock();
    if (options.dryRun) await tx.rollback();
    else await tx.commit();
    return { report: plan.report, timings: { checkMs, writeMs, commitMs: clock() } };
  } catch (error) {
    if (tx.isOpen()) await tx.rollback();
    throw error;
  }
}

/** Milliseconds since it was made or last read. */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };
}

/**
 * A bulk load: the same checks, then the writes in transactions of about BULK_ROWS rows, then one last transaction
 * that takes the run's tag off every node it created and records the import in the audit trail. Until that last
 * commit, every node the run wrote carries the tag; if anything fails, the run deletes them (and with them their
 * links) before it reports the error.
 */
async function bulkLoad(db: Database, session: Session, batch: GraphBatch, options: ImportOptions): Promise<{ report: ImportReport; timings: Phases }> {
  const clock = stopwatch();
  const checking = session.beginTransaction();
  let plan: Plan;
  try {
    plan = await check(checking, batch, Boolean(options.dryRun));
  } finally {
    await checking.rollback();
  }
  refuseUnlessNew(plan, batch);
  const checkMs = clock();
  if (options.dryRun) return { report: plan.report, timings: { checkMs, writeMs: 0, commitMs: 0 } };

  const run = randomUUID();
  const writer = new Transactions(session, options.bulkRows ?? BULK_ROWS);
  try {
    const created = await writeData(writer, plan, options, run);
    await writer.commit();
    const writeMs = clock();
    const last = new Transactions(session, Infinity);
    try {
      for (const [label, nodes] of created.entries()) {
        for (const part of chunks([...nodes.values()], WRITE_CHUNK)) {
          await last.run({
            cypher: `UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id REMOVE n.${RUN_TAG} RETURN count(n) AS written`,
            params: { ids: part }, rows: part.length,
            then: (result) => expectWritten(Number(result.records[0]?.get('written')), part.length, `${label} nodes' tags`),
          });
        }
      }
      await writeAudit(last, plan, options, { bulk: { run, transactions: writer.count + 1 } });
      await last.commit();
    } catch (error) {
      await last.rollback().catch(() => {});
      throw error;
    }
    plan.report.transactions = writer.count + 1;
    return { report: plan.report, timings: { checkMs, writeMs, commitMs: clock() } };
  } catch (error) {
    await writer.rollback().catch(() => {});
    try {
      await deleteRun(db, run, [...new Set(plan.creates.map((n) => n.label))]);
    } catch (cleanupFailure) {
      throw new BulkLoadFailedError(run, writer.committed, false, error, cleanupFailure);
    }
    throw new BulkLoadFailedError(run, writer.committed, true, error);
  }
}

/** A bulk load only creates: it refuses a batch that would update or merely confirm anything already there. */
function refuseUnlessNew(plan: Plan, batch: GraphBatch): void {
  const existing = batch.nodes.filter((node) => plan.stored.has(node.label, node.key));
  if (existing.length > 0) {
    const leftover = existing.map((node) => plan.stored.get(node.label, node.key)!.props[RUN_TAG]).find((run) => run !== undefined);
    if (leftover !== undefined) {
      // A load killed outright could not clean up after itself; its tag says which nodes it left.
      throw new BulkLoadRefusedError(
        `${existing.length} of its records were left by a bulk load that did not finish (run ${String(leftover)}). Delete what that run wrote ` +
          `with MATCH (n) WHERE n.${RUN_TAG} = "${String(leftover)}" CALL (n) { DETACH DELETE n } IN TRANSACTIONS, then load again.`,
      );
    }
    throw new BulkLoadRefusedError(
      `A bulk load only writes into a database that holds none of its records, but ${existing.length} of them exist already ` +
        `(${nodeRef(existing[0]!.label, existing[0]!.key)}, for one). Import without bulk loading, which updates what exists in one transaction.`,
    );
  }
  if (plan.linksBetweenStored > 0) {
    throw new BulkLoadRefusedError(
      `A bulk load only writes links that touch a record it creates, but ${plan.linksBetweenStored} link(s) join records that exist already. ` +
        'Import without bulk loading.',
    );
  }
}

/** Deletes every node a bulk load tagged with its run id, with its links, a few thousand per transaction. */
async function deleteRun(db: Database, run: string, labels: readonly Label[]): Promise<void> {
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE });
  try {
    // CALL … IN TRANSACTIONS needs an auto-commit transaction, which only a session's run() gives. The label narrows
    // the search to the nodes the run could have written; the tag picks out exactly those it did.
    for (const label of labels) {
      await session.run(`MATCH (n:\`${label}\`) WHERE n.${RUN_TAG} = $run CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`, { run });
    }
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
  /** How many of the batch's links join two nodes that exist already, whether or not they change. */
  linksBetweenStored: number;
}

async function check(tx: Transaction, batch: GraphBatch, dryRun: boolean): Promise<Plan> {
  const report: ImportReport = {
    dryRun, nodes: {}, relationships: {}, skippedLinks: [], durationMs: 0,
    timings: { validateMs: 0, checkMs: 0, writeMs: 0, commitMs: 0 }, transactions: 1,
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

  const plan: Plan = { report, stored, creates: [], updates: [], corrections: [], newLinks: [], linkUpdates: [], linksBetweenStored: 0 };
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
  const betweenStored = relationships.filter((rel) => !isNew(rel));
  plan.linksBetweenStored = betweenStored.length;
  for (const [type, group] of groupBy(betweenStored, (r) => r.type)) {
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

/**
 * Writes the plan's nodes and links. A bulk load passes its run id, which every node it creates carries until the
 * load is complete. Returns the element ids of the nodes it created.
 */
async function writeData(writer: Writer, plan: Plan, options: ImportOptions, run?: string): Promise<ByNode<string>> {
  const elementIds = new ByNode<string>();
  const created = new ByNode<string>();
  for (const [label, nodes] of plan.stored.entries()) for (const [key, node] of nodes) elementIds.set(label, key, node.elementId);

  // New nodes: one statement shape for every label, so Neo4j plans it once rather than once a label.
  // Every change bumps the version that admins' updates check, so an import cannot be silently overwritten.
  let done = 0;
  const nodeTotal = plan.creates.length + plan.updates.length;
  for (const [label, group] of groupBy(plan.creates, (n) => n.label)) {
    const specs = NODE_MODEL[label as Label];
    for (const part of chunks(group, WRITE_CHUNK)) {
      const rows = part.map((n) => ({
        ...toNeo4j(specs, n.properties), key: n.key, id: n.id ?? nodeId(n.label, n.key), version: ONE, ...(run && { [RUN_TAG]: run }),
      }));
      await writer.run({
        cypher: 'UNWIND $rows AS row CREATE (n:$($label)) SET n = row RETURN collect([row.key, elementId(n)]) AS ids',
        params: { label, rows },
        rows: rows.length,
        then: (result) => {
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
        cypher: `UNWIND $rows AS row MERGE (n:\`${label}\` {key: row.key}) ON CREATE SET n.id = row.id, n.version = 0 ` +
          'SET n += row.props, n.version = coalesce(n.version, 1) + 1',
        params: { rows: part.map((n) => ({ key: n.key, id: n.id ?? nodeId(n.label, n.key), props: toNeo4j(specs, n.properties) })) },
        rows: part.length,
        then: () => {
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
        if (i === undefined) positions.set(elementId, (i = ends.push(elementId!) - 1));
        return integer(i);
      };
      const rows = part.map((r) => {
        const row: unknown[] = [position(from(r)), position(to(r)), linkId(r)];
        if (hasProperties) row.push(toNeo4j(specs, r.properties));
        return row;
      });
      await writer.run({
        cypher: `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = $ends[row[0]] MATCH (b) WHERE elementId(b) = $ends[row[1]] ` +
          `CREATE (a)-[r:$($type) {id: row[2]}]->(b) ${hasProperties ? 'SET r += row[3] ' : ''}RETURN count(r) AS written`,
        params: { type, ends, rows },
        rows: rows.length,
        then: (result) => {
          done += expectWritten(Number(result.records[0]?.get('written')), part.length, `${type} links`);
          options.onProgress?.({ phase: 'relationships', done, total: linkTotal });
        },
      });
    }
  }
  for (const [type, group] of groupBy(plan.linkUpdates, (r) => r.type)) {
    const specs = RELATIONSHIP_MODEL[type as Rel].properties;
    for (const part of chunks(group)) {
      const rows = part.map((r) => ({ from: from(r), to: to(r), id: linkId(r), props: toNeo4j(specs, r.properties) }));
      await writer.run({
        cypher: `${ENDS}MERGE (a)-[r:\`${type}\`]->(b) ON CREATE SET r.id = row.id SET r += row.props RETURN count(r) AS written`,
        params: { rows },
        rows: rows.length,
        then: (result) => {
          done += expectWritten(Number(result.records[0]?.get('written')), part.length, `${type} links`);
          options.onProgress?.({ phase: 'relationships', done, total: linkTotal });
        },
      });
    }
  }
  await writer.drain();
  return created;
}

/**
 * The audit trail records every import that changed something, in the same transaction as the change (a bulk load:
 * its last one): one entry for the import (who, which files, counts), and one per existing record it corrected, with
 * before and after.
 */
async function writeAudit(writer: Writer, plan: Plan, options: ImportOptions, extra: Record<string, unknown>): Promise<void> {
  const actor = options.actor ?? 'importer';
  for (const part of chunks(plan.corrections)) {
    await writer.run({
      cypher: `UNWIND $rows AS row CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: row.nodeId, at: toString(datetime()), actor: $actor, action: 'IMPORT', before: row.before, after: row.after})`,
      params: { rows: part, actor },
      rows: part.length,
    });
  }
  const changed = plan.creates.length + plan.updates.length + plan.newLinks.length + plan.linkUpdates.length;
  if (changed > 0) {
    const { report } = plan;
    await writer.run({
      cypher: `CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: 'import', at: toString(datetime()), actor: $actor, action: 'IMPORT', before: null, after: $after})`,
      params: { actor, after: JSON.stringify({ sources: options.sources ?? [], nodes: report.nodes, relationships: report.relationships, ...extra }) },
      rows: 1,
    });
  }
}
