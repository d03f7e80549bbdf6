import type { Browser } from 'playwright-core';
import { launchChromium, signedInPage } from './support/browser';
import { arrangeSyncedContact, uniqueName } from './support/contacts';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe.each(USERS)('an edit conflict %s', (_how, userOn) => {
  test('when someone else saved the contact first, then both values show and mine can be re-applied', async () => {
    const lastname = uniqueName('Twofold');
    const card = await arrangeSyncedContact({ lastname, title: 'Surveyor' });
    const colleague = await signedInPage(browser, card);
    const mine = await signedInPage(browser, card);
    const user = userOn(mine.page);

    await colleague.page.getByLabel('Title').fill('Chief surveyor');
    await colleague.page.getByRole('button', { name: 'Save changes' }).click();
    await colleague.page.getByRole('status').waitFor();
    await user.fillIn(mine.page.getByLabel('Title'), 'Lead surveyor');
    const answer = mine.page.waitForResponse((response) => response.request().method() === 'POST');
    await user.follow(mine.page.getByRole('button', { name: 'Save changes' }));

    expect((await answer).status()).toBe(409);
    expect(await mine.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Someone changed this contact while you were editing',
    );
    const titleRow = mine.page.getByRole('row', { name: /^Title/ });
    expect(await titleRow.getByRole('cell').allTextContents()).toEqual([
      'Lead surveyor',
      'Chief surveyor',
    ]);
    expect(await titleRow.textContent()).toContain('differs');

    await user.follow(
      mine.page.getByRole('button', { name: 'Save my values over the current ones' }),
    );

    expect(await mine.page.getByRole('status').textContent()).toContain('Saved');
    expect(await mine.page.getByLabel('Title').inputValue()).toBe('Lead surveyor');
    await colleague.page.reload();
    expect(await colleague.page.getByLabel('Title').inputValue()).toBe('Lead surveyor');
    await colleague.context.close();
    await mine.context.close();
  });
});
