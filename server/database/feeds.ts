// The Open Referral UK feeds admins register for harvesting: each feed's schedule, last run and result, and the lease
// that lets one instance at a time harvest it. Operational data, like API keys: not part of the graph or its backups.
import { randomUUID } from 'node:crypto';
import { FEED_LABEL } from '../../schema/migrations.js';
import type { Database } from './database.js';

/** A feed as admins see it in the list. */
export interface Feed {
  /** The feed's base URL, which is also its id. */
  url: string;
  /** How often the service harvests it; undefined for a feed only harvested when asked (npm run harvest). */
  everyMinutes?: number;
  registeredBy?: string;
  registeredAt?: string;
  lastRun?: FeedRunSummary;
  /** Who is harvesting it now, if anyone. */
  harvesting?: { by: string; since: string };
}

/** One run's outcome, kept on the feed until the next run. */
export interface FeedRunSummary {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** What the run did (counts) or, when it failed, why. */
  result: Record<string, unknown>;
}

/** How long a feed's lease lasts unless renewed: a harvest renews it while it reads the feed. */
export const FEED_LEASE_MS = 60_000;

function toFeed(props: Record<string, unknown>, now: number): Feed {
  const leased = typeof props.leaseToken === 'string' && Number(props.leaseExpiresAt) > now;
  return {
    url: String(props.id),
    ...(props.everyMinutes != null ? { everyMinutes: Number(props.everyMinutes) } : {}),
    ...(props.registeredBy != null ? { registeredBy: String(props.registeredBy) } : {}),
    ...(props.registeredAt != null ? { registeredAt: String(props.registeredAt) } : {}),
    ...(typeof props.lastRun === 'string' ? { lastRun: JSON.parse(props.lastRun) as FeedRunSummary } : {}),
    ...(leased
      ? { harvesting: { by: String(props.leaseHolder), since: new Date(Number(props.leaseSince)).toISOString() } }
      : {}),
  };
}

/** Registers a feed to be harvested every `everyMinutes`, or changes its schedule if it is registered already. */
export async function registerFeed(db: Database, url: string, everyMinutes: number, by: string): Promise<Feed> {
  const result = await db.run(
    `MERGE (f:${FEED_LABEL} {id: $url})
     ON CREATE SET f.registeredAt = toString(datetime())
     SET f.everyMinutes = $everyMinutes, f.registeredBy = $by,
         f.registeredAt = coalesce(f.registeredAt, toString(datetime()))
     RETURN properties(f) AS props, timestamp() AS now`,
    { url, everyMinutes, by },
    'WRITE',
  );
  const record = result.records[0]!;
  return toFeed(record.get('props') as Record<string, unknown>, Number(record.get('now')));
}

/** Stops harvesting a feed on a schedule; its records keep their feed and last-seen marks. False if it was not there. */
export async function unregisterFeed(db: Database, url: string): Promise<boolean> {
  const result = await db.run(
    `MATCH (f:${FEED_LABEL} {id: $url}) DETACH DELETE f RETURN count(*) AS removed`,
    { url },
    'WRITE',
  );
  return Number(result.records[0]?.get('removed') ?? 0) > 0;
}

/** Every feed known: those registered and those only ever harvested when asked, by URL. */
export async function listFeeds(db: Database): Promise<Feed[]> {
  const result = await db.run(
    `MATCH (f:${FEED_LABEL}) RETURN properties(f) AS props, timestamp() AS now ORDER BY f.id`,
  );
  return result.records.map((r) => toFeed(r.get('props') as Record<string, unknown>, Number(r.get('now'))));
}

/** The registered feeds whose next run is due (never run, or last started `everyMinutes` ago) and not being harvested. */
export async function dueFeeds(db: Database): Promise<string[]> {
  const result = await db.run(
    `MATCH (f:${FEED_LABEL}) WHERE f.everyMinutes IS NOT NULL
       AND (f.lastStartedAt IS NULL OR f.lastStartedAt + f.everyMinutes * 60000 <= timestamp())
       AND (f.leaseToken IS NULL OR f.leaseExpiresAt <= timestamp())
     RETURN f.id AS url ORDER BY coalesce(f.lastStartedAt, 0)`,
  );
  return result.records.map((r) => String(r.get('url')));
}

/** Refused because another harvest of the feed holds its lease. */
export class FeedBusyError extends Error {
  constructor(
    readonly url: string,
    readonly holder: string,
    readonly since: Date,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `${url} is being harvested already: started by ${holder} at ${since.toISOString()}. Its result will be in the list of feeds; ask again when it has finished.`,
    );
    this.name = 'FeedBusyError';
  }
}

/** Refused because the schedule asked and the feed is not due: another instance harvested it since it was found due. */
export class FeedNotDueError extends FeedBusyError {
  constructor(url: string, since: Date) {
    super(url, 'another run', since, 60);
    this.message = `${url} was harvested at ${since.toISOString()} and is not due again yet.`;
    this.name = 'FeedNotDueError';
  }
}

/**
 * Takes the feed's lease, creating the feed's node if this is its first harvest. The first SET locks the node, so two
 * instances asking at once queue on it and the second sees the first's lease (as the import lease does).
 */
async function takeLease(db: Database, url: string, token: string, holder: string, ms: number, onlyIfDue: boolean) {
  const result = await db.run(
    `MERGE (f:${FEED_LABEL} {id: $url})
     SET f.leaseClaim = $token
     WITH f, timestamp() AS now
     WITH f, now, (f.leaseToken IS NULL OR f.leaseExpiresAt <= now)
       AND (NOT $onlyIfDue OR f.lastStartedAt IS NULL OR f.lastStartedAt + coalesce(f.everyMinutes, 0) * 60000 <= now) AS free
     SET f.leaseToken = CASE WHEN free THEN $token ELSE f.leaseToken END,
         f.leaseHolder = CASE WHEN free THEN $holder ELSE f.leaseHolder END,
         f.leaseSince = CASE WHEN free THEN now ELSE f.leaseSince END,
         f.leaseExpiresAt = CASE WHEN free THEN now + $ms ELSE f.leaseExpiresAt END,
         f.lastStartedAt = CASE WHEN free THEN now ELSE f.lastStartedAt END
     REMOVE f.leaseClaim
     RETURN free, f.leaseToken IS NOT NULL AND f.leaseExpiresAt > now AS leased, f.lastStartedAt AS lastStarted,
            f.leaseHolder AS holder, f.leaseSince AS since, f.leaseExpiresAt - now AS remaining`,
    { url, token, holder, ms, onlyIfDue },
    'WRITE',
  );
  const record = result.records[0]!;
  return {
    free: record.get('free') === true,
    leased: record.get('leased') === true,
    lastStarted: new Date(Number(record.get('lastStarted'))),
    holder: String(record.get('holder')),
    since: new Date(Number(record.get('since'))),
    remainingMs: Number(record.get('remaining')),
  };
}

async function renewLease(db: Database, url: string, token: string, ms: number): Promise<boolean> {
  const result = await db.run(
    `MATCH (f:${FEED_LABEL} {id: $url}) WHERE f.leaseToken = $token
     SET f.leaseExpiresAt = timestamp() + $ms RETURN count(f) AS held`,
    { url, token, ms },
    'WRITE',
  );
  return Number(result.records[0]?.get('held')) > 0;
}

/** Releases the lease and records the run on the feed, in one statement. */
async function finish(db: Database, url: string, token: string, run: FeedRunSummary | undefined): Promise<void> {
  await db.run(
    `MATCH (f:${FEED_LABEL} {id: $url}) WHERE f.leaseToken = $token
     SET f.lastRun = coalesce($run, f.lastRun)
     REMOVE f.leaseToken, f.leaseHolder, f.leaseSince, f.leaseExpiresAt`,
    { url, token, run: run ? JSON.stringify(run) : null },
    'WRITE',
  );
}

export interface FeedLeaseOptions {
  leaseMs?: number;
  /**
   * Take the lease only if the feed is still due: the schedule's choice of feeds is read before any lease is taken,
   * so another instance may have harvested one since, and it must not run again straight after.
   */
  onlyIfDue?: boolean;
  onRenewFailed?: (error: unknown) => void;
}

/**
 * Runs `work` holding the feed's lease, renewed meanwhile, then records the summary `work` returns as the feed's last
 * run and releases the lease. Throws FeedBusyError, without running `work`, when another harvest of it holds it.
 */
export async function withFeedLease<T>(
  db: Database,
  url: string,
  holder: string,
  work: () => Promise<{ value: T; summary: FeedRunSummary }>,
  options: FeedLeaseOptions = {},
): Promise<T> {
  const ms = options.leaseMs ?? FEED_LEASE_MS;
  const token = randomUUID();
  const lease = await takeLease(db, url, token, holder, ms, options.onlyIfDue ?? false);
  if (!lease.free && !lease.leased) throw new FeedNotDueError(url, lease.lastStarted);
  if (!lease.free)
    throw new FeedBusyError(url, lease.holder, lease.since, Math.max(1, Math.ceil(lease.remainingMs / 1000)));
  const renewal = setInterval(() => {
    renewLease(db, url, token, ms).then(
      (held) => {
        if (!held) options.onRenewFailed?.(new Error(`the lease on ${url} lapsed`));
      },
      (error: unknown) => options.onRenewFailed?.(error),
    );
  }, ms / 4);
  let summary: FeedRunSummary | undefined;
  try {
    const outcome = await work();
    summary = outcome.summary;
    return outcome.value;
  } finally {
    clearInterval(renewal);
    // A lost database must not hide the run's own outcome: the lease lapses by itself.
    await finish(db, url, token, summary).catch(() => {});
  }
}
