// The audit trail: every Change node is built here, for admins' edits and imports alike, and read back as history.
import { CHANGE_LABEL } from '../../../schema/migrations.js';
import type { Database } from '../database.js';
import type { Statement } from './statement.js';

export type ChangeAction = 'CREATE' | 'UPDATE' | 'RETIRE' | 'RESTORE' | 'LINK' | 'UNLINK' | 'IMPORT';

/** A change as history shows it, before and after parsed back from JSON. */
export interface ChangeRecord {
  id: string;
  nodeId: string;
  at: string;
  actor: string;
  action: ChangeAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A change as a statement sends it: before and after as JSON text, since Neo4j stores no nested maps. */
export interface ChangeEntry {
  nodeId: string;
  actor: string;
  action: ChangeAction;
  before: string | null;
  after: string | null;
  /** An import's record of what it created: the ids of one bucket's new records (see createdEntries). */
  created?: readonly string[];
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** One entry for the audit trail: who did what to which record, with the record's values before and after. */
export function changeEntry(
  nodeId: string,
  actor: string,
  action: ChangeAction,
  before: unknown,
  after: unknown,
): ChangeEntry {
  return { nodeId, actor, action, before: json(before), after: json(after) };
}

/**
 * The clause that creates the Change node for `entry`, a Cypher expression holding a ChangeEntry: a map parameter
 * (`$change`) or an unwound row. Written into the statement that makes the change, so that both commit together.
 */
export function createChange(entry: string): string {
  return (
    `CREATE (:${CHANGE_LABEL} {id: randomUUID(), nodeId: ${entry}.nodeId, at: toString(datetime()), actor: ${entry}.actor, ` +
    `action: ${entry}.action, before: ${entry}.before, after: ${entry}.after, created: ${entry}.created})`
  );
}

/**
 * An import's entries name the records it created under nodeIds of this form, one per bucket: never a record's id
 * (those are UUIDs), so a record's history and changesBetween leave them out.
 */
export const CREATED_PREFIX = 'created:';

/**
 * The bucket a record's id falls in: its first two hex digits, so an import of any size writes at most 256 entries
 * for what it created (a 250,000-record load, about 1,000 ids each), and as-of finds when a record appeared through
 * the nodeId index, reading only the buckets of the ids it asks about.
 */
export const createdBucket = (id: string): string => `${CREATED_PREFIX}${id.slice(0, 2).toLowerCase()}`;

/** The entries that record the records an import created, by bucket: who, and (from the statement) when. */
export function createdEntries(actor: string, ids: readonly string[]): ChangeEntry[] {
  const buckets = new Map<string, string[]>();
  for (const id of ids) {
    const bucket = createdBucket(id);
    const held = buckets.get(bucket);
    if (held) held.push(id);
    else buckets.set(bucket, [id]);
  }
  return [...buckets].map(([nodeId, created]) => ({
    nodeId,
    actor,
    action: 'IMPORT' as const,
    before: null,
    after: null,
    created,
  }));
}

/** A statement that records these changes, for a writer that also writes the changes themselves. */
export function recordChanges(entries: readonly ChangeEntry[]): Statement {
  return {
    cypher: `UNWIND $changes AS change ${createChange('change')}`,
    params: { changes: entries },
    // A writer sizes its transactions by rows: an entry of what an import created weighs as its ids.
    rows: entries.reduce((sum, e) => sum + (e.created?.length ?? 1), 0),
  };
}

/** The changes made to one record, newest first, with its creation by an import (who and when) where one made it. */
export async function history(db: Database, id: string): Promise<ChangeRecord[]> {
  const result = await db.run(
    `MATCH (c:${CHANGE_LABEL}) WHERE c.nodeId IN [$id, $bucket] AND (c.nodeId = $id OR $id IN c.created)
     RETURN CASE WHEN c.created IS NULL THEN properties(c)
       ELSE {id: c.id, nodeId: $id, at: c.at, actor: c.actor, action: 'CREATE'} END AS change
     ORDER BY c.at DESC, c.id`,
    { id, bucket: createdBucket(id) },
  );
  return result.records.map((r) => {
    const c = r.get('change') as Record<string, unknown>;
    return {
      ...(c as unknown as ChangeRecord),
      before: c.before ? JSON.parse(String(c.before)) : null,
      after: c.after ? JSON.parse(String(c.after)) : null,
    };
  });
}
