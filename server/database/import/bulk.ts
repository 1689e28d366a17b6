// A bulk load: a large first load written in many transactions, tagged until complete and deleted again on failure.
import { randomUUID } from 'node:crypto';
import neo4j, { type Session } from 'neo4j-driver';
import type { Label } from '../../../schema/graph.js';
import type { GraphBatch } from '../../../schema/records.js';
import { nodeRef } from '../../../schema/validate.js';
import type { Database } from '../database.js';
import { Transactions } from '../write/transactions.js';
import { ByNode, chunks, WRITE_CHUNK } from './batches.js';
import { writeImportAudit } from './audit.js';
import { BulkLoadFailedError, BulkLoadRefusedError, deleteRunAdvice, RUN_TAG } from './bulk-errors.js';
import { prepareScopes, type PreparedScopes } from './bulk-scope.js';
import type { ImportOptions } from './options.js';
import { planImport, type Plan } from './plan.js';
import { stopwatch, type ImportReport, type Phases } from './report.js';
import { expectWritten, linkCreations, nodeCreations } from './write-plan.js';
import { type WriteCount, writeInTransactions } from './bulk-writes.js';

/**
 * Rows per transaction of a bulk load: small enough that Neo4j keeps little in memory and commits often, large
 * enough that committing costs little beside the writing. A transaction's state lives until it commits, and each of
 * the JVM's young collections copies it: at 50,000 rows the medium graph's young collections took 9.5 s of Neo4j's
 * CPU, at 10,000 1.4 s.
 */
const BULK_ROWS = 10_000;

/**
 * A bulk load: the same checks, then the writes in transactions of about BULK_ROWS rows (nodes, then links, one
 * transaction after another), the scopes of records that existed before refreshed, then one last transaction
 * that takes the run's tag off every node it created and records the import in the audit trail. Until that last
 * commit, every node the run wrote carries the tag; if anything fails, the run deletes them (and with them their
 * links) before it reports the error.
 */
export async function bulkLoad(
  db: Database,
  session: Session,
  batch: GraphBatch,
  options: ImportOptions,
): Promise<{ report: ImportReport; timings: Phases }> {
  const clock = stopwatch();
  const checking = session.beginTransaction();
  let plan: Plan;
  let scopes: PreparedScopes | undefined;
  try {
    plan = await planImport(checking, batch, Boolean(options.dryRun));
    refuseUnlessNew(plan, batch);
    if (!options.dryRun) scopes = await prepareScopes(checking, plan);
  } finally {
    await checking.rollback();
  }
  const checkMs = clock();
  if (!scopes) return { report: plan.report, timings: { checkMs, writeMs: 0, commitMs: 0 } };

  const run = randomUUID();
  const writer = new Transactions(session, options.bulkRows ?? BULK_ROWS);
  const written: WriteCount = { committed: 0, retried: 0 };
  try {
    const created = await writeCreations(db, plan, options, run, scopes, written);
    // Records that existed before the load, whose scopes its links change, refreshed once every link is written.
    for (const statement of scopes.refreshes) await writer.run(statement);
    await writer.commit();
    const writeMs = clock();
    const last = new Transactions(session, Infinity);
    try {
      for (const [label, nodes] of created.entries()) {
        for (const part of chunks([...nodes.values()], WRITE_CHUNK)) {
          await last.run({
            cypher: `UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id REMOVE n.${RUN_TAG} RETURN count(n) AS written`,
            params: { ids: part },
            rows: part.length,
            onResult: (result) =>
              expectWritten(Number(result.records[0]?.get('written')), part.length, `${label} nodes' tags`),
          });
        }
      }
      const transactions = written.committed + writer.count + 1;
      // Transactions Neo4j ran again (a deadlock with other writes) are kept with the import, for whoever tunes it.
      await writeImportAudit(last, plan, options, { bulk: { run, transactions, retried: written.retried } });
      await last.commit();
      plan.report.transactions = transactions;
    } catch (error) {
      await last.rollback().catch(() => {});
      throw error;
    }
    return { report: plan.report, timings: { checkMs, writeMs, commitMs: clock() } };
  } catch (error) {
    await writer.rollback().catch(() => {});
    try {
      await deleteRun(db, run, [...new Set(plan.creates.map((n) => n.label))]);
    } catch (cleanupFailure) {
      throw new BulkLoadFailedError(run, written.committed + writer.committed, false, error, cleanupFailure);
    }
    throw new BulkLoadFailedError(run, written.committed + writer.committed, true, error);
  }
}

/**
 * Creates the plan's nodes, then its links, each statement of BULK_ROWS rows (or `bulkRows`) a transaction, the next
 * one's rows built while Neo4j runs the one before. Every node carries the run's tag. Returns the element ids of the nodes created.
 */
async function writeCreations(
  db: Database,
  plan: Plan,
  options: ImportOptions,
  run: string,
  scopes: PreparedScopes,
  count: WriteCount,
): Promise<ByNode<string>> {
  const perTransaction = options.bulkRows ?? BULK_ROWS;
  const rows = Math.min(perTransaction, WRITE_CHUNK);
  const elementIds = new ByNode<string>();
  const created = new ByNode<string>();
  for (const [label, nodes] of plan.stored.entries())
    for (const [key, node] of nodes) elementIds.set(label, key, node.elementId);
  let done = 0;
  const onCreated = (label: Label, ids: [string, string][]) => {
    for (const [key, elementId] of ids) {
      elementIds.set(label, key, elementId);
      created.set(label, key, elementId);
    }
    done += ids.length;
    options.onProgress?.({ phase: 'nodes', done, total: plan.creates.length });
  };
  await writeInTransactions(
    db,
    nodeCreations(plan, { [RUN_TAG]: run }, scopes, rows, onCreated),
    perTransaction,
    count,
  );
  // Links need the element ids of the nodes just created: every node is written before any link.
  let linked = 0;
  const onLinked = (written: number) => {
    linked += written;
    options.onProgress?.({ phase: 'relationships', done: linked, total: plan.newLinks.length });
  };
  await writeInTransactions(db, linkCreations(plan.newLinks, elementIds, rows, onLinked), perTransaction, count);
  return created;
}

/** A bulk load only creates: it refuses a batch that would update or merely confirm anything already there. */
function refuseUnlessNew(plan: Plan, batch: GraphBatch): void {
  const existing = batch.nodes.filter((node) => plan.stored.has(node.label, node.key));
  if (existing.length > 0) {
    const leftover = existing
      .map((node) => plan.stored.get(node.label, node.key)!.props[RUN_TAG])
      .find((run) => run !== undefined);
    if (leftover !== undefined) {
      // A load killed outright could not clean up after itself; its tag says which nodes it left.
      throw new BulkLoadRefusedError(
        `${existing.length} of its records were left by a bulk load that did not finish (run ${String(leftover)}). Delete what that run wrote ` +
          `with ${deleteRunAdvice(String(leftover))}, then load again.`,
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
      await session.run(
        `MATCH (n:\`${label}\`) WHERE n.${RUN_TAG} = $run CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
        { run },
      );
    }
  } finally {
    await session.close();
  }
}
