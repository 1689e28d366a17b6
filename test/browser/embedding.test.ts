// Embedding as a council does it alone, in real headless Chromium: the /demo snippet pasted unchanged into a page on
// another origin with a strict CSP, pages pinned to the previous release and to this one, frames, each widget's
// fallback page without JavaScript, and Welsh.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLES } from '../../contract/demo-examples.js';
import { WIDGETS_VERSION } from '../../contract/widgets-version.js';
import { accessibilityViolations, collectProblems, launchBrowser, SCREENSHOTS } from '../support/browser.js';
import { graphql, useSeededService, TEST_ADMIN_TOKEN } from '../support/service.js';

const decodeEntities = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

describe('embedding the widgets as a council would', () => {
  const { service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });
  let browser: Browser;
  let context: BrowserContext | undefined;
  /** A council's own site on another origin: it serves `page.html` with `page.csp` as its Content-Security-Policy. */
  const council = { html: '', csp: '', origin: '', server: undefined as Server | undefined };
  /** The /demo page's snippets, in the order of its examples: each widget's script snippet, then its frame snippet. */
  let snippets: string[] = [];

  beforeAll(async () => {
    council.server = createServer((_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': council.csp })
        .end(council.html),
    );
    await new Promise<void>((resolve) => council.server!.listen(0, '127.0.0.1', resolve));
    council.origin = `http://127.0.0.1:${(council.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const demo = await (await fetch(`${service().url}/demo`)).text();
    snippets = [...demo.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => decodeEntities(m[1]!));
  });
  afterAll(async () => {
    await browser?.close();
    council.server?.close();
  });

  /** Opens the council's page holding `body`, under a strict policy that adds only what `directives` say. */
  async function councilPage(body: string, directives: string): Promise<{ page: Page; problems: string[] }> {
    council.html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Example Council: health</title></head>
<body><main><h1>Health and wellbeing</h1>
${body}
</main></body></html>`;
    council.csp = `default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; ${directives}`;
    context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    return { page, problems };
  }
  const close = async () => {
    await context?.close();
    context = undefined;
  };
  const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
  const resultsShown = (page: Page) =>
    poll(() => page.locator('ph-directory').locator('.count').textContent()).toMatch(/^Showing \d+ of \d+ results?$/);

  it('a page on another origin with a strict CSP, holding exactly the /demo snippet, shows results with no console error and axe clean', async () => {
    const snippet = snippets[0]!;
    expect(snippet).toContain(`${service().url}/widgets/${WIDGETS_VERSION.split('.')[0]}/ph-directory.js`);
    // The directives the snippet itself says to add, and nothing more.
    const directives = /add this service to it:\s*\n\s*(.+?) -->/.exec(snippet)![1]!;
    expect(directives).toBe(`script-src ${service().url}; connect-src ${service().url}`);
    const { page, problems } = await councilPage(snippet, directives);
    await page.goto(council.origin);
    // Time to first results: from navigation start until the count is shown, as the page's own clock has it.
    await page.waitForFunction(
      () =>
        /^Showing/.test(document.querySelector('ph-directory')?.shadowRoot?.querySelector('.count')?.textContent ?? ''),
      undefined,
      { timeout: 20_000 },
    );
    const firstResultsMs = await page.evaluate(() => Math.round(performance.now()));
    console.log(`council page: first results after ${firstResultsMs} ms (cold service, localhost)`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'council-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await close();
  });

  it('a page pinned to the previous release keeps working after the upgrade, as does one pinned to this release with its integrity', async () => {
    const api = service().url;
    const element = '<ph-directory area="E09000003" topic="stop-smoking"></ph-directory>';
    const directives = `script-src ${api}; connect-src ${api}`;

    // Pinned to 0.1.0 before this release existed: still served, unchanged.
    const previous = await councilPage(
      `<script type="module" src="${api}/widgets/0.1.0/ph-directory.js"></script>${element}`,
      directives,
    );
    await previous.page.goto(council.origin);
    await resultsShown(previous.page);
    expect(previous.problems).toEqual([]);
    await close();

    // This exact version, as the snippet's commented line pins it, with Subresource Integrity.
    const pinned = /<script type="module" src="[^"]+" integrity="sha384-[^"]+" crossorigin="anonymous"><\/script>/.exec(
      snippets[0]!,
    )![0];
    expect(pinned).toContain(`/widgets/${WIDGETS_VERSION}/ph-directory.js`);
    const current = await councilPage(`${pinned}${element}`, directives);
    await current.page.goto(council.origin);
    await resultsShown(current.page);
    expect(current.problems).toEqual([]);
    await close();

    // The browser checks that integrity: a script whose bytes do not match is refused, and the widget never starts.
    const tampered = await councilPage(
      `${pinned.replace(/sha384-[^"]+/, 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')}${element}`,
      directives,
    );
    await tampered.page.goto(council.origin);
    await poll(() => tampered.problems.join('\n')).toMatch(/integrity/i);
    expect(await tampered.page.evaluate(() => customElements.get('ph-directory') === undefined)).toBe(true);
    await close();

    // Pages get Lit's production build even when the build ran under a test runner's NODE_ENV, as this suite's did.
    const chunks = path.resolve('widgets', 'dist', 'chunks');
    for (const file of readdirSync(chunks).filter((f) => f.endsWith('.js')))
      expect(readFileSync(path.join(chunks, file), 'utf8'), file).not.toContain('Lit is in dev mode');

    // The alias redirects to the newest release of its major version, briefly cached; exact versions are immutable.
    const alias = await fetch(`${api}/widgets/${WIDGETS_VERSION.split('.')[0]}/ph-directory.js`, {
      redirect: 'manual',
    });
    expect(alias.status).toBe(302);
    expect(alias.headers.get('location')).toBe(`/widgets/${WIDGETS_VERSION}/ph-directory.js`);
    expect(alias.headers.get('cache-control')).toBe('public, max-age=300');
    const exact = await fetch(`${api}/widgets/0.1.0/ph-directory.js`);
    expect(exact.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${api}/widgets/7.0.0/ph-directory.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/has 0\.1\.0, .*use \/widgets\/<major>\//);
    // Each version serves the description of its own elements.
    const manifest = (await (await fetch(`${api}/widgets/${WIDGETS_VERSION}/custom-elements.json`)).json()) as {
      modules: { declarations?: { tagName?: string }[] }[];
    };
    expect(manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName)).toEqual(
      expect.arrayContaining(['ph-directory', 'ph-programme', 'ph-comms-plan', 'ph-network']),
    );
  });

  it("each widget's fallback link leads to a page showing its content without JavaScript", async () => {
    // The seed has London's 33 boroughs; England has about 300, which the API gives 100 at a time. An admin adds
    // enough for a second page, so the directory page must follow the pages to offer them all.
    for (let n = 1; n <= 80; n++) {
      const { body } = await graphql(
        service(),
        'mutation ($key: String!, $p: JSONObject!) { createRecord(kind: Area, key: $key, properties: $p) { id } }',
        {
          key: `E099${String(n).padStart(5, '0')}`,
          p: { name: `Zz test borough ${String(n).padStart(2, '0')}`, level: 'BOROUGH' },
        },
        TEST_ADMIN_TOKEN,
      );
      expect(body.errors).toBeUndefined();
    }
    context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const expectations: Record<string, () => Promise<void>> = {
      'ph-directory': async () => {
        expect(await page.locator('.count').textContent()).toMatch(/^Showing \d+ of \d+ results?$/);
        // Every borough is offered, not only the first page of them.
        expect(await page.locator('select#area option').count()).toBeGreaterThan(1 + 100);
        expect(await page.locator('select#area option').last().textContent()).toBe('Zz test borough 80');
      },
      'ph-programme': async () => {
        expect(await page.locator('h1').textContent()).toBe('Barnet Public Health Immunisation Action Plan 2017/18');
        expect(await page.locator('table tbody tr').count()).toBeGreaterThan(5);
        expect(await page.locator('table').first().locator('thead th').allTextContents()).toEqual([
          'Action',
          'Status',
          'Due',
          'Lead',
        ]);
      },
      'ph-comms-plan': async () => {
        expect(await page.locator('thead th').allTextContents()).toEqual([
          'Stakeholder group',
          'Summary of need',
          'Engagement',
          'Method',
          'Frequency',
          'Who produces',
          'Who delivers',
        ]);
        expect(await page.locator('tbody tr').count()).toBeGreaterThan(10);
      },
      'ph-network': async () => {
        expect(await page.locator('h1').textContent()).toMatch(/^Partnership network: /);
        expect(await page.locator('tbody').textContent()).toContain('London Fire Brigade');
      },
    };
    const visited: string[] = [];
    for (const example of DEMO_EXAMPLES) {
      await page.goto(`${service().url}/demo`);
      await page.getByRole('link', { name: example.fallback.text, exact: true }).click();
      await page.waitForURL(`${service().url}${example.fallback.path}`);
      await expectations[example.tag]!();
      visited.push(page.url());
    }
    await close();

    // The same pages pass axe with no console error (checked with JavaScript on, which axe needs; they have none).
    context = await browser.newContext();
    const checked = await context.newPage();
    const problems = collectProblems(checked);
    for (const url of visited) {
      await checked.goto(url);
      expect(await accessibilityViolations(checked), url).toEqual([]);
      await checked.screenshot({
        path: path.join(SCREENSHOTS, `fallback-${new URL(url).pathname.split('/').filter(Boolean).join('-')}.png`),
        fullPage: true,
      });
    }
    // schema.org JSON-LD on the directory's results and on a service's page.
    const structured = () =>
      checked
        .locator('script[type="application/ld+json"]')
        .textContent()
        .then((text) => JSON.parse(text!) as Record<string, unknown>);
    await checked.goto(`${service().url}/directory?area=E09000003&kind=service`);
    const list = await structured();
    expect(list['@type']).toBe('ItemList');
    expect((list.itemListElement as unknown[]).length).toBe(await checked.locator('.results li').count());
    await checked.locator('.results a').first().click();
    const service_ = await structured();
    expect(service_).toMatchObject({ '@context': 'https://schema.org', '@type': 'Service' });
    expect(service_.name).toBe((await checked.locator('h1').textContent())!.trim());
    expect(problems).toEqual([]);
    await close();
  });

  it('lang="cy": the widgets and pages speak Welsh, with dates and numbers written the Welsh way', async () => {
    const api = service().url;
    const { page, problems } = await councilPage(
      `<script type="module" src="${api}/widgets/${WIDGETS_VERSION}/ph-widgets.js"></script>
<div lang="cy">
  <ph-programme programme="barnet-immunisation-2017-18"></ph-programme>
  <ph-directory area="E09000003"></ph-directory>
</div>`,
      `script-src ${api}; connect-src ${api}`,
    );
    await page.goto(council.origin);
    const programme = page.locator('ph-programme');
    await programme.locator('table').first().waitFor({ timeout: 20_000 });
    expect(await programme.locator('thead th').first().textContent()).toBe('Cam gweithredu');
    expect(await programme.locator('h3').allTextContents()).toContain('Targedau');
    const months = 'Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr';
    const due = await programme.locator('td.due').allTextContents();
    expect(due.some((d) => new RegExp(`^(\\d{1,2} )?(${months}) \\d{4}$`).test(d.trim()))).toBe(true);
    // Dates the widget formats are Welsh; the plan's own words ("Completed: June 2017") stay as their authors wrote them.
    const english =
      /^(\d{1,2} )?(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;
    expect(due.filter((d) => english.test(d.trim()))).toEqual([]);
    await poll(() => page.locator('ph-directory').locator('.count').textContent()).toMatch(
      /^Yn dangos \d+ o \d+ canlyniad$/,
    );
    await page.locator('ph-directory').screenshot({ path: path.join(SCREENSHOTS, 'ph-directory-cy.png') });
    expect(problems).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await close();

    // The plain pages in Welsh too.
    context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${api}/programmes/barnet-immunisation-2017-18?lang=cy`);
    expect(await plain.locator('html').getAttribute('lang')).toBe('cy');
    expect(await plain.locator('thead th').first().textContent()).toBe('Cam gweithredu');
    await close();
  });

  it('in a frame, for a CMS that strips scripts: the widget works and tells its parent its height', async () => {
    const frameSnippet = snippets[1]!;
    expect(frameSnippet).toContain(`${service().url}/embed/ph-directory?area=E09000003`);
    const directives = /add: (.+?) -->/.exec(frameSnippet)![1]!;
    expect(directives).toBe(`frame-src ${service().url}`);
    const { page, problems } = await councilPage(frameSnippet, directives);
    const heights: number[] = [];
    await page.exposeFunction('reportHeight', (height: number) => heights.push(height));
    // A listener the council could add, installed through the DevTools protocol (the council's CSP forbids inline script).
    await page.addInitScript(() =>
      window.addEventListener('message', (event) => {
        if (event.data?.type === 'ph-embed-resize')
          (window as unknown as { reportHeight: (h: number) => void }).reportHeight(event.data.height);
      }),
    );
    await page.goto(council.origin);
    const frame = page.frameLocator('iframe');
    await poll(() => frame.locator('ph-directory').locator('.count').textContent()).toMatch(
      /^Showing \d+ of \d+ results?$/,
    );
    await poll(() => Math.max(0, ...heights)).toBeGreaterThan(400);
    expect(problems).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    const embed = await fetch(`${service().url}/embed/ph-directory?area=E09000003`);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await fetch(`${service().url}/embed/ph-nothing`)).status).toBe(404);
    await close();
  });
});
