// `npm run harvest -- <feed base URL>`: harvests one Open Referral UK feed now, on the running service or directly.
import { parseArgs } from 'node:util';
import { loadConfig, localAdminTokenFile } from '../server/config.js';
import { migrate } from '../server/database/migrate.js';
import { openDatabase } from '../server/database/open.js';
import { harvestFeed, type HarvestReport } from '../server/harvest/run.js';
import { createLogger } from '../server/logger.js';
import { feedBase, FeedError } from './harvest/read-feed.js';
import { findService, sendHarvest, sentTo, serviceSettings, WORKING_DIRECTLY } from './service-client.js';

const USAGE = `Usage:
  npm run harvest -- <feed base URL>        such as https://example.org/oruk (the URL /services follows)

Reads every service of an Open Referral UK feed (its /services pages, and /services/{id} where a page lists
summaries), politely (two requests at a time, a pause between them, a timeout, retries with back-off), and writes
the run as one change: services created, updated or unchanged, those gone from the feed retired (restored if they
come back). A feed that cannot be read whole changes nothing; the reason is printed and the command exits 1.

Sent to the running service when there is one (HUB_URL, else http://localhost:PORT; authenticated by ADMIN_KEY,
ADMIN_TOKEN or the local token file in DATA_DIR); otherwise works on the database directly. To harvest a feed on a
schedule, register it with the service: POST /admin/api/feeds {"url": "…", "everyMinutes": 1440}.`;

function print(report: HarvestReport): number {
  if (!report.ok) {
    console.error(`Harvest of ${report.feed} failed, nothing changed: ${report.error?.message}`);
    return 1;
  }
  const s = report.services!;
  console.log(
    `Harvested ${report.feed} in ${(report.durationMs / 1000).toFixed(1)} s: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.withdrawn} withdrawn (retired), ${s.restored} restored.`,
  );
  const r = report.requests;
  if (r)
    console.log(
      `  ${r.sent} requests (${r.pages} pages, ${r.details} services' details; ${r.notModified} not modified, ${r.retried} retried).`,
    );
  if (report.warnings) console.log(`  ${report.warnings} warning(s): values normalised rather than refused.`);
  for (const c of report.conflicts ?? [])
    console.log(`  kept an admin's correction: ${c.record} ${c.field} (the feed says ${JSON.stringify(c.fileValue)})`);
  for (const id of report.keptByAdmin ?? [])
    console.log(`  kept restored by an admin, though gone from the feed: service ${id}`);
  return 0;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`Give one feed base URL.\n\n${USAGE}`);
    return 2;
  }
  let url: string;
  try {
    url = feedBase(positionals[0]!);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    console.error(`${error.message}.\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const service = await findService(serviceSettings(process.env, config.port, localAdminTokenFile(config.dataDir)));
  if (service) {
    console.error(sentTo(service));
    return print(await sendHarvest<HarvestReport>(service, url));
  }
  console.error(WORKING_DIRECTLY);
  const { db, close } = await openDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    await migrate(db);
    return print(await harvestFeed(db, url, { actor: `npm run harvest (${process.env.USER ?? 'unknown user'})` }));
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
