// One import at a time across every instance and command line: a lease in the database, renewed while the import
// runs and lapsing by itself when the importer dies, so a crash never blocks imports for longer than the lease.
import { randomUUID } from 'node:crypto';
import { IMPORT_LEASE_LABEL } from '../../../schema/migrations.js';
import type { Database } from '../database.js';

/** How long a lease lasts unless renewed: long enough to ride out a slow statement, short enough after a crash. */
export const LEASE_MS = 60_000;
/** Renewed this often while the work runs, so three renewals in a row can fail before the lease lapses. */
const RENEW_EVERY_MS = LEASE_MS / 4;
/** The one lease node's id: imports and restores share it, since both write the graph wholesale. */
const LEASE_ID = 'import';
/** The longest a refused import is told to wait before asking again: most imports take seconds. */
const RETRY_AFTER_MAX_S = 5;

/** Refused because another import holds the lease: who started it, when, and when to ask again. */
export class ImportRunningError extends Error {
  constructor(
    readonly holder: string,
    readonly since: Date,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `Another import is running: started by ${holder} at ${since.toISOString()}. Send yours again when it has finished (try again in ${retryAfterSeconds} s); npm run seed waits and retries by itself.`,
    );
    this.name = 'ImportRunningError';
  }
}

/**
 * Takes the lease, or says who holds it. The first SET locks the node, so instances asking at once queue on it and
 * each reads the lease as the one before it left it; a lease past its expiry (its holder died) is taken over. Times
 * are Neo4j's own clock, the one every instance shares.
 */
async function take(db: Database, token: string, holder: string, ms: number) {
  const result = await db.run(
    `MERGE (l:${IMPORT_LEASE_LABEL} {id: $id})
     SET l.claim = $token
     WITH l, timestamp() AS now
     WITH l, now, l.token IS NULL OR l.expiresAt <= now AS free
     SET l.token = CASE WHEN free THEN $token ELSE l.token END,
         l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
         l.since = CASE WHEN free THEN now ELSE l.since END,
         l.expiresAt = CASE WHEN free THEN now + $ms ELSE l.expiresAt END
     REMOVE l.claim
     RETURN free, l.holder AS holder, l.since AS since, l.expiresAt - now AS remaining`,
    { id: LEASE_ID, token, holder, ms },
    'WRITE',
  );
  const record = result.records[0]!;
  return {
    free: record.get('free') === true,
    holder: String(record.get('holder')),
    since: new Date(Number(record.get('since'))),
    remainingMs: Number(record.get('remaining')),
  };
}

/** Moves the lease's expiry on, if this token still holds it; false when it was lost. */
async function renew(db: Database, token: string, ms: number): Promise<boolean> {
  const result = await db.run(
    `MATCH (l:${IMPORT_LEASE_LABEL} {id: $id}) WHERE l.token = $token
     SET l.expiresAt = timestamp() + $ms RETURN count(l) AS held`,
    { id: LEASE_ID, token, ms },
    'WRITE',
  );
  return Number(result.records[0]?.get('held')) > 0;
}

/** Deletes the lease node: between imports there is none, so a database holds no trace of imports having run. */
async function release(db: Database, token: string): Promise<void> {
  await db.run(
    `MATCH (l:${IMPORT_LEASE_LABEL} {id: $id}) WHERE l.token = $token
     DELETE l`,
    { id: LEASE_ID, token },
    'WRITE',
  );
}

export interface LeaseOptions {
  /** How long the lease lasts unless renewed (tests shorten it to see one lapse). */
  leaseMs?: number;
  /** Told when a renewal fails, so the holder's log says its lease may have lapsed. */
  onRenewFailed?: (error: unknown) => void;
}

/**
 * Runs `work` holding the import lease, renewed meanwhile and released after, whether `work` succeeds or throws.
 * Throws ImportRunningError, without running `work`, when another holds it. `holder` names who imports (the
 * principal), for the message another admin sees.
 */
export async function withImportLease<T>(
  db: Database,
  holder: string,
  work: () => Promise<T>,
  options: LeaseOptions = {},
): Promise<T> {
  const ms = options.leaseMs ?? LEASE_MS;
  const token = randomUUID();
  const lease = await take(db, token, holder, ms);
  if (!lease.free)
    throw new ImportRunningError(
      lease.holder,
      lease.since,
      Math.max(1, Math.min(RETRY_AFTER_MAX_S, Math.ceil(lease.remainingMs / 1000))),
    );
  const renewal = setInterval(
    () => {
      renew(db, token, ms).then(
        (held) => {
          if (!held) options.onRenewFailed?.(new Error('the import lease lapsed and another import took it'));
        },
        (error: unknown) => options.onRenewFailed?.(error),
      );
    },
    Math.min(RENEW_EVERY_MS, ms / 4),
  );
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    // A release that fails (the database gone) must not hide the work's own outcome: the lease lapses by itself.
    await release(db, token).catch(() => {});
  }
}
