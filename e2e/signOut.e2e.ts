import type { Browser } from 'playwright-core';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe.each(USERS)('signing out %s', (_how, userOn) => {
  test('when signing out, then the sign-in page says so and the contacts need signing in again', async () => {
    const { context, page } = await signedInPage(browser);
    const user = userOn(page);

    await user.follow(page.getByRole('button', { name: 'Sign out' }));
    expect(pathOf(page)).toBe('/signin');

    expect(await page.getByRole('status').textContent()).toContain('You are signed out.');
    await page.goto('/contacts');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await context.close();
  });
});
