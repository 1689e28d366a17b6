// How a bulk load fails: refused before writing, or failed part-way, with the tag that finds what it left.
/** The property that marks the nodes a bulk load wrote until it is complete; its value is the run's id. */
export const RUN_TAG = 'importRun';

/** The statement an admin runs to delete what an unfinished bulk load left; the run id is theirs to paste. */
export const deleteRunAdvice = (run: string) =>
  `MATCH (n) WHERE n.${RUN_TAG} = "${run}" CALL (n) { DETACH DELETE n } IN TRANSACTIONS`;

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
  constructor(
    readonly run: string,
    readonly committed: number,
    readonly cleanedUp: boolean,
    readonly failure: unknown,
    readonly cleanupFailure?: unknown,
  ) {
    super(
      cleanedUp
        ? `The bulk load failed after ${committed} of its transactions had committed, and everything it had written was deleted again: ` +
            String((failure as Error)?.message ?? failure)
        : `The bulk load failed (${String((failure as Error)?.message ?? failure)}), and deleting what it had written failed too ` +
            `(${String((cleanupFailure as Error)?.message ?? cleanupFailure)}). Its nodes carry ${RUN_TAG} = "${run}": delete them with ` +
            deleteRunAdvice(run),
    );
    this.name = 'BulkLoadFailedError';
  }
}
