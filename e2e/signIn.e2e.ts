import type { Browser } from 'playwright-core';
import { appPassword, freshPage, launchChromium, pathOf } from './support/browser';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe.each(USERS)('signing in %s', (_how, userOn) => {
  test('when the password is wrong, then the form says so; with the right one, then the contacts open', async () => {
    const { context, page } = await freshPage(browser, '/contacts');
    const user = userOn(page);
    const password = page.locator('#password');
    const signIn = page.getByRole('button', { name: 'Sign in' });

    await page.waitForURL(/\/signin\?next=%2Fcontacts$/);
    await user.fillIn(password, 'not the password');
    await user.follow(signIn);
    const error = page.getByRole('alert');

    expect(await error.textContent()).toContain('That password is not correct.');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));

    await user.fillIn(password, appPassword());
    await user.follow(signIn);
    expect(pathOf(page)).toBe('/contacts');

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await context.close();
  });
});
