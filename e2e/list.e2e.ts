import type { Browser, Page } from 'playwright-core';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { arrangeContact, uniqueName } from './support/contacts';
import { downloadedCsv } from './support/downloadedCsv';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

const rowNames = (page: Page) => page.locator('table.contacts tbody th').allTextContents();
const sortOf = (page: Page, column: string) =>
  page.getByRole('columnheader', { name: column }).getAttribute('aria-sort');

describe.each(USERS)('the contact list %s', (_how, userOn) => {
  /** Three contacts of one new family, and a signed-in page that has searched for them. */
  async function searchedFamily(prefix: string) {
    const family = uniqueName(prefix);
    for (const firstname of ['Bruno', 'Alma', 'Cleo']) {
      await arrangeContact({ firstname, lastname: family });
    }
    const { context, page } = await signedInPage(browser);
    const user = userOn(page);
    await user.fillIn(page.getByLabel('Search name, email, phone or title'), family);
    await user.follow(page.getByRole('button', { name: 'Search' }));
    return { family, context, page, user };
  }

  test('when searching, sorting and paging, then the rows, the sort state and the page follow', async () => {
    const { family, context, page, user } = await searchedFamily('Listwright');

    expect(page.url()).toMatch(/q=Listwright/);
    expect(await page.locator('#match-count').textContent()).toContain(
      `3 contacts matching “${family}”`,
    );
    expect(await rowNames(page)).toEqual([`Alma ${family}`, `Bruno ${family}`, `Cleo ${family}`]);
    expect(await sortOf(page, 'Name')).toBe('ascending');

    await user.follow(page.getByRole('link', { name: /^Name/ }));
    expect(page.url()).toMatch(/dir=desc/);
    expect(await rowNames(page)).toEqual([`Cleo ${family}`, `Bruno ${family}`, `Alma ${family}`]);
    expect(await sortOf(page, 'Name')).toBe('descending');
    expect(await page.locator('caption').textContent()).toContain('sorted by Name, descending');

    await user.follow(page.getByRole('link', { name: 'Show all' }));
    expect(pathOf(page)).toBe('/contacts');
    const firstPage = await rowNames(page);
    await user.follow(page.getByRole('link', { name: 'Next →' }));
    expect(page.url()).toMatch(/page=2/);
    const secondPage = await rowNames(page);

    expect(await page.getByRole('navigation', { name: 'Pages' }).textContent()).toMatch(
      /Page 2 of \d+/,
    );
    expect(secondPage).toHaveLength(25);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);

    await user.follow(page.getByRole('link', { name: '← Previous' }));
    expect(new URL(page.url()).searchParams.get('page') ?? '1').toBe('1');
    expect(await rowNames(page)).toEqual(firstPage);
    await context.close();
  });

  test('when the list is downloaded as CSV, then the file holds every match of the search, in the list’s order', async () => {
    const { context, page, user } = await searchedFamily('Exportwright');
    await user.follow(page.getByRole('link', { name: /^Name/ }));

    const downloading = page.waitForEvent('download');
    await user.activate(page.getByRole('link', { name: 'Download CSV' }));
    const csv = await downloadedCsv(await downloading);

    expect(csv.byteOrderMark).toBe(true);
    expect(csv.header.slice(0, 4)).toEqual([
      'Salesforce Id',
      'External Id',
      'First Name',
      'Last Name',
    ]);
    expect(csv.rows.map((row) => `${row['First Name'] ?? ''} ${row['Last Name'] ?? ''}`)).toEqual(
      await rowNames(page),
    );
    expect(csv.rows.map((row) => row['First Name'])).toEqual(['Cleo', 'Bruno', 'Alma']);
    await context.close();
  });
});
