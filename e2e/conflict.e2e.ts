import type { Browser, Page } from 'playwright-core';
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

/** A colleague's save through their own card, as another person in another browser. */
async function colleagueSaves(page: Page, changes: Record<string, string>) {
  for (const [label, value] of Object.entries(changes)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').waitFor();
}

describe.each(USERS)('saving a card someone else changed %s', (_how, userOn) => {
  test('when the colleague changed another field, then my save merges and says their change was kept', async () => {
    const card = await arrangeSyncedContact({
      lastname: uniqueName('Merge'),
      title: 'Surveyor',
      department: 'Field',
    });
    const colleague = await signedInPage(browser, card);
    const mine = await signedInPage(browser, card);
    const user = userOn(mine.page);

    await colleagueSaves(colleague.page, { Department: 'Cartography' });
    await user.fillIn(mine.page.getByLabel('Title'), 'Lead surveyor');
    await user.follow(mine.page.getByRole('button', { name: 'Save changes' }));

    expect(await mine.page.getByRole('status').textContent()).toBe(
      'Saved; syncing to Salesforce. What others changed meanwhile was kept: Department.',
    );
    expect(await mine.page.getByLabel('Title').inputValue()).toBe('Lead surveyor');
    expect(await mine.page.getByLabel('Department').inputValue()).toBe('Cartography');
    await colleague.context.close();
    await mine.context.close();
  });

  test('when we both changed Title, then only Title is offered, and using mine keeps their Department', async () => {
    const card = await arrangeSyncedContact({
      lastname: uniqueName('Twofold'),
      title: 'Surveyor',
      department: 'Field',
    });
    const colleague = await signedInPage(browser, card);
    const mine = await signedInPage(browser, card);
    const user = userOn(mine.page);

    await colleagueSaves(colleague.page, { Title: 'Chief surveyor', Department: 'Cartography' });
    await user.fillIn(mine.page.getByLabel('Title'), 'Lead surveyor');
    const answer = mine.page.waitForResponse((response) => response.request().method() === 'POST');
    await user.follow(mine.page.getByRole('button', { name: 'Save changes' }));

    expect((await answer).status()).toBe(409);
    expect(await mine.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Someone changed this contact while you were editing',
    );
    const groups = mine.page.getByRole('group');
    expect(await groups.locator('legend').allTextContents()).toEqual(['Title']);
    const title = mine.page.getByRole('group', { name: 'Title' });
    expect(await title.locator('.value').allTextContents()).toEqual([
      'Lead surveyor',
      'Chief surveyor',
      'Surveyor',
    ]);

    await user.choose(title.getByRole('radio', { name: 'Use yours' }));
    await user.follow(mine.page.getByRole('button', { name: 'Save my choices' }));

    expect(await mine.page.getByRole('status').textContent()).toContain('Saved');
    expect(await mine.page.getByLabel('Title').inputValue()).toBe('Lead surveyor');
    expect(await mine.page.getByLabel('Department').inputValue()).toBe('Cartography');
    await colleague.page.reload();
    expect(await colleague.page.getByLabel('Title').inputValue()).toBe('Lead surveyor');
    await colleague.context.close();
    await mine.context.close();
  });
});
