// One harvest of one feed: under the feed's lease, the feed read whole, then written as one change through the
// importer (created, updated, unchanged, withdrawn, restored), and the run's outcome kept on the feed.
import { hostname } from 'node:os';
import { Label } from '../../schema/graph.js';
import { readFeed, type AnswerCache, type FeedRead, type HarvestReadOptions } from '../../seed/harvest/read-feed.js';
import type { Database } from '../database/database.js';
import { writeFeedChanges, type FeedChanges } from '../database/feed-records.js';
import { withFeedLease, type FeedRunSummary } from '../database/feeds.js';
import { importBatch, type ImportConflict, type ImportReport } from '../database/import/importer.js';
import { ImportRunningError, withImportLease } from '../database/import/lease.js';
import { countHarvestRun } from '../metrics/registry.js';

/** What one harvest did, as the admin route, the CLI and the feed's list show it. */
export interface HarvestReport {
  feed: string;
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Why the run failed (nothing written); absent when it succeeded. */
  error?: { kind: string; url?: string; message: string };
  services?: { created: number; updated: number; unchanged: number; withdrawn: number; restored: number };
  /** Services the feed withdrew earlier that an admin restored by hand: left restored. */
  keptByAdmin?: string[];
  /** Values an admin corrected by hand that the feed would change: kept, as an import keeps them. */
  conflicts?: ImportConflict[];
  /** What the reader normalised rather than refused. */
  warnings?: number;
  requests?: { pages: number; details: number; sent: number; notModified: number; retried: number };
  /**
   * Where the run's time went: reading the feed, and the importer's whole transaction (waiting for its lease too), of
   * which `feedMs` marking what was seen and retiring and restoring (with the import's writes still in flight).
   */
  timings?: { readMs: number; writeMs: number; feedMs: number };
}

export interface HarvestOptions extends HarvestReadOptions {
  /** Who the audit trail and the lease name. */
  actor?: string;
  /** Told after a run that changed the graph, so cached answers go (the response cache's invalidate). */
  onChanged?: () => Promise<void>;
  /** How long to wait, in all, for an import or restore holding the import lease before failing the run. */
  importWaitMs?: number;
  /** Harvest only if the feed is due (the schedule): refused as busy if another instance has just harvested it. */
  onlyIfDue?: boolean;
}

/** Answers remembered per feed between runs in this process, for conditional requests. */
const caches = new Map<string, AnswerCache>();

function cacheFor(feed: string): AnswerCache {
  const cache = caches.get(feed) ?? new Map();
  caches.set(feed, cache);
  return cache;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The import, holding the import lease (imports and restores write the graph wholesale too), waiting while another holds it. */
async function imported(db: Database, work: () => Promise<ImportReport>, actor: string, waitMs: number) {
  const started = Date.now();
  for (;;) {
    try {
      return await withImportLease(db, actor, work);
    } catch (error) {
      if (!(error instanceof ImportRunningError) || Date.now() - started > waitMs) throw error;
      await sleep(error.retryAfterSeconds * 1000);
    }
  }
}

function serviceCounts(report: ImportReport, changes: FeedChanges) {
  const counts = report.nodes[Label.Service] ?? { created: 0, updated: 0, unchanged: 0 };
  return { ...counts, withdrawn: changes.withdrawn.length, restored: changes.restored.length };
}

/** The run as the feed's list keeps it: its counts, or why it failed. */
function summaryOf(report: HarvestReport): FeedRunSummary {
  return {
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ok: report.ok,
    result: report.ok
      ? { services: report.services, conflicts: report.conflicts?.length ?? 0, warnings: report.warnings ?? 0 }
      : { error: report.error },
  };
}

/**
 * Harvests `url` once. A feed that fails (times out, answers 500, sends bad JSON, loops) fails only its own run: the
 * graph is untouched, the error is returned and kept as the feed's last run, and the next run starts afresh. Throws
 * only FeedBusyError, when another instance or command is harvesting the same feed.
 */
export async function harvestFeed(db: Database, url: string, options: HarvestOptions = {}): Promise<HarvestReport> {
  const actor = options.actor ?? `harvester on ${hostname()}`;
  return withFeedLease(
    db,
    url,
    actor,
    async () => {
      const startedAt = new Date();
      const finish = (part: Omit<HarvestReport, 'feed' | 'startedAt' | 'finishedAt' | 'durationMs'>) => {
        const report: HarvestReport = {
          feed: url,
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          durationMs: Date.now() - startedAt.getTime(),
          ...part,
        };
        return { value: report, summary: summaryOf(report) };
      };
      let read: FeedRead | undefined;
      try {
        read = await readFeed(url, { ...options, cache: options.cache ?? cacheFor(url) });
        const readMs = Date.now() - startedAt.getTime();
        const feedRead = read;
        const keys = feedRead.batch.nodes.filter((n) => n.label === Label.Service).map((n) => n.key);
        let changes: FeedChanges = { withdrawn: [], restored: [], keptByAdmin: [] };
        let feedMs = 0;
        const report = await imported(
          db,
          () =>
            importBatch(db, feedRead.batch, {
              actor,
              sources: [`${feedRead.feed}/services`],
              alongside: async (_tx, writer) => {
                const started = performance.now();
                changes = await writeFeedChanges(writer, feedRead.feed, keys, actor);
                feedMs = Math.round(performance.now() - started);
              },
            }),
          actor,
          options.importWaitMs ?? 10 * 60_000,
        );
        const services = serviceCounts(report, changes);
        if (services.withdrawn + services.restored > 0 || changedAnything(report)) await options.onChanged?.();
        countHarvestRun('applied');
        return finish({
          ok: true,
          services,
          keptByAdmin: changes.keptByAdmin,
          conflicts: report.conflicts,
          warnings: report.warnings?.length ?? 0,
          requests: requestsOf(feedRead),
          timings: { readMs, writeMs: Date.now() - startedAt.getTime() - readMs, feedMs },
        });
      } catch (error) {
        countHarvestRun('failed');
        const e = error as Error & { kind?: string; url?: string };
        return finish({
          ok: false,
          error: { kind: e.kind ?? e.name, ...(e.url ? { url: e.url } : {}), message: e.message },
          ...(read ? { requests: requestsOf(read) } : {}),
        });
      }
    },
    { onlyIfDue: options.onlyIfDue },
  );
}

function changedAnything(report: ImportReport): boolean {
  return [...Object.values(report.nodes), ...Object.values(report.relationships)].some(
    (c) => c !== undefined && c.created + c.updated > 0,
  );
}

function requestsOf(read: FeedRead) {
  return {
    pages: read.pages,
    details: read.detailsFetched,
    sent: read.counts.requests,
    notModified: read.counts.notModified,
    retried: read.counts.retried,
  };
}
