// The programme widget's trajectory chart in real Chromium: readings against the target line, the same as a table,
// in English and Welsh, axe clean, and drawn without a single style attribute under the demo page's strict CSP.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../schema/ids.js';
import { accessibilityViolations, collectProblems, launchBrowser } from '../support/browser.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../support/service.js';

const MECC_TARGET = nodeId('Target', 'nw-london-mecc-2000-staff-trained');

describe('the trajectory chart', () => {
  const { service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Readings made through the admin mutations: the seed has none, as no document states any. */
  async function addReading(key: string, date: string, value: number) {
    const admin = (text: string, variables: Record<string, unknown>) =>
      graphql(service(), text, variables, TEST_ADMIN_TOKEN).then((r) => {
        expect(r.body.errors).toBeUndefined();
        return r.body.data;
      });
    const created = await admin(
      'mutation ($key: String!, $p: JSONObject!) { createRecord(kind: TargetReading, key: $key, properties: $p) { id } }',
      { key, p: { date, value } },
    );
    await admin('mutation ($from: ID!, $to: ID!) { linkRecords(type: HAS_READING, from: $from, to: $to) }', {
      from: MECC_TARGET,
      to: created.createRecord.id,
    });
  }

  it('draws NW London’s readings against the line to 2,000 by 31 March 2018, with the same as a table', async () => {
    // Each look in a fresh context: the widgets' GETs are cacheable for a minute, and a browser keeps them.
    const open = async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      const problems = collectProblems(page);
      await page.goto(`${service().url}/demo`);
      await page.evaluate(() => {
        const section = document.createElement('section');
        section.id = 'trajectory';
        section.innerHTML =
          '<ph-programme programme="nw-london-mecc-roll-out"></ph-programme><div lang="cy"><ph-programme programme="nw-london-mecc-roll-out"></ph-programme></div>';
        document.querySelector('main')!.append(section);
      });
      const english = page.locator('#trajectory > ph-programme');
      await english.getByRole('heading', { name: 'Targets' }).waitFor();
      return { context, page, problems, english };
    };
    const before = await open();
    // No readings yet: the card says so and draws no chart.
    expect(await before.english.getByText('No progress reported yet').count()).toBe(1);
    expect(await before.english.locator('[part~="trajectory"]').count()).toBe(0);
    await before.context.close();

    await addReading('browser-mecc-2017-06', '2017-06-30', 200);
    await addReading('browser-mecc-2017-12', '2017-12-31', 1200);
    const { context, page, problems, english } = await open();
    const chart = english.getByRole('img', { name: /readings against the target line/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-labelledby')).toMatch(/-title .*-desc$/);
    expect(await english.locator('svg circle.reading').count()).toBe(2);
    expect(await english.locator('svg line.expected').count()).toBe(1);
    expect((await english.locator('figcaption').textContent())!.trim()).toBe('Behind the target line');
    const table = english.locator('[part~="trajectory-table"]');
    expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
      '30 June 2017\t200 people\t200 people',
      '31 December 2017\t1,200 people\t1,409 people',
      '31 March 2018\t\t2,000 people',
    ]);
    // The line is drawn where the table says: from the first reading up to the target at the deadline.
    const [lineRises, readingsRise] = await english.locator('svg').evaluate((svg) => {
      const line = svg.querySelector('line.expected')!;
      const circles = [...svg.querySelectorAll('circle.reading')].map((c) => Number(c.getAttribute('cy')));
      return [Number(line.getAttribute('y2')) < Number(line.getAttribute('y1')), circles[1]! < circles[0]!];
    });
    expect([lineRises, readingsRise]).toEqual([true, true]);

    const welsh = page.locator('#trajectory ph-programme').nth(1);
    await welsh.getByRole('img', { name: /darlleniadau yn erbyn llinell y targed/ }).waitFor();
    expect((await welsh.locator('figcaption').textContent())!.trim()).toBe('Y tu ôl i linell y targed');
    expect(await welsh.locator('[part~="trajectory-table"] thead th').allTextContents()).toEqual([
      'Dyddiad',
      'Darlleniad',
      'Llinell y targed',
    ]);

    // Nothing in the chart leans on a style attribute, which the page's CSP would refuse.
    expect(await english.locator('[part~="trajectory"] [style]').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(await accessibilityViolations(page, '#trajectory')).toEqual([]);
    await context.close();
  });
});
