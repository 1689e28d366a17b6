// Requests per API key per day: counted in memory as requests arrive, added to the keys in Neo4j every minute and at shutdown.
import { addUsage, type DailyUsage } from '../database/api-keys.js';
import type { Database } from '../database/database.js';

/** How often counts are written: a minute's requests at most are lost if the process dies without stopping. */
export const USAGE_FLUSH_MS = 60_000;

/**
 * Only keys that check out are counted, so the tally holds at most one entry per live key and day: made-up keys
 * never reach it. Several instances each add their own counts to the same key.
 */
export class KeyUsage {
  /** Requests not yet written, by day and then by key id. */
  private unwritten = new Map<string, Map<string, number>>();

  count(keyId: string, now = new Date()): void {
    this.add(now.toISOString().slice(0, 10), keyId, 1);
  }

  private add(day: string, keyId: string, requests: number): void {
    let byKey = this.unwritten.get(day);
    if (!byKey) {
      byKey = new Map();
      this.unwritten.set(day, byKey);
    }
    byKey.set(keyId, (byKey.get(keyId) ?? 0) + requests);
  }

  /** This instance's requests for a key that are not written yet, to add to what the database holds. */
  pending(keyId: string): DailyUsage[] {
    return [...this.unwritten]
      .map(([day, byKey]) => ({ day, requests: byKey.get(keyId) ?? 0 }))
      .filter((usage) => usage.requests > 0);
  }

  /** Writes the counts, one statement per day so that a key appears once in each; on failure they are kept for next time. */
  async flush(db: Database): Promise<void> {
    const taken = this.unwritten;
    this.unwritten = new Map();
    for (const [day, byKey] of [...taken].sort(([a], [b]) => a.localeCompare(b))) {
      try {
        await addUsage(
          db,
          [...byKey].map(([id, requests]) => ({ id, day, requests })),
        );
        taken.delete(day);
      } catch (error) {
        for (const [unwrittenDay, unwrittenByKey] of taken)
          for (const [id, requests] of unwrittenByKey) this.add(unwrittenDay, id, requests);
        throw error;
      }
    }
  }
}

/** Usage added together from every part of this process, whatever service instance answered. */
export const keyUsage = new KeyUsage();

/** A key's daily usage: what the database holds plus what this process has not written yet, oldest day first. */
export function withPending(keyId: string, stored: readonly DailyUsage[]): DailyUsage[] {
  const days = new Map(stored.map((usage) => [usage.day, usage.requests]));
  for (const { day, requests } of keyUsage.pending(keyId)) days.set(day, (days.get(day) ?? 0) + requests);
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, requests]) => ({ day, requests }));
}
