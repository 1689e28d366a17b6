// The admin console in real headless Chromium against the service over a throwaway Neo4j with the seed: signing in
// (and the refusals), finding and editing a record with the model's validation, a conflict shown as both versions,
// retire and restore, link and unlink, keys, imports and the backup; keyboard only, axe clean, under the strict CSP.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../schema/ids.js';
import { createKey } from '../../server/database/api-keys.js';
import {
  accessibilityViolations,
  expectClean,
  launchBrowser,
  openAdminConsole,
  SCREENSHOTS,
  signInToAdminConsole,
} from '../support/browser.js';
import { graphql, useSeededService, TEST_ADMIN_TOKEN } from '../support/service.js';

const FIRE_BRIGADE = nodeId('Organisation', 'london-fire-brigade');
const GLA = nodeId('Organisation', 'greater-london-authority');
const LGA = nodeId('Organisation', 'local-government-association');

describe('the admin console in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext | undefined;
  let analystKey = '';
  const { db, service } = useSeededService({
    env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN },
    prepare: async (db) => {
      analystKey = (await createKey(db, 'Public health intelligence', 'analyst', [])).secret;
    },
  });

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

  /** A fresh tab on /admin, not yet signed in, with its console errors (CSP refusals among them) collected. */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    await context?.close();
    const tab = await openAdminConsole(browser, service().url);
    context = tab.context;
    return tab;
  }

  const signIn = (page: Page, secret = TEST_ADMIN_TOKEN) => signInToAdminConsole(page, secret);

  /** The element focused, through every shadow root: what a keyboard user is on. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return `${element?.tagName.toLowerCase()} ${element?.textContent?.trim().replace(/\s+/g, ' ') ?? ''} ${element?.id ?? ''}`;
    });

  /** Presses Tab until the focused element matches, as a keyboard user would, failing after `most` presses. */
  async function tabTo(page: Page, matches: RegExp, most = 60): Promise<void> {
    for (let i = 0; i < most; i++) {
      await page.keyboard.press('Tab');
      if (matches.test(await focused(page))) return;
    }
    throw new Error(`Tab never reached ${matches}; last focused: ${await focused(page)}`);
  }

  /** Waits until the record's history (beside it) says `text`. */
  const historySays = (page: Page, text: string | RegExp) =>
    poll(async () => (await page.locator('admin-history section').textContent())?.replace(/\s+/g, ' ') ?? '').toMatch(
      text,
    );

  const axeClean = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);

  it('serves the console under the strict CSP and signs in only with an admin key, kept in sessionStorage', async () => {
    const { page, problems } = await open();
    const response = await page.request.get(`${service().url}/admin`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe');
    await page.getByRole('heading', { name: 'Sign in to the admin console' }).waitFor();
    await axeClean(page);

    await signIn(page, 'ph_not-a-real-key-0000000000000000');
    await page.getByText('This key is not known, has been revoked or has expired').first().waitFor();
    expect(await page.getByRole('alert').getByText('There is a problem').count()).toBe(1);
    await axeClean(page);

    await signIn(page, analystKey);
    await page.getByText('This key is not an admin key').first().waitFor();

    await signIn(page);
    await page.getByRole('heading', { name: 'Find a record' }).waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([TEST_ADMIN_TOKEN]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await context!.cookies()).toEqual([]);
    await axeClean(page);

    // A reload in the same tab stays signed in; signing out forgets the key.
    await page.reload();
    await page.getByRole('heading', { name: 'Find a record' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the admin console' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // The wrong and the analyst's key were refused (401, 403): the browser logs those loads, and nothing else.
    await expectClean(page, problems, /^Failed to load resource: the server responded with a status of 40[13]/);
  });

  it('finds a record and changes a field with the keyboard alone, its history saying who did it', async () => {
    const { page, problems } = await open();
    await page.getByLabel('Admin key').waitFor();
    await tabTo(page, /^input .*admin-key$/);
    await page.keyboard.type(TEST_ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Find a record' }).waitFor();
    // The heading of the new screen takes focus; the search box is the next stop.
    await tabTo(page, /^input .*find-text$/);
    await page.keyboard.type('Fire Brigade');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'London Fire Brigade' }).waitFor();
    await axeClean(page);
    await tabTo(page, /^a London Fire Brigade/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'London Fire Brigade', level: 1 }).waitFor();
    await axeClean(page);
    await tabTo(page, /^button Change short name/);
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toMatch(/field-shortName$/);
    await page.keyboard.type('LFB');
    await page.keyboard.press('Enter');
    await page.getByText('Short name saved.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-record.png'), fullPage: true });
    const dd = page.locator('admin-record .summary-row', { hasText: 'Short name' });
    await poll(() => dd.textContent()).toContain('LFB');
    await historySays(page, 'Changed by bootstrap token');
    await historySays(page, 'Short name: Not set → LFB');
    await axeClean(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-record.png'), fullPage: true });
    await expectClean(page, problems);
  });

  it("shows the model's validation beside the field, and changes nothing", async () => {
    const { page, problems } = await open();
    await signIn(page);
    await page.goto(`${service().url}/admin#record/${FIRE_BRIGADE}`);
    await page.getByRole('heading', { name: 'London Fire Brigade', level: 1 }).waitFor();
    const before = (await graphql(service(), `{ node(id: "${FIRE_BRIGADE}") { version } }`)).body.data.node.version;
    await page.getByRole('button', { name: 'Change website' }).click();
    await page.getByLabel('Website').fill('not a web address');
    await page.getByRole('button', { name: 'Save website' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await page.locator('admin-record .field-error').waitFor();
    expect(await page.locator('admin-record .field-error').textContent()).toMatch(/url|address|http/i);
    await axeClean(page);
    const after = (await graphql(service(), `{ node(id: "${FIRE_BRIGADE}") { version } }`)).body.data.node.version;
    expect(after).toBe(before);
    await expectClean(page, problems);
  });

  it('shows both versions when someone else saved first, and applies the change to theirs without losing either', async () => {
    const { page, problems } = await open();
    await signIn(page);
    await page.goto(`${service().url}/admin#record/${FIRE_BRIGADE}`);
    await page.getByRole('heading', { name: 'London Fire Brigade', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Change town' }).click();
    await page.getByLabel('Town').fill('Southwark');
    // Behind the console's back: another admin changes the description.
    const { body } = await graphql(service(), `{ node(id: "${FIRE_BRIGADE}") { version } }`);
    const changed = await graphql(
      service(),
      'mutation($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { version } }',
      { id: FIRE_BRIGADE, v: body.data.node.version, set: { town: 'Lambeth' } },
      TEST_ADMIN_TOKEN,
    );
    expect(changed.body.errors).toBeUndefined();
    await page.getByRole('button', { name: 'Save town' }).click();
    const conflict = page.getByRole('region', { name: 'Someone else changed this record while you were editing' });
    await conflict.waitFor();
    expect(await conflict.getByRole('region', { name: /Their version/ }).textContent()).toContain('Lambeth');
    expect(await conflict.getByRole('region', { name: 'Your version' }).textContent()).toContain('Southwark');
    await axeClean(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-conflict.png'), fullPage: true });
    await conflict.getByRole('button', { name: 'Apply my change to their version' }).click();
    await page.getByText('Town saved.').waitFor();
    const now = await graphql(service(), `{ organisation(id: "${FIRE_BRIGADE}") { town version } }`);
    expect(now.body.data.organisation.town).toBe('Southwark');
    expect(now.body.data.organisation.version).toBe(changed.body.data.updateRecord.version + 1);
    // Both changes are in the history: theirs and the one applied on top of it.
    await historySays(page, 'Town: Lambeth → Southwark');
    await historySays(page, 'Town: Not set → Lambeth');
    await expectClean(page, problems);
  });

  it('retires and restores a record', async () => {
    const { page, problems } = await open();
    await signIn(page);
    // Found by its id, as a retired record can only be.
    await page.getByLabel('Name, words from its description, or id').fill(GLA);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Greater London Authority', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Retire this record' }).click();
    await page.getByText('Record retired.').waitFor();
    expect((await graphql(service(), `{ node(id: "${GLA}") { retired } }`)).body.data.node.retired).toBe(true);
    await axeClean(page);
    await page.getByRole('button', { name: 'Restore this record' }).click();
    await page.getByText('Record restored.').waitFor();
    expect((await graphql(service(), `{ node(id: "${GLA}") { retired } }`)).body.data.node.retired).toBe(false);
    await historySays(page, 'Retired by bootstrap token');
    await historySays(page, 'Restored by bootstrap token');
    await expectClean(page, problems);
  });

  it('links a record to another found by search, and unlinks it', async () => {
    const { page, problems } = await open();
    await signIn(page);
    await page.goto(`${service().url}/admin#record/${LGA}`);
    await page.getByRole('heading', { name: 'Local Government Association', level: 1 }).waitFor();
    const links = page.locator('admin-links');
    await links.getByLabel('Kind of link').selectOption({ label: 'This based in a Area' });
    await links.getByLabel('Other record').fill('London');
    await links.getByRole('button', { name: 'Find' }).click();
    await links.getByRole('radio', { name: /^London \(Area/ }).check();
    await links.getByRole('button', { name: 'Add link' }).click();
    await links.getByText('Linked (based in).').waitFor();
    const basedIn = async () =>
      (await graphql(service(), `{ organisation(id: "${LGA}") { basedIn { name } } }`)).body.data.organisation.basedIn;
    expect(await basedIn()).toEqual([{ name: 'London' }]);
    await axeClean(page);
    await links.getByRole('button', { name: 'Unlink London from based in' }).click();
    await links.getByText('Unlinked London (based in).').waitFor();
    expect(await basedIn()).toEqual([]);
    await historySays(page, /Unlinked by bootstrap token/);
    await expectClean(page, problems);
  });

  it('creates a widget key, shows its secret once, lists it and revokes it after confirming', async () => {
    const { page, problems } = await open();
    await signIn(page);
    await page.goto(`${service().url}/admin#keys`);
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await axeClean(page);
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Enter who holds the key').first().waitFor();
    await page.getByLabel('Name').fill('Harrow council website');
    await page.getByLabel(/Origins of the pages/).fill('https://www.harrow.gov.uk');
    await page.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('region', { name: 'Key “Harrow council website” created' });
    await created.waitFor();
    const secret = (await created.locator('#secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await created.getByText('it is shown only this once').waitFor();
    await axeClean(page);
    // The secret works as a public key from its origin.
    const used = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secret, origin: 'https://www.harrow.gov.uk' },
      body: JSON.stringify({ query: '{ about { version } }' }),
    });
    expect(used.status).toBe(200);
    const row = page.getByRole('row', { name: /Harrow council website/ });
    await row.getByText('https://www.harrow.gov.uk').waitFor();
    await row.getByRole('button', { name: 'Revoke Harrow council website' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke “Harrow council website”?' });
    await confirm.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page.getByText('Key “Harrow council website” revoked').waitFor();
    await row.getByText(/^Revoked/).waitFor();
    const refused = await fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secret },
      body: JSON.stringify({ query: '{ about { version } }' }),
    });
    expect(refused.status).toBe(401);
    await expectClean(page, problems);
  });

  it('previews an import, decides its conflict, applies it and lists it in the log', async () => {
    const { page, problems } = await open();
    await signIn(page);
    // An admin's correction the file will disagree with.
    const { body } = await graphql(service(), `{ node(id: "${LGA}") { version } }`);
    await graphql(
      service(),
      'mutation($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { version } }',
      { id: LGA, v: body.data.node.version, set: { shortName: 'The LGA' } },
      TEST_ADMIN_TOKEN,
    );
    await page.goto(`${service().url}/admin#imports`);
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await axeClean(page);
    const file = path.resolve('seed/data/london-mecc-work-programme-2017-18.yaml');
    await page.getByLabel('Files to import').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview the import' }).click();
    const preview = page.getByRole('region', { name: 'Preview: nothing has changed yet' });
    await preview.waitFor({ timeout: 30_000 });
    const conflict = preview.getByRole('row', { name: /Local Government Association/ });
    await conflict.getByText('The LGA').waitFor();
    await conflict.getByText('LGA', { exact: true }).waitFor();
    await axeClean(page);
    await conflict.getByLabel('File’s').check();
    await preview.getByRole('button', { name: 'Apply the import' }).click();
    await page.getByRole('region', { name: 'Import applied' }).waitFor({ timeout: 30_000 });
    const now = await graphql(service(), `{ organisation(id: "${LGA}") { shortName } }`);
    expect(now.body.data.organisation.shortName).toBe('LGA');
    await page.getByRole('heading', { name: 'Import log' }).waitFor();
    await page.locator('admin-imports ol.history li').first().getByText('bootstrap token').waitFor();
    await expectClean(page, problems);
  });

  it('says what is wrong with a bad file, row by row, and imports nothing', async () => {
    const { page } = await open();
    await signIn(page);
    await page.goto(`${service().url}/admin#imports`);
    await page.getByLabel('Files to import').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('label,key,name\nOrganisation,,Nameless\n'),
    });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor({ timeout: 30_000 });
    // Each problem names its file (and row and field, where the reader knows them) and how to fix it.
    const problemRows = page
      .locator('admin-imports table')
      .first()
      .getByRole('row', { name: /broken\.csv/ });
    expect(await problemRows.count()).toBeGreaterThan(0);
    expect(await page.getByText('Nameless').count()).toBe(0);
    await axeClean(page);
  });

  it('keeps the other admin’s version when asked, dropping only the change not yet saved', async () => {
    const { page, problems } = await open();
    await signIn(page);
    await page.goto(`${service().url}/admin#record/${FIRE_BRIGADE}`);
    await page.getByRole('heading', { name: 'London Fire Brigade', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Change postcode' }).click();
    await page.getByLabel('Postcode').fill('SE1 0LL');
    const { body } = await graphql(service(), `{ node(id: "${FIRE_BRIGADE}") { version } }`);
    await graphql(
      service(),
      'mutation($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { version } }',
      { id: FIRE_BRIGADE, v: body.data.node.version, set: { postcode: 'SE1 8SW' } },
      TEST_ADMIN_TOKEN,
    );
    await page.getByRole('button', { name: 'Save postcode' }).click();
    const conflict = page.getByRole('region', { name: 'Someone else changed this record while you were editing' });
    await conflict.getByText('Postcode: Not set → SE1 8SW').waitFor();
    await conflict.getByRole('button', { name: 'Keep their version' }).click();
    await page.getByText('Kept their version. Your change was not saved.').waitFor();
    await poll(() => page.locator('admin-record .summary-row', { hasText: 'Postcode' }).textContent()).toContain(
      'SE1 8SW',
    );
    const now = await graphql(service(), `{ organisation(id: "${FIRE_BRIGADE}") { postcode } }`);
    expect(now.body.data.organisation.postcode).toBe('SE1 8SW');
    await expectClean(page, problems);
  });

  it('signs out, saying why, when its key is revoked mid-session', async () => {
    const { page, problems } = await open();
    const { secret, key } = await createKey(db(), 'Programme manager', 'admin', []);
    await signIn(page, secret);
    await page.getByRole('heading', { name: 'Find a record' }).waitFor();
    const revoked = await graphql(
      service(),
      'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: key.id },
      TEST_ADMIN_TOKEN,
    );
    expect(revoked.body.errors).toBeUndefined();
    await page.getByLabel('Name, words from its description, or id').fill('Barnet');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Sign in to the admin console' }).waitFor();
    await page.getByText(/You have been signed out: This API key is not known or has been revoked/).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await axeClean(page);
    await expectClean(page, problems, /^Failed to load resource: the server responded with a status of 401/);
  });

  it('downloads a backup through the bearer-authenticated export', async () => {
    const { page, problems } = await open();
    await signIn(page);
    await page.goto(`${service().url}/admin#backup`);
    await page.getByRole('heading', { name: 'Backup', level: 1 }).waitFor();
    await axeClean(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download a backup' }).click(),
    ]);
    const saved = await download.path();
    const text = await readFile(saved, 'utf8');
    expect(text.split('\n').filter(Boolean).length).toBeGreaterThan(100);
    expect(download.suggestedFilename()).toMatch(/\.jsonl$/);
    await page.getByText(/Backup saved as/).waitFor();
    await expectClean(page, problems);
  });

  it('reports the time to interactive and the bundle size (figures, not pass or fail)', async () => {
    const loads = 7;
    const form: number[] = [];
    const search: number[] = [];
    for (let i = 0; i < loads; i++) {
      const { page } = await open();
      // Navigation start to the sign-in form drawn and able to take a key (the console marks it when it is).
      await page.waitForFunction(() => performance.getEntriesByName('admin-sign-in-ready').length > 0);
      form.push(await page.evaluate(() => performance.getEntriesByName('admin-sign-in-ready')[0]!.startTime));
      // Sign-in submitted to the search box ready: the key checked, the model read, the first screen drawn.
      await signIn(page);
      await page.waitForFunction(() => performance.getEntriesByName('admin-search-ready').length > 0);
      search.push(
        await page.evaluate(
          () =>
            performance.getEntriesByName('admin-search-ready')[0]!.startTime -
            performance.getEntriesByName('admin-sign-in-submitted')[0]!.startTime,
        ),
      );
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const size = JSON.parse(await readFile(path.resolve('admin/dist/sizes.json'), 'utf8')) as { gzipBytes: number };
    console.log(
      `admin console: sign-in form usable ${median(form).toFixed(0)} ms after navigation start, search ready ${median(search).toFixed(0)} ms after signing in (medians of ${loads} loads); bundle ${(size.gzipBytes / 1024).toFixed(1)} KB gzipped`,
    );
    expect(form).toHaveLength(loads);
  });
});
