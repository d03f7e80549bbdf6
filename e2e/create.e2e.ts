import type { Browser } from 'playwright-core';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { uniqueName } from './support/contacts';
import { cardBadge, reloadUntilBadge } from './support/sync';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe.each(USERS)('creating a contact %s', (_how, userOn) => {
  test('when a new contact is saved, then its card shows it pending, then inserted with an sfid', async () => {
    const lastname = uniqueName('Newcomb');
    const { context, page } = await signedInPage(browser);
    const user = userOn(page);

    await user.follow(page.getByRole('link', { name: 'New contact' }));
    expect(pathOf(page)).toBe('/contacts/new');
    await user.fillIn(page.getByLabel('First name'), 'Wren');
    await user.fillIn(page.getByLabel('Last name'), lastname);
    await user.fillIn(page.getByLabel('Email'), 'wren@example.com');
    await user.follow(page.getByRole('button', { name: 'Create contact' }));
    expect(page.url()).toMatch(/\/contacts\/[0-9a-f]{32}$/);
    const pendingUrl = page.url();

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Wren ${lastname}`);
    expect(await page.locator('.sync-line').textContent()).toContain('Pending sync');
    expect(await cardBadge(page).textContent()).toBe('PENDING');
    expect(await page.locator('.identifiers').textContent()).toContain('Not yet assigned');

    await reloadUntilBadge(page, 'INSERTED');

    expect(page.url()).toMatch(/\/contacts\/003\w{15}$/);
    expect(await page.locator('.identifiers').textContent()).toMatch(/Salesforce ID\s*003\w{15}/);
    expect(await page.locator('.sync-line').textContent()).not.toContain('Pending sync');
    await page.goto(pendingUrl);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Wren ${lastname}`);
    await context.close();
  });
});
