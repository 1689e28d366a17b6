// Real headless Chromium for the widget suites (launched as the widgets' benchmark does), with axe-core for
// accessibility checks and a folder for the screenshots CI keeps as artifacts.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { expect } from 'vitest';
import { launchChromium } from '../../widgets/chromium.js';

export const SCREENSHOTS = path.resolve('test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return launchChromium();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.2 A and AA rules (axe tags every success criterion by the version that added it). */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe-core in the page against `selector` (shadow roots included) and returns the violations, each as
 * "rule: target (summary)" so a failure says what to fix. axe is evaluated through the DevTools protocol, which a
 * page's Content-Security-Policy does not govern, so pages keep their real policy while being checked.
 */
export async function accessibilityViolations(page: Page, selector = 'body'): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    async ([context, tags]) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe.run(context, {
        runOnly: { type: 'tag', values: tags },
      }),
    [selector, WCAG_22_AA] as const,
  );
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} (${n.failureSummary?.split('\n')[1]?.trim() ?? v.help})`),
  );
}

/** Records console errors and uncaught exceptions, such as Content-Security-Policy refusals. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Records every refusal under the page's Content-Security-Policy as the page itself hears of it (see cspViolations). */
export async function watchCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** The refusals watchCspViolations has heard of since the page loaded. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** No console errors and no CSP refusals; `expected` matches the console lines a test provokes on purpose. */
export async function expectClean(page: Page, problems: string[], expected?: RegExp): Promise<void> {
  expect(await cspViolations(page)).toEqual([]);
  expect(problems.filter((p) => !expected?.test(p))).toEqual([]);
}

/** Signs in to the admin console as an admin would: the key typed in, then the button. */
export async function signInToAdminConsole(page: Page, secret: string): Promise<void> {
  await page.getByLabel('Admin key').fill(secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** A tab on the admin console: its own browser context (closed with it), the page, and the page's problems so far. */
export interface AdminConsoleTab {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Opens the service's admin console in a fresh context, collecting console errors and CSP refusals from the first
 * load. With `signInWith`, signs in with that key and waits for the first screen; with `hash`, then goes to that
 * screen (such as `record/<id>`), as a bookmark would.
 */
export async function openAdminConsole(
  browser: Browser,
  serviceUrl: string,
  { signInWith, hash }: { signInWith?: string; hash?: string } = {},
): Promise<AdminConsoleTab> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = collectProblems(page);
  await watchCspViolations(page);
  await page.goto(`${serviceUrl}/admin`);
  if (signInWith) {
    await signInToAdminConsole(page, signInWith);
    await page.getByRole('heading', { name: 'Find a record' }).waitFor();
  }
  if (hash) await page.goto(`${serviceUrl}/admin#${hash}`);
  return { context, page, problems };
}

/**
 * Opens `url` in a throwaway context and waits until every widget in `tags` has said it loaded its data (its ph-load
 * event, which bubbles out of its shadow root), then closes it. A suite calls it before its tests: the first page
 * after a service starts asks for every widget's data at once while Neo4j plans each query and the service runs each
 * path for the first time (each of the demo's first answers took 6-13 s at load 19), which is the hook's cost to
 * bear, not the first test's poll. A widget that reports ph-error fails the wait with its message.
 */
export async function warmWidgets(browser: Browser, url: string, tags: readonly string[]): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const heard: Record<string, string> = {};
      (window as unknown as { widgetsHeard: Record<string, string> }).widgetsHeard = heard;
      for (const type of ['ph-load', 'ph-error'])
        document.addEventListener(type, (event) => {
          const from = (event.composedPath()[0] as Element).localName;
          heard[from] ??= type === 'ph-load' ? 'loaded' : JSON.stringify((event as CustomEvent).detail);
        });
    });
    await page.goto(url);
    // No timeout of its own: the suite's hook timeout bounds it, and the readiness signal is the widgets' own.
    const heard = await page.waitForFunction(
      (expected) => {
        const seen = (window as unknown as { widgetsHeard: Record<string, string> }).widgetsHeard;
        return expected.every((tag) => tag in seen) && seen;
      },
      tags,
      { timeout: 0 },
    );
    const failed = Object.entries((await heard.jsonValue()) as Record<string, string>).filter(
      ([, v]) => v !== 'loaded',
    );
    if (failed.length > 0) throw new Error(`widgets failed to load: ${failed.map(([t, v]) => `${t} ${v}`).join('; ')}`);
  } finally {
    await context.close();
  }
}
