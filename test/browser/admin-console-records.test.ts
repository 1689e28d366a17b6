// The admin console's record work beyond one record's fields, in real headless Chromium against the service over a
// throwaway Neo4j with the seed: every link of a record listed both ways (partnerships with their roles, links to
// retired records) and unlinked; a record of any kind created with the model's validation beside the field; a backup
// restored only into an empty database, after confirming. Axe clean and under the strict CSP throughout.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../schema/ids.js';
import { createKey } from '../../server/database/api-keys.js';
import { accessibilityViolations, expectClean, launchBrowser, openAdminConsole } from '../support/browser.js';
import { wipe } from '../support/database.js';
import { graphql, useSeededService, TEST_ADMIN_TOKEN } from '../support/service.js';

const LONDON_MECC = nodeId('Programme', 'london-mecc-2017-18');
const FIRE_BRIGADE = nodeId('Organisation', 'london-fire-brigade');
const LONDON_COUNCILS = nodeId('Organisation', 'london-councils');
const GLA = nodeId('Organisation', 'greater-london-authority');

const RECORD_LINKS = `query($id: ID!) { recordLinks(id: $id) { type direction totalCount links { name properties other { id retired } } } }`;

describe('the admin console: every link, new records and restore', () => {
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

  /** A fresh tab on /admin, signed in, with its console errors and CSP refusals collected. */
  async function openSignedIn(hash = ''): Promise<{ page: Page; problems: string[] }> {
    await context?.close();
    const tab = await openAdminConsole(browser, service().url, { signInWith: TEST_ADMIN_TOKEN, hash });
    context = tab.context;
    return tab;
  }

  const axeClean = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);

  const linksOf = async (id: string) => (await graphql(service(), RECORD_LINKS, { id }, TEST_ADMIN_TOKEN)).body;

  it('lists recordLinks for admins only', async () => {
    const refused = await graphql(service(), RECORD_LINKS, { id: LONDON_MECC }, analystKey);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { data } = await linksOf(LONDON_MECC);
    const partners = data.recordLinks.find(
      (g: { type: string; direction: string }) => g.type === 'PARTNER_IN' && g.direction === 'IN',
    );
    expect(partners.totalCount).toBe(partners.links.length);
    expect(partners.links.find((l: { name: string }) => l.name === 'London Fire Brigade').properties).toMatchObject({
      role: 'PROPOSED_PARTNER',
      inferred: true,
    });
  });

  it("lists a programme's partnerships with their roles, links to retired records too, and unlinks one", async () => {
    // A partner retired: its partnership still exists, so the admin must still see it to undo it.
    const { body } = await graphql(service(), `{ node(id: "${GLA}") { version } }`);
    await graphql(
      service(),
      'mutation($id: ID!, $v: Int!) { retireRecord(id: $id, version: $v) { retired } }',
      { id: GLA, v: body.data.node.version },
      TEST_ADMIN_TOKEN,
    );
    const { page, problems } = await openSignedIn(`record/${LONDON_MECC}`);
    await page
      .getByRole('heading', { name: 'London Making Every Contact Count work programme 2017/18', level: 1 })
      .waitFor();
    const links = page.locator('admin-links');
    const partners = links.getByRole('region', { name: /^Partner in this/ });
    await partners.waitFor();
    const fireBrigade = partners.getByRole('listitem').filter({ hasText: 'London Fire Brigade' });
    await fireBrigade.getByText(/Role: PROPOSED_PARTNER; Inferred: Yes; Inference: The document names/).waitFor();
    const gla = partners.getByRole('listitem').filter({ hasText: 'Greater London Authority' });
    await gla.getByText('Retired').waitFor();
    await axeClean(page);

    // A partnership's role changed in place.
    await fireBrigade.getByRole('button', { name: 'Change the link with London Fire Brigade' }).click();
    const change = fireBrigade.getByRole('form', { name: 'The link with London Fire Brigade' });
    expect(await change.getByLabel('Role').inputValue()).toBe('PROPOSED_PARTNER');
    await axeClean(page);
    await change.getByLabel('Role').selectOption('DELIVERY_PARTNER');
    await change.getByRole('button', { name: 'Save the link' }).click();
    await links.getByText('Changed the link with London Fire Brigade (partner in).').waitFor();
    await fireBrigade.getByText(/Role: DELIVERY_PARTNER/).waitFor();
    const changed = (await linksOf(LONDON_MECC)).data.recordLinks
      .find((g: { type: string; direction: string }) => g.type === 'PARTNER_IN' && g.direction === 'IN')
      .links.find((l: { name: string }) => l.name === 'London Fire Brigade');
    expect(changed.properties.role).toBe('DELIVERY_PARTNER');

    await links.getByRole('button', { name: 'Unlink London Councils from partner in this' }).click();
    await links.getByText('Unlinked London Councils (partner in).').waitFor();
    const after = (await linksOf(LONDON_MECC)).data.recordLinks.find(
      (g: { type: string; direction: string }) => g.type === 'PARTNER_IN' && g.direction === 'IN',
    );
    expect(after.links.map((l: { other: { id: string } }) => l.other.id)).not.toContain(LONDON_COUNCILS);
    expect(after.links.map((l: { other: { id: string } }) => l.other.id)).toContain(GLA);
    await expect.poll(() => partners.getByRole('link', { name: 'London Councils', exact: true }).count()).toBe(0);

    // From the organisation's side the same relationship runs outwards.
    await page.goto(`${service().url}/admin#record/${FIRE_BRIGADE}`);
    await page.getByRole('heading', { name: 'London Fire Brigade', level: 1 }).waitFor();
    await links.getByRole('heading', { name: /^Partner in \(/, level: 3 }).waitFor();
    await links
      .getByRole('link', { name: /London/ })
      .first()
      .waitFor();
    await axeClean(page);
    await expectClean(page, problems);
  });

  it('creates a record of any kind: required fields first, the key rule said, validation beside the field, then opens it', async () => {
    const { page, problems } = await openSignedIn('new');
    await page.getByRole('heading', { name: 'Create a record', level: 1 }).waitFor();
    await axeClean(page);
    const form = page.locator('admin-create');
    await form.getByRole('button', { name: 'Create record' }).click();
    await form.getByRole('alert').getByText('Kind: Choose the kind of record to create.').waitFor();
    await form.getByLabel('Kind of record').selectOption('Organisation');
    // The key's rule is said before the admin types it.
    await form.getByText(/letters, digits and - \. _ : only/).waitFor();
    const headings = await form.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.filter((h) => /Required|Optional/.test(h))).toEqual(['Required', 'Optional']);
    // A required field left empty is said beside it before anything is sent.
    await form.getByLabel('Key').fill('Bad key!');
    await form.getByRole('button', { name: 'Create record' }).click();
    await form.locator('#error-name').getByText('Enter the name: every Organisation needs one.').waitFor();
    await axeClean(page);
    // The model's key rule, from the service, beside the key.
    await form.getByLabel('Name', { exact: true }).fill('Harrow Mind');
    await form.getByLabel('Kind', { exact: true }).selectOption('VOLUNTARY');
    await form.getByRole('button', { name: 'Create record' }).click();
    await form
      .locator('#error-key')
      .getByText(/not a valid key/)
      .waitFor();
    // The model's property rule, from the service, beside that property.
    await form.getByLabel('Key').fill('harrow-mind');
    await form.getByLabel('Website (optional)').fill('not a web address');
    await form.getByRole('button', { name: 'Create record' }).click();
    await form.locator('#error-website').waitFor();
    expect(await form.locator('#error-website').textContent()).toMatch(/url|address|http/i);
    const id = nodeId('Organisation', 'harrow-mind');
    expect((await graphql(service(), `{ node(id: "${id}") { id } }`)).body.data.node).toBeNull();
    await axeClean(page);

    await form.getByLabel('Website (optional)').fill('https://www.harrowmind.org.uk');
    await form.getByRole('button', { name: 'Create record' }).click();
    await page.getByRole('heading', { name: 'Harrow Mind', level: 1 }).waitFor();
    await page.getByText('Organisation harrow-mind created. Add its links below.').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(`#record/${id}`);
    const created = await graphql(service(), `{ organisation(id: "${id}") { name kind website } }`);
    expect(created.body.data.organisation).toEqual({
      name: 'Harrow Mind',
      kind: 'VOLUNTARY',
      website: 'https://www.harrowmind.org.uk',
    });
    await axeClean(page);

    // The same key again: the service refuses, and says so beside the key.
    await page.goto(`${service().url}/admin#new`);
    await form.getByLabel('Kind of record').selectOption('Organisation');
    await form.getByLabel('Key').fill('harrow-mind');
    await form.getByLabel('Name', { exact: true }).fill('Harrow Mind again');
    await form.getByLabel('Kind', { exact: true }).selectOption('VOLUNTARY');
    await form.getByRole('button', { name: 'Create record' }).click();
    await form
      .locator('#error-key')
      .getByText(/exists already/)
      .waitFor();
    await expectClean(page, problems);
  });

  it('restores a backup only into an empty database, after confirming, and says clearly when it cannot', async () => {
    const exported = await fetch(`${service().url}/admin/api/export`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const backup = Buffer.from(await exported.arrayBuffer());
    const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/x-ndjson', buffer });
    const { page, problems } = await openSignedIn('backup');
    await page.getByRole('heading', { name: 'Backup', level: 1 }).waitFor();
    // Said before any upload: only into an empty database.
    await page.getByText(/restored only into an empty database/).waitFor();
    await axeClean(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').getByText('Choose the backup file to restore.').waitFor();

    // Into this service's database, which holds the seed: refused with the service's 409 message, nothing changed.
    await page.getByLabel('Backup file').setInputFiles(file('hub.jsonl', backup));
    await page.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Restore hub.jsonl?' });
    await confirm.waitFor();
    await axeClean(page);
    await confirm.getByRole('button', { name: 'Yes, restore it' }).click();
    await page
      .getByRole('alert')
      .getByText(/The service refused the restore, and nothing was changed: The database already holds \d+ records\./)
      .waitFor();
    await axeClean(page);

    // An empty database, and a cut file: refused whole with the service's 400 message beside the field.
    await wipe(db());
    const cut = backup.subarray(0, Math.floor(backup.length / 2));
    await page.getByLabel('Backup file').setInputFiles(file('cut.jsonl', cut));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByRole('alertdialog', { name: 'Restore cut.jsonl?' })
      .getByRole('button', { name: 'Yes, restore it' })
      .click();
    await page
      .locator('admin-backup #restore-file-error')
      .getByText(/The file was refused and nothing was changed/)
      .waitFor();
    expect((await graphql(service(), `{ node(id: "${FIRE_BRIGADE}") { id } }`)).body.data.node).toBeNull();
    await axeClean(page);

    // Cancelling sends nothing; confirming restores the whole file.
    await page.getByLabel('Backup file').setInputFiles(file('hub.jsonl', backup));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alertdialog', { name: 'Restore hub.jsonl?' }).getByRole('button', { name: 'Cancel' }).click();
    expect((await graphql(service(), `{ node(id: "${FIRE_BRIGADE}") { id } }`)).body.data.node).toBeNull();
    await page.getByLabel('Backup file').setInputFiles(file('hub.jsonl', backup));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByRole('alertdialog', { name: 'Restore hub.jsonl?' })
      .getByRole('button', { name: 'Yes, restore it' })
      .click();
    const restored = page.getByRole('region', { name: 'Backup restored' });
    await restored.waitFor({ timeout: 30_000 });
    const lines = backup.toString('utf8').split('\n').filter(Boolean).length;
    expect(await restored.textContent()).toMatch(/hub\.jsonl: [\d,]+ records and [\d,]+ links restored\./);
    expect(lines).toBeGreaterThan(100);
    expect((await graphql(service(), `{ node(id: "${FIRE_BRIGADE}") { id } }`)).body.data.node).toEqual({
      id: FIRE_BRIGADE,
    });
    await axeClean(page);
    // The service's 409 and 400 answers are logged by the browser as failed loads; nothing else is.
    await expectClean(page, problems, /^Failed to load resource: the server responded with a status of 40[09]/);
  });
});
