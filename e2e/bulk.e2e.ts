import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from './support/axe';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { arrangeContact, uniqueName } from './support/contacts';
import { definitionOf } from './support/definitionList';
import { waitUntil } from './support/processGroup';
import { USERS, type User } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

// The emulator sends a write about 2 s after it is made; leave room for a busy machine.
const SYNC_TIMEOUT_MS = 30_000;

/** Contacts of one new family, and a signed-in list page that has searched for them. */
async function searchedFamily(prefix: string, firstnames: string[], userOn: (p: Page) => User) {
  const family = uniqueName(prefix);
  const cards: string[] = [];
  for (const firstname of firstnames)
    cards.push(await arrangeContact({ firstname, lastname: family }));
  const { context, page } = await signedInPage(browser);
  const user = userOn(page);
  await user.fillIn(page.getByLabel('Search name, email, phone or title'), family);
  await user.follow(page.getByRole('button', { name: 'Search' }));
  return { family, cards, context, page, user };
}

const progress = (page: Page, term: string) =>
  definitionOf(page.locator('#batch-progress'), term).textContent();

describe.each(USERS)('working on many contacts %s', (_how, userOn) => {
  test('when two of three are chosen and their Department is set, then the batch page follows them to Salesforce', async () => {
    const { family, cards, context, page, user } = await searchedFamily(
      'Bulkmore',
      ['Alma', 'Bruno', 'Cleo'],
      userOn,
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    await user.choose(page.getByRole('checkbox', { name: new RegExp(`Alma\\W*${family}`) }));
    await user.choose(page.getByRole('checkbox', { name: new RegExp(`Cleo\\W*${family}`) }));
    await user.follow(page.getByRole('button', { name: 'Edit selected' }));

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Edit 2 contacts');
    expect(await accessibilityViolations(page)).toEqual([]);
    await user.choose(page.getByLabel('Change Department'));
    await user.fillIn(page.getByLabel('Department', { exact: true }), 'Field Research');
    await user.follow(page.getByRole('button', { name: 'Edit 2 contacts' }));

    expect(pathOf(page)).toMatch(/^\/sync\/batches\/[0-9a-f-]{36}$/);
    expect(await page.locator('main').textContent()).toContain('Field Research');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The page's own script polls and reloads; a person only watches.
    const synced = await waitUntil(
      async () => (await progress(page, 'In Salesforce').catch(() => null)) === '2',
      SYNC_TIMEOUT_MS,
      300,
    );
    expect(synced).toBe(true);
    expect(await progress(page, 'Failed')).toBe('0');
    expect(await page.locator('main').textContent()).toContain('Every written row has been sent.');

    await page.goto(cards[1] ?? '');
    expect(await page.locator('main').textContent()).not.toContain('Field Research');
    await context.close();
  });

  test('when all that match are deleted, then the confirmation names how many and the batch page counts them', async () => {
    const { family, context, page, user } = await searchedFamily(
      'Bulkless',
      ['Dara', 'Eli'],
      userOn,
    );

    await user.follow(page.getByRole('button', { name: 'Delete all 2' }));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Delete 2 contacts?');
    expect(await page.locator('main').textContent()).toContain(`Dara ${family}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await user.follow(page.getByRole('button', { name: /^Delete 2 contacts/ }));

    expect(pathOf(page)).toMatch(/^\/sync\/batches\/[0-9a-f-]{36}$/);
    expect(await page.locator('main').textContent()).toContain('Deleted 2 contacts');
    await page.goto(`/contacts?q=${family}`);
    expect(await page.locator('.empty').textContent()).toContain('No contacts match.');
    await context.close();
  });
});
