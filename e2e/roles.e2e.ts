import type { Browser, Page } from 'playwright-core';
import { launchChromium, pathOf } from './support/browser';
import { arrangeSyncedContact, uniqueName } from './support/contacts';
import { definitionOf } from './support/definitionList';
import { asSampleUser } from './support/salesforce';
import { mouseUser } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

function changedHere(page: Page) {
  return page.getByRole('region', { name: 'Changed in Contact Card' });
}

/** A value on a read-only card, by its label. */
function detail(page: Page, label: string) {
  return definitionOf(page.locator('dl.details'), label);
}

/**
 * Posts a form the page never offered, as a script or a hand-made page in the same browser
 * could: with the session's CSRF token, read from the header's sign-out form. Resolves to the
 * status of the answer, once the page it rendered has loaded.
 */
async function forgePost(page: Page, action: string, fields: Record<string, string>) {
  const csrf = await page.locator('form[action="/signout"] input[name="_csrf"]').inputValue();
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname === action,
  );
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.evaluate(
    ({ to, values }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = to;
      for (const [name, value] of Object.entries(values)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { to: action, values: { _csrf: csrf, ...fields } },
  );
  const status = (await answered).status();
  await navigated;
  await page.waitForLoadState();
  return status;
}

test('when the sample editor changes a Title on the card, then "Changed in Contact Card" names the editor and the field', async () => {
  const lastname = uniqueName('Rolecall');
  const card = await arrangeSyncedContact({ firstname: 'Edda', lastname, title: 'Harbour pilot' });
  await asSampleUser(
    browser,
    'editor',
    async ({ page }) => {
      const user = mouseUser(page);
      expect(pathOf(page)).toBe(card);

      await user.fillIn(page.getByLabel('Title'), 'Harbour master');
      await user.follow(page.getByRole('button', { name: 'Save changes' }));

      expect(await page.getByRole('status').textContent()).toContain('Saved');
      expect(await page.getByLabel('Title').inputValue()).toBe('Harbour master');
      const newest = changedHere(page).getByRole('row').nth(1);
      expect(await newest.getByRole('cell').allTextContents()).toEqual([
        'Eddie Editor',
        'Edited',
        'Title',
      ]);
    },
    { path: card },
  );
});

test('when the sample viewer opens the list and a card with a failed write, then nothing offers a change: no New contact, inputs, Save, Delete or Retry', async () => {
  const lastname = uniqueName('Readonly');
  await arrangeSyncedContact(
    { firstname: 'Vik', lastname, title: 'Lock keeper', email: 'vik@invalid.example' },
    'FAILED',
  );
  await asSampleUser(
    browser,
    'viewer',
    async ({ page }) => {
      const user = mouseUser(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts');
      expect(await page.getByRole('link', { name: 'New contact' }).count()).toBe(0);

      await user.follow(page.getByRole('link', { name: `Vik ${lastname}` }));

      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Vik ${lastname}`);
      expect(await page.getByRole('alert').textContent()).toContain('INVALID_EMAIL_ADDRESS');
      expect(await detail(page, 'Title').textContent()).toBe('Lock keeper');
      expect(await page.locator('main').locator('input, textarea, select').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /^Delete/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    },
    { path: `/contacts?q=${lastname}` },
  );
});

test('when the sample viewer forges an edit and a delete from their own page, then each gets a 403 page and the contact is unchanged', async () => {
  const lastname = uniqueName('Forgery');
  const card = await arrangeSyncedContact({ firstname: 'Fen', lastname, title: 'Ferryman' });
  await asSampleUser(
    browser,
    'viewer',
    async ({ page }) => {
      const edited = await forgePost(page, card, { title: 'Forged title' });
      const editRefusal = await page.locator('main').textContent();
      await page.goto(card);
      const deleted = await forgePost(page, `${card}/delete`, {});
      const deleteRefusal = await page.locator('main').textContent();
      await page.goto(card);

      expect(edited).toBe(403);
      expect(editRefusal).toContain('Your role (viewer) cannot do this: it needs the editor role.');
      expect(deleted).toBe(403);
      expect(deleteRefusal).toContain('Your role (viewer) cannot do this');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Fen ${lastname}`);
      expect(await detail(page, 'Title').textContent()).toBe('Ferryman');
      expect(await changedHere(page).textContent()).not.toContain('Vera Viewer');
    },
    { path: card },
  );
});
