// How an import cuts its records into statements: chunk sizes, grouping, and records found by label and key.
import type { Label } from '../../../schema/graph.js';

/** Rows per lookup or update statement: large enough that a 13,000-row ODS file takes a handful of round trips. */
export const CHUNK = 2_000;
/** Rows per CREATE statement, which looks nothing up by key: larger, for fewer round trips on big loads. */
export const WRITE_CHUNK = 10_000;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Values by label, then key: a large import asks about every link's two ends, and two lookups on strings it already
 * holds cost far less than building and hashing a "Label/key" string each time.
 */
export class ByNode<T> {
  private readonly labels = new Map<Label, Map<string, T>>();
  get(label: Label, key: string): T | undefined {
    return this.labels.get(label)?.get(key);
  }
  has(label: Label, key: string): boolean {
    return this.labels.get(label)?.has(key) ?? false;
  }
  set(label: Label, key: string, value: T): void {
    const keys = this.labels.get(label);
    if (keys) keys.set(key, value);
    else this.labels.set(label, new Map([[key, value]]));
  }
  keysOf(label: Label): Map<string, T> | undefined {
    return this.labels.get(label);
  }
  entries(): [Label, Map<string, T>][] {
    return [...this.labels];
  }
}
