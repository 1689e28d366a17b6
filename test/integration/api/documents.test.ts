// Provenance to the words, served: a source document's text and passages in GraphQL, each record's and link's
// quotation, and the document's plain page with every quoted passage marked, checked in Chromium with axe-core.
// The facts asserted are read from the documents' own text, not from the seed's data files.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { STRICT_CSP } from '../../../server/http/pages/html.js';
import { accessibilityViolations, collectProblems, launchBrowser } from '../../support/browser.js';
import { graphql, useSeededService } from '../../support/service.js';

const LONDON = 'london-mecc-work-programme-2017-18';
const london = readFileSync(`seed/documents/${LONDON}.txt`, 'utf8');
const barnet = readFileSync('seed/documents/barnet-immunisation-action-plan-2017-18.txt', 'utf8');

interface Passage {
  quote: string;
  document: string;
  line: number;
  start: number;
  end: number;
  url: string;
}

/** The passage as a reader finds it: the words at its offsets, on the line it names. */
function expectVerbatim(text: string, p: Passage) {
  expect(text.slice(p.start, p.end)).toBe(p.quote);
  expect(text.split('\n')[p.line - 1]).toContain(p.quote);
  expect(p.url).toBe(`/documents/${p.document}#q-${p.start}`);
}

describe('source documents to the words', () => {
  const { service } = useSeededService();
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
  });

  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const { status, body } = await graphql(service(), text, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data;
  };

  it("serves a document's text and its passages, each the document's words at its place, with what it holds", async () => {
    const { sourceDocument } = await query(`{ sourceDocument(key: "${LONDON}") {
      title text url
      passages(first: 200) { quote document line start end url records(first: 20) { __typename key } links(first: 20) { type inferred inference from { key } to { key } } }
    } }`);
    expect(sourceDocument.text).toBe(london);
    expect(sourceDocument.url).toBe(`/documents/${LONDON}`);
    for (const p of sourceDocument.passages) expectVerbatim(london, p);
    const starts = sourceDocument.passages.map((p: Passage) => p.start);
    expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b));
    // Line 32 of the document names the Fire Brigade; the partnership read from it is an inference, and says so.
    const fire = sourceDocument.passages.find((p: Passage) => p.quote === 'Fire Brigade');
    expect(london.split('\n')[31]).toContain('Fire Brigade');
    expect(fire.line).toBe(32);
    expect(fire.records.map((r: { key: string }) => r.key)).toContain('london-fire-brigade');
    expect(fire.links).toContainEqual(
      expect.objectContaining({
        type: 'PARTNER_IN',
        inferred: true,
        from: { key: 'london-fire-brigade' },
        to: { key: 'london-mecc-2017-18' },
      }),
    );
  });

  it("gives every record's sources their passages and every link its quotation: partnerships and leads too", async () => {
    const data = await query(`{
      programme(key: "london-mecc-2017-18") {
        sourceDocuments { key url passages { quote document line start end url } }
        partners { inferred organisation { key } quotation { quote document line start end url } }
      }
      barnet: programme(key: "barnet-immunisation-2017-18") {
        actions { key leads { inferred quotation { quote document line start end url } } }
      }
    }`);
    const [source] = data.programme.sourceDocuments;
    expect(source.key).toBe(LONDON);
    expect(source.passages.length).toBeGreaterThan(1);
    for (const p of source.passages) expectVerbatim(london, p);
    expect(source.url).toBe(source.passages[0].url);
    // The programme's "four key areas" come from the document's own sentence.
    expect(source.passages.map((p: Passage) => p.quote)).toContain('on a work programme with four key areas');
    for (const partner of data.programme.partners) expectVerbatim(london, partner.quotation);
    const phe = data.programme.partners.find(
      (p: { organisation: { key: string } }) => p.organisation.key === 'public-health-england',
    );
    expect(phe.quotation.quote).toContain('We are working with Public Health England');
    const leads = data.barnet.actions.flatMap((a: { leads: { quotation: Passage }[] }) => a.leads);
    expect(leads.length).toBeGreaterThan(5);
    for (const lead of leads) expectVerbatim(barnet, lead.quotation);
  });

  it("marks a network's inferred partnerships as inferences, with their reasons, as the network widget would draw them", async () => {
    const { network } = await query(
      `query ($around: ID!) { network(around: $around, depth: 1) { nodes { id key } edges { source target type inferred inference } } }`,
      { around: nodeId('Programme', 'london-mecc-2017-18') },
    );
    const keyOf = new Map(network.nodes.map((n: { id: string; key: string }) => [n.id, n.key]));
    const inferred = network.edges
      .filter((e: { inferred: boolean }) => e.inferred)
      .map(
        (e: { source: string; type: string; target: string }) =>
          `${keyOf.get(e.source)} ${e.type} ${keyOf.get(e.target)}`,
      )
      .sort();
    // The two partnerships the document only implies, and London's work as part of the national programme, which
    // its ledger reads into the paragraph introducing MECC as a national priority: any type of link can say so.
    expect(inferred).toEqual([
      'london-fire-brigade PARTNER_IN london-mecc-2017-18',
      'london-mecc-2017-18 PROGRAMME_PART_OF making-every-contact-count',
      'voluntary-sector PARTNER_IN london-mecc-2017-18',
    ]);
    for (const e of network.edges) expect(typeof e.inference === 'string').toBe(e.inferred);
    expect(network.edges.filter((e: { inferred: boolean }) => !e.inferred).length).toBeGreaterThanOrEqual(5);
  });

  it("answers a document's passages, their records and links in a fixed number of database round trips", async () => {
    const response = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({
        query: `{ sourceDocument(key: "taking-care-24-7-communication-plan") {
          passages(first: 200) { start records(first: 10) { key } links(first: 10) { type from { key } to { key } } } } }`,
      }),
    });
    const body = (await response.json()) as { data: { sourceDocument: { passages: unknown[] } } };
    expect(body.data.sourceDocument.passages.length).toBeGreaterThan(100);
    expect(Number(response.headers.get('x-db-round-trips'))).toBe(2); // the lookup, then every passage at once
  });

  it("refuses an unknown document with the catalogue's NOT_FOUND, and its page with 404", async () => {
    const { body } = await graphql(service(), '{ sourceDocument(key: "no-such-document") { title } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const page = await fetch(`${service().url}/documents/no-such-document`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Not found');
  });

  it('shows the document as a plain page: every quoted passage marked and linked to what it holds', async () => {
    const response = await fetch(`${service().url}/documents/${LONDON}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(STRICT_CSP);
    const page = await response.text();
    const at = london.indexOf('Develop a framework for London');
    expect(page).toContain(`<mark id="q-${at}">Develop a framework for London</mark>`);
    expect(page).toContain(`href="#h-${at}"`);
    expect(page).toContain(`<li id="h-${at}">`);
    expect(page).toMatch(/London Fire Brigade.*partner in.*inferred: /s);
    // The programme page links to the words it was read from, and says which partners are inferred.
    const programme = await (await fetch(`${service().url}/programmes/london-mecc-2017-18`)).text();
    expect(programme).toMatch(new RegExp(`href="/documents/${LONDON}#q-\\d+"`));
    expect(programme).toMatch(/London Fire Brigade[^<]*<em class="inferred">inferred: /);
  });

  it("tells a dated plan's time as the widget does: overdue when written, or no report since, never by today", async () => {
    const page = await (await fetch(`${service().url}/programmes/barnet-immunisation-2017-18`)).text();
    // The plan speaks from June 2017 (barnet-immunisation-action-plan-2017-18.txt): its MMR2 data row, due September
    // 2017, was not late then, and nothing later has been reported of it.
    const row = page.match(/<tr>\s*<td>To share practice level data[\s\S]*?<\/tr>/)?.[0];
    expect(row).toContain('<strong class="overdue">No report since June 2017</strong>');
    expect(page).not.toContain('>Overdue<');
    expect(page).toMatch(/\d+ actions, 0 overdue when the plan was written/);
  });

  it('is accessible in Chromium (WCAG 2.2 AA, axe-core), in English and in Welsh, and its marks lead both ways', async () => {
    browser = await launchBrowser();
    // The page has no script of its own; JavaScript stays on only so that axe-core can run in it.
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${service().url}/documents/${LONDON}`);
    expect(await page.locator('mark').count()).toBeGreaterThan(30);
    expect(await accessibilityViolations(page)).toEqual([]);
    const first = page.locator('mark').first();
    const id = await first.getAttribute('id');
    await page.locator(`a[href="#h-${id!.slice(2)}"]`).click();
    expect(page.url()).toContain(`#h-${id!.slice(2)}`);
    await page.goto(`${service().url}/documents/${LONDON}?lang=cy`);
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await page.locator('#passages-heading').textContent()).toBe('Beth mae pob darn yn ei ddal');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${service().url}/programmes/london-mecc-2017-18?lang=cy`);
    expect(await page.locator('a.source').first().getAttribute('href')).toMatch(/\?lang=cy#q-\d+$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('names kinds and relationships in Welsh on the Welsh document page', async () => {
    const page = await (await fetch(`${service().url}/documents/${LONDON}?lang=cy`)).text();
    // Line 32 names the Fire Brigade, read as a proposed partner of the programme: in Welsh, with its kinds.
    expect(page).toMatch(
      /London Fire Brigade <span class="meta">\(Sefydliad\)<\/span> yn bartner yn <a [^>]*>[^<]*<span class="meta">\(Rhaglen\)<\/span><\/a>/,
    );
    expect(page).toContain('yn cynnwys y cam gweithredu');
    expect(page).not.toMatch(/\(Organisation\)|\(Programme\)| partner in | has action /);
    // English pages keep their English words.
    const english = await (await fetch(`${service().url}/documents/${LONDON}`)).text();
    expect(english).toMatch(/London Fire Brigade <span class="meta">\(Organisation\)<\/span> partner in /);
  });

  it('links each directory record read from a document to its words, and no other, in English and Welsh', async () => {
    const letter = nodeId('Resource', 'barnet-school-leavers-immunisation-letter');
    const detail = await (await fetch(`${service().url}/directory/${letter}`)).text();
    const [, href] = detail.match(/<a href="(\/documents\/[^"]+)">Read it in its document: [^<]+<\/a>/) ?? [];
    expect(href).toMatch(/^\/documents\/barnet-immunisation-action-plan-2017-18#q-\d+$/);
    // The passage linked to is the plan's own words about the letter, read from the document, not the data.
    const start = Number(href!.split('#q-')[1]);
    expect(barnet.slice(start)).toMatch(/^to send a school leavers immunisation letter/);
    const document = await (await fetch(`${service().url}${href!.split('#')[0]}`)).text();
    expect(document).toContain(`<mark id="q-${start}">to send a school leavers immunisation letter`);
    // A demo service was read from no document, so it has no link to words.
    const demo = await (
      await fetch(`${service().url}/directory/${nodeId('Service', 'demo-barnet-stop-smoking')}`)
    ).text();
    expect(demo).not.toContain('/documents/');
    // Each result read from a document links to its words from the results list too.
    const results = await (await fetch(`${service().url}/directory?text=school+leavers+letter`)).text();
    expect(results).toMatch(
      /<a class="source" href="\/documents\/barnet-immunisation-action-plan-2017-18#q-\d+" aria-label="Source: School leavers&#39; immunisation letter/,
    );
    const welsh = await (await fetch(`${service().url}/directory/${letter}?lang=cy`)).text();
    expect(welsh).toContain(`href="/documents/barnet-immunisation-action-plan-2017-18?lang=cy#q-${start}"`);
    expect(welsh).toContain('Darllenwch ef yn ei ddogfen: ');
  });

  it('keeps the directory pages with their links to the words accessible in Chromium, in English and Welsh', async () => {
    browser ??= await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    for (const lang of ['', '&lang=cy']) {
      await page.goto(`${service().url}/directory?text=school+leavers+letter${lang}`);
      expect(await page.locator('a.source').count()).toBeGreaterThan(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.locator('a.source').first().click();
      expect(page.url()).toMatch(/\/documents\/barnet-immunisation-action-plan-2017-18(\?lang=cy)?#q-\d+$/);
      expect(await page.locator('mark:target').textContent()).toContain('school leavers immunisation letter');
    }
    await page.goto(
      `${service().url}/directory/${nodeId('Resource', 'barnet-school-leavers-immunisation-letter')}?lang=cy`,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
