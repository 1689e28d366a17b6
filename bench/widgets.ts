// `npm run bench:widgets`: what a reader of a council page waits for. Loads the demo page in headless Chromium, each
// time in a fresh browser context (nothing cached), and measures from navigation start to the directory widget's
// first results (its ph-load event); prints the widgets' gzipped sizes beside. Its own Neo4j and service, as bench/api.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seedIfEmpty } from '../server/seed-if-empty.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { freePort, startLocalNeo4j } from '../server/database/local-neo4j.js';
import { startService } from '../server/service.js';
import { buildWidgets } from '../widgets/build.js';
import { launchChromium } from '../widgets/chromium.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const sizes = await buildWidgets();
  const home = await mkdtemp(path.join(os.tmpdir(), 'partnership-hub-bench-'));
  const neo4j = await startLocalNeo4j({ home, port: await freePort(), heap: '512m', pageCache: '128m' });
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_ON_EMPTY: 'false',
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
  });
  const service = await startService(config, createLogger('silent'));
  await seedIfEmpty(service.db, createLogger('silent'));
  const browser = await launchChromium();
  const timings: { firstResults: number; domContentLoaded: number }[] = [];
  try {
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      // Init scripts go in through the DevTools protocol, so the page keeps its strict CSP.
      await page.addInitScript(() => {
        document.addEventListener('ph-load', (event) => {
          const w = window as unknown as { firstResults?: number };
          if (
            w.firstResults === undefined &&
            event.composedPath()[0] instanceof HTMLElement &&
            (event.composedPath()[0] as HTMLElement).localName === 'ph-directory'
          )
            w.firstResults = performance.now();
        });
      });
      await page.goto(`${service.url}/demo`);
      await page.waitForFunction(() => (window as unknown as { firstResults?: number }).firstResults !== undefined);
      const firstResults = await page.evaluate(() => (window as unknown as { firstResults: number }).firstResults);
      const domContentLoaded = await page.evaluate(
        () => performance.getEntriesByType('navigation')[0]!.toJSON().domContentLoadedEventEnd as number,
      );
      if (run > 0) timings.push({ firstResults, domContentLoaded }); // the first run warms the service's JIT and Neo4j's caches
      await context.close();
    }
  } finally {
    await browser.close();
    await service.stop();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
  const first = timings.map((t) => t.firstResults).sort((a, b) => a - b);
  const dcl = timings.map((t) => t.domContentLoaded).sort((a, b) => a - b);
  const report = {
    runs: timings.length,
    firstResultsMs: {
      p50: Math.round(quantile(first, 0.5)),
      p95: Math.round(quantile(first, 0.95)),
      max: Math.round(first.at(-1)!),
    },
    domContentLoadedMs: { p50: Math.round(quantile(dcl, 0.5)) },
    gzipBytes: Object.fromEntries(sizes.map((s) => [s.entry, { eager: s.gzipBytes, onDemand: s.lazyGzipBytes }])),
  };
  console.log(`demo page, cold browser context each run, ${report.runs} runs on loopback:`);
  console.log(
    `  time to the directory's first results: p50 ${report.firstResultsMs.p50} ms, p95 ${report.firstResultsMs.p95} ms, max ${report.firstResultsMs.max} ms`,
  );
  console.log(`  DOMContentLoaded: p50 ${report.domContentLoadedMs.p50} ms`);
  console.log(JSON.stringify(report, null, 2));
}

await main();
