// Batched transactions: a long run of statements committed every so many rows, for loads too large for one.
import type { Session, Transaction } from 'neo4j-driver';
import { Pipeline } from './pipeline.js';
import type { Statement, Writer } from './statement.js';

/**
 * A new transaction every `maxRows` rows or so. The statement that would overflow one waits while it commits, so
 * that this process builds the next statement while Neo4j commits rather than after.
 */
export class Transactions implements Writer {
  private current: { tx: Transaction; pipeline: Pipeline; rows: number } | undefined;
  private committing: Promise<void> | undefined;
  private waiting: Statement | undefined;
  /** Transactions begun so far. */
  count = 0;
  /** Transactions committed so far. */
  committed = 0;

  constructor(
    private readonly session: Session,
    private readonly maxRows: number,
  ) {}

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
