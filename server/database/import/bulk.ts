// A bulk load: a large first load written in many transactions, tagged until complete and deleted again on failure.
import { randomUUID } from 'node:crypto';
import neo4j, { type Session } from 'neo4j-driver';
import type { Label } from '../../../schema/graph.js';
import type { GraphBatch } from '../../../schema/records.js';
import { nodeRef } from '../../../schema/validate.js';
import type { Database } from '../database.js';
import { Transactions } from '../write/transactions.js';
import { chunks, WRITE_CHUNK } from './batches.js';
import { writeImportAudit } from './audit.js';
import { BulkLoadFailedError, BulkLoadRefusedError, deleteRunAdvice, RUN_TAG } from './bulk-errors.js';
import { prepareScopes, type PreparedScopes } from './bulk-scope.js';
import type { ImportOptions } from './options.js';
import { planImport, type Plan } from './plan.js';
import { stopwatch, type ImportReport, type Phases } from './report.js';
import { expectWritten, writePlan } from './write-plan.js';

/**
 * Rows per transaction of a bulk load: small enough that Neo4j keeps little in memory and commits often, large
 * enough that committing costs little beside the writing. A transaction's state lives until it commits, and each of
 * the JVM's young collections copies it: at 50,000 rows the medium graph's young collections took 9.5 s of Neo4j's
 * CPU, at 10,000 1.4 s.
 */
const BULK_ROWS = 10_000;

/**
 * A bulk load: the same checks, then the writes in transactions of about BULK_ROWS rows, then one last transaction
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
  try {
    const created = await writePlan(writer, plan, options, { [RUN_TAG]: run }, scopes);
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
      await writeImportAudit(last, plan, options, { bulk: { run, transactions: writer.count + 1 } });
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
