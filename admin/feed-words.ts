// A feed's schedule, last run and next harvest in words, and the address mistakes the console can see before sending
// one: what the Feeds screen says, kept apart from its element.
import type { FeedInfo, FeedRun, HarvestCounts } from '../contract/queries/admin.js';
import { when } from './values.js';

/** The schedules offered: the route takes 15 minutes to a week. */
export const SCHEDULES = [
  { minutes: 15, words: 'Every 15 minutes' },
  { minutes: 60, words: 'Every hour' },
  { minutes: 6 * 60, words: 'Every 6 hours' },
  { minutes: 24 * 60, words: 'Once a day' },
  { minutes: 7 * 24 * 60, words: 'Once a week' },
] as const;

/** The schedule the form starts at: once a day, as the route takes a feed registered without one. */
export const DAILY = 24 * 60;

/** A schedule in words: one of those offered, or its minutes (a feed registered through the API with another). */
export function scheduleWords(everyMinutes: number | undefined): string {
  if (everyMinutes === undefined) return 'Only when asked';
  const offered = SCHEDULES.find((s) => s.minutes === everyMinutes);
  if (offered) return offered.words;
  return everyMinutes % 60 === 0 ? `Every ${everyMinutes / 60} hours` : `Every ${everyMinutes} minutes`;
}

/** A harvest's counts as a sentence, each kind named. */
export function countsWords(counts: HarvestCounts): string {
  return `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.withdrawn} withdrawn, ${counts.restored} restored`;
}

/** What else a run that worked found, said only when it found something. */
export function alsoFoundWords(conflicts = 0, warnings = 0): string {
  const parts = [
    conflicts ? `${conflicts} admin correction${conflicts === 1 ? '' : 's'} kept over the feed’s value` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'} about how the feed was read` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** A feed's last run in words: when, and what it did or why it failed. */
export function lastRunWords(run: FeedRun | undefined): string {
  if (!run) return 'Not harvested yet';
  if (!run.ok)
    return `Failed ${when(run.finishedAt)}: ${(run.result.error?.message ?? 'the service kept no reason').replace(/\.$/, '')}. Nothing was changed.`;
  const services = run.result.services;
  return `${when(run.finishedAt)}: ${services ? countsWords(services) : 'no counts kept'}${alsoFoundWords(run.result.conflicts, run.result.warnings)}`;
}

/**
 * When the feed is next harvested: the schedule counts from the last run's start (server/harvest/schedule.ts), and
 * each instance looks for due feeds once a minute.
 */
export function nextDueWords(feed: FeedInfo, now = Date.now()): string {
  if (feed.harvesting) return `Being harvested now (since ${when(feed.harvesting.since)})`;
  if (feed.everyMinutes === undefined) return 'Not scheduled';
  if (!feed.lastRun) return 'Due now: harvested within a minute';
  const due = Date.parse(feed.lastRun.startedAt) + feed.everyMinutes * 60_000;
  return due <= now ? 'Due now: harvested within a minute' : when(new Date(due).toISOString());
}

/** The feed address's mistakes the console can see before sending it; the service checks the rest. */
export function urlProblem(url: string): string | undefined {
  if (!url) return 'Enter the feed’s web address, such as https://example.org/oruk.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `“${url}” is not a web address: write it in full, starting https://, such as https://example.org/oruk.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `“${url}” starts ${parsed.protocol}: a feed’s address starts https:// (or http://).`;
  return undefined;
}
