// The analysts' console in production, in real Chromium: the sign-in screen accessible, keys that may not open it
// refused, an analyst's key held in the tab's session only, and GraphiQL working under the page's strict policy.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../server/database/api-keys.js';
import { accessibilityViolations, collectProblems, launchBrowser, SCREENSHOTS } from '../support/browser.js';
import { useSeededService } from '../support/service.js';

describe("the analysts' console in Chromium", () => {
  let browser: Browser;
  const keys = { analyst: '', widget: '' };
  const { service } = useSeededService({
    env: { NODE_ENV: 'production' },
    prepare: async (db) => {
      keys.analyst = (await createKey(db, 'console browser analyst', 'analyst', [])).secret;
      keys.widget = (await createKey(db, 'console browser widget', 'public', [])).secret;
    },
  });

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses the public, then opens GraphiQL for an analyst key kept in the session only', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${service().url}/graphiql`);
    await page.getByLabel('Analyst or admin key').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Nothing typed, a key that is not one, and a widget's public key: each refused, saying why.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#key-error').textContent()).toMatch(/Enter your analyst or admin key/);
    await page.getByLabel('Analyst or admin key').fill('ph_analyst_not-a-real-key-at-all-0123456789abcdefABCDEF');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#key-error').textContent()).toMatch(/not known or has been revoked/);
    await page.getByLabel('Analyst or admin key').fill(keys.widget);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#key-error').textContent()).toMatch(/not an analyst or admin key/);
    expect(await page.getAttribute('#key', 'aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.isVisible('#graphiql')).toBe(false);

    await page.getByLabel('Analyst or admin key').fill(keys.analyst);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => sessionStorage.getItem('partnership-hub-console-key'))).toBe(keys.analyst);
    expect(await page.evaluate(() => localStorage.length === 0 || !JSON.stringify(localStorage).includes('ph_'))).toBe(
      true,
    );
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // The first example runs with the key as a bearer token and answers from the seed.
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && r.request().headers().authorization === `Bearer ${keys.analyst}`,
    );
    await page.locator('.graphiql-execute-button').click();
    expect((await answered).status()).toBe(200);
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 10_000 }).toMatch(/totalCount/);
    await page.screenshot({ path: `${SCREENSHOTS}/console-signed-in.png` });

    // GraphiQL's own screen, reported as it is rather than asserted clean: it is a third party's interface.
    const graphiqlViolations = await accessibilityViolations(page);
    console.info(`GraphiQL's own axe violations (WCAG 2.2 AA): ${JSON.stringify(graphiqlViolations, null, 1)}`);
    // The page's policy held: no refusal of a script, style or request in the console.
    expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);

    // A new tab of the same browser starts signed out; the same tab after a reload stays signed in.
    await page.reload();
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    const other = await context.newPage();
    await other.goto(`${service().url}/graphiql`);
    await other.getByLabel('Analyst or admin key').waitFor();
    expect(await other.isVisible('#graphiql')).toBe(false);
    await context.close();
  });
});
