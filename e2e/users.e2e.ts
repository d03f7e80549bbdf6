import type { Browser } from 'playwright-core';
import { accessibilityViolations } from './support/axe';
import { launchChromium, pathOf } from './support/browser';
import { asSampleUser, sampleUser } from './support/salesforce';
import { mouseUser } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

test('when the admin signs the viewer out everywhere on Users, then the viewer’s next page is the sign-in page', async () => {
  const vera = sampleUser('viewer');
  // The viewer outermost: while this test holds them, no other test is signed in as them.
  await asSampleUser(browser, 'viewer', async (viewer) => {
    await asSampleUser(browser, 'admin', async ({ page }) => {
      const user = mouseUser(page);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await user.follow(nav.getByRole('link', { name: 'Users' }));
      expect(pathOf(page)).toBe('/users');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Signed-in users');
      expect(await accessibilityViolations(page)).toEqual([]);

      const row = page.getByRole('row', { name: new RegExp(vera.name) });
      expect(await row.getByRole('cell').first().textContent()).toBe(vera.preferredUsername);
      await user.follow(row.getByRole('button', { name: /^Sign out everywhere/ }));
      expect(pathOf(page)).toBe('/users');
      expect(await page.getByRole('status').textContent()).toContain(
        `\u2068${vera.name}\u2069 is signed out on every browser.`,
      );
    });

    expect(pathOf(viewer.page)).toBe('/contacts');
    await viewer.page.reload();
    expect(pathOf(viewer.page)).toBe('/signin?next=%2Fcontacts');
  });
});
