import type { Browser, Page } from 'playwright-core';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { arrangeSyncedContact, uniqueName } from './support/contacts';
import { cardBadge, reloadUntil, reloadUntilBadge } from './support/sync';
import { USERS, type User } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

async function saveEmail(page: Page, user: User, email: string) {
  await user.fillIn(page.getByLabel('Email'), email);
  await user.follow(page.getByRole('button', { name: 'Save changes' }));
  expect(await page.getByRole('status').textContent()).toContain('Saved');
}

describe.each(USERS)('retrying a failed write %s', (_how, userOn) => {
  test('when Salesforce rejects an email, then the failure shows; once fixed and retried, then the write succeeds', async () => {
    const lastname = uniqueName('Bounceback');
    const card = await arrangeSyncedContact({ firstname: 'Ada', lastname });
    const { context, page } = await signedInPage(browser, card);
    const user = userOn(page);

    await saveEmail(page, user, 'x@invalid.example');
    await reloadUntilBadge(page, 'FAILED');

    expect(await page.getByRole('alert').textContent()).toContain('INVALID_EMAIL_ADDRESS');
    await user.follow(page.getByRole('link', { name: 'Failed writes' }));
    expect(pathOf(page)).toBe('/sync/failed');
    const failedRow = page.getByRole('row', { name: new RegExp(`Ada ${lastname}`) });
    expect(await failedRow.textContent()).toContain('invalid email address: x@invalid.example');

    await user.follow(failedRow.getByRole('link', { name: `Ada ${lastname}` }));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Ada ${lastname}`);
    // Each run's own address: another contact's would be warned about as a likely duplicate.
    await saveEmail(page, user, `${lastname.toLowerCase()}@example.com`);
    const cardUrl = page.url();
    await user.follow(page.getByRole('button', { name: /^Retry/ }));
    expect(page.url()).toBe(cardUrl);
    await reloadUntil(page, 'no failed writes', async () => {
      const history = await page.locator('.sync-history').textContent();
      return (await cardBadge(page).textContent()) === 'UPDATED' && !history?.includes('FAILED');
    });

    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    await user.follow(page.getByRole('link', { name: 'Failed writes' }));
    expect(pathOf(page)).toBe('/sync/failed');
    expect(await page.locator('main').textContent()).not.toContain(lastname);
    await context.close();
  });
});
