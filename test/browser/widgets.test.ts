// The widgets in real headless Chromium, on the demo page the service serves under its strict CSP, against the
// seed data: what they render, keyboard-only use, axe-core (WCAG 2.2 A and AA), theming, events and fallbacks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../schema/ids.js';
import { createKey } from '../../server/database/api-keys.js';
import { VERSION } from '../../server/service.js';
import {
  accessibilityViolations,
  collectProblems,
  launchBrowser,
  SCREENSHOTS,
  warmWidgets,
} from '../support/browser.js';
import { graphql, useSeededService, TEST_ADMIN_TOKEN } from '../support/service.js';

describe('widgets in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  /** A council's own site on another origin, serving whatever page a test puts in `council.html`. */
  const council = { html: '', origin: '', key: '', server: undefined as Server | undefined };
  const { service } = useSeededService({
    env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN },
    prepare: async (db) => {
      council.server = createServer((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(council.html),
      );
      await new Promise<void>((resolve) => council.server!.listen(0, '127.0.0.1', resolve));
      council.origin = `http://127.0.0.1:${(council.server.address() as AddressInfo).port}`;
      // Made before the service starts: it reads widget keys' origins for CORS at most every 30 s.
      council.key = (await createKey(db, 'Harrow council website', 'public', [council.origin])).secret;
    },
  });

  beforeAll(async () => {
    browser = await launchBrowser();
    // The demo once, until each widget has loaded, so that the first test meets a warm service as the others do.
    await warmWidgets(browser, `${service().url}/demo`, [
      'ph-directory',
      'ph-programme',
      'ph-comms-plan',
      'ph-network',
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    council.server?.close();
  });

  /** A fresh page on the demo, wide like a desktop unless told otherwise, with its console errors collected. */
  async function openDemo(width = 1100): Promise<{ page: Page; problems: string[] }> {
    context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${service().url}/demo`);
    return { page, problems };
  }
  const closeDemo = () => context?.close();

  /** The first load after the service starts is slower (cold caches), so polls get longer than vitest's 1 s. */
  const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

  /** Waits until a widget has rendered its data (it emits ph-load once it has). */
  const loaded = (page: Page, tag: string) => page.locator(tag).locator('[part~="base"]').first().waitFor();

  it('renders every widget from the service on the demo page, under a strict CSP, with no console errors', async () => {
    const { page, problems } = await openDemo();
    const response = await page.request.get(`${service().url}/demo`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers()['content-security-policy']).not.toContain('unsafe');

    const directory = page.locator('ph-directory');
    await poll(() => directory.locator('.count').textContent()).toMatch(/^Showing 10 of \d+ results$/);
    await page
      .locator('ph-programme')
      .getByRole('heading', { name: 'Barnet Public Health Immunisation Action Plan 2017/18' })
      .waitFor();
    await page
      .locator('ph-comms-plan')
      .getByRole('heading', { name: 'Communication plan: Taking Care 24-7' })
      .waitFor();
    await page.locator('ph-network').getByRole('table').waitFor();

    for (const tag of ['ph-directory', 'ph-programme', 'ph-comms-plan', 'ph-network']) {
      await page.locator(tag).screenshot({ path: path.join(SCREENSHOTS, `${tag}.png`) });
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    await closeDemo();
  });

  it('finds no WCAG 2.2 A or AA violations in any widget, shadow roots included', async () => {
    const { page } = await openDemo();
    await loaded(page, 'ph-network');
    await page.locator('ph-directory .result').first().waitFor();
    await page.locator('ph-comms-plan table').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // The check can fail: an unlabelled field inside a shadow root is found.
    await page.evaluate(() => {
      const host = document.createElement('div');
      host.id = 'unlabelled';
      host.attachShadow({ mode: 'open' }).append(document.createElement('input'));
      document.querySelector('main')!.append(host);
    });
    expect((await accessibilityViolations(page, '#unlabelled')).join('\n')).toMatch(/^label: /m);
    await closeDemo();
  });

  it('the directory: presets, search, detail and show more, all by keyboard', async () => {
    const { page } = await openDemo();
    const directory = page.locator('ph-directory');
    await directory.locator('.result').first().waitFor();
    // The area preset is applied: Barnet is chosen in the borough filter.
    expect(await directory.locator('select#area').inputValue()).toBe('E09000003');

    // Keyboard only: into the search box, type, submit with Enter.
    await directory.locator('input#text').focus();
    await page.keyboard.type('smoking');
    await page.keyboard.press('Enter');
    await poll(() => directory.locator('.count').textContent()).toMatch(/^Showing \d+ of \d+ results?$/);
    const names = await directory.locator('.result h3').allTextContents();
    expect(names.some((n) => /smok/i.test(n))).toBe(true);

    // Tab from the search button to the first result and open it with Enter: focus moves to the detail's heading.
    await directory.locator('button[type="submit"]').focus();
    await page.keyboard.press('Tab');
    const first = names[0]!.trim();
    await poll(() =>
      page.evaluate(() => document.querySelector('ph-directory')!.shadowRoot!.activeElement?.textContent?.trim()),
    ).toBe(first);
    await page.keyboard.press('Enter');
    await directory.locator('.detail').waitFor();
    await poll(() => page.evaluate(() => document.querySelector('ph-directory')!.shadowRoot!.activeElement?.id)).toBe(
      'detail-heading',
    );
    expect(await page.locator('#event-log').textContent()).toContain('ph-select from <ph-directory>');
    expect(await accessibilityViolations(page, 'ph-directory')).toEqual([]);
    await directory.screenshot({ path: path.join(SCREENSHOTS, 'ph-directory-detail.png') });

    // Back to the results, and focus returns to the result that was opened.
    await directory.getByRole('button', { name: 'Back to results' }).press('Enter');
    await poll(() =>
      page.evaluate(() => document.querySelector('ph-directory')!.shadowRoot!.activeElement?.textContent?.trim()),
    ).toBe(first);
    await closeDemo();
  });

  it("the directory searches by GET with a persisted-query hash, and a repeated search comes from the browser's cache", async () => {
    const { page } = await openDemo();
    const directory = page.locator('ph-directory');
    await directory.locator('.result').first().waitFor();
    // What the browser sends for the directory's searches, and where each answer came from (the DevTools protocol
    // says when the HTTP cache answered without asking the service).
    const searches = new Map<string, { method: string; url: URL; fromCache?: boolean }>();
    const cdp = await context.newCDPSession(page);
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      const url = new URL(request.url);
      if (
        url.pathname === '/graphql' &&
        (url.searchParams.get('operationName') === 'DirectorySearch' || request.postData?.includes('DirectorySearch'))
      ) {
        searches.set(requestId, { method: request.method, url });
      }
    });
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const search = searches.get(requestId);
      if (search) search.fromCache = response.fromDiskCache || response.fromPrefetchCache === true;
    });
    await cdp.send('Network.enable');
    const answered = () => [...searches.values()].filter((s) => s.fromCache !== undefined);

    // A text no other test searches for, so neither this browser nor the service has its answer yet.
    await directory.locator('input#text').fill('weight');
    await directory.locator('input#text').press('Enter');
    await poll(() => answered().length).toBe(1);
    const [first] = answered();
    expect(first!.method).toBe('GET');
    expect(JSON.parse(first!.url.searchParams.get('extensions')!).persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first!.url.searchParams.has('query')).toBe(false); // the page's first search taught the service the hash
    expect(first!.fromCache).toBe(false);

    // The same search again within the minute: the browser answers it from its cache, the service is not asked.
    await directory.locator('input#text').press('Enter');
    await poll(() => answered().length).toBe(2);
    const [, repeat] = answered();
    expect(repeat!.url.href).toBe(first!.url.href);
    expect(repeat!.fromCache).toBe(true);
    expect([...searches.values()].every((s) => s.method === 'GET')).toBe(true);
    await poll(() => directory.locator('.count').textContent()).toMatch(/^Showing \d+ of \d+ results?$|^No /);
    await closeDemo();
  });

  it('the directory pages through results with show more, moving focus to the first new one', async () => {
    const { page } = await openDemo();
    const directory = page.locator('ph-directory');
    await poll(() => directory.locator('.count').textContent()).toMatch(/^Showing 10 of \d+ results$/);
    const total = Number((await directory.locator('.count').textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(10);
    await directory.getByRole('button', { name: 'Show more results' }).press('Enter');
    await poll(() => directory.locator('.result').count()).toBe(Math.min(20, total));
    const eleventh = (await directory.locator('.result h3').nth(10).textContent())!.trim();
    await poll(() =>
      page.evaluate(() => document.querySelector('ph-directory')!.shadowRoot!.activeElement?.textContent?.trim()),
    ).toBe(eleventh);
    await closeDemo();
  });

  it('the directory says what to do when a postcode is unknown or the service cannot be reached', async () => {
    const { page } = await openDemo();
    const directory = page.locator('ph-directory');
    await directory.locator('.result').first().waitFor();
    await directory.locator('input#postcode').fill('ZZ9 9ZZ');
    await directory.locator('input#postcode').press('Enter');
    await expect(directory.getByRole('alert').textContent()).resolves.toContain('We do not recognise that postcode');

    // A widget pointed at a service that is not there: an error with a way to try again, not a blank space.
    await page.evaluate(() => {
      const broken = document.createElement('ph-programme');
      broken.setAttribute('programme', 'barnet-immunisation-2017-18');
      broken.setAttribute('api', 'http://127.0.0.1:9');
      broken.id = 'broken';
      document.querySelector('main')!.append(broken);
    });
    const broken = page.locator('#broken');
    await expect(broken.getByRole('alert').textContent()).resolves.toContain(
      'We could not reach the Partnership Hub service',
    );
    await broken.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await accessibilityViolations(page, '#broken')).toEqual([]);

    // A widget missing its one required attribute tells the page's editor.
    await page.evaluate(() =>
      document.querySelector('main')!.append(Object.assign(document.createElement('ph-comms-plan'), { id: 'unset' })),
    );
    await expect(page.locator('#unset').getByRole('alert').textContent()).resolves.toContain(
      'needs a programme attribute',
    );
    await closeDemo();
  });

  it('the programme: workstreams with actions, overdue markers, targets, and a status filter', async () => {
    // The seed's targets have no readings yet; an admin records one so that progress has something to show.
    const admin = (query: string, variables: Record<string, unknown>) =>
      graphql(service(), query, variables, TEST_ADMIN_TOKEN);
    const { body } = await admin(`{ programme(key: "barnet-immunisation-2017-18") { targets { id value } } }`, {});
    const target = body.data.programme.targets[0];
    const reading = await admin(
      `mutation ($p: JSONObject!) { createRecord(kind: TargetReading, key: "browser-test-reading", properties: $p) { id } }`,
      { p: { date: '2018-01-31', value: target.value / 2 } },
    );
    expect(reading.body.errors).toBeUndefined();
    const linked = await admin(
      `mutation ($from: ID!, $to: ID!) { linkRecords(type: HAS_READING, from: $from, to: $to) }`,
      { from: target.id, to: reading.body.data.createRecord.id },
    );
    expect(linked.body.errors).toBeUndefined();

    const { page, problems } = await openDemo();
    const programme = page.locator('ph-programme');
    await programme.locator('table').first().waitFor();
    expect(await programme.locator('h3').allTextContents()).toEqual(expect.arrayContaining(['Targets']));
    expect(await programme.locator('table tbody tr').count()).toBeGreaterThan(5);
    expect(await programme.locator('[part~="overdue"]').count()).toBeGreaterThan(0);
    const progress = programme.getByRole('progressbar');
    expect(await progress.getAttribute('aria-valuenow')).toBe('50');
    expect(await progress.getAttribute('aria-valuetext')).toBe('50% of target');
    // The bar is drawn half full under the demo's strict CSP, which refuses inline style attributes.
    const [bar, filled] = await progress.evaluate((element) => [
      element.getBoundingClientRect().width,
      element.querySelector('span')!.getBoundingClientRect().width,
    ]);
    expect(filled! / bar!).toBeCloseTo(0.5, 1);
    expect(problems).toEqual([]);

    await programme.locator('select#status').focus();
    await programme.locator('select#status').selectOption('COMPLETED');
    await poll(
      async () => new Set(await programme.locator('tbody td[data-label="Status"]').allTextContents()).size,
    ).toBe(1);
    expect((await programme.locator('tbody td[data-label="Status"]').first().textContent())!.trim()).toBe('Completed');
    await closeDemo();
  });

  it("the programme tells time from its plan's date and shows inferred partners as inferences, in English and Welsh, axe clean", async () => {
    const { page } = await openDemo();
    const barnet = page.locator('ph-programme').first();
    await barnet.locator('table').first().waitFor();
    // Barnet's plan speaks from June 2017: its MMR2 row, due September 2017, was not late then, so it is not "overdue".
    const mmr2 = barnet.locator('tr', { hasText: 'MMR2 to reach 95% target' });
    expect((await mmr2.locator('[part~="overdue"]').textContent())!.trim()).toBe('No report since June 2017');
    expect(await barnet.getByText('Overdue', { exact: true }).count()).toBe(0);
    expect(
      await barnet.locator('tr', { hasText: 'quarterly news letters' }).locator('[part~="timing"]').textContent(),
    ).toBe('No report since June 2017');

    // London's work programme: the Fire Brigade and the voluntary sector are proposed partners read into the document.
    await page.evaluate(() => {
      const section = document.createElement('section');
      section.id = 'london';
      section.innerHTML =
        '<ph-programme programme="london-mecc-2017-18"></ph-programme><div lang="cy"><ph-programme programme="barnet-immunisation-2017-18"></ph-programme></div>';
      document.querySelector('main')!.append(section);
    });
    const london = page.locator('#london > ph-programme');
    await london.getByRole('heading', { name: 'Partners' }).waitFor();
    const fire = london.locator('[part~="partners"] li', { hasText: 'London Fire Brigade' });
    expect(await fire.textContent()).toContain('(Proposed partner)');
    expect((await fire.locator('[part~="inferred"]').textContent())!).toMatch(/^inferred: .*not as partners/);
    expect(await london.locator('[part~="partners"] li', { hasNotText: 'inferred:' }).count()).toBeGreaterThan(0);

    const welsh = page.locator('#london ph-programme').nth(1);
    await welsh.locator('table').first().waitFor();
    expect(
      (await welsh
        .locator('tr', { hasText: 'MMR2 to reach 95% target' })
        .locator('[part~="overdue"]')
        .textContent())!.trim(),
    ).toBe('Dim adroddiad ers Mehefin 2017');
    expect(await accessibilityViolations(page, '#london')).toEqual([]);
    expect(await accessibilityViolations(page, 'ph-programme')).toEqual([]);
    await closeDemo();
  });

  it('the communication plan: a matrix on wide screens, cards on narrow ones', async () => {
    const wide = await openDemo(1100);
    const plan = wide.page.locator('ph-comms-plan');
    await plan.locator('table').waitFor();
    expect(await plan.locator('table thead th').allTextContents()).toEqual([
      'Stakeholder group',
      'Summary of need',
      'Engagement',
      'Method',
      'Frequency',
      'Who produces',
      'Who delivers',
    ]);
    expect(await plan.locator('.cards').isVisible()).toBe(false);
    const rows = await plan.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(10);
    await closeDemo();

    const narrow = await openDemo(380);
    const cards = narrow.page.locator('ph-comms-plan');
    await cards.locator('.card').first().waitFor();
    expect(await cards.locator('table').isVisible()).toBe(false);
    expect(await cards.locator('.card').count()).toBe(rows);
    await cards.screenshot({ path: path.join(SCREENSHOTS, 'ph-comms-plan-narrow.png') });
    expect(await accessibilityViolations(narrow.page, 'ph-comms-plan')).toEqual([]);
    await closeDemo();
  });

  it('the network: a table first, filters, expansion, and a graph that loads only when asked for', async () => {
    // The seed's two partnerships (London MECC, Barnet's plan) do not meet; an admin records that PHE also partners
    // Barnet's plan, so that London's network reaches that plan and expanding it has partners to add.
    const link = await graphql(
      service(),
      `mutation ($from: ID!, $to: ID!, $p: JSONObject) { linkRecords(type: PARTNER_IN, from: $from, to: $to, properties: $p) }`,
      {
        from: nodeId('Organisation', 'public-health-england'),
        to: nodeId('Programme', 'barnet-immunisation-2017-18'),
        p: { role: 'PARTNER' },
      },
      TEST_ADMIN_TOKEN,
    );
    expect(link.body.errors).toBeUndefined();

    const { page } = await openDemo();
    const graphRequests: string[] = [];
    page.on('request', (request) => {
      if (/graph-view/.test(request.url())) graphRequests.push(request.url());
    });
    const network = page.locator('ph-network');
    await network.getByRole('table').waitFor();
    const partnerships = await network.locator('tbody tr').count();
    expect(partnerships).toBeGreaterThan(5);
    expect(graphRequests).toEqual([]); // sigma.js is not loaded for the table

    // Role filter: proposed partners only (the London Fire Brigade).
    await network.getByRole('checkbox', { name: 'Proposed partner' }).check();
    await poll(() => network.locator('tbody tr').count()).toBeLessThan(partnerships);
    expect(await network.locator('tbody').textContent()).toContain('London Fire Brigade');
    await network.getByRole('checkbox', { name: 'Proposed partner' }).uncheck();

    // Expanding a member adds the partners around it (Barnet's council and CCG) and tells the page.
    const before = await network.locator('tbody tr').count();
    await network
      .getByRole('button', { name: 'Barnet Public Health Immunisation Action Plan 2017/18' })
      .first()
      .press('Enter');
    await poll(() => network.locator('tbody tr').count()).toBe(before + 2);
    expect(await network.locator('tbody').textContent()).toMatch(/Barnet CCG/i);
    expect(await page.locator('#event-log').textContent()).toContain('ph-select from <ph-network>');

    // The graph view: the lazily loaded chunk, a canvas, and keyboard navigation announced to screen readers.
    await network.getByRole('radio', { name: 'Graph' }).check();
    await network.locator('.graph canvas').first().waitFor();
    expect(graphRequests.length).toBe(1);
    await network.locator('.graph').focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => network.locator('[aria-live="polite"]').textContent()).toMatch(/: \d+ links?\.$/);
    await network.screenshot({ path: path.join(SCREENSHOTS, 'ph-network-graph.png') });
    expect(await accessibilityViolations(page, 'ph-network')).toEqual([]);
    await closeDemo();
  });

  it('the network shows inferred partnerships as inferences: "inferred: <reason>" in its table, dashed in its graph with a key, in English and Welsh, axe clean', async () => {
    const { page, problems } = await openDemo();
    // London's work programme: the Fire Brigade and the voluntary sector are proposed partners read into the document.
    await page.evaluate(() => {
      const section = document.createElement('section');
      section.id = 'inferred-network';
      section.innerHTML =
        '<ph-network programme="london-mecc-2017-18" depth="1"></ph-network><div lang="cy"><ph-network programme="london-mecc-2017-18" depth="1"></ph-network></div>';
      document.querySelector('main')!.append(section);
    });
    const network = page.locator('#inferred-network > ph-network');
    await network.getByRole('table').waitFor();
    const inferredRows = network.locator('tbody tr', { has: page.locator('[part~="inferred"]') });
    expect(await inferredRows.count()).toBe(2);
    const rows = await inferredRows.allTextContents();
    expect(rows.some((r) => r.includes('London Fire Brigade'))).toBe(true);
    expect(rows.some((r) => /voluntary/i.test(r))).toBe(true);
    for (const reason of await network.locator('[part~="inferred"]').allTextContents())
      expect(reason).toMatch(/^inferred: \S/);
    // Stated partnerships say nothing of the kind.
    expect(await network.locator('tbody tr', { hasNotText: 'inferred:' }).count()).toBeGreaterThan(0);

    const welsh = page.locator('#inferred-network div[lang="cy"] ph-network');
    await welsh.getByRole('table').waitFor();
    expect(await welsh.locator('[part~="inferred"]').count()).toBe(2);
    expect((await welsh.locator('[part~="inferred"]').first().textContent())!).toMatch(/^wedi’i gasglu: \S/);

    // The graph: inferred partnerships drawn dashed on their own layer (not by colour alone), and a key saying so.
    await network.getByRole('radio', { name: 'Graph' }).check();
    await network.locator('.graph canvas.sigma-inferred').waitFor();
    const legend = network.locator('[part~="legend"]');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.getByRole('listitem').allTextContents()).toEqual([
      'Partnership its document states (solid line)',
      'Partnership read into its document, not stated (dashed line)',
    ]);
    expect(await legend.locator('.line.dashed').evaluate((line) => getComputedStyle(line).borderTopStyle)).toBe(
      'dashed',
    );
    // The dashed layer has something drawn on it: the two inferred partnerships.
    await poll(() =>
      network.locator('.graph canvas.sigma-inferred').evaluate((element) => {
        const canvas = element as HTMLCanvasElement;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
        return painted;
      }),
    ).toBeGreaterThan(50);
    // Strict CSP: nothing in the widget's own markup carries a style attribute, and nothing was refused.
    expect(
      await network.evaluate(
        (element) =>
          [...element.shadowRoot!.querySelectorAll('[style]')].filter((styled) => !styled.closest('.graph')).length,
      ),
    ).toBe(0);
    expect(problems).toEqual([]);
    await network.screenshot({ path: path.join(SCREENSHOTS, 'ph-network-inferred.png') });
    expect(await accessibilityViolations(page, '#inferred-network')).toEqual([]);
    await closeDemo();
  });

  it('takes theming through --ph-* properties and ::part, and lets no page style leak in', async () => {
    const { page } = await openDemo();
    const directory = page.locator('ph-directory');
    await directory.locator('.result').first().waitFor();
    // The page's own styles, added as a constructed stylesheet (the CSP forbids inline <style>, as council sites may).
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`h2 { color: rgb(255, 0, 0); font-family: 'Comic Sans MS'; } button { background: rgb(255, 0, 0); }
        ph-directory { --ph-colour-button: rgb(1, 2, 3); } ph-directory::part(heading) { letter-spacing: 3px; }`);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    const style = (selector: string, property: string) =>
      directory
        .locator(selector)
        .first()
        .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    expect(await style('button[type="submit"]', 'background-color')).toBe('rgb(1, 2, 3)'); // the custom property
    expect(await style('h2', 'letter-spacing')).toBe('3px'); // the part
    expect(await style('h2', 'color')).not.toBe('rgb(255, 0, 0)'); // page rules do not reach inside
    expect(await style('h2', 'font-family')).not.toContain('Comic Sans');
    expect(await page.locator('main > h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(11, 12, 12)'); // nor do widget rules leak out
    await closeDemo();
  });

  it("works embedded in another site's page with a widget key for that site, and refuses the key elsewhere", async () => {
    // The council's page loads the script from the service and presents a key bound to the council's origin.
    const api = service().url.replace('127.0.0.1', 'localhost'); // a different origin from the council's
    council.html = `<!doctype html><html lang="en-GB"><head><title>Council</title>
      <script type="module" src="${api}/widgets/${VERSION}/ph-directory.js"></script></head>
      <body><main><h1>Stop smoking in Harrow</h1><ph-directory api="${api}" key="${council.key}" area="E09000015" topic="stop-smoking"></ph-directory></main></body></html>`;
    context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    // Reads go by GET even across origins: CORS lets the key's site send the headers they carry.
    const methods = new Set<string>();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') methods.add(request.method());
    });
    await page.goto(council.origin);
    const directory = page.locator('ph-directory');
    await poll(() => directory.locator('.count').textContent()).toMatch(/^Showing \d+ of \d+ results?$/);
    expect(await directory.locator('.result h3').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Harrow')]),
    );
    expect(problems).toEqual([]);
    expect([...methods]).toEqual(['GET']);
    await closeDemo();

    // The same page and key on another site: the service refuses the key, and the widget says so.
    const other = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end(council.html),
    );
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      context = await browser.newContext();
      const copied = await context.newPage();
      await copied.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}`);
      await copied.locator('ph-directory').getByRole('alert').waitFor();
      await closeDemo();
    } finally {
      other.close();
    }
  });

  it('without JavaScript, shows the fallback link to plain HTML directory pages that work on their own', async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${service().url}/demo`);
    const fallback = page.getByRole('link', { name: 'Find health and wellbeing services in Barnet' });
    await fallback.click();
    await page.waitForURL(/\/directory\?area=E09000003/);
    expect(await page.locator('.count').textContent()).toMatch(/^Showing \d+ of \d+ results?$/);
    const first = page.locator('.results a').first();
    const name = (await first.textContent())!.trim();
    await first.click();
    expect((await page.locator('h1').textContent())!.trim()).toBe(name);
    await closeDemo();

    // The same pages pass axe (checked with JavaScript on, as axe needs it; the pages themselves have no script).
    const checked = await openDemo();
    await checked.page.goto(`${service().url}/directory?area=E09000003&kind=service`);
    expect(await accessibilityViolations(checked.page)).toEqual([]);
    await checked.page.screenshot({ path: path.join(SCREENSHOTS, 'directory-page.png'), fullPage: true });
    await closeDemo();
  });
});
