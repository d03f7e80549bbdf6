import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from './support/axe';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { arrangeContact, uniqueName } from './support/contacts';
import { definitionOf } from './support/definitionList';
import { downloadedCsv } from './support/downloadedCsv';
import { reloadUntil } from './support/sync';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

const countOf = (page: Page, term: string) =>
  definitionOf(page.locator('#import-counts'), term).textContent();

describe.each(USERS)('importing contacts from a CSV file %s', (_how, userOn) => {
  test('when a file with new, updating, invalid and duplicate rows is previewed and confirmed, then the worker writes the new and updated ones and the rest download with their reasons', async () => {
    const family = uniqueName('Importson');
    const email = (name: string) => `${name.toLowerCase()}.${family.toLowerCase()}@example.com`;
    await arrangeContact({ firstname: 'Existing', lastname: family, email: email('taken') });
    const lines = [
      'First Name,Last Name,Email Address,Company',
      ...['Ada', 'Ben', 'Cai', 'Dee'].map((n) => `${n},${family},${email(n)},${family} Ltd`),
      `Eve,,${email('eve')},${family} Ltd`,
      `Fay,${family},not-an-email,${family} Ltd`,
      // The same email as a contact there is: an update of it, found ignoring case.
      `Gus,${family},${email('taken').toUpperCase()},${family} Ltd`,
      // The same email as a row above: a duplicate within the file.
      `Ada,${family},${email('ada')},${family} Ltd`,
    ];
    const { context, page } = await signedInPage(browser);
    const user = userOn(page);

    await user.follow(page.getByRole('link', { name: 'Import', exact: true }));
    expect(pathOf(page)).toBe('/contacts/import');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('CSV file').setInputFiles({
      name: `${family}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
    });
    await user.follow(page.getByRole('button', { name: 'Preview import' }));

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('preview');
    expect(await countOf(page, 'New contacts')).toBe('4');
    expect(await countOf(page, 'Updates of existing contacts')).toBe('1');
    expect(await countOf(page, 'Invalid rows (not imported)')).toBe('2');
    expect(await countOf(page, 'Duplicates (not imported)')).toBe('1');
    expect(await countOf(page, 'New accounts created')).toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);
    await user.follow(page.getByRole('button', { name: 'Import 5 rows' }));

    await reloadUntil(page, 'the import done', async () =>
      ((await page.locator('#import-status').textContent()) ?? '').startsWith('Done:'),
    );
    expect(await countOf(page, 'Contacts created')).toBe('4');
    expect(await countOf(page, 'Contacts updated')).toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);
    const downloading = page.waitForEvent('download');
    await user.activate(page.getByRole('link', { name: /Download the 3 rows not imported/ }));
    const skipped = await downloadedCsv(await downloading);
    expect(skipped.rows).toHaveLength(3);
    expect(skipped.header).toContain('Reason');
    expect(skipped.rows.every((row) => (row.Reason ?? '') !== '')).toBe(true);

    await user.follow(page.getByRole('link', { name: 'Follow the written rows to Salesforce' }));
    expect(pathOf(page)).toMatch(/^\/sync\/batches\/[0-9a-f-]{36}$/);
    expect(await page.locator('main').textContent()).toContain('Imported 5 contacts');
    await page.goto(`/contacts?q=${family}`);
    expect(await page.locator('#match-count').textContent()).toContain('5 contacts');
    await context.close();
  });
});
