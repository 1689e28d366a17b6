// Statements of one transaction sent back to back, so that this process prepares the next while Neo4j runs one.
import type { Transaction } from 'neo4j-driver';
import type { Statement, Writer } from './statement.js';

/** Statements sent ahead of the one Neo4j is running. */
const IN_FLIGHT = 2;

/**
 * Statements of one transaction sent back to back: while Neo4j runs one, this process builds and sends the next,
 * so neither waits for the other. The first failure is kept and thrown; Neo4j fails the rest of the transaction.
 */
export class Pipeline implements Writer {
  private readonly inFlight: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly tx: Transaction) {}

  async run({ cypher, params, onResult }: Statement): Promise<void> {
    this.throwIfFailed();
    this.inFlight.push(
      Promise.resolve(this.tx.run(cypher, params))
        .then(onResult)
        .catch((error: unknown) => {
          this.failure ??= { error };
        }),
    );
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
