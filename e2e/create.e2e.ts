import type { Browser } from 'playwright-core';
import { accessibilityViolations } from './support/axe';
import { launchChromium, pathOf, signedInPage } from './support/browser';
import { arrangeSyncedContact, uniqueName } from './support/contacts';
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
    // Unique, as every run of this test creates one: a shared email would warn of a duplicate.
    await user.fillIn(page.getByLabel('Email'), `${lastname.toLowerCase()}@example.com`);
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

  test('when a new contact has the email of one that exists, then a warning links to it, and Save anyway creates it', async () => {
    const lastname = uniqueName('Twinning');
    const email = `${lastname.toLowerCase()}@example.com`;
    // Synced first, so its link (at its sfid) is the one the warning shows.
    const existing = await arrangeSyncedContact({ firstname: 'Ivy', lastname, email });
    const { context, page } = await signedInPage(browser, '/contacts/new');
    const user = userOn(page);

    await user.fillIn(page.getByLabel('First name'), 'Ivo');
    await user.fillIn(page.getByLabel('Last name'), `${lastname}son`);
    await user.fillIn(page.getByLabel('Email'), email.toUpperCase());
    await user.follow(page.getByRole('button', { name: 'Create contact' }));

    const warning = page.locator('#duplicates');
    expect(await warning.getByRole('heading').textContent()).toBe('This contact may already exist');
    const twin = warning.getByRole('link', { name: `Ivy ${lastname}` });
    expect(await twin.getAttribute('href')).toBe(existing);
    expect(await twin.getAttribute('target')).toBeNull();
    expect(await page.getByLabel('Last name').inputValue()).toBe(`${lastname}son`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await user.choose(page.getByLabel('Save anyway: this is a different person'));
    await user.follow(page.getByRole('button', { name: 'Create contact' }));

    expect(page.url()).toMatch(/\/contacts\/[0-9a-f]{32}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Ivo ${lastname}son`);
    await context.close();
  });
});

describe('creating a contact on a slow network', () => {
  test('when "Create contact" is clicked again while the first answer is slow, then one contact is created', async () => {
    const lastname = uniqueName('Twiceover');
    const { context, page } = await signedInPage(browser, '/contacts/new');
    await page.getByLabel('Last name').fill(lastname);
    // The app gets the first post at once; its answer is held back, as on a slow network, until
    // the impatient second click has sent the form again.
    let firstAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswered = resolve));
    let secondSent!: () => void;
    const resent = new Promise<void>((resolve) => (secondSent = resolve));
    let posts = 0;
    await page.route('**/contacts', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts > 1) {
        secondSent();
        return route.continue();
      }
      const answer = await route.fetch({ maxRedirects: 0 });
      firstAnswered();
      await resent;
      // The browser has given up on this answer for the second one.
      await route.fulfill({ response: answer }).catch(() => undefined);
    });
    // The mouse itself: a locator would wait for the first click's page, which never arrives.
    const create = page.getByRole('button', { name: 'Create contact' });
    await create.scrollIntoViewIfNeeded();
    const button = await create.boundingBox();
    if (!button) throw new Error('the form has no Create contact button on screen');
    const clickCreate = () =>
      page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);

    await clickCreate();
    await answered;
    await clickCreate();
    // A locator, not waitForURL: that can report the first, abandoned navigation's abort.
    await page
      .getByRole('status')
      .filter({ hasText: 'This form was already sent, so no second contact was created.' })
      .waitFor();

    expect(posts).toBe(2);
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f]{32}$/);
    await page.goto(`/contacts?q=${lastname}`);
    expect(await page.locator('#match-count').textContent()).toContain(
      `1 contact matching “${lastname}”`,
    );
    await context.close();
  });
});
