import type { Browser } from 'playwright-core';
import { launchChromium, signedInPage } from './support/browser';
import { arrangeContact, arrangeSyncedContact, uniqueName } from './support/contacts';
import { cardBadge, reloadUntilBadge } from './support/sync';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe.each(USERS)('a contact card %s', (_how, userOn) => {
  test('when a contact is found in the list and opened, then its card shows it', async () => {
    const lastname = uniqueName('Cardholder');
    await arrangeContact({ firstname: 'Iris', lastname, title: 'Harbour pilot' });
    const { context, page } = await signedInPage(browser, `/contacts?q=${lastname}`);
    const user = userOn(page);

    await user.follow(page.getByRole('link', { name: `Iris ${lastname}` }));
    expect(page.url()).toMatch(/\/contacts\/\w+$/);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Iris ${lastname}`);
    expect(await page.getByLabel('Title').inputValue()).toBe('Harbour pilot');
    await context.close();
  });

  test('when an edit has an invalid email, then the field says why; once corrected, then the saved value and the sync badge show', async () => {
    const lastname = uniqueName('Editwell');
    const card = await arrangeSyncedContact({ firstname: 'Otto', lastname });
    // Each run's own address: another contact's would be warned about as a likely duplicate.
    const otto = `otto.${lastname.toLowerCase()}@example.com`;
    const { context, page } = await signedInPage(browser, card);
    const user = userOn(page);
    const email = page.getByLabel('Email');

    await user.fillIn(email, 'otto at example');
    await user.follow(page.getByRole('button', { name: 'Save changes' }));
    const summary = page.getByRole('alert');

    expect(await summary.textContent()).toContain('Nothing was saved.');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await email.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy ?? 'missing'}`).textContent()).toBe(
      'Enter an email address like name@example.com.',
    );
    expect(await email.inputValue()).toBe('otto at example');

    await user.fillIn(email, otto);
    await user.follow(page.getByRole('button', { name: 'Save changes' }));

    expect(await page.getByRole('status').textContent()).toContain('Saved');
    expect(await email.inputValue()).toBe(otto);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    expect(await cardBadge(page).textContent()).toMatch(/^(PENDING|UPDATED)$/);
    await reloadUntilBadge(page, 'UPDATED');
    expect(await email.inputValue()).toBe(otto);
    await context.close();
  });
});
