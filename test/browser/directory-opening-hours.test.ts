// A service's opening hours in real Chromium, read from an imported Open Referral UK feed's schedules: the directory
// widget's detail and the plain /directory page show them as a table of days in English and Welsh, axe clean, and a
// service without schedules says its opening times are not published.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatch } from '../../server/database/import/importer.js';
import type { RunningService } from '../../server/service.js';
import { readOruk } from '../../seed/readers/oruk.js';
import { accessibilityViolations, collectProblems, launchBrowser } from '../support/browser.js';
import { testTarget, useTestDatabase, wipe } from '../support/database.js';
import { startTestService } from '../support/service.js';

const STOP_SMOKING = '3f1c9a52-5d0e-4a8b-9c61-2b7e4d0a1101';
const ALCOHOL = '3f1c9a52-5d0e-4a8b-9c61-2b7e4d0a1103';

const ENGLISH_ROWS = [
  'Monday and Tuesday\t9am to 5:30pm\t',
  'Wednesday\t9am to 5:30pm and 6pm to 8pm\t',
  'Thursday and Friday\t9am to 5:30pm\t',
  'Saturday\t10am to midday\t',
  'Sunday\t10am to 2pm\tOnly the last in the month. Family session.',
];
const WELSH_ROWS = [
  'Dydd Llun a dydd Mawrth\t9am i 5:30pm\t',
  'Dydd Mercher\t9am i 5:30pm a 6pm i 8pm\t',
  'Dydd Iau a dydd Gwener\t9am i 5:30pm\t',
  'Dydd Sadwrn\t10am i ganol dydd\t',
  'Dydd Sul\t10am i 2pm\tDim ond yr un olaf yn y mis. Family session.',
];

describe('opening hours in the directory', () => {
  const db = useTestDatabase();
  let service: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    await wipe(db());
    await importBatch(db(), await readOruk('test/fixtures/oruk/schedules/opening-hours.json'));
    service = await startTestService(testTarget());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  /** The rows of an opening-hours table as their cells' text, tab separated. */
  const rowsOf = (table: Locator) =>
    table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim()).join('\t')));
  const headersOf = (table: Locator) =>
    table.locator('thead th').evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));

  /** Opens a service's detail in a directory widget searching for its name. */
  async function openDetail(widget: Locator, name: string) {
    await widget.getByRole('button', { name }).click();
    await widget.locator('.detail').waitFor();
  }

  it('the widget shows a service’s hours as a table of days in English and Welsh, and says when none are published', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${service.url}/demo`);
    await page.evaluate(() => {
      const section = document.createElement('section');
      section.id = 'opening';
      section.innerHTML = `<ph-directory text="stop smoking drop-in" kind="service"></ph-directory>
        <div lang="cy"><ph-directory text="stop smoking drop-in" kind="service"></ph-directory></div>
        <ph-directory id="alcohol" text="alcohol advice line" kind="service"></ph-directory>`;
      document.querySelector('main')!.append(section);
    });
    const english = page.locator('#opening > ph-directory').first();
    await openDetail(english, 'Stop smoking drop-in');
    const table = english.getByRole('table', { name: 'Opening times' });
    expect(await headersOf(table)).toEqual(['Day', 'Times', 'Notes']);
    expect(await rowsOf(table)).toEqual(ENGLISH_ROWS);
    // Each row is named by its day for a screen reader: a header cell of the row.
    expect(await table.locator('tbody th[scope="row"]').count()).toBe(5);

    const welsh = page.locator('#opening [lang="cy"] ph-directory');
    await openDetail(welsh, 'Stop smoking drop-in');
    const welshTable = welsh.getByRole('table', { name: 'Amseroedd agor' });
    expect(await headersOf(welshTable)).toEqual(['Diwrnod', 'Amseroedd', 'Nodiadau']);
    expect(await rowsOf(welshTable)).toEqual(WELSH_ROWS);

    const alcohol = page.locator('#alcohol');
    await openDetail(alcohol, 'Alcohol advice line');
    expect((await alcohol.locator('[part~="opening-hours"]').textContent())!.trim()).toBe(
      'Opening times not published',
    );
    expect(await alcohol.getByRole('table').count()).toBe(0);

    expect(await accessibilityViolations(page, '#opening')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the plain page shows the same table in English and Welsh, with schema.org hours, and says when none are published', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);

    await page.goto(`${service.url}/directory/${STOP_SMOKING}`);
    const table = page.getByRole('table', { name: 'Opening times' });
    expect(await headersOf(table)).toEqual(['Day', 'Times', 'Notes']);
    expect(await rowsOf(table)).toEqual(ENGLISH_ROWS);
    expect(await accessibilityViolations(page)).toEqual([]);
    const structured = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as {
      hoursAvailable?: { dayOfWeek: string; opens: string; closes: string }[];
    };
    // The weekly sessions, for search engines; the last Sunday of the month has no such form.
    expect(structured.hoursAvailable?.map((h) => `${h.dayOfWeek.split('/').pop()} ${h.opens}-${h.closes}`)).toEqual([
      'Monday 09:00-17:30',
      'Tuesday 09:00-17:30',
      'Wednesday 09:00-17:30',
      'Wednesday 18:00-20:00',
      'Thursday 09:00-17:30',
      'Friday 09:00-17:30',
      'Saturday 10:00-12:00',
    ]);

    await page.goto(`${service.url}/directory/${STOP_SMOKING}?lang=cy`);
    const welsh = page.getByRole('table', { name: 'Amseroedd agor' });
    expect(await rowsOf(welsh)).toEqual(WELSH_ROWS);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${service.url}/directory/${ALCOHOL}`);
    expect(await page.getByText('Opening times not published').count()).toBe(1);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.goto(`${service.url}/directory/${ALCOHOL}?lang=cy`);
    expect(await page.getByText('Nid yw’r amseroedd agor wedi’u cyhoeddi').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
