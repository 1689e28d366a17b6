// The service's harvest schedule: every so often, each registered feed that is due is harvested, one after another.
import type { Database } from '../database/database.js';
import { dueFeeds, FeedBusyError } from '../database/feeds.js';
import { harvestFeed, type HarvestOptions, type HarvestReport } from './run.js';

/** How often the service looks for feeds that are due: schedules are in minutes, so once a minute is enough. */
export const TICK_MS = 60_000;
/** How long stopping waits for a harvest in progress. */
const STOP_GRACE_MS = 5_000;

export interface ScheduleLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Harvests every registered feed that is due, one after another, and returns their reports. A feed another instance
 * is harvesting, or has harvested since it was found due, is passed over; one that fails is reported and the others
 * still run.
 */
export async function runDueFeeds(db: Database, options: HarvestOptions, log?: ScheduleLog): Promise<HarvestReport[]> {
  const reports: HarvestReport[] = [];
  for (const url of await dueFeeds(db)) {
    try {
      const report = await harvestFeed(db, url, { ...options, onlyIfDue: true });
      reports.push(report);
      if (report.ok) log?.info({ feed: url, services: report.services }, 'harvest');
      else log?.warn({ feed: url, error: report.error }, 'harvest failed');
    } catch (error) {
      if (!(error instanceof FeedBusyError)) throw error;
    }
  }
  return reports;
}

/** Starts the schedule; the function it returns stops it, waiting a little for a run in progress to end. */
export function startHarvestSchedule(
  db: Database,
  options: HarvestOptions,
  log: ScheduleLog,
  tickMs = TICK_MS,
): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = runDueFeeds(db, options, log)
      .catch((error: unknown) => log.warn({ error: (error as Error).message }, 'harvest schedule: could not run'))
      .finally(() => {
        running = undefined;
      });
  }, tickMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    // A run against a slow feed could hold shutdown for minutes: it is given a moment, then left to fail as the
    // database closes (its transaction rolls back, its lease lapses, and the next run starts afresh).
    await Promise.race([running, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  };
}
