import type { Browser, Page } from 'playwright-core';
import { freshPage, launchChromium, pathOf, shownStatus } from './support/browser';
import { asSampleUser, sampleUser, type SampleUserKey } from './support/salesforce';
import { keyboardUser, mouseUser, type User } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

test('when the sign-in page opens, then it offers both Sign in with Salesforce and the development password', async () => {
  const { context, page } = await freshPage(browser, '/contacts/new');
  await page.waitForURL((url) => url.pathname === '/signin');

  const salesforce = page.getByRole('link', { name: 'Sign in with Salesforce' });
  expect(await salesforce.getAttribute('href')).toBe('/auth/salesforce?next=%2Fcontacts%2Fnew');
  expect(await page.locator('main').textContent()).toContain('Salesforce login emulator');
  expect(await page.getByLabel('Password').isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
  await context.close();
});

interface Admitted {
  key: SampleUserKey;
  role: string;
  administers: boolean;
  how: string;
  userOn: (page: Page) => User;
}

// Some by keyboard, some with a mouse.
const ADMITTED: Admitted[] = [
  { key: 'admin', role: 'admin', administers: true, how: 'keyboard only', userOn: keyboardUser },
  { key: 'editor', role: 'editor', administers: false, how: 'with a mouse', userOn: mouseUser },
  { key: 'viewer', role: 'viewer', administers: false, how: 'keyboard only', userOn: keyboardUser },
  // No Contact Card permission: the app's DEFAULT_ROLE, viewer unless set.
  { key: 'nobody', role: 'viewer', administers: false, how: 'with a mouse', userOn: mouseUser },
];

test.each(ADMITTED)(
  'when the sample user "$key" signs in through Salesforce $how, then the contacts say who they are and their role ($role); after signing out, then the contacts need signing in again',
  async ({ key, role, administers, userOn }) => {
    const { name } = sampleUser(key);
    await asSampleUser(
      browser,
      key,
      async ({ page }) => {
        const user = userOn(page);
        expect(pathOf(page)).toBe('/contacts');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts');
        expect(await mainNav(page).locator('.signed-in-as').textContent()).toBe(
          `Signed in as ${name} (${role})`,
        );
        const adminLinks = administers ? 1 : 0;
        expect(await mainNav(page).getByRole('link', { name: 'Audit' }).count()).toBe(adminLinks);
        expect(await mainNav(page).getByRole('link', { name: 'Users' }).count()).toBe(adminLinks);

        await user.follow(page.getByRole('button', { name: 'Sign out' }));
        expect(pathOf(page)).toBe('/signin');
        expect(await page.getByRole('status').textContent()).toContain('You are signed out.');
        await page.goto('/contacts');
        expect(pathOf(page)).toBe('/signin?next=%2Fcontacts');
      },
      { userOn },
    );
  },
);

test('when a user of another org signs in through Salesforce, then a 403 page names the org and they are not signed in', async () => {
  const otto = sampleUser('other-org');
  await asSampleUser(browser, 'other-org', async ({ page }) => {
    const main = page.locator('main');

    expect(await shownStatus(page)).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Wrong Salesforce org',
    );
    expect(await main.textContent()).toContain(
      `You signed in to Salesforce as \u2068${otto.preferredUsername}\u2069, a user of org ${otto.organizationId}.`,
    );
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.goto('/contacts');
    expect(pathOf(page)).toBe('/signin?next=%2Fcontacts');
  });
});
