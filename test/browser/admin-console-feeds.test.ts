// The admin console's Feeds screen and an import's possible duplicates, in real headless Chromium against the service:
// a feed registered (a bad address refused in the error summary), listed, harvested now with its counts, failing with
// its reason, and removed after confirming; an import's preview naming the organisation in the hub that shares a
// charity number, linked to its record, "Nothing was merged"; axe clean in each state, no console errors or CSP refusals.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../server/service.js';
import { startFixtureFeed, type FixtureFeed } from '../fixtures/oruk/feeds/feed-server.js';
import { fixtureServices } from '../fixtures/oruk/feeds/services.js';
import { accessibilityViolations, expectClean, launchBrowser, openAdminConsole } from '../support/browser.js';
import { testTarget, useTestDatabase } from '../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../support/service.js';

const PUBLISHED = 'test/fixtures/oruk/published';
const NORTH_ORGANISATION = '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1c01';

describe('the admin console: feeds and possible duplicates', () => {
  useTestDatabase();
  let service: RunningService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let feed: FixtureFeed;

  beforeAll(async () => {
    feed = await startFixtureFeed(fixtureServices(5));
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    browser = await launchBrowser();
    // One tab for the whole file: the console is a single page, so each screen is reached as an admin reaches it.
    ({ context, page, problems } = await openAdminConsole(browser, service.url, { signInWith: TEST_ADMIN_TOKEN }));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await service?.stop();
    await feed?.close();
  });

  const axeClean = async () => expect(await accessibilityViolations(page)).toEqual([]);
  const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  /** The element focused, through every shadow root. */
  const focused = () =>
    page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return `${element?.tagName.toLowerCase()}#${element?.id ?? ''} ${element?.textContent?.trim().replace(/\s+/g, ' ') ?? ''}`;
    });
  /** Presses Tab until the focused element matches, as a keyboard user would. */
  async function tabTo(matches: RegExp, most = 30): Promise<void> {
    for (let i = 0; i < most; i++) {
      await page.keyboard.press('Tab');
      if (matches.test(await focused())) return;
    }
    throw new Error(`Tab never reached ${matches}; last focused: ${await focused()}`);
  }
  const feedRow = () => page.locator('admin-feeds tbody tr').filter({ hasText: feed.url });
  /**
   * Watches the Feeds screen from now on and returns a way to read the feed's row as it was in the very render a
   * harvest's result appeared in (the result cleared as the harvest starts, then shown again). A mutation observer's
   * callback runs before the page does anything else, so it sees that render, where polling would see a later one.
   */
  async function watchRowAsResultAppears(): Promise<() => Promise<string>> {
    const screen = page.locator('admin-feeds');
    await screen.evaluate((element: Element & { rowAsResultAppeared?: Promise<string> }, url: string) => {
      const root = element.shadowRoot!;
      element.rowAsResultAppeared = new Promise<string>((resolve) => {
        let cleared = false;
        const observer = new MutationObserver(() => {
          const result = root.querySelector('#harvested-heading');
          if (!result) cleared = true;
          else if (cleared) {
            observer.disconnect();
            const row = [...root.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.includes(url));
            resolve(row?.textContent ?? '(no row for the feed)');
          }
        });
        observer.observe(root, { childList: true, subtree: true, characterData: true });
      });
    }, feed.url);
    return () =>
      screen.evaluate((element: Element & { rowAsResultAppeared?: Promise<string> }) => element.rowAsResultAppeared!);
  }

  it('registers a feed, refusing a bad address in the error summary, and lists it with its schedule', async () => {
    await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Feeds' }).click();
    await page.getByRole('heading', { name: 'Feeds', level: 1 }).waitFor();
    expect(await focused()).toMatch(/^h1# Feeds/);
    await page.getByText('No feeds are registered.').waitFor();
    await axeClean();

    // The console's own check: an address without its scheme, linked from the summary to the field.
    await page.getByLabel('Feed address').fill('example.org/oruk');
    await page.getByRole('button', { name: 'Register the feed' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await focused()).toMatch(/^div#/);
    await summary.getByRole('button', { name: /is not a web address/ }).click();
    expect(await focused()).toMatch(/^input#feed-url/);
    await axeClean();

    // The service's check: a query is not part of a feed's base address; its words land beside the field too.
    await page.getByLabel('Feed address').fill(`${feed.url}?page=2`);
    await page.getByRole('button', { name: 'Register the feed' }).click();
    await summary.getByRole('button', { name: /has a query or fragment/ }).waitFor();
    expect(await text(page.locator('admin-feeds #feed-url-error'))).toMatch(/has a query or fragment/);
    expect(await page.locator('admin-feeds tbody tr').count()).toBe(0);

    await page.getByLabel('Feed address').fill(feed.url);
    await page.getByLabel('How often to harvest it').selectOption({ label: 'Every 6 hours' });
    await page.getByRole('button', { name: 'Register the feed' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Feed ${feed.url} registered` })
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const row = feedRow();
    expect(await text(row)).toMatch(/Every 6 hours Not harvested yet Due now/);
    await axeClean();
  });

  it('harvests a feed now, saying so while it runs, and shows the counts in the result and the list', async () => {
    const button = feedRow().getByRole('button', { name: `Harvest now ${feed.url}` });
    // From the banner the registration left focused, by keyboard alone; the run is announced while it lasts.
    await tabTo(/^button#harvest-0 Harvest now/);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Harvesting ${feed.url}.` })
      .waitFor();
    const result = page.getByRole('region', { name: `Harvest of ${feed.url} finished` });
    await result.waitFor({ timeout: 30_000 });
    expect(await focused()).toMatch(/^h2#harvested-heading/);
    // The schedule may have harvested it first (it looks once a minute), so the five are created or unchanged.
    const counts = /(\d) created, 0 updated, (\d) unchanged, 0 withdrawn, 0 restored/.exec(await text(result));
    expect(Number(counts?.[1]) + Number(counts?.[2])).toBe(5);
    await axeClean();

    // A service gone from the feed is withdrawn: said in the result and in the feed's last run.
    const gone = feed.services.pop()!;
    const rowWhenResultAppears = await watchRowAsResultAppears();
    await button.click();
    await expect
      .poll(async () => text(page.getByRole('region', { name: `Harvest of ${feed.url} finished` })), {
        timeout: 30_000,
      })
      .toMatch(/0 created, 0 updated, 4 unchanged, 1 withdrawn, 0 restored/);
    await expect
      .poll(async () => text(feedRow()), { timeout: 10_000 })
      .toMatch(/UTC: 0 created, 0 updated, 4 unchanged, 1 withdrawn, 0 restored/);
    // The row as it was when the result appeared, not a moment later: a screen reader reaching the row from the result
    // must hear the run finished, not "Harvesting…" beside the last run before.
    const rowThen = (await rowWhenResultAppears()).replace(/\s+/g, ' ').trim();
    expect(rowThen).not.toMatch(/Harvesting/);
    expect(rowThen).toMatch(/UTC: 0 created, 0 updated, 4 unchanged, 1 withdrawn, 0 restored/);
    feed.services.push(gone);

    // A feed that fails says why, and that nothing changed.
    feed.behaviour.failure = { kind: 'bad-json', on: '/oruk/services?page=1' };
    await button.click();
    const failed = page.getByRole('region', { name: `Harvest of ${feed.url} failed` });
    await failed.waitFor({ timeout: 30_000 });
    expect(await text(failed)).toMatch(/Nothing was changed/);
    expect(await text(feedRow())).toMatch(/Failed .* UTC: .+\. Nothing was changed\./);
    feed.behaviour.failure = undefined;
    await axeClean();
  });

  it('removes a feed only after confirming, focus kept where the admin is', async () => {
    await feedRow()
      .getByRole('button', { name: `Remove ${feed.url}` })
      .click();
    const confirm = page.getByRole('alertdialog', { name: `Remove the feed ${feed.url}?` });
    await confirm.waitFor();
    expect(await focused()).toMatch(/^h2#confirm-heading/);
    await axeClean();
    await confirm.getByRole('button', { name: 'No, keep it' }).click();
    expect(await focused()).toMatch(/^button#remove-0/);
    expect(await feedRow().count()).toBe(1);

    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Yes, remove it' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Feed ${feed.url} removed` })
      .waitFor();
    await page.getByText('No feeds are registered.').waitFor();
    const listed = await fetch(`${service.url}/admin/api/feeds`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(((await listed.json()) as { feeds: unknown[] }).feeds).toEqual([]);
    await axeClean();
  });

  it('shows an import’s possible duplicate organisations, linked to the hub’s record, and merges nothing', async () => {
    // The hub already holds North's charity; South's feed names the same charity under another id.
    const form = new FormData();
    form.append('file', new Blob([await readFile(`${PUBLISHED}/north-feed.json`, 'utf8')]), 'feeds/north-feed.json');
    const imported = await fetch(`${service.url}/admin/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: form,
    });
    expect(imported.status).toBe(200);

    await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await page.getByLabel('Files to import').setInputFiles({
      name: 'south-feed.json',
      mimeType: 'application/json',
      buffer: await readFile(`${PUBLISHED}/south-feed.json`),
    });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    const preview = page.getByRole('region', { name: 'Preview: nothing has changed yet' });
    await preview.waitFor({ timeout: 30_000 });
    await preview.getByRole('heading', { name: 'Possible duplicate organisations (1)' }).waitFor();
    const candidate = preview.getByRole('row', { name: /Northbridge Carers south-feed\.json, row 1/ });
    expect(await text(candidate)).toBe(
      'Northbridge Carers south-feed.json, row 1 Northbridge Carers Centre in the hub Charity number 1089323',
    );
    expect(await text(preview)).toContain('Nothing was merged.');
    const hubRecord = candidate.getByRole('link', { name: 'Northbridge Carers Centre' });
    expect(await hubRecord.getAttribute('href')).toBe(`#record/${NORTH_ORGANISATION}`);
    await axeClean();

    await preview.getByRole('button', { name: 'Apply the import' }).click();
    const applied = page.getByRole('region', { name: 'Import applied' });
    await applied.waitFor({ timeout: 30_000 });
    expect(await text(applied)).toContain('Nothing was merged.');
    // Applied, both organisations are in the hub, each a link to its record's screen.
    await applied.getByRole('link', { name: 'Northbridge Carers', exact: true }).waitFor();
    await applied.getByRole('link', { name: 'Northbridge Carers Centre' }).click();
    await page.getByRole('heading', { name: 'Northbridge Carers Centre', level: 1 }).waitFor();
    await axeClean();
    // The one console line expected: the browser's note of the 400 the service refused the address with a query in.
    await expectClean(page, problems, /responded with a status of 400 \(Bad Request\)/);
  });
});
