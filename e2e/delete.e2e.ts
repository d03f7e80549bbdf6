import type { Browser } from 'playwright-core';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { arrangeContact, uniqueName } from './support/contacts';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe.each(USERS)('deleting a contact %s', (_how, userOn) => {
  test('when the deletion is confirmed, then the contact is gone and the page says Connect deletes it in Salesforce', async () => {
    const lastname = uniqueName('Leaving');
    const card = await arrangeContact({ firstname: 'Noor', lastname });
    const { context, page } = await signedInPage(browser, card);
    const user = userOn(page);

    await user.follow(page.getByRole('link', { name: 'Delete…' }));
    expect(page.url()).toMatch(/\/delete$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Delete Noor ${lastname}?`,
    );
    expect(await page.locator('main').textContent()).toContain(
      'Heroku Connect then sends the delete to Salesforce',
    );
    await user.follow(page.getByRole('button', { name: 'Delete contact' }));
    expect(pathOf(page)).toBe('/contacts');

    expect(await page.getByRole('status').first().textContent()).toContain('Deleted');
    const gone = await page.goto(card);
    expect(gone?.status()).toBe(404);
    await page.goto(`/contacts?q=${lastname}`);
    expect(await page.locator('.empty').textContent()).toContain('No contacts match.');
    await context.close();
  });
});
