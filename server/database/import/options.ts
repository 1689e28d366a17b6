// What a caller may ask of an import: a dry run, who and what to record, progress, and bulk loading.
import type { Transaction } from 'neo4j-driver';
import type { Writer } from '../write/statement.js';

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
  /**
   * Apply the file's values where an admin corrected a property or removed a link by hand (and forget those marks):
   * true for every conflict, or the ids of the conflicts (as a dry run's report gives them) to decide one by one.
   * Without it, an import leaves the admin's value and lists each such conflict in its report.
   */
  preferFile?: boolean | ReadonlySet<string>;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * A bulk load: for a large first load into a database that holds none of the batch's records. The same checks,
   * then the writes in many transactions rather than one, which is faster for hundreds of thousands of records and
   * needs far less of Neo4j's memory. It is NOT one transaction: it refuses a batch of which any record exists
   * already (nothing to update, so nothing to lose), tags what it writes with a run id until the end, and on any
   * failure deletes everything it wrote before reporting the error. Someone reading meanwhile may see a partial graph.
   */
  bulk?: boolean;
  /** Rows per transaction of a bulk load; 10,000 unless given. */
  bulkRows?: number;
  /**
   * More writes in the import's own transaction (not a bulk load), after its records and before its audit entry: a
   * harvest retires what its feed withdrew, so the run commits, or fails, as one change. Not run in a dry run.
   */
  alongside?: (tx: Transaction, writer: Writer) => Promise<void>;
}
