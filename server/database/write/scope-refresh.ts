// Recomputing a search scope (area or topic) for whole sets of records, from the links alone: the migrations' backfills
// and a restore's, which must not trust the scopes a file brings (an export older than a scope has none).
import type { Label } from '../../../schema/graph.js';
import type { Database } from '../database.js';
import { chunkedStatements, type Statement } from './statement.js';

/**
 * Recomputes the scope of every record of `labels`, in transactions of its own (a store written before the scope
 * existed): each record by itself, so the result does not depend on where a transaction ends. `refresh` is the
 * scope's unit subquery over `n` and `ignored`. Returns how many records it set.
 */
export async function backfillScope(db: Database, labels: readonly Label[], refresh: string): Promise<number> {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction, which only a session's run() gives, and no query timeout.
  const session = db.driver.session({ database: db.name, bookmarkManager: db.driver.executeQueryBookmarkManager });
  try {
    let total = 0;
    for (const label of labels) {
      const result = await session.run(
        `MATCH (n:\`${label}\`) WITH n, '' AS ignored CALL (n, ignored) { ${refresh} } IN TRANSACTIONS OF 2000 ROWS RETURN count(*) AS done`,
      );
      total += Number(result.records[0]?.get('done') ?? 0);
    }
    return total;
  } finally {
    await session.close();
  }
}

/**
 * The statements recomputing the scope of the given records that are of `labels`, by id, for a writer to run in its
 * own transaction once every link is written (a restore: the graph comes back whole or not at all, scopes included).
 */
export function scopeRefreshesOf(
  records: readonly { labels: readonly string[]; id: string }[],
  labels: readonly Label[],
  refresh: string,
): Statement[] {
  return labels.flatMap((label) =>
    chunkedStatements(
      `UNWIND $values AS id MATCH (n:\`${label}\` {id: id}) WITH n, '' AS ignored ${refresh}`,
      records.filter((r) => r.labels.includes(label)).map((r) => r.id),
    ),
  );
}
